import { describe, expect, it } from "vitest";
import { defectRateUpperBound, type SampleSummary } from "../estimation";
import { plannedRandomStratumSize } from "./stratum-plan";

/** A fully reviewed sample: clean census of C, n clean random units out of N − C. */
const clean = (N: number, C: number, n: number): SampleSummary => ({
  populationSize: N,
  census: { size: C, reviewed: C, defects: 0, unknowns: 0 },
  random: { size: n, reviewed: n, defects: 0, unknowns: 0 },
  supplementary: { size: 0, reviewed: 0, defects: 0, unknowns: 0 },
  sampled: C + n,
  reviewed: C + n,
  criticalDefects: 0,
  failedWithoutOwner: 0,
});

describe("plannedRandomStratumSize", () => {
  it("is the smallest random stratum whose clean review puts the exact bound at or under 3%", () => {
    for (const [N, C, confidence] of [
      [1000, 0, 0.95],
      [1000, 40, 0.95],
      [5000, 10, 0.9],
      [25, 1, 0.95],
      [135_233, 120, 0.99],
    ] as const) {
      const n = plannedRandomStratumSize({ populationSize: N, censusSize: C, confidence })!;
      expect(defectRateUpperBound(clean(N, C, n), confidence)).toBeLessThanOrEqual(0.03 + 1e-12);
      if (n > 1) expect(defectRateUpperBound(clean(N, C, n - 1), confidence)).toBeGreaterThan(0.03);
    }
  });

  it("matches plain planning without a census (N = 1000, 95%: 91)", () => {
    expect(plannedRandomStratumSize({ populationSize: 1000, censusSize: 0, confidence: 0.95 })).toBe(91);
  });

  it("is 0 when nothing outside the census needs sampling, and rejects bad counts", () => {
    expect(plannedRandomStratumSize({ populationSize: 10, censusSize: 10, confidence: 0.95 })).toBe(0);
    expect(plannedRandomStratumSize({ populationSize: 100, censusSize: 98, confidence: 0.95 })).toBe(0);
    expect(() => plannedRandomStratumSize({ populationSize: 10, censusSize: 11, confidence: 0.95 })).toThrow(RangeError);
    expect(() => plannedRandomStratumSize({ populationSize: 10.5, censusSize: 0, confidence: 0.95 })).toThrow(RangeError);
  });
});
