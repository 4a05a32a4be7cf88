/**
 * Integration tests of share links (db/mutations/share-links.ts): only the token's SHA-256 is
 * stored, and a link can be revoked once.
 */
import { createHash } from "node:crypto";
import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/server/errors";
import { hashShareToken, shareLinkState } from "@/lib/share-token";
import type { Db } from "../handle";
import { createTestDb, rowCounts, type TestDb, validAuditForm } from "../testing";
import { createAudit } from "./audits";
import { createShareLink, revokeShareLink } from "./share-links";

let t: TestDb & { operatorId: number };
let db: Db;
let operatorId: number;
let auditId: number;
let otherAuditId: number;

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");
const counts = () => rowCounts(db, "share_links", "events");
const links = () => db.select().from(db.tables.shareLinks).orderBy(asc(db.tables.shareLinks.id));
const lastEvent = async () => (await db.select().from(db.tables.events).orderBy(asc(db.tables.events.id))).at(-1)!;
const link = async (id: number) => (await db.select().from(db.tables.shareLinks).where(eq(db.tables.shareLinks.id, id)))[0];
const allText = async () => JSON.stringify([await links(), await db.select().from(db.tables.events)]);

beforeAll(async () => {
  t = await createTestDb("share");
  ({ db, operatorId } = t);
  auditId = (await createAudit(db, { input: validAuditForm(), actorId: operatorId })).id;
  otherAuditId = (await createAudit(db, { input: validAuditForm(), actorId: operatorId })).id;
});

afterAll(() => t.close());

describe("createShareLink", () => {
  it("stores the SHA-256 of the returned token, never the token", async () => {
    const started = Date.now();
    const { token, expiresAt } = await createShareLink(db, { auditId, actorId: operatorId, expiresInDays: 14, label: "external auditor" });
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/); // 32 random bytes, base64url: 256 bits ≥ 128
    const row = (await links()).at(-1)!;
    expect(row.tokenHash).toBe(sha256(token));
    expect(row.tokenHash).toBe(hashShareToken(token));
    expect(row).toMatchObject({ auditId, label: "external auditor", revokedAt: null, createdBy: operatorId });
    expect(await allText()).not.toContain(token);
    // SQLite stores timestamps in whole seconds.
    expect(Math.abs(row.expiresAt.getTime() - (started + 14 * 86_400_000))).toBeLessThan(5_000);
    expect(Math.abs(expiresAt.getTime() - row.expiresAt.getTime())).toBeLessThan(1_000);
    expect(shareLinkState(row, new Date())).toBe("active");

    const event = await lastEvent();
    expect(event).toMatchObject({ auditId, actorId: operatorId, type: "share_link.created" });
    expect(JSON.parse(event.payload)).toEqual({ shareLinkId: row.id, expiresAt: expiresAt.toISOString() });
  });

  it("gives a different token every time", async () => {
    const a = await createShareLink(db, { auditId, actorId: operatorId, expiresInDays: 1, label: null });
    const b = await createShareLink(db, { auditId, actorId: operatorId, expiresInDays: 1, label: null });
    expect(a.token).not.toBe(b.token);
  });

  it("refuses an unknown audit and writes nothing", async () => {
    const before = await counts();
    await expect(createShareLink(db, { auditId: 777_777, actorId: operatorId, expiresInDays: 1, label: null })).rejects.toMatchObject({ code: "not_found" });
    expect(await counts()).toEqual(before);
  });
});

describe("revokeShareLink", () => {
  it("revokes once; revoking again throws and writes nothing", async () => {
    const { token } = await createShareLink(db, { auditId, actorId: operatorId, expiresInDays: 3, label: null });
    const [row] = await db.select().from(db.tables.shareLinks).where(eq(db.tables.shareLinks.tokenHash, sha256(token)));

    await revokeShareLink(db, { auditId, shareLinkId: row.id, actorId: operatorId });
    const revoked = await link(row.id);
    expect(revoked.revokedAt).toBeInstanceOf(Date);
    expect(shareLinkState(revoked, new Date())).toBe("revoked");
    const event = await lastEvent();
    expect(event).toMatchObject({ auditId, actorId: operatorId, type: "share_link.revoked" });
    expect(JSON.parse(event.payload)).toEqual({ shareLinkId: row.id });

    const before = await counts();
    await expect(revokeShareLink(db, { auditId, shareLinkId: row.id, actorId: operatorId })).rejects.toThrow(AppError);
    await expect(revokeShareLink(db, { auditId, shareLinkId: row.id, actorId: operatorId })).rejects.toThrow(/already revoked/);
    expect(await counts()).toEqual(before);
    expect(await link(row.id)).toEqual(revoked);
  });

  it("two revocations at once: one revokes, the other is refused, one event", async () => {
    await createShareLink(db, { auditId, actorId: operatorId, expiresInDays: 3, label: "race" });
    const row = (await links()).at(-1)!;
    const before = await counts();
    const outcomes = await Promise.allSettled([1, 2, 3].map(() => revokeShareLink(db, { auditId, shareLinkId: row.id, actorId: operatorId })));
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    expect(await counts()).toEqual({ share_links: before.share_links, events: before.events + 1 });
  });

  it("refuses a link of another audit, and an unknown link", async () => {
    await createShareLink(db, { auditId, actorId: operatorId, expiresInDays: 3, label: "mine" });
    const row = (await links()).at(-1)!;
    const before = await counts();
    await expect(revokeShareLink(db, { auditId: otherAuditId, shareLinkId: row.id, actorId: operatorId })).rejects.toMatchObject({ code: "not_found" });
    await expect(revokeShareLink(db, { auditId, shareLinkId: 123_456, actorId: operatorId })).rejects.toMatchObject({ code: "not_found" });
    expect(await counts()).toEqual(before);
    expect((await link(row.id)).revokedAt).toBeNull();
  });
});
