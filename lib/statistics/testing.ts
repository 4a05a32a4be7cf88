/** Test helpers: build sample summaries (lib/estimation.ts) from stratum counts. Not used by the app. */
import type { SampleSummary, StratumCounts } from "../estimation";

/** A stratum's counts: size, reviewed, FAIL (defects) and UNKNOWN findings. */
export const counts = (size: number, reviewed: number, defects: number, unknowns = 0): StratumCounts => ({ size, reviewed, defects, unknowns });

/** A summary of N units from its strata; sampled and reviewed are the strata's sums; no critical defects or unowned failures unless `extra` says so. */
export const summary = (N: number, census: StratumCounts, random: StratumCounts, supplementary = counts(0, 0, 0), extra: Partial<SampleSummary> = {}): SampleSummary => ({
  populationSize: N,
  census,
  random,
  supplementary,
  sampled: census.size + random.size + supplementary.size,
  reviewed: census.reviewed + random.reviewed + supplementary.reviewed,
  criticalDefects: 0,
  failedWithoutOwner: 0,
  ...extra,
});
