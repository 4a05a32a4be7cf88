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
 * What a draw needs to know about a population, without the units themselves, so a population
 * of millions can be described by streaming it (lib/population-facts.ts) instead of holding it.
 * Positions are 0-based indices in population order.
 */
export type PopulationFacts = {
  /** N, the number of units. */
  size: number;
  /** Positions of the FAILED or UNKNOWN units (census stratum), ascending. */
  census: ArrayLike<number>;
  /** Identity-collision clusters: identity key → ascending positions (two or more each). */
  clusters: ReadonlyMap<string, readonly number[]>;
  /** Ascending positions of each high-risk subgroup's units (subgroups without units absent). */
  subgroupMembers: ReadonlyMap<string, readonly number[]>;
};

/** The facts `drawSampleFromFacts` needs, from units in memory (lib/population.ts rules). */
export function populationFacts(units: readonly PopulationUnit[], highRiskSubgroups: readonly string[]): PopulationFacts {
  const census: number[] = [];
  for (let i = 0; i < units.length; i++) if (isCensusUnit(units[i])) census.push(i);
  const wanted = new Set(highRiskSubgroups);
  const subgroupMembers = new Map<string, number[]>();
  if (wanted.size > 0) {
    for (let i = 0; i < units.length; i++) {
      const g = units[i].subgroup;
      if (g !== null && wanted.has(g)) {
        const list = subgroupMembers.get(g);
        if (list) list.push(i);
        else subgroupMembers.set(g, [i]);
      }
    }
  }
  return { size: units.length, census, clusters: identityClusters(units), subgroupMembers };
}

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
  if (!Number.isInteger(input.duplicateClusterCap) || input.duplicateClusterCap < 1) throw new RangeError("duplicateClusterCap must be a positive integer");
  return drawSampleFromFacts(populationFacts(input.units, input.highRiskSubgroups), input);
}

/**
 * `drawSample` on a population described by its facts (the same rules, the same random numbers
 * in the same order, so the same facts and seed give exactly `drawSample`'s result). Memory and
 * time depend on the census, cluster and high-risk sizes and the sample, not on N: a random-stratum
 * rank k is mapped to the k-th non-census position by binary search over the census.
 * @throws RangeError as `drawSample`.
 */
export function drawSampleFromFacts(facts: PopulationFacts, input: Omit<DrawSampleInput, "units">): SampleDraw {
  const { tier, duplicateClusterCap, highRiskSubgroups, seed, randomSampleSize } = input;
  if (!Number.isInteger(duplicateClusterCap) || duplicateClusterCap < 1) throw new RangeError("duplicateClusterCap must be a positive integer");
  const random = createRandom(seed);
  const N = facts.size;
  const census = facts.census;
  const tierSize = tierSampleSize(tier, N);
  const warnings: SampleWarning[] = [];
  const reasons = new Map<number, Set<InclusionReason>>();
  const add = (index: number, reason: InclusionReason) => {
    const set = reasons.get(index);
    if (set) set.add(reason);
    else reasons.set(index, new Set([reason]));
  };
  const isCensus = (position: number) => census.length > 0 && census[lowerBound(census, position)] === position;

  for (let j = 0; j < census.length; j++) add(census[j], "failed_or_unknown");

  const outsideCount = N - census.length;
  // The random stratum only holds units outside the census: when fewer than the tier size remain, all of them is the minimum.
  const minimumRandom = Math.min(tierSize, outsideCount);
  if (randomSampleSize !== undefined && (!Number.isInteger(randomSampleSize) || randomSampleSize < minimumRandom)) {
    throw new RangeError(`randomSampleSize must be a whole number of at least the tier size ${minimumRandom}`);
  }
  const randomCount = Math.min(randomSampleSize ?? tierSize, outsideCount);
  const randomDrawn = sampleWithoutReplacement(random, outsideCount, randomCount).map((k) => nonCensusPosition(census, k));
  for (const i of randomDrawn) add(i, "random");

  const clusters = facts.clusters;
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
  for (const g of highRisk) {
    const list = facts.subgroupMembers.get(g);
    if (!list || list.length === 0) {
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

  const randomSet = new Set(randomDrawn);
  const supplementary = [...reasons.keys()].filter((i) => !isCensus(i) && !randomSet.has(i)).sort((a, b) => a - b);
  const order = [...Array.from(census), ...randomDrawn, ...supplementary];
  const members: SampleMember[] = order.map((index) => ({
    index,
    reasons: INCLUSION_REASONS.filter((r) => reasons.get(index)!.has(r)),
    stratum: isCensus(index) ? "census" : randomSet.has(index) ? "random" : "supplementary",
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

/** First index j with sorted[j] >= value (sorted.length when none). */
function lowerBound(sorted: ArrayLike<number>, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The k-th (0-based) position that is not in the ascending `census`: k plus the number of census
 * positions before it, i.e. those census[j] with census[j] − j ≤ k (a non-decreasing sequence).
 */
function nonCensusPosition(census: ArrayLike<number>, k: number): number {
  let lo = 0;
  let hi = census.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (census[mid] - mid <= k) lo = mid + 1;
    else hi = mid;
  }
  return k + lo;
}
