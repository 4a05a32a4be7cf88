/**
 * Integration tests of the ADR quality gate writes (db/mutations/profile-adr.ts, issue 13) on the
 * engine under test: ADR versions (also in parallel), lens scores and their freeze once the review
 * is complete, lens findings citing a check, ending the review, reports superseding each other,
 * and the verdict the shell reads (getAdrVerdict).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../handle";
import { getAdrReview, getAdrVerdict } from "../queries/profile-adr";
import type { ProfileAudit } from "../schema";
import { createTestDb, type TestDb } from "../testing";
import { addLensFinding, endContentReview, generateAdrReport, recordLensScore, uploadAdr } from "./profile-adr";
import { createUser } from "./users";

const ADR = readFileSync(path.join(__dirname, "../../lib/profiles/fixtures/adr-valid.md"), "utf8");
const SCORES = { architect: 95, tech_lead: 92, chaos_engineer: 80, security_engineer: 90, operator: 88, auditor: 94 } as const;

let t: TestDb & { operatorId: number };
let db: Db;
let operatorId: number;
let reviewerId: number;
let counter = 0;

async function newAdrAudit(overrides: Partial<ProfileAudit> = {}): Promise<ProfileAudit> {
  const { profileAudits } = db.tables;
  const n = ++counter;
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(profileAudits)
      .values({ slug: `proj-adr-2030-01-${String(n).padStart(2, "0")}`, projectName: "proj", profile: "adr", title: `ADR audit ${n}`, context: {}, config: {}, createdBy: operatorId, ...overrides })
      .returning();
    return row;
  });
}

async function reload(audit: ProfileAudit): Promise<ProfileAudit> {
  const [row] = await db.select().from(db.tables.profileAudits).where(eq(db.tables.profileAudits.id, audit.id));
  return row;
}

async function eventsOf(type: string) {
  const { events } = db.tables;
  return (await db.select().from(events).where(eq(events.type, type)).orderBy(asc(events.id))).map((e) => JSON.parse(e.payload as unknown as string) as Record<string, unknown>);
}

async function scoreAll(auditId: number, scores: Record<string, number> = SCORES) {
  for (const [lens, score] of Object.entries(scores)) await recordLensScore(db, { profileAuditId: auditId, lens, score, actorId: reviewerId });
}

beforeAll(async () => {
  t = await createTestDb("profile-adr");
  db = t.db;
  operatorId = t.operatorId;
  reviewerId = await createUser(db, { email: "rev@test.example", name: "Rev", password: "reviewer-test-pass", roles: ["reviewer"], actorId: null });
});
afterAll(async () => t?.close());

describe("uploadAdr", () => {
  it("stores each upload as a new immutable version with its SHA-256 and structural result", async () => {
    const audit = await newAdrAudit();
    const v1 = await uploadAdr(db, { profileAuditId: audit.id, fileName: "ADR-01.md", body: ADR, actorId: operatorId });
    expect(v1.version).toBe(1);
    const v2 = await uploadAdr(db, { profileAuditId: audit.id, fileName: null, body: ADR.replace("## Consequences", "## Consequences\n\nMore."), actorId: operatorId });
    expect(v2.version).toBe(2);
    const review = await getAdrReview(db, audit);
    expect(review.adrVersions.map((d) => [d.version, d.fileName])).toEqual([[2, "ADR.md"], [1, "ADR-01.md"]]);
    expect(review.evaluation.structural?.status).toBe("PASS");
    expect(review.evaluation.claims).toBeNull();
    const [e] = (await eventsOf("adr.uploaded")).filter((p) => p.profileAuditId === audit.id);
    expect(e).toMatchObject({ version: 1, sha256: v1.sha256, structuralStatus: "PASS", tier1Findings: 0, selfClaimedScores: 3 });
  });

  it("refuses empty text, a non-Markdown name, the same text again, and another profile's audit, writing nothing", async () => {
    const audit = await newAdrAudit();
    await expect(uploadAdr(db, { profileAuditId: audit.id, fileName: null, body: "  \n", actorId: operatorId })).rejects.toThrow(/adr: the ADR is empty/);
    await expect(uploadAdr(db, { profileAuditId: audit.id, fileName: "adr.pdf", body: ADR, actorId: operatorId })).rejects.toThrow(/fileName/);
    await uploadAdr(db, { profileAuditId: audit.id, fileName: null, body: ADR, actorId: operatorId });
    await expect(uploadAdr(db, { profileAuditId: audit.id, fileName: null, body: ADR.replace(/\n/g, "\r\n"), actorId: operatorId })).rejects.toThrow(/already version 1/);
    const rollout = await newAdrAudit({ profile: "rollout" });
    await expect(uploadAdr(db, { profileAuditId: rollout.id, fileName: null, body: ADR, actorId: operatorId })).rejects.toThrow(/not found/);
    expect((await getAdrReview(db, audit)).adrVersions).toHaveLength(1);
  });

  it("parallel uploads of different texts get distinct versions", async () => {
    const audit = await newAdrAudit();
    const results = await Promise.all([1, 2, 3, 4].map((i) => uploadAdr(db, { profileAuditId: audit.id, fileName: null, body: `${ADR}\n<!-- ${i} -->\n`, actorId: operatorId })));
    expect(results.map((r) => r.version).sort()).toEqual([1, 2, 3, 4]);
  });

  it("refuses writes on a closed audit", async () => {
    const audit = await newAdrAudit({ closedAt: new Date() });
    await expect(uploadAdr(db, { profileAuditId: audit.id, fileName: null, body: ADR, actorId: operatorId })).rejects.toThrow(/closed/);
  });
});

describe("content review", () => {
  it("low confidence with some lenses, PASS with all, claims flagged, scores frozen afterwards", async () => {
    const audit = await newAdrAudit();
    await expect(recordLensScore(db, { profileAuditId: audit.id, lens: "architect", score: 90, actorId: reviewerId })).rejects.toThrow(/Upload the ADR/);
    await uploadAdr(db, { profileAuditId: audit.id, fileName: null, body: ADR, actorId: operatorId });
    await scoreAll(audit.id, { architect: 70, tech_lead: 92 });
    expect(await getAdrVerdict(db, audit)).toMatchObject({ verdict: "LOW_CONFIDENCE", gate: "CONDITIONAL_PASS" });
    const { previous } = await recordLensScore(db, { profileAuditId: audit.id, lens: "architect", score: 95, actorId: reviewerId });
    expect(previous).toBe(70);
    await scoreAll(audit.id, { chaos_engineer: 80, security_engineer: 90, operator: 88, auditor: 94 });
    const review = await getAdrReview(db, audit);
    expect(review.evaluation.contentScore).toBeCloseTo(91.65, 10);
    expect(review.evaluation.claims?.every((c) => c.differs)).toBe(true);
    expect(await getAdrVerdict(db, audit)).toEqual({ verdict: "PASS", gate: "OPEN", reasons: [] });
    await expect(recordLensScore(db, { profileAuditId: audit.id, lens: "auditor", score: 10, actorId: reviewerId })).rejects.toThrow(/review is complete/);
    await expect(endContentReview(db, { profileAuditId: audit.id, actorId: operatorId })).rejects.toThrow(/already complete/);
    await expect(uploadAdr(db, { profileAuditId: audit.id, fileName: null, body: `${ADR}\nrevised\n`, actorId: operatorId })).rejects.toThrow(/review is complete/);
    expect((await getAdrReview(db, audit)).adrVersions).toHaveLength(1);
  });

  it("parallel requests to end the review: one ends it, the others are told it is complete", async () => {
    const audit = await newAdrAudit();
    await uploadAdr(db, { profileAuditId: audit.id, fileName: null, body: ADR, actorId: operatorId });
    const results = await Promise.allSettled([1, 2, 3].map(() => endContentReview(db, { profileAuditId: audit.id, actorId: operatorId })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.filter((r) => r.status === "rejected").map((r) => String((r as PromiseRejectedResult).reason.message))).toEqual(["The content review is already complete.", "The content review is already complete."]);
    expect((await eventsOf("adr.review_ended")).filter((p) => p.profileAuditId === audit.id)).toHaveLength(1);
  });

  it("refuses an unknown lens and a score outside 0–100", async () => {
    const audit = await newAdrAudit();
    await uploadAdr(db, { profileAuditId: audit.id, fileName: null, body: ADR, actorId: operatorId });
    await expect(recordLensScore(db, { profileAuditId: audit.id, lens: "intern", score: 50, actorId: reviewerId })).rejects.toThrow(/lens: must be one of/);
    await expect(recordLensScore(db, { profileAuditId: audit.id, lens: "architect", score: 101, actorId: reviewerId })).rejects.toThrow(/score:/);
    await expect(recordLensScore(db, { profileAuditId: audit.id, lens: "architect", score: 90.5, actorId: reviewerId })).rejects.toThrow(/score:/);
    expect((await getAdrReview(db, audit)).lensScores).toEqual({});
  });

  it("parallel scores of the same lens leave one row; of different lenses, one each", async () => {
    const audit = await newAdrAudit();
    await uploadAdr(db, { profileAuditId: audit.id, fileName: null, body: ADR, actorId: operatorId });
    await Promise.all([91, 92, 93].map((score) => recordLensScore(db, { profileAuditId: audit.id, lens: "architect", score, actorId: reviewerId })));
    await Promise.all(["tech_lead", "operator"].map((lens) => recordLensScore(db, { profileAuditId: audit.id, lens, score: 90, actorId: reviewerId })));
    const review = await getAdrReview(db, audit);
    expect(Object.keys(review.lensScores).sort()).toEqual(["architect", "operator", "tech_lead"]);
    const events = (await eventsOf("adr.lens_scored")).filter((p) => p.profileAuditId === audit.id && p.lens === "architect");
    expect(events.map((e) => e.previous === null)).toEqual([true, false, false]);
  });

  it("a lens finding must cite a check; a blocking one fails the gate", async () => {
    const audit = await newAdrAudit();
    await uploadAdr(db, { profileAuditId: audit.id, fileName: null, body: ADR, actorId: operatorId });
    await expect(addLensFinding(db, { profileAuditId: audit.id, input: { lens: "security_engineer", title: "No threat model", severity: "high" }, actorId: reviewerId })).rejects.toThrow(/^check: check is required/);
    await expect(addLensFinding(db, { profileAuditId: audit.id, input: { lens: "security_engineer", title: "No threat model", severity: "high", check: "" }, actorId: reviewerId })).rejects.toThrow(/^check: check is required/);
    await expect(addLensFinding(db, { profileAuditId: audit.id, input: { lens: "security_engineer", title: "No threat model", severity: "high", check: "whatever" }, actorId: reviewerId })).rejects.toThrow(/check: check must cite a playbook check/);
    const { id } = await addLensFinding(db, { profileAuditId: audit.id, input: { lens: "security_engineer", title: "No threat model", severity: "high", check: "SE1", blocking: true, location: "ADR-01.md:12" }, actorId: reviewerId });
    const [row] = await db.select().from(db.tables.profileFindings).where(and(eq(db.tables.profileFindings.id, id)));
    expect(row).toMatchObject({ section: "security_engineer", checkRef: "SE1", severity: "HIGH", status: "OPEN", tags: ["blocking"] });
    await scoreAll(audit.id);
    expect(await getAdrVerdict(db, audit)).toMatchObject({ verdict: "FAIL", gate: "BLOCKED", reasons: ["1 blocking finding"] });
  });

  it("an operator ends the review: claims shown, quorum still missed → LOW_CONFIDENCE, scores frozen", async () => {
    const audit = await newAdrAudit();
    await uploadAdr(db, { profileAuditId: audit.id, fileName: null, body: ADR, actorId: operatorId });
    await scoreAll(audit.id, { architect: 99, tech_lead: 99 });
    await endContentReview(db, { profileAuditId: audit.id, actorId: operatorId, now: new Date("2030-02-01T10:00:00Z") });
    const after = await reload(audit);
    expect(after.context).toMatchObject({ reviewEndedAt: "2030-02-01T10:00:00.000Z", reviewEndedBy: operatorId });
    const review = await getAdrReview(db, after);
    expect(review.evaluation).toMatchObject({ reviewComplete: true, status: "LOW_CONFIDENCE" });
    expect(review.evaluation.claims).toHaveLength(3);
    await expect(recordLensScore(db, { profileAuditId: audit.id, lens: "auditor", score: 90, actorId: reviewerId })).rejects.toThrow(/review is complete/);
  });
});

describe("generateAdrReport", () => {
  it("refuses while the review is open, then writes v001, v002 superseding it (both kept)", async () => {
    const audit = await newAdrAudit();
    await uploadAdr(db, { profileAuditId: audit.id, fileName: null, body: ADR, actorId: operatorId });
    await expect(generateAdrReport(db, { profileAuditId: audit.id, actorId: operatorId })).rejects.toThrow(/review is still open/);
    await scoreAll(audit.id);
    const r1 = await generateAdrReport(db, { profileAuditId: audit.id, actorId: operatorId, now: new Date("2030-02-01T10:00:00Z") });
    expect(r1).toMatchObject({ version: 1, fileName: "ADR-01.A_audit_report_v001.md", supersedes: [] });
    const r2 = await generateAdrReport(db, { profileAuditId: audit.id, actorId: operatorId });
    expect(r2).toMatchObject({ version: 2, fileName: "ADR-01.A_audit_report_v002.md", supersedes: ["ADR-01.A_audit_report_v001.md"] });
    const review = await getAdrReview(db, audit);
    expect(review.reports.map((r) => r.fileName)).toEqual(["ADR-01.A_audit_report_v002.md", "ADR-01.A_audit_report_v001.md"]);
    const [doc] = await db.select().from(db.tables.profileDocuments).where(eq(db.tables.profileDocuments.id, r1.id));
    expect(doc.body).toContain("# ADR-01 Audit Report v001");
    expect(doc.body).toContain("| spec_ready_score | frontmatter line 9 | 95 | 91.7/100 | DIFFERS |");
  });

  it("parallel generations get distinct versions", async () => {
    const audit = await newAdrAudit();
    await uploadAdr(db, { profileAuditId: audit.id, fileName: null, body: ADR, actorId: operatorId });
    await scoreAll(audit.id);
    const results = await Promise.all([1, 2, 3].map(() => generateAdrReport(db, { profileAuditId: audit.id, actorId: operatorId })));
    expect(results.map((r) => r.fileName).sort()).toEqual(["ADR-01.A_audit_report_v001.md", "ADR-01.A_audit_report_v002.md", "ADR-01.A_audit_report_v003.md"]);
  });

  it("refuses an ADR that does not name its number", async () => {
    const audit = await newAdrAudit();
    await uploadAdr(db, { profileAuditId: audit.id, fileName: null, body: ADR.replace(/ADR-01/g, "the ADR"), actorId: operatorId });
    await endContentReview(db, { profileAuditId: audit.id, actorId: operatorId });
    await expect(generateAdrReport(db, { profileAuditId: audit.id, actorId: operatorId })).rejects.toThrow(/does not name its number/);
  });
});
