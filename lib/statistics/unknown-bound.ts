/**
 * Exact one-sided upper confidence bound on the population UNKNOWN rate, the counterpart of
 * `defectRateUpperBound` (lib/estimation.ts) for findings reviewed UNKNOWN. Pure; fractions 0–1.
 */
import type { SampleSummary } from "../estimation";
import { resolveConfidence } from "./clopper-pearson";
import { hypergeometricUpperBound } from "./hypergeometric";

/**
 * Exact one-sided upper confidence bound on the population unknown rate, by stratum, mirroring
 * `defectRateUpperBound`: the census stratum is counted exactly, its unreviewed units counted as
 * unknowns (so the bound stays valid mid-review); the random stratum's unknown count among its
 * N − C units gets the hypergeometric upper bound K_u from the reviewed random units (all N − C
 * when none is reviewed yet):
 *   upper = (censusUnknowns + censusUnreviewed + K_u) / N.
 * Supplementary units do not enter it (as in the estimates).
 *
 * @param s sample summary (lib/estimation.ts `summarizeSample`).
 * @param confidence one-sided confidence in (0, 1), default 0.95.
 * @returns a fraction 0–1 (0 for an empty population), capped at 1.
 * @throws RangeError for a confidence outside (0, 1), or from `hypergeometricUpperBound` for an
 *   inconsistent summary (e.g. more random units reviewed than lie outside the census).
 * Source: seed 000 "Verdict Rules" (unknown ≤ 2%); Cochran, Sampling Techniques, 3rd ed., §5.2
 *   (stratification); Talens (2005) / jfa `.qhyper` for K_u (lib/statistics/hypergeometric.ts).
 */
export function unknownRateUpperBound(s: SampleSummary, confidence = 0.95): number {
  resolveConfidence(confidence);
  const N = s.populationSize;
  if (N <= 0) return 0;
  const outside = N - s.census.size;
  const censusBound = s.census.unknowns + (s.census.size - s.census.reviewed);
  const randomBound =
    outside === 0
      ? 0
      : s.random.reviewed === 0
        ? outside
        : hypergeometricUpperBound({ defects: s.random.unknowns, sampleSize: s.random.reviewed, populationSize: outside, confidence });
  return Math.min(1, (censusBound + randomBound) / N);
}
