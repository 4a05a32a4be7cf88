/**
 * Exact one-sided upper confidence bound on the number of defective units in a finite population,
 * from a sample drawn without replacement (attribute sampling with the hypergeometric model).
 *
 * Convention (the inverted one-sided test of Talens 2005, as in the jfa R package's `.qhyper`): with
 * k defects found in a sample of n from a population of N, the upper bound at confidence 1 − α is
 *   K_u = max{ K : P(X ≤ k | N, K, n) > α },
 * i.e. the largest defect count K that a one-sided test of size α would not reject on seeing at most
 * k defects. P(X ≤ k | N, K, n) is non-increasing in K, so K_u is found by binary search.
 */
import { logBeta } from "./beta";
import { assertCount, resolveConfidence } from "./clopper-pearson";

export type FiniteSample = {
  /** Defective units found in the sample, an integer 0 ≤ defects ≤ sampleSize. */
  defects: number;
  /** Units sampled without replacement, an integer 1 ≤ sampleSize ≤ populationSize. */
  sampleSize: number;
  /** Units in the population, an integer ≥ 1. */
  populationSize: number;
  /** One-sided confidence level in (0, 1); default 0.95. */
  confidence?: number;
};

/** Tail sums stop once the terms still to come cannot change the sum by this relative amount. */
const TAIL_EPSILON = 1e-17;
/**
 * A CDF within this relative distance above α counts as ≤ α, so that exact ties (P = α, which the
 * definition excludes) are not flipped by rounding in the log-space computation.
 */
const TIE_TOLERANCE = 1e-12;

/** ln C(n, r) for integers 0 ≤ r ≤ n, as −ln(n + 1) − ln B(r + 1, n − r + 1). */
function logChoose(n: number, r: number): number {
  return -Math.log(n + 1) - logBeta(r + 1, n - r + 1);
}

/** ln P(X = i | N, K, n) for i in the support. */
function logPmf(i: number, N: number, K: number, n: number): number {
  return logChoose(K, i) + logChoose(N - K, n - i) - logChoose(N, n);
}

/**
 * Σ P(X = i) for i from `start` to `end` inclusive, stepping by `step` (±1) away from the mode, so
 * terms only shrink. Terms are built from P(X = start) by the exact ratio of consecutive
 * probabilities; since the pmf is log-concave, once a ratio r < 1 is seen everything after the
 * current term t sums to at most t·r/(1 − r), which bounds the early stop.
 */
function tailSum(start: number, end: number, step: 1 | -1, N: number, K: number, n: number): number {
  let term = 1;
  let sum = 1;
  for (let i = start; i !== end; i += step) {
    const ratio =
      step === 1
        ? ((K - i) * (n - i)) / ((i + 1) * (N - K - n + i + 1))
        : (i * (N - K - n + i)) / ((K - i + 1) * (n - i + 1));
    term *= ratio;
    sum += term;
    if (ratio < 1 && (term * ratio) / (1 - ratio) <= TAIL_EPSILON * sum) break;
  }
  return Math.exp(logPmf(start, N, K, n)) * sum;
}

/** P(X ≤ k | N, K, n) for already-validated arguments. */
function cdf(k: number, N: number, K: number, n: number): number {
  const lowest = Math.max(0, n - (N - K));
  const highest = Math.min(n, K);
  if (k < lowest) return 0;
  if (k >= highest) return 1;
  const mode = Math.floor(((n + 1) * (K + 1)) / (N + 2));
  // Sum whichever tail lies on the far side of the mode from k, where terms fall off monotonically.
  if (k < mode) return Math.min(1, tailSum(k, lowest, -1, N, K, n));
  return Math.max(0, 1 - tailSum(k + 1, highest, 1, N, K, n));
}

/**
 * Hypergeometric CDF: the probability of at most k defective units in a sample of n drawn without
 * replacement from a population of N units of which K are defective.
 *
 * Computed in log space: one probability from ln C(n, r) = −ln(n + 1) − ln B(r + 1, n − r + 1)
 * (see `logBeta`, which avoids differencing ln Γ values of size ~N ln N), then the rest of the tail
 * by the exact ratio of consecutive probabilities — summing the lower tail directly when k is below
 * the mode and taking 1 − the upper tail otherwise, so terms only shrink. Cost is O(number of
 * non-negligible terms) ≤ O(n), fine for N up to 10^7 and n up to 10^5 and beyond. Relative error
 * is ~1e-13 for small N and ≲ 1e-10 at N = 10^7, n = 10^5 (a few ms per call there).
 *
 * @param k defects observed, integer ≥ 0 (k ≥ min(n, K) gives 1).
 * @param N population size, integer ≥ 0.
 * @param K defective units in the population, integer 0 ≤ K ≤ N.
 * @param n sample size, integer 0 ≤ n ≤ N.
 * @returns P(X ≤ k) in [0, 1].
 * @throws RangeError for non-integer or negative arguments, K > N, or n > N.
 * Source: hypergeometric distribution, e.g. Johnson, Kemp & Kotz, "Univariate Discrete
 *   Distributions", 3rd ed., ch. 6; recurrence P(i + 1)/P(i) = (K − i)(n − i)/((i + 1)(N − K − n + i + 1)).
 */
export function hypergeometricCdf(k: number, N: number, K: number, n: number): number {
  assertCount("k", k);
  assertCount("N", N);
  assertCount("K", K);
  assertCount("n", n);
  if (K > N) throw new RangeError(`K (${K}) must not exceed N (${N})`);
  if (n > N) throw new RangeError(`n (${n}) must not exceed N (${N})`);
  return cdf(k, N, K, n);
}

/**
 * Exact one-sided upper confidence bound on the number of defective units in the population:
 * K_u = max{ K : P(X ≤ k | N, K, n) > 1 − confidence } (see the module comment).
 *
 * Always k ≤ K_u ≤ N − n + k (the sample itself shows k defects and n − k good units); K_u = N when
 * every sampled unit is defective. Found by binary search over K, O(log N) CDF evaluations.
 *
 * @param input.defects defects k found in the sample, integer in [0, sampleSize].
 * @param input.sampleSize sample size n, integer in [1, populationSize].
 * @param input.populationSize population size N, integer ≥ 1.
 * @param input.confidence one-sided confidence level in (0, 1), default 0.95.
 * @returns K_u, an integer count of defective units.
 * @throws RangeError for non-integer or negative counts, sampleSize = 0, sampleSize >
 *   populationSize, defects > sampleSize, or a confidence outside (0, 1).
 * Source: E. Talens, "Statistical Auditing and the AOQL-method" (2005); identical to the jfa R
 *   package (K. Derks et al.), `.qhyper(p = confidence, N, n, k)` behind `evaluation(method = "hypergeometric")`.
 */
export function hypergeometricUpperBound(input: FiniteSample): number {
  const { defects: k, sampleSize: n, populationSize: N } = input;
  assertCount("defects", k);
  assertCount("sampleSize", n);
  assertCount("populationSize", N);
  if (n === 0) throw new RangeError("sampleSize must be at least 1");
  if (n > N) throw new RangeError(`sampleSize (${n}) must not exceed populationSize (${N})`);
  if (k > n) throw new RangeError(`defects (${k}) must not exceed sampleSize (${n})`);
  const threshold = (1 - resolveConfidence(input.confidence)) * (1 + TIE_TOLERANCE);

  // Invariant: P(X ≤ k | lo) > α (P = 1 at K = k) and P(X ≤ k | hi) ≤ α (P = 0 past N − n + k).
  let lo = k;
  let hi = N - n + k + 1;
  if (hi > N) return N;
  while (hi - lo > 1) {
    const mid = lo + Math.floor((hi - lo) / 2);
    if (cdf(k, N, mid, n) > threshold) lo = mid;
    else hi = mid;
  }
  return lo;
}

/**
 * The upper bound of {@link hypergeometricUpperBound} as a defect rate, K_u / N, in [0, 1].
 * Takes the same input and throws the same RangeErrors.
 */
export function hypergeometricUpperRate(input: FiniteSample): number {
  return hypergeometricUpperBound(input) / input.populationSize;
}
