import { createRandom, sampleWithoutReplacement, shuffled } from "./random";
import { identityClusters, isCensusUnit, type PopulationUnit } from "./population";

import { type RiskTier, TIER_POLICY } from "./tiers";

export { type RiskTier, TIER_POLICY };
export type InclusionReason = "random" | "failed_or_unknown" | "identity_cluster" | "high_risk_subgroup";
export type Stratum = "census" | "random" | "supplementary";

export const INCLUSION_REASONS: readonly InclusionReason[] = ["failed_or_unknown", "random", "identity_cluster", "high_risk_subgroup"];

/**
 * Random-stratum sample size for a risk tier (seed 000 "Sampling Policy"):
 * tier 1 max(20, ⌈10% N⌉) capped at 100, tier 2 max(35, ⌈15% N⌉) capped at 150,
 * tier 3 max(50, ⌈20% N⌉) capped at 250; never more than N.
 * @param populationSize N, a non-negative integer count of units.
 * @returns a unit count 0 ≤ n ≤ N.
 * @throws RangeError on an unknown tier or a negative/non-integer N.
 */
export function tierSampleSize(tier: RiskTier, populationSize: number): number {
  const policy = TIER_POLICY[tier];
  if (!policy) throw new RangeError(`unknown risk tier ${String(tier)}`);
  if (!Number.isInteger(populationSize) || populationSize < 0) throw new RangeError("populationSize must be a non-negative integer");
  // Integer percent arithmetic avoids ⌈0.15 × 100⌉ = 16 from binary floating point.
  const percent = Math.round(policy.rate * 100);
  const proportional = Math.ceil((percent * populationSize) / 100);
  return Math.min(Math.min(Math.max(policy.minimum, proportional), policy.cap), populationSize);
}

export type SampleMember = { index: number; reasons: InclusionReason[]; stratum: Stratum };
export type SampleWarning = { code: string; message: string };

export type SampleDraw = {
  /** Sampled units: census stratum first (population order), then the random stratum (draw order), then supplementary units. */
  members: SampleMember[];
  tierSize: number;
  populationSize: number;
  censusSize: number;
  randomSize: number;
  clustersIncluded: number;
  clusterUnits: number;
  clustersAvailable: number;
  warnings: SampleWarning[];
};

export type DrawSampleInput = {
  units: readonly PopulationUnit[];
  tier: RiskTier;
  /** DUPLICATE_CLUSTER_CAP: the most identity-cluster units to include (positive integer). */
  duplicateClusterCap: number;
  highRiskSubgroups: readonly string[];
  /** 32 hex characters; see lib/random.ts. */
  seed: string;
  /**
   * Random-stratum size asked for (e.g. the planned size of lib/statistics/planning.ts): a whole
   * number ≥ the tier size; omitted, the tier size (issue 9: "raise the random stratum to the
   * planned size before drawing (never lower than the tier size)").
   */
  randomSampleSize?: number;
};

/**
 * Draws the risk-tiered sample (seed 000 "Sampling Policy", mandatory inclusions):
 * - census stratum: every FAILED or UNKNOWN unit, all reviewed;
 * - random stratum: a simple random sample without replacement of `tierSampleSize(tier, N)`
 *   units, or the larger `randomSampleSize` asked for (at most all of them), from the units outside
 *   the census stratum;
 * - identity-collision clusters: whole clusters taken in seeded random order, each one only
 *   if the identity-cluster unit total stays within DUPLICATE_CLUSTER_CAP;
 * - at least one unit of each high-risk subgroup (a seeded random unit of it when none is sampled yet).
 * Every sampled unit lists every rule that holds for it. Units drawn only for clusters or
 * subgroups form the supplementary stratum, which does not enter the rate estimates.
 * Deterministic: the same units (same order) and seed give the same sample.
 * Census units are never dropped; when they outnumber the tier cap a REVIEW_LOAD warning is returned.
 * @throws RangeError on a bad seed, tier or cap, or a `randomSampleSize` below the tier size or not a whole number.
 */
export function drawSample(input: DrawSampleInput): SampleDraw {
  const { units, tier, duplicateClusterCap, highRiskSubgroups, seed, randomSampleSize } = input;
  if (!Number.isInteger(duplicateClusterCap) || duplicateClusterCap < 1) throw new RangeError("duplicateClusterCap must be a positive integer");
  const random = createRandom(seed);
  const N = units.length;
  const tierSize = tierSampleSize(tier, N);
  const warnings: SampleWarning[] = [];
  const reasons = new Map<number, Set<InclusionReason>>();
  const add = (index: number, reason: InclusionReason) => {
    const set = reasons.get(index);
    if (set) set.add(reason);
    else reasons.set(index, new Set([reason]));
  };

  const census: number[] = [];
  const outside: number[] = [];
  for (let i = 0; i < N; i++) (isCensusUnit(units[i]) ? census : outside).push(i);
  for (const i of census) add(i, "failed_or_unknown");

  if (randomSampleSize !== undefined && (!Number.isInteger(randomSampleSize) || randomSampleSize < tierSize)) {
    throw new RangeError(`randomSampleSize must be a whole number of at least the tier size ${tierSize}`);
  }
  const randomCount = Math.min(randomSampleSize ?? tierSize, outside.length);
  const randomDrawn = sampleWithoutReplacement(random, outside.length, randomCount).map((k) => outside[k]);
  for (const i of randomDrawn) add(i, "random");

  const clusters = identityClusters(units);
  const clusterKeys = shuffled(random, [...clusters.keys()].sort());
  let clusterUnits = 0;
  let clustersIncluded = 0;
  for (const key of clusterKeys) {
    const members = clusters.get(key)!;
    if (clusterUnits + members.length > duplicateClusterCap) continue;
    clusterUnits += members.length;
    clustersIncluded++;
    for (const i of members) add(i, "identity_cluster");
  }

  const highRisk = [...new Set(highRiskSubgroups)].sort();
  if (highRisk.length > 0) {
    const wanted = new Set(highRisk);
    const bySubgroup = new Map<string, number[]>();
    for (let i = 0; i < N; i++) {
      const g = units[i].subgroup;
      if (g !== null && wanted.has(g)) {
        const list = bySubgroup.get(g);
        if (list) list.push(i);
        else bySubgroup.set(g, [i]);
      }
    }
    for (const g of highRisk) {
      const list = bySubgroup.get(g);
      if (!list) {
        warnings.push({ code: "SUBGROUP_ABSENT", message: `High-risk subgroup "${g}" has no units in the population.` });
        continue;
      }
      const sampled = list.filter((i) => reasons.has(i));
      if (sampled.length > 0) for (const i of sampled) add(i, "high_risk_subgroup");
      else {
        const pick = list[random.nextInt(list.length)];
        add(pick, "high_risk_subgroup");
      }
    }
  }

  const randomSet = new Set(randomDrawn);
  const supplementary = [...reasons.keys()].filter((i) => !isCensusUnit(units[i]) && !randomSet.has(i)).sort((a, b) => a - b);
  const order = [...census, ...randomDrawn, ...supplementary];
  const members: SampleMember[] = order.map((index) => ({
    index,
    reasons: INCLUSION_REASONS.filter((r) => reasons.get(index)!.has(r)),
    stratum: isCensusUnit(units[index]) ? "census" : randomSet.has(index) ? "random" : "supplementary",
  }));

  const cap = TIER_POLICY[tier].cap;
  if (census.length > cap) {
    warnings.push({
      code: "REVIEW_LOAD",
      message: `The census stratum holds ${census.length} FAILED or UNKNOWN units, more than the tier ${tier} cap of ${cap}; all of them must be reviewed.`,
    });
  }
  const skipped = clusters.size - clustersIncluded;
  if (skipped > 0) {
    warnings.push({
      code: "CLUSTERS_CAPPED",
      message: `${clustersIncluded} of ${clusters.size.toLocaleString("en-US")} identity-collision clusters (${clusterUnits} units) fit within DUPLICATE_CLUSTER_CAP ${duplicateClusterCap}; ${skipped.toLocaleString("en-US")} were not sampled.`,
    });
  }

  return {
    members,
    tierSize,
    populationSize: N,
    censusSize: census.length,
    randomSize: randomDrawn.length,
    clustersIncluded,
    clusterUnits,
    clustersAvailable: clusters.size,
    warnings,
  };
}
