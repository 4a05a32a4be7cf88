import { hypergeometricUpperBound } from "./statistics/hypergeometric";
import type { Stratum } from "./sampling";

export type ReviewFinding = "PASS" | "FAIL" | "UNKNOWN";

export type ReviewedMember = {
  stratum: Stratum;
  /** null while the unit is not reviewed yet. */
  finding: ReviewFinding | null;
  critical: boolean;
  remediationOwner: string | null;
};

export type StratumCounts = { size: number; reviewed: number; defects: number; unknowns: number };

export type SampleSummary = {
  populationSize: number;
  census: StratumCounts;
  random: StratumCounts;
  supplementary: StratumCounts;
  sampled: number;
  reviewed: number;
  criticalDefects: number;
  /** Units reviewed FAIL (any stratum) with no remediation owner. */
  failedWithoutOwner: number;
};

/**
 * Counts reviews per stratum. A defect is a unit reviewed FAIL (DESIGN.md "review").
 * Critical defects and missing remediation owners count in every stratum, supplementary included.
 * @param populationSize N, the number of units in the population.
 */
export function summarizeSample(populationSize: number, members: readonly ReviewedMember[]): SampleSummary {
  const empty = (): StratumCounts => ({ size: 0, reviewed: 0, defects: 0, unknowns: 0 });
  const strata: Record<Stratum, StratumCounts> = { census: empty(), random: empty(), supplementary: empty() };
  let criticalDefects = 0;
  let failedWithoutOwner = 0;
  for (const m of members) {
    const s = strata[m.stratum];
    s.size++;
    if (m.finding === null) continue;
    s.reviewed++;
    if (m.finding === "FAIL") {
      s.defects++;
      if (!m.remediationOwner || m.remediationOwner.trim() === "") failedWithoutOwner++;
    }
    if (m.finding === "UNKNOWN") s.unknowns++;
    if (m.critical) criticalDefects++;
  }
  return {
    populationSize,
    ...strata,
    sampled: members.length,
    reviewed: strata.census.reviewed + strata.random.reviewed + strata.supplementary.reviewed,
    criticalDefects,
    failedWithoutOwner,
  };
}

/**
 * Stratified estimate of a population rate (DESIGN.md "stratum"; Cochran, Sampling Techniques,
 * 3rd ed., §5.2): the census stratum is counted exactly, the random stratum's sample fraction is
 * scaled to the N − C units outside the census stratum:
 *   rate = (censusCount + (N − C) × randomCount / randomReviewed) / N.
 * While no random-stratum unit is reviewed, that stratum contributes 0 (the verdict is then
 * INCONCLUSIVE for incomplete review anyway).
 * @returns a fraction 0–1 (0 for an empty population).
 */
export function stratifiedRate(populationSize: number, censusSize: number, censusCount: number, randomCount: number, randomReviewed: number): number {
  if (populationSize <= 0) return 0;
  const outside = populationSize - censusSize;
  const randomFraction = randomReviewed > 0 ? randomCount / randomReviewed : 0;
  return (censusCount + outside * randomFraction) / populationSize;
}

/** Estimated defect rate (fraction 0–1) of a summarized sample; see `stratifiedRate`. */
export function estimatedDefectRate(s: SampleSummary): number {
  return stratifiedRate(s.populationSize, s.census.size, s.census.defects, s.random.defects, s.random.reviewed);
}

/** Estimated unknown rate (fraction 0–1): units reviewed UNKNOWN, estimated like the defect rate. */
export function estimatedUnknownRate(s: SampleSummary): number {
  return stratifiedRate(s.populationSize, s.census.size, s.census.unknowns, s.random.unknowns, s.random.reviewed);
}

/**
 * Exact one-sided upper confidence bound on the population defect rate, by stratum:
 * the census stratum is counted exactly (its unreviewed units counted as defects, so the bound
 * stays valid mid-review), and the random stratum's defect count among its N − C units gets the
 * hypergeometric upper bound from the reviewed random units (lib/statistics/hypergeometric.ts;
 * all N − C when none is reviewed yet):
 *   upper = (censusDefects + censusUnreviewed + K_u) / N.
 * @param confidence one-sided, default 0.95.
 * @returns a fraction 0–1 (0 for an empty population).
 */
export function defectRateUpperBound(s: SampleSummary, confidence = 0.95): number {
  const N = s.populationSize;
  if (N <= 0) return 0;
  const outside = N - s.census.size;
  const censusBound = s.census.defects + (s.census.size - s.census.reviewed);
  const randomBound =
    outside === 0 ? 0 : s.random.reviewed === 0 ? outside : hypergeometricUpperBound({ defects: s.random.defects, sampleSize: s.random.reviewed, populationSize: outside, confidence });
  return Math.min(1, (censusBound + randomBound) / N);
}
