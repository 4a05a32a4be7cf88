import { describe, expect, it } from "vitest";
import { decideWithBasis, type DecisionSettings } from "../decision-basis";
import { defectRateUpperBound, estimatedDefectRate, estimatedUnknownRate, type SampleSummary } from "../estimation";
import { decideVerdict } from "../verdict";
import { explainEstimate, type EstimateStep, type MathExplanation, type UpperBoundStep } from "./explain";
import { hypergeometricUpperBound } from "./hypergeometric";
import { unknownRateUpperBound } from "./unknown-bound";
import { counts, summary } from "./testing";


/** Recomputes an estimate the way a reader would: (census + (N − C) × count / reviewed) / N. */
const byHandEstimate = (x: MathExplanation, step: EstimateStep) =>
  x.inputs.populationSize === 0
    ? 0
    : (step.censusCount + (step.randomReviewed > 0 ? x.inputs.outsideCensus * (step.randomCount / step.randomReviewed) : 0)) / x.inputs.populationSize;
/** (census + unreviewed census + K_u) / N, capped at 1. */
const byHandUpper = (x: MathExplanation, step: UpperBoundStep) =>
  x.inputs.populationSize === 0 ? 0 : Math.min(1, (step.censusCount + step.censusUnreviewed + step.Ku) / x.inputs.populationSize);

const cases: [string, SampleSummary][] = [
  ["complete review with both strata", summary(1000, counts(10, 10, 2, 1), counts(100, 100, 3, 2), counts(3, 3, 1, 0))],
  ["mid-review", summary(2000, counts(25, 5, 2, 0), counts(250, 40, 1, 1))],
  ["no random unit reviewed", summary(200, counts(20, 20, 5, 4), counts(35, 0, 0, 0))],
  ["all census", summary(40, counts(40, 40, 6, 1), counts(0, 0, 0, 0))],
  ["empty population", summary(0, counts(0, 0, 0, 0), counts(0, 0, 0, 0))],
];
const settingsList: DecisionSettings[] = [
  { confidence: 0.95, basis: "point_estimate" },
  { confidence: 0.9, basis: "upper_bound" },
  { confidence: 0.99, basis: "upper_bound" },
];

describe("explainEstimate: a reader can recompute everything from it", () => {
  it.each(cases)("%s", (_, s) => {
    for (const settings of settingsList) {
      const x = explainEstimate(s, settings);
      // Point estimates and bounds recomputed by hand from the explanation's own numbers.
      expect(byHandEstimate(x, x.defect.estimate)).toBe(estimatedDefectRate(s));
      expect(byHandEstimate(x, x.unknown.estimate)).toBe(estimatedUnknownRate(s));
      expect(byHandUpper(x, x.defect.upper)).toBe(defectRateUpperBound(s, settings.confidence));
      expect(byHandUpper(x, x.unknown.upper)).toBe(unknownRateUpperBound(s, settings.confidence));
      expect(x.defect.estimate.rate).toBe(estimatedDefectRate(s));
      expect(x.defect.upper.rate).toBe(defectRateUpperBound(s, settings.confidence));
      // Intermediate numbers are consistent with each other.
      for (const step of [x.defect.estimate, x.unknown.estimate]) expect(step.numerator).toBe(step.censusCount + step.scaledRandom);
      for (const step of [x.defect.upper, x.unknown.upper]) expect(step.numerator).toBe(step.censusCount + step.censusUnreviewed + step.Ku);
      // The verdict follows from the deciding figures and the listed inputs.
      const rates = settings.basis === "upper_bound" ? [x.defect.upper.rate, x.unknown.upper.rate] : [x.defect.estimate.rate, x.unknown.estimate.rate];
      expect([x.decision.defectRate, x.decision.unknownRate]).toEqual(rates);
      const byHand = decideVerdict({
        criticalDefects: x.inputs.criticalDefects,
        defectRate: rates[0],
        unknownRate: rates[1],
        failedWithoutOwner: x.inputs.failedWithoutOwner,
        reviewComplete: x.inputs.reviewComplete,
      });
      expect(x.decision.verdict).toBe(byHand.verdict);
      expect(x.decision.verdict).toBe(decideWithBasis(s, settings).verdict);
      // Serialisable: plain data that survives JSON.
      expect(JSON.parse(JSON.stringify(x))).toEqual(x);
    }
  });

  it("worked example: N = 1000, C = 10 (2 FAIL, 1 UNKNOWN), 3 FAIL and 2 UNKNOWN in 100 random", () => {
    const s = summary(1000, counts(10, 10, 2, 1), counts(100, 100, 3, 2));
    const x = explainEstimate(s, { confidence: 0.95, basis: "point_estimate" });
    expect(x.inputs).toMatchObject({ populationSize: 1000, censusSize: 10, outsideCensus: 990, reviewComplete: true });
    expect(x.defect.estimate).toMatchObject({ censusCount: 2, randomCount: 3, randomReviewed: 100, randomFraction: 0.03 });
    expect(x.defect.estimate.scaledRandom).toBeCloseTo(29.7, 12);
    expect(x.defect.estimate.worked).toBe("(2 + 990 × 3 / 100) / 1000 = 0.031700 (3.17%)");
    const Ku = hypergeometricUpperBound({ defects: 3, sampleSize: 100, populationSize: 990 });
    expect(x.defect.upper).toMatchObject({ censusCount: 2, censusUnreviewed: 0, Ku, KuMethod: "hypergeometric", randomPopulation: 990 });
    expect(x.defect.upper.worked).toBe(`(2 + 0 + ${Ku}) / 1000 = ${((2 + Ku) / 1000).toFixed(6)} (${((2 + Ku) / 10).toFixed(2)}%); K_u = ${Ku} (hypergeometric, 3 found in 100 of 990, 95%)`);
    expect(x.decision.figure).toBe("point estimate");
    expect(x.decision.verdict).toBe("PASS_WITH_NOTES");
    expect(x.decision.reasons.map((r) => r.code)).toContain("UPPER_BOUND_ABOVE_7");
    expect(x.thresholds).toEqual({ passDefect: 0.03, failDefect: 0.07, passUnknown: 0.02 });
    expect(x.sources.map((src) => src.reference).join(" ")).toMatch(/Seed 000, "Verdict Rules".*Cochran.*§5\.2.*Talens.*jfa/s);
  });

  it("names how K_u was obtained when no random unit is reviewed or none lies outside the census", () => {
    const none = explainEstimate(summary(200, counts(20, 20, 5, 4), counts(35, 0, 0, 0)), { confidence: 0.95, basis: "point_estimate" });
    expect(none.defect.upper).toMatchObject({ KuMethod: "no_random_reviews", Ku: 180 });
    expect(none.defect.estimate.randomFraction).toBeNull();
    const all = explainEstimate(summary(40, counts(40, 40, 6, 1), counts(0, 0, 0, 0)), { confidence: 0.95, basis: "upper_bound" });
    expect(all.defect.upper).toMatchObject({ KuMethod: "no_units_outside_census", Ku: 0 });
    expect(all.decision.figure).toBe("upper bound");
  });
});
