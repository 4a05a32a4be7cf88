import { describe, expect, it } from "vitest";
import type { PopulationUnit } from "./population";
import { identityHash, PopulationFactsBuilder } from "./population-facts";
import { createRandom } from "./random";
import { drawSample, drawSampleFromFacts, populationFacts } from "./sampling";

const SEED = "0123456789abcdef0123456789abcdef";
const HIGH_RISK = ["G1", "G7", "absent"];

/** A seeded population: ~3% census, 10 subgroups, identity keys with clusters, blanks and nulls. */
function population(n: number, seed: string): PopulationUnit[] {
  const r = createRandom(seed);
  return Array.from({ length: n }, (_, i) => {
    const s = r.nextInt(100);
    const k = r.nextInt(10);
    return {
      unitKey: `u${i}`,
      executionStatus: s < 2 ? "FAILED" : s < 3 ? "UNKNOWN" : "SUCCEEDED",
      subgroup: k === 0 ? null : `G${k}`,
      identityKey: k === 1 ? null : k === 2 ? "" : `id-${r.nextInt(n)}`,
    };
  });
}

async function build(units: readonly PopulationUnit[], hash?: (key: string) => number) {
  const b = new PopulationFactsBuilder(HIGH_RISK, hash);
  for (const u of units) b.add(u);
  const asked: number[][] = [];
  const facts = await b.finish(async (positions) => {
    asked.push(positions);
    return positions.map((p) => units[p].identityKey);
  });
  return { facts, asked };
}

describe("PopulationFactsBuilder", () => {
  const units = population(3_000, "00112233445566778899aabbccddeeff");
  const expected = populationFacts(units, HIGH_RISK);

  it("gives the same facts as populationFacts over the units in memory", async () => {
    const { facts } = await build(units);
    expect(facts.size).toBe(3_000);
    expect(Array.from(facts.census)).toEqual(Array.from(expected.census));
    expect(facts.subgroupMembers).toEqual(expected.subgroupMembers);
    expect(facts.clusters).toEqual(expected.clusters);
    expect(expected.clusters.size).toBeGreaterThan(100);
  });

  it("stays exact when every key's hash collides: the keys are compared as strings", async () => {
    for (const hash of [() => 7, (k: string) => k.length]) {
      const { facts, asked } = await build(units, hash);
      expect(facts.clusters).toEqual(expected.clusters);
      expect(asked.flat().length).toBeGreaterThan(2_000);
    }
  });

  it("asks for no keys when no hashes repeat", async () => {
    const distinct = units.map((u, i) => ({ ...u, identityKey: `only-${i}` }));
    const { facts, asked } = await build(distinct);
    expect(asked).toEqual([]);
    expect(facts.clusters.size).toBe(0);
  });

  it("drawSampleFromFacts on the streamed facts gives exactly drawSample's result", async () => {
    const { facts } = await build(units);
    for (const [tier, cap, randomSampleSize] of [[1, 10, undefined], [2, 50, undefined], [3, 200, 400]] as const) {
      const input = { tier, duplicateClusterCap: cap, highRiskSubgroups: HIGH_RISK, seed: SEED, randomSampleSize };
      expect(drawSampleFromFacts(facts, input)).toEqual(drawSample({ units, ...input }));
    }
  });

  it("identityHash is FNV-1a and never 0", () => {
    expect(identityHash("")).toBe(0x811c9dc5);
    expect(identityHash("a")).toBe(0xe40c292c);
  });
});
