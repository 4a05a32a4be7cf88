/**
 * Exact (Clopper–Pearson) confidence bounds for a binomial proportion.
 *
 * Source: C. J. Clopper and E. S. Pearson, "The use of confidence or fiducial limits illustrated in
 * the case of the binomial", Biometrika 26(4):404–413 (1934). The bounds are Beta quantiles:
 * with k successes in n trials, the upper bound p_U solves P(X ≤ k | n, p_U) = α_U, i.e.
 * p_U = I⁻¹_{1−α_U}(k + 1, n − k), and the lower bound p_L solves P(X ≥ k | n, p_L) = α_L, i.e.
 * p_L = I⁻¹_{α_L}(k, n − k + 1), using P(X ≥ k | n, p) = I_p(k, n − k + 1).
 */
import { inverseRegularizedIncompleteBeta } from "./beta";

export type BinomialSample = {
  /** Observed successes (e.g. defective items found), an integer 0 ≤ successes ≤ trials. */
  successes: number;
  /** Number of trials (items sampled), an integer ≥ 1. */
  trials: number;
  /** Confidence level in (0, 1); default 0.95. */
  confidence?: number;
};

export type ConfidenceInterval = { lower: number; upper: number };

const DEFAULT_CONFIDENCE = 0.95;

/**
 * Asserts that `value` is a non-negative safe integer (a count).
 * @throws RangeError naming `name` otherwise.
 */
export function assertCount(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
}

/**
 * Returns the confidence level, defaulting to 0.95.
 * @throws RangeError when it is not a number strictly between 0 and 1.
 */
export function resolveConfidence(confidence: number = DEFAULT_CONFIDENCE): number {
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`confidence must be in (0, 1), got ${confidence}`);
  return confidence;
}

/** Validates a sample and returns its confidence level. */
function validateSample({ successes, trials, confidence }: BinomialSample): number {
  assertCount("successes", successes);
  assertCount("trials", trials);
  if (trials === 0) throw new RangeError("trials must be at least 1");
  if (successes > trials) throw new RangeError(`successes (${successes}) must not exceed trials (${trials})`);
  return resolveConfidence(confidence);
}

/** The p with P(X ≤ k | n, p) = 1 − level, i.e. I⁻¹_level(k + 1, n − k); 1 when k = n. */
function upperBound(k: number, n: number, level: number): number {
  return k === n ? 1 : inverseRegularizedIncompleteBeta(level, k + 1, n - k);
}

/**
 * Two-sided exact Clopper–Pearson confidence interval for a binomial proportion, splitting
 * α = 1 − confidence equally between the tails (α/2 each).
 *
 * @param input.successes observed successes k, integer in [0, trials].
 * @param input.trials number of trials n, integer ≥ 1.
 * @param input.confidence two-sided confidence level in (0, 1), default 0.95.
 * @returns `{ lower, upper }` as fractions in [0, 1]: lower is 0 when k = 0, otherwise
 *   I⁻¹_{α/2}(k, n − k + 1); upper is 1 when k = n, otherwise I⁻¹_{1−α/2}(k + 1, n − k).
 * @throws RangeError for non-integer or negative counts, successes > trials, trials = 0, or a
 *   confidence outside (0, 1).
 * Source: Clopper & Pearson (1934), Biometrika 26(4):404–413.
 */
export function clopperPearson(input: BinomialSample): ConfidenceInterval {
  const confidence = validateSample(input);
  const { successes: k, trials: n } = input;
  const lower = k === 0 ? 0 : inverseRegularizedIncompleteBeta((1 - confidence) / 2, k, n - k + 1);
  return { lower, upper: upperBound(k, n, (1 + confidence) / 2) };
}

/**
 * One-sided exact Clopper–Pearson upper confidence bound for a binomial proportion: the p_U with
 * P(X ≤ k | n, p_U) = 1 − confidence, i.e. the Beta(k + 1, n − k) quantile at `confidence`.
 * For k = 0 this is 1 − (1 − confidence)^(1/n).
 *
 * @param input.successes observed successes k, integer in [0, trials].
 * @param input.trials number of trials n, integer ≥ 1.
 * @param input.confidence one-sided confidence level in (0, 1), default 0.95.
 * @returns the upper bound as a fraction in (0, 1]; exactly 1 when k = n.
 * @throws RangeError for non-integer or negative counts, successes > trials, trials = 0, or a
 *   confidence outside (0, 1).
 * Source: Clopper & Pearson (1934), Biometrika 26(4):404–413.
 */
export function clopperPearsonUpper(input: BinomialSample): number {
  return upperBound(input.successes, input.trials, validateSample(input));
}
