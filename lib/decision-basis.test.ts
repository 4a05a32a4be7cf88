import { describe, expect, it } from "vitest";
import {
  assertDecisionSettings,
  basisNote,
  decideWithBasis,
  decisionRates,
  defectRateFails,
  defectRateWithinPass,
  disagreementReasons,
  unknownRateWithinPass,
  type DecisionRates,
  type DecisionSettings,
} from "./decision-basis";
import { defectRateUpperBound, estimatedDefectRate, estimatedUnknownRate, type SampleSummary, type StratumCounts } from "./estimation";
import { unknownRateUpperBound } from "./statistics/unknown-bound";

const counts = (size: number, reviewed: number, defects: number, unknowns: number): StratumCounts => ({ size, reviewed, defects, unknowns });
const summary = (N: number, census: StratumCounts, random: StratumCounts, extra: Partial<SampleSummary> = {}): SampleSummary => ({
  populationSize: N,
  census,
  random,
  supplementary: counts(0, 0, 0, 0),
  sampled: census.size + random.size,
  reviewed: census.reviewed + random.reviewed,
  criticalDefects: 0,
  failedWithoutOwner: 0,
  ...extra,
});
const point: DecisionSettings = { confidence: 0.95, basis: "point_estimate" };
const upper: DecisionSettings = { confidence: 0.95, basis: "upper_bound" };
const codes = (r: { reasons: { code: string }[] }) => r.reasons.map((x) => x.code);

// Hypergeometric upper bounds used below (N − C = 1000, n = 100, 95%), checked independently with
// SciPy 1.17 (max K with hypergeom.cdf(k, 1000, K, 100) > 0.05): k = 0 → 28, k = 1 → 44, k = 5 → 99.
/** 1 defect in 100 of 1000: estimate 1%, 95% upper bound 4.40%. */
const oneDefect = summary(1000, counts(0, 0, 0, 0), counts(100, 100, 1, 0));
/** 5 defects in 100 of 1000: estimate 5%, 95% upper bound 9.90%. */
const fiveDefects = summary(1000, counts(0, 0, 0, 0), counts(100, 100, 5, 0));
/** 1 unknown in 100 of 1000: unknown estimate 1%, bound 4.40%; defect bound 2.80%. */
const oneUnknown = summary(1000, counts(0, 0, 0, 0), counts(100, 100, 0, 1));

describe("decisionRates", () => {
  it("gives both figures and hands the basis's pair to the verdict", () => {
    const s = summary(1000, counts(10, 10, 2, 1), counts(100, 100, 3, 2));
    for (const confidence of [0.9, 0.95, 0.99] as const) {
      const p = decisionRates(s, { confidence, basis: "point_estimate" });
      expect(p.defectRate).toBe(estimatedDefectRate(s));
      expect(p.unknownRate).toBe(estimatedUnknownRate(s));
      expect(p.defectUpper).toBe(defectRateUpperBound(s, confidence));
      expect(p.unknownUpper).toBe(unknownRateUpperBound(s, confidence));
      expect([p.decidingDefectRate, p.decidingUnknownRate]).toEqual([p.defectRate, p.unknownRate]);
      const u = decisionRates(s, { confidence, basis: "upper_bound" });
      expect([u.decidingDefectRate, u.decidingUnknownRate]).toEqual([u.defectUpper, u.unknownUpper]);
    }
  });

  it("uses the published example figures", () => {
    expect(decisionRates(oneDefect, point).defectUpper).toBe(0.044);
    expect(decisionRates(fiveDefects, point).defectUpper).toBe(0.099);
    expect(decisionRates(oneUnknown, point).unknownUpper).toBe(0.044);
    expect(decisionRates(oneUnknown, point).defectUpper).toBe(0.028);
  });

  it.each([
    [{ confidence: 0.8, basis: "point_estimate" }],
    [{ confidence: 95, basis: "point_estimate" }],
    [{ confidence: 0.95, basis: "median" }],
  ])("throws RangeError for settings %o", (settings) => {
    expect(() => assertDecisionSettings(settings as never)).toThrow(RangeError);
    expect(() => decisionRates(oneDefect, settings as never)).toThrow(RangeError);
  });
});

describe("threshold probes follow decideVerdict, tolerance included", () => {
  it("7% fails only above, 3% and 2% pass inclusively", () => {
    expect(defectRateFails(0.07)).toBe(false);
    expect(defectRateFails(0.0700001)).toBe(true);
    expect(defectRateWithinPass(0.03)).toBe(true);
    expect(defectRateWithinPass(0.030000000000000002)).toBe(true);
    expect(defectRateWithinPass(0.0301)).toBe(false);
    expect(unknownRateWithinPass(0.02)).toBe(true);
    expect(unknownRateWithinPass(0.0201)).toBe(false);
  });
});

describe("the upper-bound basis gives a different verdict than the point estimate on the same reviews", () => {
  it("5% defects in the sample: PASS_WITH_NOTES on the estimate, FAIL on the 9.90% bound", () => {
    const p = decideWithBasis(fiveDefects, point);
    expect(p.verdict).toBe("PASS_WITH_NOTES");
    expect(p.gateState).toBe("CONDITIONAL_PASS");
    // Zero unknowns in 100 of 1000 cannot show ≤ 2% either (bound 2.80%): disclosed too.
    expect(codes(p)).toEqual(["DEFECT_RATE_ABOVE_3", "REMEDIATION_OWNED", "UPPER_BOUND_ABOVE_7", "UNKNOWN_UPPER_BOUND_ABOVE_2"]);
    expect(p.reasons[2].message).toBe("The 95% upper bound 9.90% is above 7%: this sample cannot rule out a FAIL (estimated defect rate 5.00%).");

    const u = decideWithBasis(fiveDefects, upper);
    expect(u.verdict).toBe("FAIL");
    expect(u.gateState).toBe("BLOCKED");
    expect(u.reasons).toEqual([{ code: "DEFECT_RATE_ABOVE_7", message: "The 95% upper bound on the defect rate, 9.90%, is above 7%." }]);
  });

  it("1% defects: PASS on the estimate (with UPPER_BOUND_ABOVE_3), PASS_WITH_NOTES on the 4.40% bound", () => {
    const p = decideWithBasis(oneDefect, point);
    expect(p.verdict).toBe("PASS");
    expect(codes(p)).toEqual(["PASS_CRITERIA_MET", "UPPER_BOUND_ABOVE_3", "UNKNOWN_UPPER_BOUND_ABOVE_2"]);
    const u = decideWithBasis(oneDefect, upper);
    expect(u.verdict).toBe("PASS_WITH_NOTES");
    expect(codes(u)).toEqual(["DEFECT_RATE_ABOVE_3", "UNKNOWN_RATE_ABOVE_2", "REMEDIATION_OWNED"]);
    expect(u.reasons[0].message).toBe("The 95% upper bound on the defect rate, 4.40%, is above 3% (at most 7%).");
  });

  it("1% unknowns: PASS on the estimate (with UNKNOWN_UPPER_BOUND_ABOVE_2), PASS_WITH_NOTES on the bound", () => {
    const p = decideWithBasis(oneUnknown, point);
    expect(p.verdict).toBe("PASS");
    expect(codes(p)).toEqual(["PASS_CRITERIA_MET", "UNKNOWN_UPPER_BOUND_ABOVE_2"]);
    const u = decideWithBasis(oneUnknown, upper);
    expect(u.verdict).toBe("PASS_WITH_NOTES");
    expect(codes(u)).toEqual(["UNKNOWN_RATE_ABOVE_2", "REMEDIATION_OWNED"]);
  });

  it("the confidence matters on the upper-bound basis: a clean 150 of 1000 passes at 95%, not at 99%", () => {
    // K_u(0 of 150, N = 1000): 18 at 95%, 27 at 99% (SciPy, as above): 1.80% passes both lines, 2.70% fails the 2% unknown line.
    const clean = summary(1000, counts(0, 0, 0, 0), counts(150, 150, 0, 0));
    expect(decideWithBasis(clean, upper).verdict).toBe("PASS");
    expect(decisionRates(clean, { confidence: 0.99, basis: "upper_bound" }).unknownUpper).toBe(0.027);
    expect(decideWithBasis(clean, { confidence: 0.99, basis: "upper_bound" }).verdict).toBe("PASS_WITH_NOTES");
    expect(decideWithBasis(clean, { confidence: 0.99, basis: "point_estimate" }).verdict).toBe("PASS");
  });
});

describe("disagreementReasons", () => {
  const rates = (r: Partial<DecisionRates>): DecisionRates => ({
    confidence: 0.95,
    basis: "point_estimate",
    defectRate: 0,
    unknownRate: 0,
    defectUpper: 0,
    unknownUpper: 0,
    decidingDefectRate: 0,
    decidingUnknownRate: 0,
    ...r,
  });

  it("reproduces the issue's example message", () => {
    expect(disagreementReasons(rates({ defectRate: 0.05, defectUpper: 0.0774 }))).toEqual([
      { code: "UPPER_BOUND_ABOVE_7", message: "The 95% upper bound 7.74% is above 7%: this sample cannot rule out a FAIL (estimated defect rate 5.00%)." },
    ]);
  });

  it("checks each threshold on its own", () => {
    expect(disagreementReasons(rates({ defectRate: 0.01, defectUpper: 0.08, unknownRate: 0.01, unknownUpper: 0.03 })).map((r) => r.code)).toEqual([
      "UPPER_BOUND_ABOVE_7",
      "UPPER_BOUND_ABOVE_3",
      "UNKNOWN_UPPER_BOUND_ABOVE_2",
    ]);
    // Nothing to disclose when both figures sit on the same side of every line.
    expect(disagreementReasons(rates({ defectRate: 0.01, defectUpper: 0.03, unknownRate: 0.01, unknownUpper: 0.02 }))).toEqual([]);
    expect(disagreementReasons(rates({ defectRate: 0.08, defectUpper: 0.12, unknownRate: 0.03, unknownUpper: 0.05 }))).toEqual([]);
  });

  it("is empty under the upper-bound basis (the bound decided) and names the confidence otherwise", () => {
    expect(disagreementReasons(rates({ basis: "upper_bound", defectRate: 0.05, defectUpper: 0.09 }))).toEqual([]);
    expect(disagreementReasons(rates({ confidence: 0.99, defectRate: 0.05, defectUpper: 0.09 }))[0].message).toMatch(/^The 99% upper bound 9\.00%/);
  });
});

describe("decideWithBasis", () => {
  it("keeps decideVerdict's order: a critical defect fails at once, without disagreement reasons", () => {
    const s = { ...oneDefect, criticalDefects: 1 };
    const r = decideWithBasis(s, point);
    expect(r.verdict).toBe("FAIL");
    expect(codes(r)).toEqual(["CRITICAL_DEFECT"]);
  });

  it("is INCONCLUSIVE mid-review, and still discloses what the bound cannot rule out", () => {
    const s = summary(1000, counts(0, 0, 0, 0), counts(100, 50, 0, 0));
    const r = decideWithBasis(s, point);
    expect(r.verdict).toBe("INCONCLUSIVE");
    expect(codes(r)[0]).toBe("REVIEW_INCOMPLETE");
    expect(codes(r)).toContain("UPPER_BOUND_ABOVE_3");
    expect(decideWithBasis(s, point, { reviewComplete: true }).verdict).toBe("PASS");
  });

  it("states both figures and which decided in basisNote", () => {
    expect(decideWithBasis(fiveDefects, upper).basisNote).toEqual({
      code: "DECISION_BASIS",
      message: "Decided on the 95% upper bounds. Defect rate: estimate 5.00%, 95% upper bound 9.90%; unknown rate: estimate 0.00%, 95% upper bound 2.80%.",
    });
    expect(basisNote(decisionRates(fiveDefects, point)).message).toMatch(/^Decided on the point estimates\./);
  });

  it("agrees with the estimate-based verdict when the point basis has nothing to disclose", () => {
    const s = summary(1000, counts(10, 10, 0, 0), counts(250, 250, 0, 0));
    expect(decideWithBasis(s, point).verdict).toBe("PASS");
    expect(decideWithBasis(s, upper).verdict).toBe("PASS");
    expect(codes(decideWithBasis(s, point))).toEqual(["PASS_CRITERIA_MET"]);
  });
});
