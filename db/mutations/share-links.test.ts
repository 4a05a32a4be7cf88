/**
 * Integration tests of share links (db/mutations/share-links.ts): only the token's SHA-256 is
 * stored, and a link can be revoked once.
 */
import { createHash } from "node:crypto";
import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/server/errors";
import { hashShareToken, shareLinkState } from "@/lib/share-token";
import type { Db } from "../client";
import { events, shareLinks } from "../schema";
import { createTestDb, rowCounts, validAuditForm } from "../testing";
import { createAudit } from "./audits";
import { createShareLink, revokeShareLink } from "./share-links";

let db: Db;
let close: () => void;
let operatorId: number;
let auditId: number;
let otherAuditId: number;

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");
const counts = () => rowCounts(db, "share_links", "events");
const allText = () =>
  JSON.stringify([
    db.$client.prepare("SELECT * FROM share_links").all(),
    db.$client.prepare("SELECT * FROM events").all(),
  ]);

beforeAll(async () => {
  ({ db, operatorId, close } = await createTestDb("share"));
  auditId = createAudit(db, validAuditForm(), operatorId).id;
  otherAuditId = createAudit(db, validAuditForm(), operatorId).id;
});

afterAll(() => close());

describe("createShareLink", () => {
  it("stores the SHA-256 of the returned token, never the token", () => {
    const started = Date.now();
    const { token, expiresAt } = createShareLink(db, { auditId, actorId: operatorId, expiresInDays: 14, label: "external auditor" });
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/); // 32 random bytes, base64url: 256 bits ≥ 128
    const row = db.select().from(shareLinks).orderBy(asc(shareLinks.id)).all().at(-1)!;
    expect(row.tokenHash).toBe(sha256(token));
    expect(row.tokenHash).toBe(hashShareToken(token));
    expect(row).toMatchObject({ auditId, label: "external auditor", revokedAt: null, createdBy: operatorId });
    expect(allText()).not.toContain(token);
    // Timestamps are stored in whole seconds.
    expect(Math.abs(row.expiresAt.getTime() - (started + 14 * 86_400_000))).toBeLessThan(5_000);
    expect(Math.abs(expiresAt.getTime() - row.expiresAt.getTime())).toBeLessThan(1_000);
    expect(shareLinkState(row, new Date())).toBe("active");

    const event = db.select().from(events).orderBy(asc(events.id)).all().at(-1)!;
    expect(event).toMatchObject({ auditId, actorId: operatorId, type: "share_link.created" });
    expect(JSON.parse(event.payload)).toEqual({ shareLinkId: row.id, expiresAt: expiresAt.toISOString() });
  });

  it("gives a different token every time", () => {
    const a = createShareLink(db, { auditId, actorId: operatorId, expiresInDays: 1, label: null });
    const b = createShareLink(db, { auditId, actorId: operatorId, expiresInDays: 1, label: null });
    expect(a.token).not.toBe(b.token);
  });

  it("refuses an unknown audit and writes nothing", () => {
    const before = counts();
    expect(() => createShareLink(db, { auditId: 777_777, actorId: operatorId, expiresInDays: 1, label: null })).toThrow(expect.objectContaining({ code: "not_found" }));
    expect(counts()).toEqual(before);
  });
});

describe("revokeShareLink", () => {
  it("revokes once; revoking again throws and writes nothing", () => {
    const { token } = createShareLink(db, { auditId, actorId: operatorId, expiresInDays: 3, label: null });
    const row = db.select().from(shareLinks).where(eq(shareLinks.tokenHash, sha256(token))).get()!;

    revokeShareLink(db, { auditId, shareLinkId: row.id, actorId: operatorId });
    const revoked = db.select().from(shareLinks).where(eq(shareLinks.id, row.id)).get()!;
    expect(revoked.revokedAt).toBeInstanceOf(Date);
    expect(shareLinkState(revoked, new Date())).toBe("revoked");
    const event = db.select().from(events).orderBy(asc(events.id)).all().at(-1)!;
    expect(event).toMatchObject({ auditId, actorId: operatorId, type: "share_link.revoked" });
    expect(JSON.parse(event.payload)).toEqual({ shareLinkId: row.id });

    const before = counts();
    expect(() => revokeShareLink(db, { auditId, shareLinkId: row.id, actorId: operatorId })).toThrow(AppError);
    expect(() => revokeShareLink(db, { auditId, shareLinkId: row.id, actorId: operatorId })).toThrow(/already revoked/);
    expect(counts()).toEqual(before);
    expect(db.select().from(shareLinks).where(eq(shareLinks.id, row.id)).get()).toEqual(revoked);
  });

  it("refuses a link of another audit, and an unknown link", () => {
    createShareLink(db, { auditId, actorId: operatorId, expiresInDays: 3, label: "mine" });
    const row = db.select().from(shareLinks).orderBy(asc(shareLinks.id)).all().at(-1)!;
    const before = counts();
    expect(() => revokeShareLink(db, { auditId: otherAuditId, shareLinkId: row.id, actorId: operatorId })).toThrow(expect.objectContaining({ code: "not_found" }));
    expect(() => revokeShareLink(db, { auditId, shareLinkId: 123_456, actorId: operatorId })).toThrow(expect.objectContaining({ code: "not_found" }));
    expect(counts()).toEqual(before);
    expect(db.select().from(shareLinks).where(eq(shareLinks.id, row.id)).get()!.revokedAt).toBeNull();
  });
});
