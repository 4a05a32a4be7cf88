import { describe, it, expect } from "vitest";
import { assessAudit, auditBlockers, stabilityPasses, type AuditPreconditions } from "./assessment";
import { estimatedDefectRate, estimatedUnknownRate, summarizeSample, type ReviewedMember, type SampleSummary } from "./estimation";
import { decideVerdict } from "./verdict";

/** Preconditions that block nothing; override what a test is about. */
const ready = (overrides: Partial<AuditPreconditions> = {}): AuditPreconditions => ({
  consistencyModel: "strong",
  stabilityExpected: "42 rows",
  stabilityActual: "42 rows",
  hasPopulation: true,
  hasSample: true,
  ...overrides,
});

const reviewed = (stratum: ReviewedMember["stratum"], finding: ReviewedMember["finding"], extra: Partial<ReviewedMember> = {}): ReviewedMember => ({
  stratum,
  finding,
  critical: false,
  remediationOwner: finding === "FAIL" ? "owner" : null,
  ...extra,
});

const many = (n: number, m: ReviewedMember) => Array.from({ length: n }, () => ({ ...m }));

/** N=1000, 100 random units all PASS: a clean sample. */
const cleanSummary = (): SampleSummary => summarizeSample(1000, many(100, reviewed("random", "PASS")));

const codes = (reasons: { code: string }[]) => reasons.map((r) => r.code);

describe("stabilityPasses", () => {
  it("passes when the actual result equals the expected one, ignoring surrounding white space", () => {
    expect(stabilityPasses("42 rows", "42 rows")).toBe(true);
    expect(stabilityPasses("42 rows", "  42 rows\n")).toBe(true);
    expect(stabilityPasses("\t42 rows ", "42 rows")).toBe(true);
  });

  it("fails when not recorded or different (inner white space and case matter)", () => {
    expect(stabilityPasses("42 rows", null)).toBe(false);
    expect(stabilityPasses("42 rows", "41 rows")).toBe(false);
    expect(stabilityPasses("42 rows", "42  rows")).toBe(false);
    expect(stabilityPasses("42 rows", "42 ROWS")).toBe(false);
    expect(stabilityPasses("42 rows", "")).toBe(false);
  });
});

describe("auditBlockers", () => {
  it("is empty when nothing blocks, for strong and bounded-staleness consistency", () => {
    expect(auditBlockers(ready())).toEqual([]);
    expect(auditBlockers(ready({ consistencyModel: "bounded_staleness" }))).toEqual([]);
  });

  it("blocks eventual consistency alone, before any other check", () => {
    const blockers = auditBlockers(ready({ consistencyModel: "eventual", stabilityActual: null, hasPopulation: false, hasSample: false }));
    expect(codes(blockers)).toEqual(["CONSISTENCY_MODEL_VIOLATION"]);
    expect(blockers[0].message).toMatch(/[Ee]ventually consistent/);
  });

  it("blocks when the stability test is not recorded", () => {
    expect(codes(auditBlockers(ready({ stabilityActual: null })))).toEqual(["STABILITY_NOT_CHECKED"]);
  });

  it("blocks when the stability result differs from the expected one", () => {
    expect(codes(auditBlockers(ready({ stabilityActual: "41 rows" })))).toEqual(["STABILITY_FAILED"]);
  });

  it("accepts a stability result that differs only by surrounding white space", () => {
    expect(auditBlockers(ready({ stabilityExpected: "ok", stabilityActual: "  ok\n" }))).toEqual([]);
  });

  it("blocks without a population, and reports no sample only once a population exists", () => {
    expect(codes(auditBlockers(ready({ hasPopulation: false, hasSample: false })))).toEqual(["NO_POPULATION"]);
    expect(codes(auditBlockers(ready({ hasSample: false })))).toEqual(["NO_SAMPLE"]);
  });

  it("lists a stability blocker together with a data blocker", () => {
    expect(codes(auditBlockers(ready({ stabilityActual: null, hasPopulation: false })))).toEqual(["STABILITY_NOT_CHECKED", "NO_POPULATION"]);
    expect(codes(auditBlockers(ready({ stabilityActual: "bad", hasSample: false })))).toEqual(["STABILITY_FAILED", "NO_SAMPLE"]);
  });
});

describe("assessAudit: blocked audits", () => {
  it("is INCONCLUSIVE and BLOCKED under eventual consistency, even with a clean sample", () => {
    const a = assessAudit(ready({ consistencyModel: "eventual" }), cleanSummary());
    expect(a).toMatchObject({ verdict: "INCONCLUSIVE", gateState: "BLOCKED", blocked: true });
    expect(codes(a.reasons)).toEqual(["CONSISTENCY_MODEL_VIOLATION"]);
    // The estimates are still shown.
    expect(a.defectRate).toBe(0);
    expect(a.unknownRate).toBe(0);
  });

  it("is blocked with STABILITY_NOT_CHECKED when the stability result is not recorded", () => {
    const a = assessAudit(ready({ stabilityActual: null }), cleanSummary());
    expect(a).toMatchObject({ verdict: "INCONCLUSIVE", gateState: "BLOCKED", blocked: true });
    expect(codes(a.reasons)).toEqual(["STABILITY_NOT_CHECKED"]);
  });

  it("is blocked with STABILITY_FAILED when the result differs", () => {
    const a = assessAudit(ready({ stabilityActual: "43 rows" }), cleanSummary());
    expect(a).toMatchObject({ verdict: "INCONCLUSIVE", gateState: "BLOCKED", blocked: true });
    expect(codes(a.reasons)).toEqual(["STABILITY_FAILED"]);
  });

  it("is blocked with NO_POPULATION, with no estimates, before anything is imported", () => {
    const a = assessAudit(ready({ hasPopulation: false, hasSample: false }), null);
    expect(a).toEqual({ verdict: "INCONCLUSIVE", gateState: "BLOCKED", reasons: [expect.objectContaining({ code: "NO_POPULATION" })], defectRate: null, unknownRate: null, blocked: true, rates: null, basisNote: null });
  });

  it("is blocked with NO_SAMPLE before a sample is drawn", () => {
    const a = assessAudit(ready({ hasSample: false }), null);
    expect(a).toMatchObject({ verdict: "INCONCLUSIVE", gateState: "BLOCKED", blocked: true, defectRate: null, unknownRate: null });
    expect(codes(a.reasons)).toEqual(["NO_SAMPLE"]);
  });

  it("does not let a critical defect override a blocker", () => {
    const summary = summarizeSample(100, [reviewed("random", "FAIL", { critical: true })]);
    const a = assessAudit(ready({ stabilityActual: null }), summary);
    expect(a.verdict).toBe("INCONCLUSIVE");
    expect(codes(a.reasons)).toEqual(["STABILITY_NOT_CHECKED"]);
  });

  it("stays blocked when there is no summary even without a blocker", () => {
    const a = assessAudit(ready(), null);
    expect(a).toMatchObject({ verdict: "INCONCLUSIVE", gateState: "BLOCKED", blocked: true, defectRate: null, unknownRate: null });
  });
});

describe("assessAudit: verdicts from the sample", () => {
  it("passes a clean, fully reviewed sample with gate OPEN", () => {
    const a = assessAudit(ready(), cleanSummary());
    expect(a).toMatchObject({ verdict: "PASS", gateState: "OPEN", blocked: false, defectRate: 0, unknownRate: 0 });
    // The point estimate decides (seed 000 default); what the exact 95% bounds cannot show is said, not hidden.
    expect(codes(a.reasons)[0]).toBe("PASS_CRITERIA_MET");
    expect(a.rates).toMatchObject({ basis: "point_estimate", confidence: 0.95, decidingDefectRate: 0 });
    expect(a.basisNote?.code).toBe("DECISION_BASIS");
  });

  it("on the upper-bound basis the same reviews give a different verdict than the point estimate", () => {
    const summary = cleanSummary();
    const point = assessAudit(ready(), summary);
    const strict = assessAudit(ready(), summary, { confidence: 0.95, basis: "upper_bound" });
    expect(point.verdict).toBe("PASS");
    expect(strict.verdict).not.toBe("PASS");
    expect(strict.rates!.decidingDefectRate).toBe(strict.rates!.defectUpper);
    expect(codes(strict.reasons)).not.toContain("UPPER_BOUND_ABOVE_3");
  });

  it("keeps the disagreement reasons out while review is incomplete", () => {
    const summary = summarizeSample(1000, [...many(50, reviewed("random", "PASS")), ...many(50, { stratum: "random", finding: null, critical: false, remediationOwner: null })]);
    const a = assessAudit(ready(), summary);
    expect(codes(a.reasons)).toEqual(["REVIEW_INCOMPLETE"]);
  });

  it("delegates to decideVerdict on the stratified estimates", () => {
    // N=1000: 10 census (2 FAIL), 100 random (5 FAIL, 1 UNKNOWN) → defect (2 + 990 × 0.05)/1000 = 0.0515.
    const summary = summarizeSample(1000, [
      ...many(2, reviewed("census", "FAIL")),
      ...many(8, reviewed("census", "PASS")),
      ...many(5, reviewed("random", "FAIL")),
      ...many(1, reviewed("random", "UNKNOWN")),
      ...many(94, reviewed("random", "PASS")),
    ]);
    const a = assessAudit(ready(), summary);
    expect(a.defectRate).toBeCloseTo(0.0515, 12);
    expect(a.unknownRate).toBeCloseTo(0.0099, 12);
    const expected = decideVerdict({
      criticalDefects: 0,
      defectRate: estimatedDefectRate(summary),
      unknownRate: estimatedUnknownRate(summary),
      failedWithoutOwner: 0,
      reviewComplete: true,
    });
    expect(a).toMatchObject({ verdict: expected.verdict, gateState: expected.gateState, defectRate: a.defectRate, unknownRate: a.unknownRate, blocked: false });
    // decideVerdict's reasons first, then the disagreements the bounds show: they cannot rule out a FAIL, nor show unknowns ≤ 2%.
    expect(a.reasons.slice(0, expected.reasons.length)).toEqual(expected.reasons);
    expect(codes(a.reasons).slice(expected.reasons.length)).toEqual(["UPPER_BOUND_ABOVE_7", "UNKNOWN_UPPER_BOUND_ABOVE_2"]);
    expect(a.verdict).toBe("PASS_WITH_NOTES");
    expect(a.gateState).toBe("CONDITIONAL_PASS");
  });

  it("fails above 7% estimated defects", () => {
    const summary = summarizeSample(1000, [...many(8, reviewed("random", "FAIL")), ...many(92, reviewed("random", "PASS"))]);
    expect(assessAudit(ready(), summary)).toMatchObject({ verdict: "FAIL", gateState: "BLOCKED", blocked: false });
  });

  it("is INCONCLUSIVE when failed units lack a remediation owner", () => {
    const summary = summarizeSample(1000, [
      ...many(3, reviewed("random", "FAIL", { remediationOwner: null })),
      ...many(2, reviewed("random", "FAIL")),
      ...many(95, reviewed("random", "PASS")),
    ]);
    const a = assessAudit(ready(), summary);
    expect(a.verdict).toBe("INCONCLUSIVE");
    expect(a.blocked).toBe(false);
    expect(a.reasons).toContainEqual({ code: "FAILED_WITHOUT_OWNER", message: "3 failed units have no remediation owner." });
  });

  it("fails at once on a critical defect in the supplementary stratum, even mid-review", () => {
    const summary = summarizeSample(1000, [
      ...many(50, reviewed("random", "PASS")),
      ...many(50, reviewed("random", null)),
      reviewed("supplementary", "FAIL", { critical: true }),
    ]);
    const a = assessAudit(ready(), summary);
    expect(a).toMatchObject({ verdict: "FAIL", gateState: "BLOCKED", blocked: false });
    expect(codes(a.reasons)).toEqual(["CRITICAL_DEFECT"]);
  });

  it("names how many of the sampled units are still unreviewed", () => {
    const summary = summarizeSample(1000, [
      ...many(22, reviewed("random", "PASS")),
      ...many(3, reviewed("random", null)),
      reviewed("census", null),
      reviewed("supplementary", null),
    ]);
    const a = assessAudit(ready(), summary);
    expect(a).toMatchObject({ verdict: "INCONCLUSIVE", gateState: "BLOCKED", blocked: false });
    expect(a.reasons).toEqual([{ code: "REVIEW_INCOMPLETE", message: "Review is incomplete: 5 of 27 sampled units are not reviewed yet." }]);
  });

  it("counts unreviewed supplementary units as incomplete review", () => {
    const summary = summarizeSample(1000, [...many(20, reviewed("random", "PASS")), reviewed("supplementary", null)]);
    expect(assessAudit(ready(), summary).reasons[0].message).toContain("1 of 21 sampled units");
  });
});

describe("assessAudit: open double-review disagreements (issue 11)", () => {
  // The caller builds the summary without the disputed units' findings (they are unreviewed there).
  const withDisputed = (disputed: number, extra: ReviewedMember[] = []) =>
    summarizeSample(1000, [...many(100 - disputed - extra.length, reviewed("random", "PASS")), ...many(disputed, reviewed("random", null)), ...extra]);

  it("is INCONCLUSIVE naming the count, instead of 'not reviewed', when every unit has its first review", () => {
    const a = assessAudit(ready(), withDisputed(2), undefined, 2);
    expect(a).toMatchObject({ verdict: "INCONCLUSIVE", gateState: "BLOCKED", blocked: false });
    expect(a.reasons).toEqual([{ code: "DISAGREEMENTS_OPEN", message: "2 double-review disagreements await adjudication." }]);
  });

  it("uses the singular for one disagreement", () => {
    expect(assessAudit(ready(), withDisputed(1), undefined, 1).reasons).toEqual([{ code: "DISAGREEMENTS_OPEN", message: "1 double-review disagreement awaits adjudication." }]);
  });

  it("names both the unreviewed units and the disagreements mid-review", () => {
    const summary = summarizeSample(1000, [...many(95, reviewed("random", "PASS")), ...many(5, reviewed("random", null))]);
    const a = assessAudit(ready(), summary, undefined, 2);
    expect(a.reasons).toEqual([
      { code: "REVIEW_INCOMPLETE", message: "Review is incomplete: 3 of 100 sampled units are not reviewed yet." },
      { code: "DISAGREEMENTS_OPEN", message: "2 double-review disagreements await adjudication." },
    ]);
  });

  it("gives the verdict of the findings once nothing is open (the same summary would PASS)", () => {
    expect(assessAudit(ready(), cleanSummary(), undefined, 0).verdict).toBe("PASS");
  });

  it("still fails at once on an undisputed critical defect", () => {
    const a = assessAudit(ready(), withDisputed(1, [reviewed("census", "FAIL", { critical: true })]), undefined, 1);
    expect(a.verdict).toBe("FAIL");
    expect(codes(a.reasons)).toEqual(["CRITICAL_DEFECT"]);
  });

  it("refuses a count that is not among the unreviewed units", () => {
    expect(() => assessAudit(ready(), cleanSummary(), undefined, 1)).toThrow(RangeError);
    expect(() => assessAudit(ready(), withDisputed(1), undefined, -1)).toThrow(RangeError);
    expect(() => assessAudit(ready(), withDisputed(1), undefined, 0.5)).toThrow(RangeError);
  });
});
