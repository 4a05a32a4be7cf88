/**
 * The event log written by the mutations forms an intact hash chain (lib/event-chain.ts), and
 * tampering with a stored row is detected at that row.
 */
import { asc } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventHash, firstBrokenLink, GENESIS_HASH } from "@/lib/event-chain";
import { reviewSchema } from "@/lib/review-input";
import type { Db } from "../client";
import { events, sampleUnits } from "../schema";
import { importCsv, openTestDb, validAuditForm } from "../testing";
import { createAudit, recordStabilityResult } from "./audits";
import { saveReview } from "./reviews";
import { drawAuditSample } from "./sample";
import { createShareLink, revokeShareLink } from "./share-links";
import { createUser, updateUserRoles } from "./users";

let db: Db;
let close: () => void;

const chain = () => db.select().from(events).orderBy(asc(events.id)).all();

beforeAll(async () => {
  ({ db, close } = openTestDb("events"));

  // One of every kind of state change, through the app's own mutations.
  const adminId = await createUser(db, { email: "admin@test.example", name: "Admin", password: "admin-test-password", roles: ["admin"], actorId: null });
  const operatorId = await createUser(db, { email: "op@test.example", name: "Op", password: "operator-test-pass", roles: ["reviewer"], actorId: adminId });
  updateUserRoles(db, { userId: operatorId, roles: ["operator", "reviewer"], actorId: adminId });
  const auditId = createAudit(db, validAuditForm({ riskTier: "3", sotExpectedResult: "1" }), operatorId).id;
  recordStabilityResult(db, auditId, "0", operatorId);
  recordStabilityResult(db, auditId, "1", operatorId);
  const csv = "unit_key,execution_status\n" + Array.from({ length: 30 }, (_, i) => `k${i},${i === 4 ? "UNKNOWN" : "SUCCEEDED"}`).join("\n");
  await importCsv(db, { auditId, actorId: operatorId, csv });
  drawAuditSample(db, { auditId, actorId: operatorId, seed: "0f0e0d0c0b0a09080706050403020100" });
  const [su] = db.select().from(sampleUnits).all();
  saveReview(db, reviewSchema.parse({ sampleUnitId: su.id, finding: "PASS" }), operatorId);
  saveReview(db, reviewSchema.parse({ sampleUnitId: su.id, finding: "FAIL", remediationOwner: "x" }), operatorId);
  const link = createShareLink(db, { auditId, actorId: operatorId, expiresInDays: 7, label: "auditors" });
  expect(link.token).toBeTruthy();
  const linkId = (db.$client.prepare("SELECT max(id) AS id FROM share_links").get() as { id: number }).id;
  revokeShareLink(db, { auditId, shareLinkId: linkId, actorId: operatorId });
});

afterAll(() => close());

describe("event log hash chain", () => {
  it("is intact over all rows in id order", () => {
    const rows = chain();
    expect(rows.map((r) => r.type)).toEqual([
      "user.created",
      "user.created",
      "user.roles_changed",
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
  });

  it.each([0, 5, 11])("detects a tampered payload at row index %i", (index) => {
    const rows = chain();
    const target = rows[index];
    db.$client.prepare("UPDATE events SET payload = ? WHERE id = ?").run(JSON.stringify({ tampered: true }), target.id);
    try {
      expect(firstBrokenLink(chain())).toBe(index);
    } finally {
      db.$client.prepare("UPDATE events SET payload = ? WHERE id = ?").run(target.payload, target.id);
    }
    expect(firstBrokenLink(chain())).toBe(-1);
  });

  it("detects other edits: type, actor, timestamp, a re-hashed row, a deleted row", () => {
    const rows = chain();
    const restore = (r: (typeof rows)[number]) =>
      db.$client.prepare("UPDATE events SET type = ?, actor_id = ?, created_at = ?, hash = ?, payload = ? WHERE id = ?").run(r.type, r.actorId, r.createdAt, r.hash, r.payload, r.id);

    db.$client.prepare("UPDATE events SET type = 'review.deleted' WHERE id = ?").run(rows[8].id);
    expect(firstBrokenLink(chain())).toBe(8);
    restore(rows[8]);

    db.$client.prepare("UPDATE events SET actor_id = NULL WHERE id = ?").run(rows[3].id);
    expect(firstBrokenLink(chain())).toBe(3);
    restore(rows[3]);

    db.$client.prepare("UPDATE events SET created_at = '2000-01-01T00:00:00.000Z' WHERE id = ?").run(rows[7].id);
    expect(firstBrokenLink(chain())).toBe(7);
    restore(rows[7]);

    // Rewriting a row AND recomputing its own hash still breaks the link from the next row.
    const forged = { ...rows[6], payload: JSON.stringify({ forged: true }) };
    db.$client.prepare("UPDATE events SET payload = ?, hash = ? WHERE id = ?").run(forged.payload, eventHash(forged.prevHash, forged), forged.id);
    expect(firstBrokenLink(chain())).toBe(7);
    restore(rows[6]);
    expect(firstBrokenLink(chain())).toBe(-1);

    // Deleting a row breaks the link at the row after it.
    db.$client.prepare("DELETE FROM events WHERE id = ?").run(rows[9].id);
    expect(firstBrokenLink(chain())).toBe(9);
  });
});
