/**
 * "What would flip the verdict", from the reviews so far (issue 9): how many more FAIL findings
 * would make the verdict FAIL, and how many more clean random-stratum reviews the exact upper bound
 * needs to reach ≤ 3%. Pure; rates are fractions 0–1.
 */
import { defectRateFails, defectRateWithinPass } from "../decision-basis";
import { defectRateUpperBound, stratifiedRate, type SampleSummary } from "../estimation";
import { resolveConfidence } from "./clopper-pearson";
import { smallestSatisfying } from "./planning";

export type UnreviewedCounts = { census: number; random: number; supplementary: number };

export type FailFlip = {
  /** A critical defect is already recorded: the verdict is FAIL now (seed 000 "Verdict Rules"). */
  failedAlready: boolean;
  /** One critical defect among the still-unreviewed sampled units (any stratum) would fail the audit at once. */
  oneCriticalDefectFails: boolean;
  /**
   * Smallest number m of further FAIL findings among the unreviewed census and random units that
   * makes the estimated defect rate exceed 7% once review completes; 0 when the reviews so far
   * already guarantee that; null when even every unreviewed unit failing could not.
   */
  failures: number | null;
  /** Where those m failures go (random stratum first: it weighs (N − C)/n_random ≥ 1 per unit); null with failures. */
  placement: { random: number; census: number } | null;
  /** The point estimate once review completes with those m failures (and no others); null with failures. */
  rateAfter: number | null;
  unreviewed: UnreviewedCounts;
};

export type PassBoundFlip = {
  confidence: number;
  /** defectRateUpperBound of the summary as it stands (unreviewed census units counted as defects). */
  upperBoundNow: number;
  /**
   * More clean random-stratum reviews (PASS, no further defects) after which the upper bound is
   * ≤ 3% — 0 when no more are needed; null when the random stratum's unreviewed units are not enough.
   */
  reviews: number | null;
  /** The upper bound after those reviews; null with reviews. */
  upperBoundAfter: number | null;
  /** Unreviewed random-stratum units (the most `reviews` can be). */
  randomUnreviewed: number;
  /** Unreviewed census units, assumed reviewed without defects (see `cleanReviewsForPassBound`). */
  censusUnreviewed: number;
  /**
   * Total reviewed random-stratum units (a random stratum this large, all clean beyond the defects
   * found so far) that reaches ≤ 3%: the planned size to draw; null when not even reviewing all
   * N − C units outside the census would (the census or random defects already found exceed it).
   */
  requiredRandomSize: number | null;
};

const unreviewedOf = (s: SampleSummary): UnreviewedCounts => ({
  census: s.census.size - s.census.reviewed,
  random: s.random.size - s.random.reviewed,
  supplementary: s.supplementary.size - s.supplementary.reviewed,
});

/**
 * How many more FAIL findings would make the verdict FAIL on the point-estimate basis (estimated
 * defect rate > 7%, seed 000 "Verdict Rules"), and the critical-defect flag.
 *
 * Assumptions (the verdict is only decided once every sampled unit is reviewed — `decideVerdict`
 * returns INCONCLUSIVE before — so the count is taken at completion):
 * - the other unreviewed units come back PASS or UNKNOWN, which leave the defect rate alike; any
 *   further FAIL only raises it, so m failures guarantee FAIL and fewer than m, placed anywhere
 *   among the unreviewed census and random units, cannot reach it (a critical defect still can);
 * - at completion the random stratum's reviewed count is its size n_r, so each random FAIL adds
 *   (N − C)/n_r to the numerator of rate = (census + (N − C) × random / n_r) / N and each census
 *   FAIL adds 1: the heavier stratum (random, as n_r ≤ N − C) is filled first, which flips soonest.
 *   (Counting only the reviews so far, the interim estimate with reviewed + m in the denominator
 *   can cross 7% sooner, but later clean reviews pull it back; that is not a verdict.)
 * - supplementary units never enter the estimate, so FAILs there only count when critical.
 * The 7% test is `decideVerdict`'s own (inclusive, with its tolerance).
 *
 * @param s sample summary (lib/estimation.ts `summarizeSample`).
 * @returns FailFlip (see its fields); m is found by binary search over 0 … unreviewed units.
 * Source: seed 000 "Verdict Rules"; stratified estimate (Cochran 1977 §5.2) via `stratifiedRate`.
 */
export function failuresToFail(s: SampleSummary): FailFlip {
  const unreviewed = unreviewedOf(s);
  const failedAlready = s.criticalDefects > 0;
  const oneCriticalDefectFails = !failedAlready && unreviewed.census + unreviewed.random + unreviewed.supplementary > 0;
  const N = s.populationSize;
  const randomWeight = s.random.size > 0 ? (N - s.census.size) / s.random.size : 0;
  const randomFirst = randomWeight >= 1;
  const place = (m: number) => {
    const first = Math.min(m, randomFirst ? unreviewed.random : unreviewed.census);
    const second = m - first;
    return randomFirst ? { random: first, census: second } : { random: second, census: first };
  };
  const rateAt = (m: number) => {
    const p = place(m);
    return Math.min(1, stratifiedRate(N, s.census.size, s.census.defects + p.census, s.random.defects + p.random, s.random.size));
  };
  const failures = N > 0 ? smallestSatisfying(0, unreviewed.census + unreviewed.random, (m) => defectRateFails(rateAt(m))) : null;
  return {
    failedAlready,
    oneCriticalDefectFails,
    failures,
    placement: failures === null ? null : place(failures),
    rateAfter: failures === null ? null : rateAt(failures),
    unreviewed,
  };
}

/**
 * How many more clean (PASS) random-stratum reviews, with no further defects, the exact upper bound
 * `defectRateUpperBound` needs to reach ≤ 3% (`decideVerdict`'s inclusive PASS line).
 *
 * Assumption: the census stratum's unreviewed units — counted as defects by the bound until
 * reviewed — are also reviewed without defects (they are reviewed in any case); only the random
 * stratum's reviewed count n grows. The bound is non-increasing in n for a fixed defect count
 * (see lib/statistics/planning.ts `planningUpperBound`), so n is found by exponential + binary search.
 * When the sampled random stratum is too small, `requiredRandomSize` is the random-stratum size that
 * would do (searched up to all N − C units, as planning would for the stratified bound).
 *
 * @param s sample summary (lib/estimation.ts).
 * @param confidence one-sided confidence in (0, 1), default 0.95.
 * @returns PassBoundFlip (see its fields).
 * @throws RangeError for a confidence outside (0, 1) or an inconsistent summary.
 * Source: hypergeometric bound Talens (2005) / jfa `evaluation(method = "hypergeometric")`; the
 *   search mirrors jfa `planning()`; 3% from seed 000 "Verdict Rules".
 */
export function cleanReviewsForPassBound(s: SampleSummary, confidence = 0.95): PassBoundFlip {
  resolveConfidence(confidence);
  const outside = s.populationSize - s.census.size;
  const censusUnreviewed = s.census.size - s.census.reviewed;
  const randomUnreviewed = s.random.size - s.random.reviewed;
  const boundWith = (randomReviewed: number) =>
    defectRateUpperBound(
      {
        ...s,
        census: { ...s.census, reviewed: s.census.size },
        random: { ...s.random, size: Math.max(s.random.size, randomReviewed), reviewed: randomReviewed },
      },
      confidence,
    );
  const reaches = (randomReviewed: number) => defectRateWithinPass(boundWith(randomReviewed));
  const within = smallestSatisfying(s.random.reviewed, s.random.size, reaches);
  const requiredRandomSize = within ?? smallestSatisfying(s.random.size + 1, Math.max(outside, 0), reaches);
  return {
    confidence,
    upperBoundNow: defectRateUpperBound(s, confidence),
    reviews: within === null ? null : within - s.random.reviewed,
    upperBoundAfter: within === null ? null : boundWith(within),
    randomUnreviewed,
    censusUnreviewed,
    requiredRandomSize,
  };
}
