/**
 * Share links publish a snapshot (issue 8 "Shared reports you can verify"): the page serves the
 * report as published, says when the audit changed since, shows the SHA-256 of the downloadable
 * canonical JSON, and answers 404 for unknown and 410 for revoked or expired links.
 */
import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lookUpSharedLink, sharedReportPage } from "@/lib/server/shared-report";
import type { ShareSnapshot } from "@/lib/share-snapshot";
import type { Db } from "../handle";
import { createAudit, recordStabilityResult } from "../mutations/audits";
import { createShareLink, republishShareLink, revokeShareLink } from "../mutations/share-links";
import { createTestDb, type TestDb, validAuditForm } from "../testing";

let t: TestDb & { operatorId: number };
let db: Db;
let operatorId: number;
const sha256 = (s: string) => createHash("sha256").update(s, "utf8").digest("hex");

beforeAll(async () => {
  t = await createTestDb("share-snapshot");
  ({ db, operatorId } = t);
});
afterAll(() => t.close());

async function sharedAudit() {
  const { id: auditId } = await createAudit(db, { input: validAuditForm({ title: "Ledger <fix> & co" }), actorId: operatorId });
  const { token } = await createShareLink(db, { auditId, actorId: operatorId, expiresInDays: 7, label: "CAB" });
  return { auditId, token };
}

describe("a shared report is a published snapshot", () => {
  it("serves the snapshot with its hash; the downloadable JSON hashes to it", async () => {
    const { token } = await sharedAudit();
    const found = await lookUpSharedLink(db, token, new Date());
    if (found.status !== 200) throw new Error(`expected an active link, got ${found.status}`);
    expect(sha256(found.link.snapshot)).toBe(found.link.snapshotHash);
    const snapshot = JSON.parse(found.link.snapshot) as ShareSnapshot;
    expect(snapshot).toMatchObject({ format: "countersign.share-snapshot/1", verdict: "INCONCLUSIVE", gateState: "BLOCKED", audit: { title: "Ledger <fix> & co" } });
    expect(snapshot.eventLogHeadHash).toMatch(/^[0-9a-f]{64}$/);

    const page = await sharedReportPage(db, token, new Date());
    expect(page.status).toBe(200);
    expect(page.html).toContain(found.link.snapshotHash);
    expect(page.html).toContain("Ledger &lt;fix&gt; &amp; co");
    expect(page.html).not.toContain("<fix>");
    expect(page.html).not.toContain('data-testid="changed-since"');
  });

  it("does not change when the audit changes: it says so, and a new snapshot can be published", async () => {
    const { auditId, token } = await sharedAudit();
    const before = await sharedReportPage(db, token, new Date());
    await recordStabilityResult(db, { auditId, actualResult: "something else", actorId: operatorId });
    const after = await sharedReportPage(db, token, new Date());
    expect(after.html).toContain('data-testid="changed-since"');
    const strip = (html: string) => html.replace(/<p class="notice changed"[^]*?<\/p>/, "");
    expect(strip(after.html)).toBe(before.html);

    const [row] = await db.select().from(db.tables.shareLinks).where(eq(db.tables.shareLinks.auditId, auditId));
    const { snapshotHash } = await republishShareLink(db, { auditId, shareLinkId: row.id, actorId: operatorId });
    expect(snapshotHash).not.toBe(row.snapshotHash);
    const republished = await sharedReportPage(db, token, new Date());
    expect(republished.html).toContain(snapshotHash);
    expect(republished.html).toContain("STABILITY_FAILED");
    expect(republished.html).not.toContain('data-testid="changed-since"');
  });

  it("answers 404 for unknown tokens and 410 for revoked or expired links, with one page for all", async () => {
    const { auditId, token } = await sharedAudit();
    const [row] = await db.select().from(db.tables.shareLinks).where(eq(db.tables.shareLinks.auditId, auditId));
    const unknown = await sharedReportPage(db, token.replace(/.{4}$/, "AAAA"), new Date());
    const malformed = await sharedReportPage(db, "not-a-token", new Date());
    const expired = await sharedReportPage(db, token, new Date(Date.now() + 8 * 86_400_000));
    await revokeShareLink(db, { auditId, shareLinkId: row.id, actorId: operatorId });
    const revoked = await sharedReportPage(db, token, new Date());
    expect([unknown.status, malformed.status, expired.status, revoked.status]).toEqual([404, 404, 410, 410]);
    expect(new Set([unknown.html, malformed.html, expired.html, revoked.html]).size).toBe(1);
    expect(revoked.html).toContain('data-testid="share-unavailable"');
    expect(await lookUpSharedLink(db, token, new Date())).toEqual({ status: 410 });
  });

  it("a revocation takes effect on the very next request, after the page was served from memory", async () => {
    const { auditId, token } = await sharedAudit();
    const [row] = await db.select().from(db.tables.shareLinks).where(eq(db.tables.shareLinks.auditId, auditId));
    expect((await sharedReportPage(db, token, new Date())).status).toBe(200);
    expect((await sharedReportPage(db, token, new Date())).status).toBe(200);
    await revokeShareLink(db, { auditId, shareLinkId: row.id, actorId: operatorId });
    expect((await sharedReportPage(db, token, new Date())).status).toBe(410);
  });
});
