/**
 * Integration tests of blind second reviews and adjudication (db/mutations/double-review.ts),
 * the agreement query and the verdict while disagreements are open, on SQLite and PostgreSQL.
 */
import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pickForSecondReview } from "@/lib/double-review";
import { reviewSchema } from "@/lib/review-input";
import { AppError } from "@/lib/server/errors";
import { getAuditReport } from "../queries/report";
import { getAgreement, getSecondReviewQueue } from "../queries/team";
import { changeAssignment } from "./assignment";
import { adjudicate, requestSecondReviews, saveSecondReview } from "./double-review";
import { saveReview } from "./reviews";
import { openTeamFixture, type TeamFixture } from "./team-fixture";

let f: TeamFixture;

beforeAll(async () => {
  f = await openTeamFixture("double_review");
});
afterAll(() => f.t.close());

const SEED = "a0a1a2a3a4a5a6a7a8a9aaabacadaeaf";
const second = (auditId: number, sampleUnitId: number, finding: "PASS" | "FAIL" | "UNKNOWN", actorId: number, note: string | null = null) =>
  saveSecondReview(f.db, { auditId, sampleUnitId, finding, criticalKind: null, note, actorId });
const decide = (auditId: number, sampleUnitId: number, finding: "PASS" | "FAIL" | "UNKNOWN", actorId: number, roles: ("operator" | "reviewer")[] = ["operator"]) =>
  adjudicate(f.db, { auditId, review: reviewSchema.parse({ sampleUnitId, finding, remediationOwner: finding === "FAIL" ? "team" : "" }), actorId, roles });
const refusal = async (p: Promise<unknown>) => {
  const e = await p.then(() => null, (x: unknown) => x);
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
};
const audit = async (auditId: number) => (await f.db.select().from(f.db.tables.audits).where(eq(f.db.tables.audits.id, auditId)))[0];
const history = (sampleUnitId: number) => f.db.select().from(f.db.tables.reviewHistory).where(eq(f.db.tables.reviewHistory.sampleUnitId, sampleUnitId)).orderBy(asc(f.db.tables.reviewHistory.id));
const eventsOf = async (auditId: number, type: string) => {
  const { events } = f.db.tables;
  return f.db.select().from(events).where(and(eq(events.auditId, auditId), eq(events.type, type))).orderBy(asc(events.id));
};

/** An audit whose every sampled unit r1 reviewed PASS, with second reviews requested on all of them. */
async function reviewedAudit() {
  const auditId = await f.newAudit();
  const rows = await f.sampled(auditId);
  for (const r of rows) await f.review(r.id, "PASS", f.r1);
  await requestSecondReviews(f.db, { auditId, fraction: 1, strata: [], actorId: f.operatorId });
  return { auditId, rows };
}

describe("requestSecondReviews", () => {
  it("picks ⌈fraction × units⌉ by the sample's seed, reproducibly, and logs it", async () => {
    const auditId = await f.newAudit();
    const rows = await f.sampled(auditId);
    const before = await f.events();
    const result = await requestSecondReviews(f.db, { auditId, fraction: 0.25, strata: [], actorId: f.operatorId });
    expect(result).toEqual({ requested: Math.ceil(rows.length / 4), picked: Math.ceil(rows.length / 4) });
    const flagged = (await f.sampled(auditId)).filter((r) => r.secondReviewRequested).map((r) => r.id);
    expect(flagged).toEqual(pickForSecondReview(rows, { fraction: 0.25, strata: [], seed: SEED }));
    expect(await f.events()).toBe(before + 1);
    // The same request again writes nothing; a larger one adds to it.
    expect(await requestSecondReviews(f.db, { auditId, fraction: 0.25, strata: [], actorId: f.operatorId })).toMatchObject({ requested: 0 });
    expect(await f.events()).toBe(before + 1);
    const more = await requestSecondReviews(f.db, { auditId, fraction: 0.5, strata: [], actorId: f.operatorId });
    expect(more.requested).toBe(Math.ceil(rows.length / 2) - flagged.length);
  });

  it("can be limited to chosen strata, and refuses strata without units or a bad fraction", async () => {
    const auditId = await f.newAudit();
    const rows = await f.sampled(auditId);
    await requestSecondReviews(f.db, { auditId, fraction: 1, strata: ["census"], actorId: f.operatorId });
    const flagged = (await f.sampled(auditId)).filter((r) => r.secondReviewRequested);
    expect(flagged.map((r) => r.id)).toEqual(rows.filter((r) => r.stratum === "census").map((r) => r.id));
    const before = await f.events();
    if (!rows.some((r) => r.stratum === "supplementary")) {
      expect((await refusal(requestSecondReviews(f.db, { auditId, fraction: 1, strata: ["supplementary"], actorId: f.operatorId }))).code).toBe("invalid");
    }
    expect((await refusal(requestSecondReviews(f.db, { auditId, fraction: 0, strata: [], actorId: f.operatorId }))).message).toMatch(/more than 0%/);
    expect(await f.events()).toBe(before);
  });
});

describe("saveSecondReview", () => {
  it("is refused to the primary reviewer and the assignee, before the first review, and when not requested; nothing written", async () => {
    const auditId = await f.newAudit();
    const other = await f.newAudit();
    const [a, b] = await f.sampled(auditId);
    await changeAssignment(f.db, { auditId, request: { mode: "hand", sampleUnitIds: [b.id], reviewerId: f.r3 }, actorId: f.operatorId });
    const before = await f.events();
    expect((await refusal(second(auditId, a.id, "PASS", f.r2))).message).toMatch(/No second review was requested/);
    await requestSecondReviews(f.db, { auditId, fraction: 1, strata: [], actorId: f.operatorId });
    expect((await refusal(second(auditId, a.id, "PASS", f.r2))).message).toMatch(/first review .* not done/);
    await f.review(a.id, "PASS", f.r1);
    expect((await refusal(second(auditId, a.id, "PASS", f.r1))).code).toBe("forbidden");
    await f.review(b.id, "PASS", f.r2);
    expect((await refusal(second(auditId, b.id, "PASS", f.r3))).message).toMatch(/reviewed \(or are assigned\)/); // r3 is b's assignee
    expect((await refusal(second(other, a.id, "PASS", f.r2))).code).toBe("not_found");
    expect(await f.events()).toBe(before + 3); // the request and the two first reviews only
    expect((await history(a.id)).map((h) => h.round)).toEqual(["primary"]);
    expect((await f.sampled(auditId)).find((r) => r.id === a.id)!.secondFinding).toBeNull();
    expect((await f.sampled(auditId)).find((r) => r.id === b.id)!.secondFinding).toBeNull();
  });

  it("records the second finding beside the first, which stays the current review", async () => {
    const { auditId, rows } = await reviewedAudit();
    const [a] = rows;
    expect(await getSecondReviewQueue(f.db, { auditId, userId: f.r1 })).toEqual([]);
    expect((await getSecondReviewQueue(f.db, { auditId, userId: f.r2 })).map((q) => q.sampleUnitId)).toEqual(rows.map((r) => r.id));
    expect(await second(auditId, a.id, "FAIL", f.r2, "row missing")).toEqual({ agrees: false });
    const now = (await f.sampled(auditId))[0];
    expect(now).toMatchObject({ finding: "PASS", reviewedBy: f.r1, secondFinding: "FAIL", secondReviewedBy: f.r2, adjudicatedAt: null });
    expect((await history(a.id)).map((h) => [h.round, h.finding, h.reviewedBy, h.note])).toEqual([
      ["primary", "PASS", f.r1, null],
      ["second", "FAIL", f.r2, "row missing"],
    ]);
    expect(JSON.parse((await eventsOf(auditId, "second_review.saved"))[0].payload)).toEqual({ sampleUnitId: a.id, finding: "FAIL", note: "row missing", agrees: false });
  });

  it("keeps one of two parallel second reviews of a unit and refuses the other", async () => {
    const { auditId, rows } = await reviewedAudit();
    const [a] = rows;
    const results = await Promise.allSettled([second(auditId, a.id, "PASS", f.r2), second(auditId, a.id, "FAIL", f.r3)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const lost = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(lost.reason).toMatchObject({ code: "conflict", message: "This unit already has its second review." });
    expect((await history(a.id)).filter((h) => h.round === "second")).toHaveLength(1);
    expect(await eventsOf(auditId, "second_review.saved")).toHaveLength(1);
  });
});

describe("disagreements and adjudication", () => {
  it("keep the verdict INCONCLUSIVE, naming the count, until adjudicated; the adjudicated finding decides", async () => {
    const { auditId, rows } = await reviewedAudit();
    expect((await getAuditReport(f.db, { audit: await audit(auditId) })).assessment.verdict).toBe("PASS");
    await second(auditId, rows[0].id, "FAIL", f.r2);
    await second(auditId, rows[1].id, "UNKNOWN", f.r2);
    await second(auditId, rows[2].id, "PASS", f.r2);
    let report = await getAuditReport(f.db, { audit: await audit(auditId) });
    expect(report.openDisagreements).toBe(2);
    expect(report.assessment.verdict).toBe("INCONCLUSIVE");
    expect(report.assessment.reasons).toEqual([{ code: "DISAGREEMENTS_OPEN", message: "2 double-review disagreements await adjudication." }]);

    await decide(auditId, rows[0].id, "PASS", f.operatorId);
    report = await getAuditReport(f.db, { audit: await audit(auditId) });
    expect(report.assessment.reasons).toEqual([{ code: "DISAGREEMENTS_OPEN", message: "1 double-review disagreement awaits adjudication." }]);

    // A third reviewer decides FAIL (critical): the verdict follows the adjudicated finding.
    await adjudicate(f.db, {
      auditId,
      review: reviewSchema.parse({ sampleUnitId: rows[1].id, finding: "FAIL", criticalKind: "save_not_persisted", remediationOwner: "team", note: "checked the SoT" }),
      actorId: f.r3,
      roles: ["reviewer"],
    });
    report = await getAuditReport(f.db, { audit: await audit(auditId) });
    expect(report.openDisagreements).toBe(0);
    expect(report.assessment.verdict).toBe("FAIL");
    expect(report.assessment.reasons[0].code).toBe("CRITICAL_DEFECT");

    const unit = (await f.sampled(auditId))[1];
    expect(unit).toMatchObject({ finding: "FAIL", criticalKind: "save_not_persisted", note: "checked the SoT", adjudicatedBy: f.r3, revision: rows[1].revision + 2 });
    expect(unit.adjudicatedAt).toBeInstanceOf(Date);
    expect(unit.remediationDueAt).toBeInstanceOf(Date);
    expect((await history(rows[1].id)).map((h) => [h.round, h.finding, h.reviewedBy])).toEqual([
      ["primary", "PASS", f.r1],
      ["second", "UNKNOWN", f.r2],
      ["adjudication", "FAIL", f.r3],
    ]);
    const [event] = (await eventsOf(auditId, "review.adjudicated")).slice(-1);
    expect(JSON.parse(event.payload)).toMatchObject({ sampleUnitId: rows[1].id, firstFinding: "PASS", secondFinding: "UNKNOWN", finding: "FAIL" });
  });

  it("a later primary save cannot replace the adjudicated finding, and the second reviewer cannot give the first review", async () => {
    const { auditId, rows } = await reviewedAudit();
    await second(auditId, rows[0].id, "FAIL", f.r2);
    await decide(auditId, rows[0].id, "FAIL", f.operatorId);
    await second(auditId, rows[1].id, "PASS", f.r2);
    const before = await f.events();
    const save = (sampleUnitId: number, actorId: number) => saveReview(f.db, { review: reviewSchema.parse({ sampleUnitId, finding: "PASS" }), actorId });
    expect((await refusal(save(rows[0].id, f.r1))).message).toMatch(/adjudicated: its finding is final/);
    expect((await refusal(save(rows[1].id, f.r2))).message).toMatch(/blind second review/);
    expect(await f.events()).toBe(before);
    expect((await f.sampled(auditId))[0].finding).toBe("FAIL");
  });

  it("is never adjudicated by one of the two reviewers, nor by an approver; nor twice; nothing written", async () => {
    const { auditId, rows } = await reviewedAudit();
    const [a, b] = rows;
    await second(auditId, a.id, "FAIL", f.r2);
    const before = await f.events();
    expect((await refusal(decide(auditId, a.id, "FAIL", f.r1, ["operator", "reviewer"]))).code).toBe("forbidden");
    expect((await refusal(decide(auditId, a.id, "FAIL", f.r2, ["reviewer"]))).code).toBe("forbidden");
    expect((await refusal(decide(auditId, a.id, "FAIL", f.approverId, [] as never[]))).message).toMatch(/operator or reviewer role/);
    expect((await refusal(decide(auditId, b.id, "FAIL", f.operatorId))).message).toMatch(/no open double-review disagreement/);
    expect(await f.events()).toBe(before);
    expect((await f.sampled(auditId))[0]).toMatchObject({ finding: "PASS", adjudicatedAt: null });
    await decide(auditId, a.id, "FAIL", f.operatorId);
    expect((await refusal(decide(auditId, a.id, "PASS", f.r3, ["reviewer"]))).message).toMatch(/already adjudicated/);
  });

  it("keeps one of two parallel adjudications and refuses the other", async () => {
    const { auditId, rows } = await reviewedAudit();
    const [a] = rows;
    await second(auditId, a.id, "FAIL", f.r2);
    const results = await Promise.allSettled([decide(auditId, a.id, "FAIL", f.operatorId), decide(auditId, a.id, "UNKNOWN", f.r3, ["reviewer"])]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect((results.find((r) => r.status === "rejected") as PromiseRejectedResult).reason).toMatchObject({ code: "conflict" });
    expect((await history(a.id)).filter((h) => h.round === "adjudication")).toHaveLength(1);
    expect(await eventsOf(auditId, "review.adjudicated")).toHaveLength(1);
  });
});

describe("getAgreement", () => {
  it("builds the confusion matrix and kappa overall and per pair, from the first findings", async () => {
    const auditId = await f.newAudit();
    const rows = (await f.sampled(auditId)).slice(0, 8);
    // r1 first-reviews 0–4 (second: r2), r3 first-reviews 5–7 (second: r2).
    const plan: [number, "PASS" | "FAIL", "PASS" | "FAIL"][] = [
      [f.r1, "PASS", "PASS"],
      [f.r1, "PASS", "PASS"],
      [f.r1, "FAIL", "FAIL"],
      [f.r1, "FAIL", "PASS"],
      [f.r1, "PASS", "FAIL"],
      [f.r3, "PASS", "PASS"],
      [f.r3, "FAIL", "FAIL"],
      [f.r3, "PASS", "PASS"],
    ];
    for (const [i, [by, first]] of plan.entries()) await f.review(rows[i].id, first, by);
    await requestSecondReviews(f.db, { auditId, fraction: 1, strata: [], actorId: f.operatorId });
    for (const [i, [, , sec]] of plan.entries()) await second(auditId, rows[i].id, sec, f.r2);
    await decide(auditId, rows[3].id, "PASS", f.operatorId); // adjudication does not rewrite the first finding

    const { overall, pairs } = await getAgreement(f.db, { auditId });
    // Rows first (PASS, FAIL, UNKNOWN), columns second: PASS/PASS 4, PASS/FAIL 1, FAIL/PASS 1, FAIL/FAIL 2.
    expect(overall.matrix).toEqual([
      [4, 1, 0],
      [1, 2, 0],
      [0, 0, 0],
    ]);
    expect(overall).toMatchObject({ pairs: 8, agreed: 6 });
    // p_o = 6/8, p_e = (5·5 + 3·3)/64 = 34/64 → κ = (48 − 34)/(64 − 34) = 7/15.
    expect(overall.kappa).toBeCloseTo(7 / 15, 12);
    expect(pairs.map((p) => [p.a.id, p.b.id, p.pairs])).toEqual(
      [
        [Math.min(f.r1, f.r2), Math.max(f.r1, f.r2), 5],
        [Math.min(f.r2, f.r3), Math.max(f.r2, f.r3), 3],
      ].sort((x, y) => x[0] - y[0] || x[1] - y[1]),
    );
    const r2r3 = pairs.find((p) => p.pairs === 3)!;
    expect(r2r3.kappa).toBe(1);
  });
});
