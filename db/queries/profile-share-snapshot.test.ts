/**
 * Share links of checklist (profile) audits (issue 13: profiles reuse share links): the link
 * publishes the checklist report as it is, the page says when the audit changed since, a new
 * snapshot can be published on the same link, revocation is immediate and happens once, and a
 * link belongs to exactly one audit (sampling or checklist), enforced by the database.
 */
import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProfileShareSnapshot } from "@/lib/profiles/profile-share-snapshot";
import { createProfileAuditSchema } from "@/lib/profiles/profile-input";
import { AppError } from "@/lib/server/errors";
import { lookUpSharedLink, sharedReportPage } from "@/lib/server/shared-report";
import type { Db } from "../handle";
import { createAudit } from "../mutations/audits";
import { addProfileFinding, createProfileAudit, signProfileAudit } from "../mutations/profile-audits";
import { createShareLink, republishShareLink, revokeShareLink } from "../mutations/share-links";
import { createUser } from "../mutations/users";
import { createTestDb, rowCounts, type TestDb, validAuditForm } from "../testing";
import { getProfileSnapshot } from "./profile-verdict";
import { getProfileAuditBySlug, listProfileAuditEvents } from "./profile-audits";
import { listShareLinkRows } from "./share-links";

let t: TestDb & { operatorId: number };
let db: Db;
let operatorId: number;
let approverId: number;
const sha256 = (s: string) => createHash("sha256").update(s, "utf8").digest("hex");
let day = 0;

beforeAll(async () => {
  t = await createTestDb("profile-share");
  ({ db, operatorId } = t);
  approverId = await createUser(db, { email: "ps-appr@test.example", name: "Priya Approver", password: "approver-test-pass", roles: ["approver"], actorId: null });
});
afterAll(() => t.close());

async function launchAudit(title = "Shop <launch> & co") {
  day += 1;
  const input = createProfileAuditSchema.parse({
    profile: "launch_readiness",
    projectName: "shop",
    auditDate: `2026-06-${String(day).padStart(2, "0")}`,
    title,
    launchKind: "public",
    realUserData: "yes",
    payments: "yes",
    acceptableFailureMode: "DOWNTIME",
    expectedTraffic: "5000",
    stopShipCriteria: "Any data loss",
  });
  const { id, slug } = await createProfileAudit(db, { input, actorId: operatorId });
  return { profileAuditId: id, slug };
}

describe("a checklist audit's share link", () => {
  it("publishes the checklist report: verdict, gate, findings without evidence or location, signatures; the JSON hashes to the shown hash", async () => {
    const { profileAuditId, slug } = await launchAudit();
    await addProfileFinding(db, { profileAuditId, input: { section: "security", title: "Webhook <unsigned>", severity: "HIGH", tags: "unverified-financial-webhook", evidence: "secret-evidence-text", location: "internal/billing.ts:42" }, actorId: operatorId });
    const { token } = await createShareLink(db, { profileAuditId, actorId: operatorId, expiresInDays: 7, label: "CAB" });

    const [row] = await db.select().from(db.tables.shareLinks).where(eq(db.tables.shareLinks.profileAuditId, profileAuditId));
    expect(row).toMatchObject({ auditId: null, profileAuditId, label: "CAB", createdBy: operatorId });
    expect(row.tokenHash).toBe(sha256(token));

    const found = await lookUpSharedLink(db, token, new Date());
    if (found.status !== 200) throw new Error(`expected an active link, got ${found.status}`);
    expect(found.link.subject).toEqual({ profileAuditId });
    expect(sha256(found.link.snapshot)).toBe(found.link.snapshotHash);
    const snapshot = JSON.parse(found.link.snapshot) as ProfileShareSnapshot;
    const audit = (await getProfileAuditBySlug(db, { slug }))!;
    expect(snapshot).toMatchObject({
      format: "countersign.profile-share-snapshot/1",
      audit: { slug, title: "Shop <launch> & co", profile: "launch_readiness", profileLabel: "Production readiness", projectName: "shop", strictness: "HIGH" },
      verdict: "NOT_READY",
      gate: "BLOCKED",
      signOffHash: (await getProfileSnapshot(db, audit)).hash,
      findings: [{ section: "security", title: "Webhook <unsigned>", severity: "HIGH", category: "STOP_SHIP", status: "OPEN", owner: null, dueDate: null }],
      signatures: [],
    });
    expect(found.link.snapshot).not.toContain("secret-evidence-text");
    expect(found.link.snapshot).not.toContain("billing.ts");

    const page = await sharedReportPage(db, token, new Date());
    expect(page.status).toBe(200);
    expect(page.html).toContain(found.link.snapshotHash);
    expect(page.html).toContain("Shop &lt;launch&gt; &amp; co");
    expect(page.html).toContain("Webhook &lt;unsigned&gt;");
    expect(page.html).not.toContain("<unsigned>");
    expect(page.html).toContain('data-testid="gate-state">BLOCKED<');
    expect(page.html).toContain("1 STOP SHIP (1 open)");
    expect(page.html).not.toContain('data-testid="changed-since"');

    // the audit's own timeline records it; the sampling audits' share events are untouched
    const [event] = await listProfileAuditEvents(db, { profileAuditId, limit: 1 });
    expect(event).toMatchObject({ type: "profile_share_link.created", payload: { profileAuditId, shareLinkId: row.id } });
  });

  it("says when the audit changed since; a new snapshot on the same link shows the change and the signature", async () => {
    const { profileAuditId, slug } = await launchAudit("Checkout launch");
    const { token } = await createShareLink(db, { profileAuditId, actorId: operatorId, expiresInDays: 7, label: null });
    const before = await sharedReportPage(db, token, new Date());
    expect(before.html).toContain('data-testid="verdict">READY<');

    const audit = (await getProfileAuditBySlug(db, { slug }))!;
    const { hash } = await getProfileSnapshot(db, audit);
    await signProfileAudit(db, { profileAuditId, signerId: approverId, signerRoles: ["approver"], statement: "Ready to ship", seenHash: hash });
    const after = await sharedReportPage(db, token, new Date());
    expect(after.html).toContain('data-testid="changed-since"');
    expect(after.html).not.toContain("Priya Approver");
    const [listed] = await listShareLinkRows(db, { profileAuditId }, new Date());
    expect(listed).toMatchObject({ state: "active", changedSince: true });

    const { snapshotHash } = await republishShareLink(db, { profileAuditId, shareLinkId: listed.id, actorId: operatorId });
    const republished = await sharedReportPage(db, token, new Date());
    expect(republished.html).toContain(snapshotHash);
    expect(republished.html).toContain("Priya Approver: <strong>valid</strong>");
    expect(republished.html).not.toContain('data-testid="changed-since"');
    // publishing is not a change of the audit
    expect((await listShareLinkRows(db, { profileAuditId }, new Date()))[0].changedSince).toBe(false);
  });

  it("revocation takes effect at once and happens once, even asked twice at the same time", async () => {
    const { profileAuditId } = await launchAudit("Revoked launch");
    const { token } = await createShareLink(db, { profileAuditId, actorId: operatorId, expiresInDays: 7, label: null });
    expect((await sharedReportPage(db, token, new Date())).status).toBe(200);
    const [{ id: shareLinkId }] = await listShareLinkRows(db, { profileAuditId }, new Date());
    const before = await rowCounts(db, "events");
    const results = await Promise.allSettled([revokeShareLink(db, { profileAuditId, shareLinkId, actorId: operatorId }), revokeShareLink(db, { profileAuditId, shareLinkId, actorId: operatorId })]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect((await rowCounts(db, "events")).events).toBe(before.events + 1);
    const page = await sharedReportPage(db, token, new Date());
    expect(page.status).toBe(410);
    expect(page.html).toContain('data-testid="share-unavailable"');
  });

  it("a link belongs to its own audit: another audit's id cannot revoke or republish it", async () => {
    const { profileAuditId } = await launchAudit("Owned launch");
    const other = await launchAudit("Other launch");
    const { id: auditId } = await createAudit(db, { input: validAuditForm(), actorId: operatorId });
    await createShareLink(db, { profileAuditId, actorId: operatorId, expiresInDays: 7, label: null });
    const [{ id: shareLinkId }] = await listShareLinkRows(db, { profileAuditId }, new Date());
    for (const subject of [{ profileAuditId: other.profileAuditId }, { auditId }]) {
      await expect(revokeShareLink(db, { ...subject, shareLinkId, actorId: operatorId })).rejects.toBeInstanceOf(AppError);
      await expect(republishShareLink(db, { ...subject, shareLinkId, actorId: operatorId })).rejects.toBeInstanceOf(AppError);
    }
    expect((await listShareLinkRows(db, { profileAuditId }, new Date()))[0].state).toBe("active");
    await expect(createShareLink(db, { profileAuditId: 999_999, actorId: operatorId, expiresInDays: 7, label: null })).rejects.toMatchObject({ code: "not_found" });
  });

  it("the database refuses a link with both audits or with neither", async () => {
    const { profileAuditId } = await launchAudit("Constraint launch");
    const { id: auditId } = await createAudit(db, { input: validAuditForm(), actorId: operatorId });
    const base = { label: null, expiresAt: new Date(Date.now() + 86_400_000), createdBy: operatorId };
    const insert = (values: { tokenHash: string; auditId?: number; profileAuditId?: number }) => db.transaction(async (tx) => void (await tx.insert(tx.tables.shareLinks).values({ ...base, ...values })));
    // drizzle wraps the driver's error (PostgreSQL names the constraint in the cause)
    const refusal = (p: Promise<void>) => p.then(() => "accepted", (e: Error & { cause?: Error }) => `${e.message} ${e.cause?.message ?? ""}`);
    expect(await refusal(insert({ tokenHash: "a".repeat(64), auditId, profileAuditId }))).toMatch(/share_links_one_audit/);
    expect(await refusal(insert({ tokenHash: "b".repeat(64) }))).toMatch(/share_links_one_audit/);
    await insert({ tokenHash: "c".repeat(64), auditId }); // exactly one: accepted
    expect(await db.select().from(db.tables.shareLinks).where(eq(db.tables.shareLinks.tokenHash, "a".repeat(64)))).toHaveLength(0);
  });
});
