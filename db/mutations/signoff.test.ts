/**
 * Integration tests of the sign-off chain (db/mutations/signoff.ts, break-glass.ts, clearance.ts)
 * on the engine under test: sign-off on the exact snapshot, stale signatures, closeout gating,
 * break-glass countersigning, destructive clearance, and signed chain heads.
 */
import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reviewSchema } from "@/lib/review-input";
import { generateSigningKeyPem, parseSigningKey, signHead, verifyHead } from "@/lib/signed-head";
import { signWaiver } from "@/lib/signoff/waiver";
import type { Db } from "../handle";
import { verifyEventChain, verifySignedHeads } from "../queries/events";
import { getAuditReport } from "../queries/report";
import { getSignOffState, getVerdictSnapshot } from "../queries/signoff";
import { createTestDb, importCsv, rowCounts, type TestDb, validAuditForm } from "../testing";
import { createAudit, recordStabilityResult } from "./audits";
import { countersignBreakGlass, declareSingleSigner, requestBreakGlass, setAvailability } from "./break-glass";
import { approveDestructive, recordWaiver, revokeWaiver, updateRemediation } from "./clearance";
import { saveReview } from "./reviews";
import { drawAuditSample } from "./sample";
import { closeAudit, type HeadSigner, revokeSignOff, signOff } from "./signoff";
import { createUser } from "./users";

let t: TestDb & { operatorId: number };
let db: Db;
let operatorId: number;
let reviewerId: number;
let approverId: number;
let approver2Id: number;
let securityId: number;
let security2Id: number;
const key = parseSigningKey(generateSigningKeyPem());
const headSigner: HeadSigner = { keyId: key.keyId, sign: (claim) => signHead(key.privateKey, claim) };
const WAIVER_SECRET = Buffer.alloc(32, 9).toString("base64");

const auditOf = async (id: number) => (await db.select().from(db.tables.audits).where(eq(db.tables.audits.id, id)))[0];
const sampled = (auditId: number) => db.select().from(db.tables.sampleUnits).where(eq(db.tables.sampleUnits.auditId, auditId)).orderBy(asc(db.tables.sampleUnits.position));
const review = (sampleUnitId: number, finding: "PASS" | "FAIL", owner = "data-team") => saveReview(db, { review: reviewSchema.parse({ sampleUnitId, finding, remediationOwner: finding === "FAIL" ? owner : "" }), actorId: reviewerId });

/** A 40-unit audit, tier 1 (20 random units), every sampled unit reviewed; `fails` of them FAIL (each FAIL is 5% of the population). */
async function reviewedAudit(fails: number): Promise<number> {
  const { id } = await createAudit(db, { input: validAuditForm({ riskTier: "1" }), actorId: operatorId });
  await importCsv(db, { auditId: id, actorId: operatorId, csv: ["unit_key,execution_status", ...Array.from({ length: 40 }, (_, i) => `u${i},SUCCEEDED`)].join("\n") });
  await recordStabilityResult(db, { auditId: id, actualResult: "2", actorId: operatorId });
  await drawAuditSample(db, { auditId: id, actorId: operatorId, seed: "00112233445566778899aabbccddeeff" });
  for (const [i, su] of (await sampled(id)).entries()) await review(su.id, i < fails ? "FAIL" : "PASS");
  return id;
}

async function sign(auditId: number, signerId = approverId, statement = "Reviewed the notes; acceptable.") {
  const audit = await auditOf(auditId);
  const { hash } = await getVerdictSnapshot(db, { audit });
  return signOff(db, { auditId, signerId, signerRoles: ["approver"], statement, seenHash: hash, separationOfDuties: true, headSigner });
}

beforeAll(async () => {
  t = await createTestDb("signoff");
  ({ db, operatorId } = t);
  const user = (email: string, roles: ("reviewer" | "approver" | "security")[]) => createUser(db, { email, name: email.split("@")[0], password: "test-password-123", roles, actorId: null });
  reviewerId = await user("rev@test.example", ["reviewer"]);
  approverId = await user("appr@test.example", ["approver"]);
  approver2Id = await user("appr2@test.example", ["approver"]);
  securityId = await user("sec@test.example", ["security"]);
  security2Id = await user("sec2@test.example", ["security"]);
});

afterAll(() => t.close());

describe("sign-off and closeout", () => {
  it("a PASS_WITH_NOTES audit needs a valid sign-off to close; signed, it closes and becomes read-only", async () => {
    const auditId = await reviewedAudit(1);
    const report = await getAuditReport(db, { audit: await auditOf(auditId) });
    expect(report.assessment).toMatchObject({ verdict: "PASS_WITH_NOTES", gateState: "CONDITIONAL_PASS" });

    expect(await closeAudit(db, { auditId, actorId: operatorId, headSigner })).toEqual({ closed: false, reasons: [expect.objectContaining({ code: "SIGN_OFF_REQUIRED" })] });
    expect((await auditOf(auditId)).closedAt).toBeNull();

    const { snapshotHash } = await sign(auditId);
    const [stored] = await db.select().from(db.tables.signOffs).where(eq(db.tables.signOffs.auditId, auditId));
    expect(stored).toMatchObject({ signerId: approverId, snapshotHash, revokedAt: null });
    expect(JSON.parse(stored.snapshot)).toMatchObject({ verdict: "PASS_WITH_NOTES", gateState: "CONDITIONAL_PASS" });

    expect(await closeAudit(db, { auditId, actorId: operatorId, headSigner })).toEqual({ closed: true });
    expect((await auditOf(auditId)).closedAt).toBeInstanceOf(Date);
    const [su] = await sampled(auditId);
    await expect(review(su.id, "PASS")).rejects.toMatchObject({ code: "conflict", message: expect.stringMatching(/closed/) });
    expect(await closeAudit(db, { auditId, actorId: operatorId, headSigner })).toMatchObject({ closed: false, reasons: [{ code: "ALREADY_CLOSED" }] });
  });

  it("a review changed after sign-off makes the signature stale: it no longer satisfies the gate", async () => {
    const auditId = await reviewedAudit(1);
    await sign(auditId);
    let state = await getSignOffState(db, { audit: await auditOf(auditId), now: new Date() });
    expect(state.signatures.map((s) => s.status)).toEqual(["valid"]);
    const [, second] = await sampled(auditId);
    await review(second.id, "PASS"); // same finding, new revision: still a change to what was signed
    state = await getSignOffState(db, { audit: await auditOf(auditId), now: new Date() });
    expect(state.signatures.map((s) => s.status)).toEqual(["stale"]);
    expect(state.closeoutRefusals.map((r) => r.code)).toEqual(["SIGN_OFF_REQUIRED"]);
  });

  it("refuses a snapshot that changed since the approver read it, self-approval, and signing twice; writes nothing", async () => {
    const auditId = await reviewedAudit(1);
    const audit = await auditOf(auditId);
    const before = await rowCounts(db, "sign_offs", "events", "signed_heads");
    const { hash } = await getVerdictSnapshot(db, { audit });
    const args = { auditId, signerId: approverId, signerRoles: ["approver"], statement: "ok", seenHash: "0".repeat(64), separationOfDuties: true, headSigner };
    await expect(signOff(db, args)).rejects.toMatchObject({ code: "conflict", message: expect.stringMatching(/changed since you opened it/) });
    await expect(signOff(db, { ...args, seenHash: hash, signerId: reviewerId, signerRoles: ["approver", "reviewer"] })).rejects.toMatchObject({ message: expect.stringMatching(/reviewed units of this audit/) });
    await expect(signOff(db, { ...args, seenHash: hash, signerId: operatorId, signerRoles: ["approver", "operator"] })).rejects.toMatchObject({ message: expect.stringMatching(/created this audit/) });
    await expect(signOff(db, { ...args, seenHash: hash, signerId: securityId, signerRoles: ["security"] })).rejects.toMatchObject({ code: "forbidden" });
    expect(await rowCounts(db, "sign_offs", "events", "signed_heads")).toEqual(before);

    await signOff(db, { ...args, seenHash: hash });
    await expect(signOff(db, { ...args, seenHash: hash })).rejects.toMatchObject({ message: expect.stringMatching(/already signed this exact snapshot/) });
    // Two approvers at once on the same snapshot: both land, once each.
    const outcomes = await Promise.allSettled([signOff(db, { ...args, seenHash: hash, signerId: approver2Id }), signOff(db, { ...args, seenHash: hash, signerId: approver2Id })]);
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
  });

  it("a revoked signature no longer counts, and only its signer can revoke it", async () => {
    const auditId = await reviewedAudit(1);
    const { signOffId } = await sign(auditId);
    await expect(revokeSignOff(db, { auditId, signOffId, signerId: approver2Id, reason: "not mine" })).rejects.toMatchObject({ code: "not_found" });
    await revokeSignOff(db, { auditId, signOffId, signerId: approverId, reason: "signed the wrong audit" });
    const state = await getSignOffState(db, { audit: await auditOf(auditId), now: new Date() });
    expect(state.signatures).toEqual([expect.objectContaining({ status: "revoked", revokeReason: "signed the wrong audit" })]);
    expect(state.closeoutRefusals.map((r) => r.code)).toEqual(["SIGN_OFF_REQUIRED"]);
    // Nobody signs the same snapshot twice, a revoked signature included.
    await expect(sign(auditId)).rejects.toMatchObject({ code: "conflict", message: expect.stringMatching(/revoked/) });
  });

  it("a BLOCKED audit cannot be closed, with the verdict's reasons", async () => {
    const auditId = await reviewedAudit(4);
    const result = await closeAudit(db, { auditId, actorId: operatorId, headSigner });
    expect(result.closed).toBe(false);
    if (!result.closed) expect(result.reasons.map((r) => r.code)).toEqual(["GATE_BLOCKED", "DEFECT_RATE_ABOVE_7"]);
    expect((await auditOf(auditId)).closedAt).toBeNull();
  });
});

describe("destructive remediation clearance", () => {
  it("needs a verified waiver or two distinct approvers before closeout", async () => {
    const auditId = await reviewedAudit(1);
    const [failed] = await sampled(auditId);
    await updateRemediation(db, { auditId, sampleUnitId: failed.id, dueAt: new Date("2030-01-01T00:00:00Z"), destructive: true, actorId: operatorId });
    await sign(auditId, approverId);
    const audit = await auditOf(auditId);
    expect((await getSignOffState(db, { audit, now: new Date() })).closeoutRefusals.map((r) => r.code)).toEqual(["DESTRUCTIVE_CLEARANCE_REQUIRED"]);

    const record = { waiver_id: `W-${auditId}`, audit_slug: audit.slug, scope: "DELETE orphans", issuer: "sec@org", issued_at: "2020-01-01T00:00:00Z", expires_at: "2099-01-01T00:00:00Z", key_id: "k1" };
    const before = await rowCounts(db, "waivers", "events");
    await expect(recordWaiver(db, { auditId, record: { ...record, scope: "DELETE everything" }, signature: signWaiver(record, WAIVER_SECRET), keys: { k1: WAIVER_SECRET }, actorId: operatorId })).rejects.toMatchObject({ code: "invalid", message: expect.stringMatching(/does not match/) });
    await expect(recordWaiver(db, { auditId, record, signature: signWaiver(record, WAIVER_SECRET), keys: {}, actorId: operatorId })).rejects.toMatchObject({ message: expect.stringMatching(/No waiver key is configured/) });
    expect(await rowCounts(db, "waivers", "events")).toEqual(before);

    await approveDestructive(db, { auditId, approverId: securityId, approverRoles: ["security"], statement: "ok", degraded: true });
    await expect(approveDestructive(db, { auditId, approverId: securityId, approverRoles: ["security"], statement: "again", degraded: true })).rejects.toMatchObject({ code: "conflict" });
    await expect(approveDestructive(db, { auditId, approverId: reviewerId, approverRoles: ["reviewer"], statement: "me too", degraded: true })).rejects.toMatchObject({ code: "forbidden" });
    expect((await getSignOffState(db, { audit, now: new Date() })).closeoutRefusals.map((r) => r.code)).toEqual(["DESTRUCTIVE_CLEARANCE_REQUIRED"]);
    await approveDestructive(db, { auditId, approverId: approver2Id, approverRoles: ["approver"], statement: "ok", degraded: true });
    expect((await getSignOffState(db, { audit, now: new Date() })).closeoutRefusals).toEqual([]);
  });

  it("a valid waiver clears it", async () => {
    const auditId = await reviewedAudit(1);
    const [failed] = await sampled(auditId);
    await updateRemediation(db, { auditId, sampleUnitId: failed.id, dueAt: null, destructive: true, actorId: operatorId });
    const audit = await auditOf(auditId);
    const record = { waiver_id: `W2-${auditId}`, audit_slug: audit.slug, scope: "DROP staging table", issuer: "sec@org", issued_at: "2020-01-01T00:00:00Z", expires_at: "2099-01-01T00:00:00Z", key_id: "k1" };
    expect(await recordWaiver(db, { auditId, record, signature: signWaiver(record, WAIVER_SECRET), keys: { k1: WAIVER_SECRET }, actorId: operatorId })).toBe(record.waiver_id);
    expect((await getSignOffState(db, { audit, now: new Date() })).destructive.cleared).toBe(true);
    // Past its expiry it no longer clears.
    expect((await getSignOffState(db, { audit, now: new Date("2099-01-01T00:00:01Z") })).destructive).toMatchObject({ cleared: false, waivers: [{ status: "expired" }] });
  });

  it("a revoked waiver no longer clears, and the same waiver is refused when presented again", async () => {
    const auditId = await reviewedAudit(1);
    const [failed] = await sampled(auditId);
    await updateRemediation(db, { auditId, sampleUnitId: failed.id, dueAt: null, destructive: true, actorId: operatorId });
    const audit = await auditOf(auditId);
    const record = { waiver_id: `W3-${auditId}`, audit_slug: audit.slug, scope: "DROP staging table", issuer: "sec@org", issued_at: "2020-01-01T00:00:00Z", expires_at: "2099-01-01T00:00:00Z", key_id: "k1" };
    const present = () => recordWaiver(db, { auditId, record, signature: signWaiver(record, WAIVER_SECRET), keys: { k1: WAIVER_SECRET }, actorId: operatorId });
    await present();
    await expect(revokeWaiver(db, { auditId, waiverId: "W-unknown", reason: "typo", actorId: securityId })).rejects.toMatchObject({ code: "not_found" });
    await revokeWaiver(db, { auditId, waiverId: record.waiver_id, reason: "issued for the wrong table", actorId: securityId });
    const state = await getSignOffState(db, { audit, now: new Date() });
    expect(state.destructive).toMatchObject({ cleared: false, waivers: [{ status: "revoked" }] });
    expect(state.closeoutRefusals.map((r) => r.code)).toContain("DESTRUCTIVE_CLEARANCE_REQUIRED");
    await expect(present()).rejects.toMatchObject({ message: expect.stringMatching(/has been revoked/) });
  });
});

describe("break-glass", () => {
  const contacts = { data_team_lead: "alice@org", compliance_officer: "bob@org", cto_escalation: "charlie@org" };
  const H = 60 * 60 * 1000;

  async function securityUnavailableFor(ms: number) {
    for (const id of [securityId, security2Id]) await setAvailability(db, { userId: id, available: false, actorId: operatorId, actorIsAdmin: true, since: new Date(Date.now() - ms) });
  }

  it("is refused while security is available or for less than 4 hours, and for a non-critical impact", async () => {
    const auditId = await reviewedAudit(4);
    for (const id of [securityId, security2Id]) await setAvailability(db, { userId: id, available: true, actorId: id, actorIsAdmin: false });
    await expect(setAvailability(db, { userId: securityId, available: false, actorId: approverId, actorIsAdmin: false })).rejects.toMatchObject({ code: "forbidden" });
    await expect(setAvailability(db, { userId: approverId, available: false, actorId: approverId, actorIsAdmin: false })).rejects.toMatchObject({ code: "forbidden" });
    await expect(setAvailability(db, { userId: securityId, available: false, actorId: securityId, actorIsAdmin: false, since: new Date(Date.now() + H) })).rejects.toMatchObject({ code: "invalid" });
    const args = { auditId, requestedBy: operatorId, impact: "critical", justification: "Payments are down for every EU customer.", contacts };
    await expect(requestBreakGlass(db, args)).rejects.toMatchObject({ message: expect.stringMatching(/security is available/) });
    await securityUnavailableFor(3 * H);
    await expect(requestBreakGlass(db, args)).rejects.toMatchObject({ message: expect.stringMatching(/more than 4 hours/) });
    await securityUnavailableFor(5 * H);
    await expect(requestBreakGlass(db, { ...args, impact: "high" })).rejects.toMatchObject({ message: expect.stringMatching(/only for a critical impact/) });
    expect((await rowCounts(db, "break_glass_requests")).break_glass_requests).toBe(0);
  });

  it("two independent countersignatures grant EXCEPTION; one person never fills both slots; the requester cannot sign", async () => {
    const auditId = await reviewedAudit(4);
    await securityUnavailableFor(5 * H);
    await requestBreakGlass(db, { auditId, requestedBy: operatorId, impact: "critical", justification: "Payments are down for every EU customer.", contacts });
    const cs = (signerId: number, roles: string[], slot: "technical_owner" | "compliance_security") => countersignBreakGlass(db, { auditId, signerId, signerRoles: roles, slot, statement: "needed now", headSigner });

    await expect(cs(operatorId, ["operator", "approver"], "technical_owner")).rejects.toMatchObject({ message: expect.stringMatching(/requested this exception/) });
    expect(await cs(approverId, ["approver"], "technical_owner")).toEqual({ granted: false });
    await expect(cs(approverId, ["approver"], "compliance_security")).rejects.toMatchObject({ message: expect.stringMatching(/different person/) });
    expect((await getAuditReport(db, { audit: await auditOf(auditId) })).gateState).toBe("BLOCKED");

    expect(await cs(securityId, ["security"], "compliance_security")).toEqual({ granted: true });
    const state = await getSignOffState(db, { audit: await auditOf(auditId), now: new Date() });
    expect(state.gateState).toBe("EXCEPTION");
    expect(state.breakGlass).toMatchObject({ state: "granted", pairWarning: null });
    expect(state.breakGlass!.request.retrospectiveDue).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(state.closeoutRefusals).toEqual([]);
  });

  it("one person sending both slots at once gets exactly one of them", async () => {
    const auditId = await reviewedAudit(4);
    await securityUnavailableFor(5 * H);
    await requestBreakGlass(db, { auditId, requestedBy: operatorId, impact: "critical", justification: "Payments are down for every EU customer.", contacts });
    const outcomes = await Promise.allSettled(
      (["technical_owner", "compliance_security"] as const).map((slot) => countersignBreakGlass(db, { auditId, signerId: approverId, signerRoles: ["approver"], slot, statement: "both at once", headSigner })),
    );
    expect(outcomes.map((o) => o.status).sort()).toEqual(["fulfilled", "rejected"]);
    const state = await getSignOffState(db, { audit: await auditOf(auditId), now: new Date() });
    expect(state.breakGlass!.signatures).toHaveLength(1);
    expect(state.gateState).toBe("BLOCKED");
  });

  it("with only one signer, the attempt is recorded, escalated to the CTO, and the gate stays BLOCKED", async () => {
    const auditId = await reviewedAudit(4);
    await securityUnavailableFor(5 * H);
    await requestBreakGlass(db, { auditId, requestedBy: operatorId, impact: "critical", justification: "Payments are down for every EU customer.", contacts });
    await countersignBreakGlass(db, { auditId, signerId: approverId, signerRoles: ["approver"], slot: "technical_owner", statement: "needed", headSigner });
    await declareSingleSigner(db, { auditId, actorId: operatorId });
    const state = await getSignOffState(db, { audit: await auditOf(auditId), now: new Date() });
    expect(state.breakGlass!.state).toBe("escalated_to_cto");
    expect(state.gateState).toBe("BLOCKED");
    expect(state.closeoutRefusals[0].code).toBe("GATE_BLOCKED");
  });
});

describe("signed chain heads", () => {
  it("every head signed at sign-off, closeout and break-glass verifies; a rewritten history does not", async () => {
    const check = () => verifySignedHeads(db, { keyId: key.keyId, verify: (claim, signature) => verifyHead(key.publicKey, claim, signature) });
    const heads = await check();
    expect(heads.length).toBeGreaterThanOrEqual(3);
    expect(new Set(heads.map((h) => h.reason))).toEqual(new Set(["sign_off", "closeout", "break_glass"]));
    expect(heads.filter((h) => h.problem)).toEqual([]);
    expect((await verifyEventChain(db)).firstBroken).toBeNull();

    // Rewrite a signed entry and recompute its hash: the chain check alone would only flag the next link,
    // but the signed head names the rewritten entry itself.
    const target = heads[0];
    const [entry] = await db.select().from(db.tables.events).where(eq(db.tables.events.id, target.eventId));
    await db.transaction(async (tx) => void (await tx.update(tx.tables.events).set({ hash: "f".repeat(64) }).where(eq(tx.tables.events.id, entry.id))));
    try {
      expect((await check()).find((h) => h.id === target.id)?.problem).toMatch(/history was rewritten/);
    } finally {
      await db.transaction(async (tx) => void (await tx.update(tx.tables.events).set({ hash: entry.hash }).where(eq(tx.tables.events.id, entry.id))));
    }
    const other = parseSigningKey(generateSigningKeyPem());
    expect((await verifySignedHeads(db, { keyId: key.keyId, verify: (claim, signature) => verifyHead(other.publicKey, claim, signature) }))[0].problem).toMatch(/does not verify/);
  });
});
