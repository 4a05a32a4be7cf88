import { describe, expect, it } from "vitest";
import { defectRateUpperBound, estimatedUnknownRate, type SampleSummary, type StratumCounts } from "../estimation";
import { hypergeometricUpperBound } from "./hypergeometric";
import { unknownRateUpperBound } from "./unknown-bound";
import { counts, summary } from "./testing";

/** The same summary with defects and unknowns swapped in every stratum. */
const swapped = (s: SampleSummary): SampleSummary => {
  const swap = (c: StratumCounts) => ({ ...c, defects: c.unknowns, unknowns: c.defects });
  return { ...s, census: swap(s.census), random: swap(s.random), supplementary: swap(s.supplementary) };
};

describe("unknownRateUpperBound", () => {
  it("worked example: (census unknowns + census unreviewed + K_u) / N", () => {
    const s = summary(1000, counts(10, 9, 2, 1), counts(100, 100, 3, 2));
    const Ku = hypergeometricUpperBound({ defects: 2, sampleSize: 100, populationSize: 990 });
    expect(unknownRateUpperBound(s)).toBeCloseTo((1 + 1 + Ku) / 1000, 15);
    expect(unknownRateUpperBound(s)).toBeGreaterThan(estimatedUnknownRate(s));
  });

  it("mirrors defectRateUpperBound with the roles of defects and unknowns swapped", () => {
    for (const s of [
      summary(1000, counts(10, 9, 2, 1), counts(100, 97, 3, 2)),
      summary(500, counts(0, 0, 0, 0), counts(50, 50, 0, 0)),
      summary(200, counts(20, 20, 5, 4), counts(35, 0, 0, 0)),
      summary(40, counts(40, 30, 1, 2), counts(0, 0, 0, 0)),
    ]) {
      for (const confidence of [0.9, 0.95, 0.99]) {
        expect(unknownRateUpperBound(s, confidence)).toBe(defectRateUpperBound(swapped(s), confidence));
      }
    }
  });

  it("counts every outside unit as unknown while no random unit is reviewed, and 0 for an empty population", () => {
    expect(unknownRateUpperBound(summary(200, counts(20, 20, 0, 0), counts(35, 0, 0, 0)))).toBe(180 / 200);
    expect(unknownRateUpperBound(summary(0, counts(0, 0, 0, 0), counts(0, 0, 0, 0)))).toBe(0);
  });

  it("widens with confidence and ignores supplementary units", () => {
    const s = summary(1000, counts(10, 10, 0, 1), counts(100, 100, 0, 1));
    expect(unknownRateUpperBound(s, 0.9)).toBeLessThan(unknownRateUpperBound(s, 0.95));
    expect(unknownRateUpperBound(s, 0.95)).toBeLessThan(unknownRateUpperBound(s, 0.99));
    expect(unknownRateUpperBound(summary(1000, counts(10, 10, 0, 1), counts(100, 100, 0, 1), counts(5, 5, 0, 5)))).toBe(unknownRateUpperBound(s));
  });

  it("throws RangeError for a confidence outside (0, 1)", () => {
    const s = summary(100, counts(0, 0, 0, 0), counts(10, 10, 0, 0));
    expect(() => unknownRateUpperBound(s, 95)).toThrow(RangeError);
    expect(() => unknownRateUpperBound(s, 0)).toThrow(RangeError);
  });
});
