import { describe, expect, it } from "vitest";
import { defectRateFails, defectRateWithinPass } from "../decision-basis";
import { defectRateUpperBound, estimatedDefectRate, type SampleSummary } from "../estimation";
import { cleanReviewsForPassBound, failuresToFail } from "./flip";
import { planSampleSize } from "./planning";
import { counts, summary } from "./testing";


/** The summary once every census and random unit is reviewed, with mc / mr more FAILs there (others PASS). */
function completed(s: SampleSummary, mc: number, mr: number): SampleSummary {
  return {
    ...s,
    census: { ...s.census, reviewed: s.census.size, defects: s.census.defects + mc },
    random: { ...s.random, reviewed: s.random.size, defects: s.random.defects + mr },
  };
}

/** Brute force: the fewest further FAILs, over every split between census and random, that make the completed estimate FAIL. */
function bruteForceFailures(s: SampleSummary): number | null {
  const uc = s.census.size - s.census.reviewed;
  const ur = s.random.size - s.random.reviewed;
  let best: number | null = null;
  for (let mc = 0; mc <= uc; mc++) {
    for (let mr = 0; mr <= ur; mr++) {
      if (defectRateFails(estimatedDefectRate(completed(s, mc, mr))) && (best === null || mc + mr < best)) best = mc + mr;
    }
  }
  return best;
}

describe("failuresToFail", () => {
  const cases: [string, SampleSummary][] = [
    ["mid-review, random stratum enough", summary(1000, counts(10, 5, 1), counts(100, 60, 3), counts(4, 2, 0))],
    ["random stratum exhausted, census needed", summary(1000, counts(60, 0, 0), counts(100, 95, 0))],
    ["nothing reviewed yet", summary(500, counts(5, 0, 0), counts(75, 0, 0))],
    ["small population, heavy census", summary(120, counts(40, 10, 2), counts(35, 20, 0))],
  ];

  it.each(cases)("%s: m further FAILs give FAIL at completion, no placement of m − 1 does (brute force)", (_, s) => {
    const flip = failuresToFail(s);
    expect(flip.failures).not.toBeNull();
    const m = flip.failures!;
    expect(m).toBe(bruteForceFailures(s));
    const { census, random } = flip.placement!;
    expect(census + random).toBe(m);
    const after = completed(s, census, random);
    expect(estimatedDefectRate(after)).toBe(flip.rateAfter);
    expect(defectRateFails(estimatedDefectRate(after))).toBe(true);
    if (m > 0) {
      const uc = s.census.size - s.census.reviewed;
      const ur = s.random.size - s.random.reviewed;
      for (let mc = Math.max(0, m - 1 - ur); mc <= Math.min(m - 1, uc); mc++) {
        expect(defectRateFails(estimatedDefectRate(completed(s, mc, m - 1 - mc)))).toBe(false);
      }
    }
  });

  it("fills the random stratum first (each random FAIL weighs (N − C)/n_r), then the census", () => {
    // N − C = 940 over n_r = 100: 9.4 per random FAIL; 5 random + 24 census: (24 + 47) / 1000 = 7.1% > 7%.
    const flip = failuresToFail(summary(1000, counts(60, 0, 0), counts(100, 95, 0)));
    expect(flip.failures).toBe(29);
    expect(flip.placement).toEqual({ random: 5, census: 24 });
    expect(flip.rateAfter).toBeCloseTo(0.071, 12);
  });

  it("worked example: 3 of 60 random reviewed FAIL, 40 random and 5 census unreviewed", () => {
    // At completion rate = (1 + mc + 990 × (3 + mr)/100)/1000 > 0.07 needs 9.9 × (3 + mr) > 69, i.e. mr = 4 (9.9 × 7 = 69.3).
    const flip = failuresToFail(summary(1000, counts(10, 5, 1), counts(100, 60, 3), counts(4, 2, 0)));
    expect(flip).toEqual({
      failedAlready: false,
      oneCriticalDefectFails: true,
      failures: 4,
      placement: { random: 4, census: 0 },
      rateAfter: (1 + 990 * 0.07) / 1000,
      unreviewed: { census: 5, random: 40, supplementary: 2 },
    });
  });

  it("is 0 when the reviews so far already put the completed estimate above 7%", () => {
    // 8 FAILs in 100 random units: at least 990 × 8/100 / 1000 = 7.92% whatever the other 50 show.
    const flip = failuresToFail(summary(1000, counts(0, 0, 0), counts(100, 50, 8)));
    expect(flip.failures).toBe(0);
    expect(flip.placement).toEqual({ random: 0, census: 0 });
  });

  it("is null when even every unreviewed unit failing cannot exceed 7%", () => {
    // Random stratum fully reviewed clean; 10 census units at most add 1%.
    const flip = failuresToFail(summary(1000, counts(10, 0, 0), counts(100, 100, 0)));
    expect(flip.failures).toBeNull();
    expect(flip.placement).toBeNull();
    expect(flip.rateAfter).toBeNull();
    expect(flip.oneCriticalDefectFails).toBe(true);
  });

  it("flags critical defects separately: already failed, or one more would fail at once", () => {
    expect(failuresToFail(summary(1000, counts(0, 0, 0), counts(100, 100, 0), counts(0, 0, 0), { criticalDefects: 1 }))).toMatchObject({
      failedAlready: true,
      oneCriticalDefectFails: false,
    });
    // Only a supplementary unit left: its FAIL does not enter the estimate, but a critical one fails the audit.
    const flip = failuresToFail(summary(1000, counts(0, 0, 0), counts(100, 100, 0), counts(1, 0, 0)));
    expect(flip).toMatchObject({ failedAlready: false, oneCriticalDefectFails: true, failures: null });
    const done = failuresToFail(summary(1000, counts(0, 0, 0), counts(100, 100, 0)));
    expect(done.oneCriticalDefectFails).toBe(false);
  });

  it("treats exactly 7% as not FAIL (decideVerdict's inclusive line)", () => {
    // N = 100, no census, n_r = 100 (a census of everything): 7 FAILs = 7.00% is not FAIL, 8 is.
    const flip = failuresToFail(summary(100, counts(0, 0, 0), counts(100, 0, 0)));
    expect(flip.failures).toBe(8);
  });
});

describe("cleanReviewsForPassBound", () => {
  /** Asserts the boundary: n more clean random reviews reach ≤ 3%, n − 1 do not (recomputed with defectRateUpperBound). */
  function expectBoundary(s: SampleSummary, reviews: number, confidence = 0.95) {
    const bound = (extra: number) =>
      defectRateUpperBound({ ...s, census: { ...s.census, reviewed: s.census.size }, random: { ...s.random, reviewed: s.random.reviewed + extra } }, confidence);
    expect(defectRateWithinPass(bound(reviews))).toBe(true);
    if (reviews > 0) expect(defectRateWithinPass(bound(reviews - 1))).toBe(false);
  }

  it("no census: reaches 3% at the hypergeometric planned size (91 of 1000, checked independently in planning.test.ts)", () => {
    const s = summary(1000, counts(0, 0, 0), counts(250, 50, 0));
    const flip = cleanReviewsForPassBound(s);
    expect(planSampleSize({ materiality: 0.03, likelihood: "hypergeometric", populationSize: 1000 })).toBe(91);
    expect(flip.reviews).toBe(41);
    expect(flip.requiredRandomSize).toBe(91);
    expect(flip.upperBoundAfter).toBe(0.03);
    expect(flip.randomUnreviewed).toBe(200);
    expectBoundary(s, 41);
  });

  it.each([
    ["census with a defect", summary(1000, counts(10, 10, 1), counts(200, 40, 0)), 0.95],
    ["census still under review", summary(2000, counts(25, 5, 2), counts(250, 0, 0)), 0.95],
    ["random defects found", summary(5000, counts(0, 0, 0), counts(250, 100, 1)), 0.9],
    ["99% confidence", summary(3000, counts(3, 3, 0), counts(250, 120, 0)), 0.99],
  ])("%s: boundary holds", (_, s, confidence) => {
    const flip = cleanReviewsForPassBound(s, confidence);
    expect(flip.reviews).not.toBeNull();
    expect(flip.reviews!).toBeLessThanOrEqual(flip.randomUnreviewed);
    expect(flip.requiredRandomSize).toBe(s.random.reviewed + flip.reviews!);
    expectBoundary(s, flip.reviews!, confidence);
  });

  it("counts the census's unreviewed units as clean to come, while the bound now still counts them as defects", () => {
    const s = summary(2000, counts(25, 5, 2), counts(250, 250, 0));
    const flip = cleanReviewsForPassBound(s);
    expect(flip.censusUnreviewed).toBe(20);
    expect(flip.reviews).toBe(0);
    expect(flip.upperBoundNow).toBeGreaterThan(flip.upperBoundAfter!);
    expect(flip.upperBoundNow).toBe(defectRateUpperBound(s));
  });

  it("is 0 when the bound is already ≤ 3%", () => {
    const s = summary(1000, counts(0, 0, 0), counts(100, 100, 0));
    expect(cleanReviewsForPassBound(s)).toMatchObject({ reviews: 0, requiredRandomSize: 100, upperBoundAfter: 0.028 });
  });

  it("is null when the random stratum is too small, with the random-stratum size that would do", () => {
    const s = summary(1000, counts(0, 0, 0), counts(50, 20, 0));
    const flip = cleanReviewsForPassBound(s);
    expect(flip.reviews).toBeNull();
    expect(flip.upperBoundAfter).toBeNull();
    expect(flip.requiredRandomSize).toBe(91);
    // With 1 random defect already found, the planned size for 1 expected defect.
    const withDefect = cleanReviewsForPassBound(summary(1000, counts(0, 0, 0), counts(50, 20, 1)));
    expect(withDefect.requiredRandomSize).toBe(planSampleSize({ materiality: 0.03, expectedDefects: 1, likelihood: "hypergeometric", populationSize: 1000 }));
  });

  it("gives no size at all when the defects already found exceed 3% of N", () => {
    // 31 census defects in N = 1000 is 3.1% before any sampling error.
    const flip = cleanReviewsForPassBound(summary(1000, counts(40, 40, 31), counts(100, 10, 0)));
    expect(flip).toMatchObject({ reviews: null, requiredRandomSize: null });
  });

  it("handles a population that is all census", () => {
    expect(cleanReviewsForPassBound(summary(50, counts(50, 50, 1), counts(0, 0, 0)))).toMatchObject({ reviews: 0, requiredRandomSize: 0 });
    expect(cleanReviewsForPassBound(summary(50, counts(50, 50, 2), counts(0, 0, 0)))).toMatchObject({ reviews: null, requiredRandomSize: null });
  });

  it("throws RangeError for a confidence outside (0, 1)", () => {
    expect(() => cleanReviewsForPassBound(summary(100, counts(0, 0, 0), counts(10, 10, 0)), 95)).toThrow(RangeError);
  });
});
