import { createHash } from "node:crypto";
import { describe, it, expect } from "vitest";
import { drawSample, INCLUSION_REASONS, TIER_POLICY, tierSampleSize, type DrawSampleInput, type RiskTier, type SampleDraw } from "./sampling";
import type { ExecutionStatus, PopulationUnit } from "./population";

const SEED = "0123456789abcdef0123456789abcdef";
const OTHER_SEED = "fedcba9876543210fedcba9876543210";
/**
 * The k-th of many well-mixed test seeds, standing in for `crypto.randomBytes(16)`.
 * (xoshiro128** uses the seed words directly as its state, so sparse seeds such as
 * "000…0001" give poorly mixed first outputs — production seeds are random bytes.)
 */
const seedFor = (k: number) => createHash("sha256").update(`countersign-test-seed-${k}`).digest("hex").slice(0, 32);

type UnitSpec = Partial<Omit<PopulationUnit, "unitKey">>;

const unit = (i: number, spec: UnitSpec = {}): PopulationUnit => ({
  unitKey: `unit-${i}`,
  executionStatus: spec.executionStatus ?? "SUCCEEDED",
  subgroup: spec.subgroup ?? null,
  identityKey: spec.identityKey ?? null,
});

/** A population of `n` units; `spec(i)` overrides fields of unit i. */
const population = (n: number, spec: (i: number) => UnitSpec = () => ({})): PopulationUnit[] => Array.from({ length: n }, (_, i) => unit(i, spec(i)));

const draw = (units: readonly PopulationUnit[], overrides: Partial<DrawSampleInput> = {}): SampleDraw =>
  drawSample({ units, tier: 1, duplicateClusterCap: 10, highRiskSubgroups: [], seed: SEED, ...overrides });

const indicesOf = (d: SampleDraw, stratum?: string) => d.members.filter((m) => !stratum || m.stratum === stratum).map((m) => m.index);
const memberAt = (d: SampleDraw, index: number) => d.members.find((m) => m.index === index);

/** Independent statement of the policy with integer arithmetic only: ⌈p·N/100⌉ = ⌊(p·N + 99)/100⌋. */
function expectedTierSize(tier: RiskTier, n: number): number {
  const [minimum, percent, cap] = ({ 1: [20, 10, 100], 2: [35, 15, 150], 3: [50, 20, 250] } as const)[tier];
  const proportional = Math.floor((percent * n + 99) / 100);
  return Math.min(n, cap, Math.max(minimum, proportional));
}

/**
 * Checks the invariants every draw must satisfy, whatever the population:
 * strata, reasons, ordering, whole clusters within the cap, subgroup coverage.
 */
function expectDrawInvariants(units: readonly PopulationUnit[], input: Omit<DrawSampleInput, "units">, d: SampleDraw) {
  const isCensus = (i: number) => units[i].executionStatus !== "SUCCEEDED";
  const indices = indicesOf(d);
  expect(new Set(indices).size, "no unit appears twice").toBe(indices.length);

  // Census: every FAILED/UNKNOWN unit, in population order, first.
  const census = units.map((_, i) => i).filter(isCensus);
  expect(indicesOf(d, "census")).toEqual(census);
  expect(d.censusSize).toBe(census.length);

  // Random stratum: SUCCEEDED units only, tier size or all of them.
  const randomIdx = indicesOf(d, "random");
  const succeeded = units.length - census.length;
  expect(randomIdx).toHaveLength(Math.min(tierSampleSize(input.tier, units.length), succeeded));
  expect(d.randomSize).toBe(randomIdx.length);
  for (const i of randomIdx) expect(isCensus(i)).toBe(false);

  // Order: census, then random, then supplementary (ascending).
  const strataOrder = d.members.map((m) => m.stratum);
  const rank = { census: 0, random: 1, supplementary: 2 } as const;
  for (let k = 1; k < strataOrder.length; k++) expect(rank[strataOrder[k - 1]]).toBeLessThanOrEqual(rank[strataOrder[k]]);
  const supplementary = indicesOf(d, "supplementary");
  expect(supplementary).toEqual([...supplementary].sort((a, b) => a - b));

  // Clusters: whole or not at all; total within the cap; every skipped cluster would not have fitted.
  const clusters = new Map<string, number[]>();
  units.forEach((u, i) => {
    if (u.identityKey) clusters.set(u.identityKey, [...(clusters.get(u.identityKey) ?? []), i]);
  });
  for (const [key, list] of clusters) if (list.length < 2) clusters.delete(key);
  let clusterUnits = 0;
  let clustersIncluded = 0;
  const includedKeys = new Set<string>();
  for (const [key, list] of clusters) {
    const flagged = list.filter((i) => memberAt(d, i)?.reasons.includes("identity_cluster"));
    expect([0, list.length], `cluster ${key} is whole or absent`).toContain(flagged.length);
    if (flagged.length > 0) {
      clusterUnits += list.length;
      clustersIncluded++;
      includedKeys.add(key);
    }
  }
  expect(clusterUnits).toBeLessThanOrEqual(input.duplicateClusterCap);
  expect(d.clusterUnits).toBe(clusterUnits);
  expect(d.clustersIncluded).toBe(clustersIncluded);
  expect(d.clustersAvailable).toBe(clusters.size);
  for (const [key, list] of clusters) if (!includedKeys.has(key)) expect(clusterUnits + list.length).toBeGreaterThan(input.duplicateClusterCap);

  // High-risk subgroups: at least one unit of each present subgroup.
  const highRisk = new Set(input.highRiskSubgroups);
  for (const g of highRisk) {
    const present = units.some((u) => u.subgroup === g);
    const sampled = d.members.filter((m) => units[m.index].subgroup === g);
    if (present) expect(sampled.length, `subgroup ${g} covered`).toBeGreaterThan(0);
  }

  // Every member lists exactly the reasons that apply, in canonical order; stratum follows from them.
  for (const m of d.members) {
    const u = units[m.index];
    const expected = new Set<string>();
    if (isCensus(m.index)) expected.add("failed_or_unknown");
    if (m.stratum === "random") expected.add("random");
    if (u.identityKey && includedKeys.has(u.identityKey)) expected.add("identity_cluster");
    if (u.subgroup !== null && highRisk.has(u.subgroup)) expected.add("high_risk_subgroup");
    expect(m.reasons, `reasons of unit ${m.index}`).toEqual(INCLUSION_REASONS.filter((r) => expected.has(r)));
    const expectedStratum = isCensus(m.index) ? "census" : m.reasons.includes("random") ? "random" : "supplementary";
    expect(m.stratum).toBe(expectedStratum);
    if (m.stratum === "supplementary") expect(m.reasons.every((r) => r === "identity_cluster" || r === "high_risk_subgroup")).toBe(true);
  }
  // Units flagged for a cluster or subgroup are all in the sample (none outside with a reason).
  for (const key of includedKeys) for (const i of clusters.get(key)!) expect(memberAt(d, i)).toBeDefined();
}

describe("tierSampleSize", () => {
  it("never exceeds a small population", () => {
    for (const tier of [1, 2, 3] as const) {
      expect(tierSampleSize(tier, 0)).toBe(0);
      expect(tierSampleSize(tier, 1)).toBe(1);
      expect(tierSampleSize(tier, 5)).toBe(5);
    }
  });

  it("tier 1: minimum 20, ⌈10% N⌉ from N = 201, cap 100 from N = 1001", () => {
    expect(tierSampleSize(1, 19)).toBe(19);
    expect(tierSampleSize(1, 20)).toBe(20);
    expect(tierSampleSize(1, 21)).toBe(20);
    expect(tierSampleSize(1, 199)).toBe(20); // ⌈19.9⌉ = 20
    expect(tierSampleSize(1, 200)).toBe(20); // 10% of 200 = 20 exactly
    expect(tierSampleSize(1, 201)).toBe(21); // ⌈20.1⌉ = 21
    expect(tierSampleSize(1, 999)).toBe(100); // ⌈99.9⌉ = 100
    expect(tierSampleSize(1, 1000)).toBe(100);
    expect(tierSampleSize(1, 1001)).toBe(100); // ⌈100.1⌉ = 101, capped
    expect(tierSampleSize(1, 1_000_000)).toBe(100);
  });

  it("tier 2: minimum 35, ⌈15% N⌉ from N = 234, cap 150", () => {
    expect(tierSampleSize(2, 34)).toBe(34);
    expect(tierSampleSize(2, 35)).toBe(35);
    expect(tierSampleSize(2, 100)).toBe(35); // max(35, 15) — and no ⌈0.15 × 100⌉ = 16 float slip
    expect(tierSampleSize(2, 233)).toBe(35); // 15 × 233 = 3495 → ⌈34.95⌉ = 35
    expect(tierSampleSize(2, 234)).toBe(36); // 15 × 234 = 3510 → ⌈35.1⌉ = 36
    expect(tierSampleSize(2, 1000)).toBe(150); // 150 exactly
    expect(tierSampleSize(2, 1001)).toBe(150); // ⌈150.15⌉ = 151, capped
    expect(tierSampleSize(2, 1_000_000)).toBe(150);
  });

  it("tier 3: minimum 50, ⌈20% N⌉ from N = 251, cap 250 from N = 1250", () => {
    expect(tierSampleSize(3, 49)).toBe(49);
    expect(tierSampleSize(3, 50)).toBe(50);
    expect(tierSampleSize(3, 250)).toBe(50); // 20% of 250 = 50 exactly
    expect(tierSampleSize(3, 251)).toBe(51); // ⌈50.2⌉ = 51
    expect(tierSampleSize(3, 1249)).toBe(250); // ⌈249.8⌉ = 250
    expect(tierSampleSize(3, 1250)).toBe(250);
    expect(tierSampleSize(3, 1251)).toBe(250); // ⌈250.2⌉ = 251, capped
    expect(tierSampleSize(3, 1_000_000)).toBe(250);
  });

  it("agrees with an integer-arithmetic statement of the policy for every N in 0..5000", () => {
    for (const tier of [1, 2, 3] as const) {
      for (let n = 0; n <= 5000; n++) {
        const got = tierSampleSize(tier, n);
        if (got !== expectedTierSize(tier, n)) expect({ tier, n, got }).toEqual({ tier, n, got: expectedTierSize(tier, n) });
      }
    }
  });

  it("is non-decreasing in N", () => {
    for (const tier of [1, 2, 3] as const) for (let n = 1; n <= 2000; n++) expect(tierSampleSize(tier, n)).toBeGreaterThanOrEqual(tierSampleSize(tier, n - 1));
  });

  it("exposes the seed 000 policy table", () => {
    expect(TIER_POLICY[1]).toMatchObject({ minimum: 20, rate: 0.1, cap: 100 });
    expect(TIER_POLICY[2]).toMatchObject({ minimum: 35, rate: 0.15, cap: 150 });
    expect(TIER_POLICY[3]).toMatchObject({ minimum: 50, rate: 0.2, cap: 250 });
  });

  it("rejects unknown tiers and negative or non-integer N", () => {
    expect(() => tierSampleSize(4 as RiskTier, 100)).toThrow(RangeError);
    expect(() => tierSampleSize(0 as RiskTier, 100)).toThrow(RangeError);
    expect(() => tierSampleSize(1, -1)).toThrow(RangeError);
    expect(() => tierSampleSize(1, 1.5)).toThrow(RangeError);
    expect(() => tierSampleSize(1, Number.NaN)).toThrow(RangeError);
    expect(() => tierSampleSize(1, Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});

describe("drawSample: census stratum", () => {
  it("includes every FAILED and UNKNOWN unit first, in population order, with reason failed_or_unknown", () => {
    const statuses: Record<number, ExecutionStatus> = { 3: "FAILED", 7: "UNKNOWN", 11: "FAILED", 40: "UNKNOWN" };
    const units = population(60, (i) => ({ executionStatus: statuses[i] ?? "SUCCEEDED" }));
    const d = draw(units);
    expect(d.members.slice(0, 4)).toEqual([3, 7, 11, 40].map((index) => ({ index, reasons: ["failed_or_unknown"], stratum: "census" })));
    expect(d.censusSize).toBe(4);
    expectDrawInvariants(units, { tier: 1, duplicateClusterCap: 10, highRiskSubgroups: [], seed: SEED }, d);
  });

  it("never drops census units beyond the tier cap, and warns about the review load", () => {
    const units = population(180, (i) => ({ executionStatus: i < 150 ? "FAILED" : "SUCCEEDED" }));
    const d = draw(units, { tier: 1 });
    expect(indicesOf(d, "census")).toHaveLength(150);
    expect(d.randomSize).toBe(20); // tierSampleSize(1, 180) = 20 of the 30 SUCCEEDED units
    const warning = d.warnings.find((w) => w.code === "REVIEW_LOAD");
    expect(warning).toBeDefined();
    expect(warning!.message).toContain("150");
    expect(warning!.message).toContain("100");
  });

  it("does not warn about review load when the census stratum is exactly at the cap", () => {
    const units = population(130, (i) => ({ executionStatus: i < 100 ? "UNKNOWN" : "SUCCEEDED" }));
    const d = draw(units, { tier: 1 });
    expect(d.censusSize).toBe(100);
    expect(d.warnings.map((w) => w.code)).not.toContain("REVIEW_LOAD");
  });

  it("samples a population of only FAILED/UNKNOWN units entirely as census", () => {
    const units = population(30, (i) => ({ executionStatus: i % 2 ? "FAILED" : "UNKNOWN" }));
    const d = draw(units, { tier: 3 });
    expect(indicesOf(d, "census")).toEqual(units.map((_, i) => i));
    expect(d.randomSize).toBe(0);
  });
});

describe("drawSample: random stratum", () => {
  it("draws tierSampleSize(tier, N) distinct SUCCEEDED units with stratum and reason random", () => {
    const units = population(1000, (i) => ({ executionStatus: i % 10 === 0 ? "FAILED" : "SUCCEEDED" }));
    for (const tier of [1, 2, 3] as const) {
      const d = draw(units, { tier });
      const random = d.members.filter((m) => m.stratum === "random");
      expect(d.tierSize).toBe(tierSampleSize(tier, 1000));
      expect(random).toHaveLength(tierSampleSize(tier, 1000));
      expect(new Set(random.map((m) => m.index)).size).toBe(random.length);
      for (const m of random) {
        expect(units[m.index].executionStatus).toBe("SUCCEEDED");
        expect(m.reasons).toEqual(["random"]);
      }
    }
  });

  it("takes all SUCCEEDED units when fewer exist than the tier size", () => {
    const units = population(30, (i) => ({ executionStatus: i < 25 ? "FAILED" : "SUCCEEDED" }));
    const d = draw(units, { tier: 1 });
    expect(d.tierSize).toBe(20);
    expect(d.randomSize).toBe(5);
    expect(indicesOf(d, "random").sort((a, b) => a - b)).toEqual([25, 26, 27, 28, 29]);
  });

  it("raises the random stratum to a requested (planned) size, never below the tier size", () => {
    const units = population(1000);
    const d = draw(units, { tier: 1, randomSampleSize: 160 });
    expect(d.tierSize).toBe(100);
    expect(d.randomSize).toBe(160);
    expect(indicesOf(d, "random")).toHaveLength(160);
    expect(draw(units, { tier: 1, randomSampleSize: 160 })).toEqual(d);
    expect(draw(units, { tier: 1, randomSampleSize: 100 })).toEqual(draw(units, { tier: 1 }));
    expect(draw(population(120), { tier: 1, randomSampleSize: 500 }).randomSize).toBe(120);
    for (const bad of [99, 150.5, Number.NaN]) expect(() => draw(units, { tier: 1, randomSampleSize: bad })).toThrow(RangeError);
  });

  it("handles an empty population", () => {
    const d = draw([], { highRiskSubgroups: [] });
    expect(d).toMatchObject({ members: [], tierSize: 0, populationSize: 0, censusSize: 0, randomSize: 0, clustersAvailable: 0 });
    expect(d.warnings).toEqual([]);
  });

  it("is deterministic: the same units and seed give an identical draw", () => {
    const units = population(500, (i) => ({
      executionStatus: i % 17 === 0 ? "FAILED" : "SUCCEEDED",
      identityKey: i % 25 === 0 ? `id-${i % 50}` : null,
      subgroup: i % 100 === 1 ? "vip" : null,
    }));
    const input = { tier: 2 as const, duplicateClusterCap: 6, highRiskSubgroups: ["vip"], seed: SEED };
    expect(drawSample({ units, ...input })).toEqual(drawSample({ units, ...input }));
  });

  it("gives a different random stratum for a different seed", () => {
    const units = population(1000);
    const a = indicesOf(draw(units, { seed: SEED }), "random");
    const b = indicesOf(draw(units, { seed: OTHER_SEED }), "random");
    expect(a).not.toEqual(b);
    expect(new Set(a)).not.toEqual(new Set(b));
  });

  it("includes each SUCCEEDED unit with probability n/N (2,000 seeded draws of 20 from 50)", () => {
    const units = population(50);
    const draws = 2000;
    const hits = new Array(50).fill(0);
    for (let k = 0; k < draws; k++) {
      const d = draw(units, { tier: 1, seed: seedFor(k) });
      expect(d.randomSize).toBe(20);
      for (const i of indicesOf(d, "random")) hits[i]++;
    }
    // Expected 0.4 each; the standard error is √(0.4·0.6/2000) ≈ 0.011, so 0.05 is > 4 SE.
    for (const h of hits) expect(Math.abs(h / draws - 20 / 50)).toBeLessThan(0.05);
  });
});

describe("drawSample: identity-collision clusters", () => {
  it("includes small clusters whole with reason identity_cluster, as supplementary when not otherwise sampled", () => {
    // 500 units; units 100 & 101 share an identity, as do 200, 201 & 202. Cap 10 fits both.
    const idOf: Record<number, string> = { 100: "a", 101: "a", 200: "b", 201: "b", 202: "b" };
    const units = population(500, (i) => ({ identityKey: idOf[i] ?? null }));
    const d = draw(units, { duplicateClusterCap: 10 });
    for (const i of [100, 101, 200, 201, 202]) {
      const m = memberAt(d, i)!;
      expect(m.reasons).toContain("identity_cluster");
      expect(m.stratum).toBe(m.reasons.includes("random") ? "random" : "supplementary");
    }
    expect(d).toMatchObject({ clustersIncluded: 2, clusterUnits: 5, clustersAvailable: 2 });
    expect(d.warnings.map((w) => w.code)).not.toContain("CLUSTERS_CAPPED");
  });

  it("keeps census units in the census stratum and lists both reasons", () => {
    const units = population(300, (i) => ({
      executionStatus: i === 5 ? "FAILED" : "SUCCEEDED",
      identityKey: i === 5 || i === 250 ? "dup" : null,
    }));
    const d = draw(units);
    expect(memberAt(d, 5)).toEqual({ index: 5, reasons: ["failed_or_unknown", "identity_cluster"], stratum: "census" });
    expect(memberAt(d, 250)!.reasons).toContain("identity_cluster");
  });

  it("never includes a cluster partially, and stays within DUPLICATE_CLUSTER_CAP", () => {
    // Clusters of sizes 2, 3, 4, 5, 6 (20 units); cap 7 lets only some fit.
    const sizes = [2, 3, 4, 5, 6];
    const keys = sizes.flatMap((s, c) => Array<string>(s).fill(`k${c}`));
    const units = population(400, (i) => ({ identityKey: keys[i] ?? null }));
    const input = { tier: 1 as const, duplicateClusterCap: 7, highRiskSubgroups: [] };
    for (let k = 0; k < 100; k++) {
      const d = drawSample({ units, ...input, seed: seedFor(k) });
      expectDrawInvariants(units, { ...input, seed: seedFor(k) }, d);
      expect(d.clusterUnits).toBeGreaterThan(0);
      expect(d.warnings.map((w) => w.code)).toContain("CLUSTERS_CAPPED");
    }
  });

  it("chooses which clusters fit in seeded random order", () => {
    // Five clusters of two; cap 4 → exactly two clusters per draw. Each should win sometimes.
    const units = population(300, (i) => ({ identityKey: i < 10 ? `c${Math.floor(i / 2)}` : null }));
    const included = new Map<string, number>();
    for (let k = 0; k < 200; k++) {
      const d = draw(units, { duplicateClusterCap: 4, seed: seedFor(k) });
      expect(d.clustersIncluded).toBe(2);
      expect(d.clusterUnits).toBe(4);
      for (const m of d.members) if (m.reasons.includes("identity_cluster")) included.set(units[m.index].identityKey!, (included.get(units[m.index].identityKey!) ?? 0) + 1);
    }
    expect([...included.keys()].sort()).toEqual(["c0", "c1", "c2", "c3", "c4"]);
    // Each cluster is picked in 2/5 of draws: 160 units-draws of 400 → 80 per cluster (as unit counts, 2 per pick).
    for (const count of included.values()) expect(count / 2 / 200).toBeGreaterThan(0.25);
  });

  it("skips a cluster larger than the cap but still takes smaller ones after it", () => {
    // One cluster of 8 and one of 2; cap 3: the big one never fits, the small one always does.
    const units = population(300, (i) => ({ identityKey: i < 8 ? "big" : i < 10 ? "small" : null }));
    for (let k = 0; k < 20; k++) {
      const d = draw(units, { duplicateClusterCap: 3, seed: seedFor(k) });
      expect(d).toMatchObject({ clustersIncluded: 1, clusterUnits: 2, clustersAvailable: 2 });
      for (const i of [8, 9]) expect(memberAt(d, i)!.reasons).toContain("identity_cluster");
      for (let i = 0; i < 8; i++) expect(memberAt(d, i)?.reasons ?? []).not.toContain("identity_cluster");
      const warning = d.warnings.find((w) => w.code === "CLUSTERS_CAPPED");
      expect(warning?.message).toContain("1 of 2");
    }
  });

  it("does not cluster units without an identity key, with an empty key, or with a unique key", () => {
    const units = population(200, (i) => ({ identityKey: i < 3 ? null : i < 6 ? "" : i === 6 ? "lonely" : null }));
    const d = draw(units);
    expect(d.clustersAvailable).toBe(0);
    expect(d.members.some((m) => m.reasons.includes("identity_cluster"))).toBe(false);
    expect(indicesOf(d, "supplementary")).toEqual([]);
  });
});

describe("drawSample: high-risk subgroups", () => {
  it("adds one unit of an unsampled high-risk subgroup as supplementary", () => {
    // A 1,000-unit population where only unit 777 is in "vip": the random stratum (100) rarely hits it.
    const units = population(1000, (i) => ({ subgroup: i === 777 ? "vip" : null }));
    for (let k = 0; k < 20; k++) {
      const d = draw(units, { highRiskSubgroups: ["vip"], seed: seedFor(k) });
      const m = memberAt(d, 777);
      expect(m).toBeDefined();
      expect(m!.reasons).toContain("high_risk_subgroup");
      if (!m!.reasons.includes("random")) expect(m).toEqual({ index: 777, reasons: ["high_risk_subgroup"], stratum: "supplementary" });
    }
  });

  it("picks a seeded random unit of the subgroup when none is sampled yet", () => {
    // Subgroup units 900–909 of 1,000; tier 1 samples 100, so sometimes none is drawn at random.
    const units = population(1000, (i) => ({ subgroup: i >= 900 && i < 910 ? "g" : null }));
    const picked = new Set<number>();
    for (let k = 0; k < 200; k++) {
      const d = draw(units, { highRiskSubgroups: ["g"], seed: seedFor(k) });
      const inGroup = d.members.filter((m) => units[m.index].subgroup === "g");
      expect(inGroup.length).toBeGreaterThanOrEqual(1);
      for (const m of inGroup) expect(m.reasons).toContain("high_risk_subgroup");
      const supplementary = inGroup.filter((m) => m.stratum === "supplementary");
      expect(supplementary.length).toBeLessThanOrEqual(1);
      if (supplementary.length === 1) {
        expect(inGroup).toHaveLength(1); // only added when no subgroup unit was sampled
        picked.add(supplementary[0].index);
      }
    }
    expect(picked.size).toBeGreaterThan(1); // not always the same unit
  });

  it("marks every already sampled unit of the subgroup instead of adding one", () => {
    const units = population(300, (i) => ({
      executionStatus: i === 10 || i === 20 ? "FAILED" : "SUCCEEDED",
      subgroup: i === 10 || i === 20 || i === 299 ? "risky" : null,
    }));
    const d = draw(units, { highRiskSubgroups: ["risky"] });
    expect(memberAt(d, 10)).toEqual({ index: 10, reasons: ["failed_or_unknown", "high_risk_subgroup"], stratum: "census" });
    expect(memberAt(d, 20)).toEqual({ index: 20, reasons: ["failed_or_unknown", "high_risk_subgroup"], stratum: "census" });
    const m299 = memberAt(d, 299);
    if (m299) expect(m299.reasons).toEqual(["random", "high_risk_subgroup"]);
    expect(indicesOf(d, "supplementary")).toEqual([]);
  });

  it("marks identity-cluster units of the subgroup too", () => {
    const units = population(500, (i) => ({ identityKey: i === 400 || i === 401 ? "x" : null, subgroup: i === 401 ? "vip" : null }));
    const d = draw(units, { highRiskSubgroups: ["vip"], duplicateClusterCap: 2 });
    const m = memberAt(d, 401)!;
    expect(m.reasons).toEqual(INCLUSION_REASONS.filter((r) => r === "identity_cluster" || r === "high_risk_subgroup" || (r === "random" && m.stratum === "random")));
  });

  it("covers several subgroups, tolerates duplicates in the list, and warns about absent ones", () => {
    const units = population(1000, (i) => ({ subgroup: i === 1 ? "a" : i === 998 ? "b" : i % 2 ? "common" : null }));
    const input = { tier: 1 as const, duplicateClusterCap: 10, highRiskSubgroups: ["b", "a", "a", "ghost"], seed: SEED };
    const d = drawSample({ units, ...input });
    expect(memberAt(d, 1)!.reasons).toContain("high_risk_subgroup");
    expect(memberAt(d, 998)!.reasons).toContain("high_risk_subgroup");
    expect(d.warnings.filter((w) => w.code === "SUBGROUP_ABSENT")).toEqual([{ code: "SUBGROUP_ABSENT", message: expect.stringContaining('"ghost"') }]);
    // A subgroup not listed as high risk gives no reason.
    for (const m of d.members) if (units[m.index].subgroup === "common") expect(m.reasons).not.toContain("high_risk_subgroup");
    expectDrawInvariants(units, input, d);
  });
});

describe("drawSample: all rules together", () => {
  it("holds every invariant on mixed populations across many seeds and tiers", () => {
    const statuses: ExecutionStatus[] = ["SUCCEEDED", "SUCCEEDED", "SUCCEEDED", "SUCCEEDED", "SUCCEEDED", "SUCCEEDED", "FAILED", "UNKNOWN"];
    for (let k = 0; k < 60; k++) {
      const n = [0, 1, 10, 57, 240, 800][k % 6];
      // A cheap deterministic scramble so populations differ per k.
      const h = (i: number) => ((i + 1) * 2654435761 + k * 40503) >>> 0;
      const units = population(n, (i) => ({
        executionStatus: statuses[h(i) % 8],
        identityKey: h(i) % 5 === 0 ? `id${h(i) % 37}` : null,
        subgroup: h(i) % 11 === 0 ? `g${h(i) % 3}` : null,
      }));
      const input = { tier: ((k % 3) + 1) as RiskTier, duplicateClusterCap: 1 + (k % 9), highRiskSubgroups: ["g0", "g1", "g2", "missing"], seed: seedFor(k) };
      const d = drawSample({ units, ...input });
      expect(d.populationSize).toBe(n);
      expect(d.tierSize).toBe(tierSampleSize(input.tier, n));
      expectDrawInvariants(units, input, d);
    }
  });
});

describe("drawSample: errors", () => {
  const units = population(10);
  it("rejects a malformed seed", () => {
    expect(() => draw(units, { seed: "not-a-seed" })).toThrow(RangeError);
    expect(() => draw(units, { seed: SEED.toUpperCase() })).toThrow(RangeError);
  });

  it("rejects a duplicate-cluster cap that is not a positive integer", () => {
    expect(() => draw(units, { duplicateClusterCap: 0 })).toThrow(RangeError);
    expect(() => draw(units, { duplicateClusterCap: -3 })).toThrow(RangeError);
    expect(() => draw(units, { duplicateClusterCap: 2.5 })).toThrow(RangeError);
    expect(() => draw(units, { duplicateClusterCap: Number.NaN })).toThrow(RangeError);
  });

  it("rejects an unknown tier", () => {
    expect(() => draw(units, { tier: 4 as RiskTier })).toThrow(RangeError);
  });
});
