/**
 * The event log written by the mutations forms an intact hash chain (lib/event-chain.ts),
 * tampering with a stored row is detected at that row, and concurrent appends (from one handle or,
 * on PostgreSQL, from two handles as two app instances would) never fork the chain.
 */
import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventHash, firstBrokenLink, GENESIS_HASH } from "@/lib/event-chain";
import { reviewSchema } from "@/lib/review-input";
import type { Db } from "../handle";
import { openDatabase } from "../open";
import { verifyEventChain } from "../queries/events";
import { importCsv, openTestDb, type TestDb, validAuditForm } from "../testing";
import { createAudit, recordStabilityResult } from "./audits";
import { saveReview } from "./reviews";
import { drawAuditSample } from "./sample";
import { createShareLink, revokeShareLink } from "./share-links";
import { createUser, updateUserRoles } from "./users";

let t: TestDb;
let db: Db;
let auditId: number;
let operatorId: number;

type Row = Awaited<ReturnType<typeof chain>>[number];
const chain = () => db.select().from(db.tables.events).orderBy(asc(db.tables.events.id));
/** Overwrites stored fields of one event row, as someone with write access to the database could. */
const tamper = (id: number, set: Partial<Row>) => db.transaction(async (tx) => void (await tx.update(tx.tables.events).set(set).where(eq(tx.tables.events.id, id))));
const restore = (r: Row) => tamper(r.id, { type: r.type, actorId: r.actorId, createdAt: r.createdAt, hash: r.hash, payload: r.payload });

beforeAll(async () => {
  t = await openTestDb("events");
  db = t.db;
  // One of every kind of state change, through the app's own mutations.
  const adminId = await createUser(db, { email: "admin@test.example", name: "Admin", password: "admin-test-password", roles: ["admin"], actorId: null });
  operatorId = await createUser(db, { email: "op@test.example", name: "Op", password: "operator-test-pass", roles: ["reviewer"], actorId: adminId });
  await updateUserRoles(db, { userId: operatorId, roles: ["operator", "reviewer"], actorId: adminId });
  auditId = (await createAudit(db, { input: validAuditForm({ riskTier: "3", sotExpectedResult: "1" }), actorId: operatorId })).id;
  await recordStabilityResult(db, { auditId, actualResult: "0", actorId: operatorId });
  await recordStabilityResult(db, { auditId, actualResult: "1", actorId: operatorId });
  const csv = "unit_key,execution_status\n" + Array.from({ length: 30 }, (_, i) => `k${i},${i === 4 ? "UNKNOWN" : "SUCCEEDED"}`).join("\n");
  await importCsv(db, { auditId, actorId: operatorId, csv });
  await drawAuditSample(db, { auditId, actorId: operatorId, seed: "0f0e0d0c0b0a09080706050403020100" });
  const [su] = await db.select().from(db.tables.sampleUnits).orderBy(asc(db.tables.sampleUnits.id));
  await saveReview(db, { review: reviewSchema.parse({ sampleUnitId: su.id, finding: "PASS" }), actorId: operatorId });
  await saveReview(db, { review: reviewSchema.parse({ sampleUnitId: su.id, finding: "FAIL", remediationOwner: "x" }), actorId: operatorId });
  const link = await createShareLink(db, { auditId, actorId: operatorId, expiresInDays: 7, label: "auditors" });
  expect(link.token).toBeTruthy();
  const linkId = (await db.select().from(db.tables.shareLinks)).at(-1)!.id;
  await revokeShareLink(db, { auditId, shareLinkId: linkId, actorId: operatorId });
});

afterAll(() => t.close());

describe("event log hash chain", () => {
  it("is intact over all rows in id order", async () => {
    const rows = await chain();
    expect(rows.map((r) => r.type)).toEqual([
      "user.created",
      "user.created",
      "user.roles_changed",
      "project.created",
      "audit.created",
      "audit.stability_recorded",
      "audit.stability_recorded",
      "population.imported",
      "sample.drawn",
      "review.saved",
      "review.saved",
      "share_link.created",
      "share_link.revoked",
    ]);
    expect(rows[0].prevHash).toBe(GENESIS_HASH);
    rows.slice(1).forEach((r, i) => expect(r.prevHash).toBe(rows[i].hash));
    expect(firstBrokenLink(rows)).toBe(-1);
    expect(await verifyEventChain(db)).toEqual({ entries: 13, firstBroken: null, headHash: rows[12].hash });
  });

  it.each([0, 5, 11])("detects a tampered payload at row index %i", async (index) => {
    const rows = await chain();
    const target = rows[index];
    await tamper(target.id, { payload: JSON.stringify({ tampered: true }) });
    try {
      expect(firstBrokenLink(await chain())).toBe(index);
      expect((await verifyEventChain(db)).firstBroken).toEqual({ index, id: target.id });
    } finally {
      await restore(target);
    }
    expect(firstBrokenLink(await chain())).toBe(-1);
  });

  it("detects other edits: type, actor, timestamp, a re-hashed row, a deleted row", async () => {
    const rows = await chain();

    await tamper(rows[8].id, { type: "review.deleted" });
    expect(firstBrokenLink(await chain())).toBe(8);
    await restore(rows[8]);

    await tamper(rows[3].id, { actorId: null });
    expect(firstBrokenLink(await chain())).toBe(3);
    await restore(rows[3]);

    await tamper(rows[7].id, { createdAt: "2000-01-01T00:00:00.000Z" });
    expect(firstBrokenLink(await chain())).toBe(7);
    await restore(rows[7]);

    // Rewriting a row AND recomputing its own hash still breaks the link from the next row.
    const forged = { ...rows[6], payload: JSON.stringify({ forged: true }) };
    await tamper(forged.id, { payload: forged.payload, hash: eventHash(forged.prevHash, forged) });
    expect(firstBrokenLink(await chain())).toBe(7);
    await restore(rows[6]);
    expect(firstBrokenLink(await chain())).toBe(-1);

    // Deleting a row breaks the link at the row after it.
    await db.transaction(async (tx) => void (await tx.delete(tx.tables.events).where(eq(tx.tables.events.id, rows[9].id))));
    expect(firstBrokenLink(await chain())).toBe(9);
    // Put it back (same id and values) so later tests start from an intact chain.
    await db.transaction(async (tx) => void (await tx.insert(tx.tables.events).values(rows[9])));
    expect(firstBrokenLink(await chain())).toBe(-1);
  });

  it("refuses a second entry after the same one: the chain cannot fork (unique prev_hash)", async () => {
    const rows = await chain();
    const head = rows.at(-1)!;
    const entry = { auditId: null, actorId: null, type: "user.created", payload: "{}", createdAt: new Date().toISOString() };
    const fork = { ...entry, prevHash: rows.at(-2)!.hash, hash: eventHash(rows.at(-2)!.hash, entry) };
    await expect(db.transaction(async (tx) => void (await tx.insert(tx.tables.events).values(fork)))).rejects.toThrow();
    expect((await chain()).at(-1)).toEqual(head);
  });

  it("concurrent appends never fork the chain, also from a second handle on the same database", async () => {
    const before = await verifyEventChain(db);
    // On PostgreSQL a second handle is a second connection pool, as a second app instance has.
    const second = t.url ? openDatabase({ url: t.url }) : db;
    try {
      const sampled = await db.select().from(db.tables.sampleUnits).orderBy(asc(db.tables.sampleUnits.id));
      const changes = [
        ...sampled.slice(1, 9).map((su, i) => saveReview(i % 2 ? second : db, { review: reviewSchema.parse({ sampleUnitId: su.id, finding: "PASS" }), actorId: operatorId })),
        ...Array.from({ length: 6 }, (_, i) => createShareLink(i % 2 ? second : db, { auditId, actorId: operatorId, expiresInDays: 1, label: `parallel ${i}` })),
        ...Array.from({ length: 6 }, (_, i) => createAudit(i % 2 ? second : db, { input: validAuditForm(), actorId: operatorId })),
      ];
      await Promise.all(changes);
      const after = await verifyEventChain(db);
      expect(after.firstBroken).toBeNull();
      expect(after.entries).toBe(before.entries + changes.length);
      const rows = await chain();
      expect(new Set(rows.map((r) => r.prevHash)).size).toBe(rows.length);
    } finally {
      if (second !== db) await second.close();
    }
  });
});
