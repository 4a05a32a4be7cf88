import { describe, expect, it } from "vitest";
import { populationChecksum } from "./checksum";
import type { PopulationUnit } from "./population";
import { identityHash, identityHashOfBytes } from "./population-facts";
import { LineParser, PopulationScan } from "./population-lines";
import { createRandom } from "./random";
import { drawSample, drawSampleFromFacts, populationFacts } from "./sampling";

const HIGH_RISK = ["G1", "G7", "Zürich", "absent"];
const utf8 = new TextEncoder();

/** Seeded units; with `odd`, some values hold a tab, newline or backslash, and some are non-ASCII. */
function population(n: number, seed: string, odd: boolean): PopulationUnit[] {
  const r = createRandom(seed);
  const strange = ["a\tb", "x\ny", "c:\\dir", "\\"];
  return Array.from({ length: n }, (_, i) => {
    const s = r.nextInt(100);
    const k = r.nextInt(12);
    const weird = odd && r.nextInt(40) === 0 ? strange[r.nextInt(strange.length)] : "";
    return {
      unitKey: `u${i}${weird}`,
      executionStatus: s < 2 ? "FAILED" : s < 3 ? "UNKNOWN" : "SUCCEEDED",
      subgroup: k === 0 ? null : k === 11 ? "Zürich" : `G${k}`,
      identityKey: k === 1 ? null : k === 2 ? "" : k === 3 ? `ключ-${r.nextInt(n)}` : `id-${r.nextInt(n)}${k === 4 ? weird : ""}`,
    };
  });
}

/** The lines the database joins for a range: values as stored, absent ones empty, not escaped. */
const rawLines = (units: readonly PopulationUnit[]) =>
  utf8.encode(units.map((u) => `${u.unitKey}\t${u.executionStatus}\t${u.subgroup ?? ""}\t${u.identityKey ?? ""}\n`).join(""));

/** Scans in ranges of `range` units: raw lines where accepted, else unit by unit. */
async function scan(units: readonly PopulationUnit[], range: number, narrow?: (h: number) => number) {
  const s = new PopulationScan(HIGH_RISK, narrow);
  const accepted: boolean[] = [];
  for (let start = 0; start < units.length; start += range) {
    const part = units.slice(start, start + range);
    const ok = s.addRawLines(rawLines(part), part.length);
    accepted.push(ok);
    if (!ok) for (const u of part) s.addUnit(u.unitKey, u.executionStatus, u.subgroup, u.identityKey);
  }
  const asked: number[] = [];
  const result = await s.finish(async (positions) => {
    asked.push(...positions);
    return positions.map((p) => units[p].identityKey);
  });
  return { ...result, accepted, asked };
}

function expectSame(result: Awaited<ReturnType<typeof scan>>, units: readonly PopulationUnit[]) {
  const expected = populationFacts(units, HIGH_RISK);
  expect(result.checksum).toBe(populationChecksum(units));
  expect(result.facts.size).toBe(units.length);
  expect(Array.from(result.facts.census)).toEqual(Array.from(expected.census));
  expect(result.facts.subgroupMembers).toEqual(expected.subgroupMembers);
  expect(result.facts.clusters).toEqual(expected.clusters);
}

describe("PopulationScan", () => {
  it("gives the checksum and facts of the units in memory from raw lines", async () => {
    const units = population(5_000, "00112233445566778899aabbccddeeff", false);
    const result = await scan(units, 700);
    expect(result.accepted.every(Boolean)).toBe(true);
    expect(populationFacts(units, HIGH_RISK).clusters.size).toBeGreaterThan(100);
    expect(result.facts.subgroupMembers.get("Zürich")!.length).toBeGreaterThan(100);
    expectSame(result, units);
  });

  it("drawSampleFromFacts on the scanned facts gives exactly drawSample's result", async () => {
    const units = population(3_000, "0123456789abcdef0123456789abcdef", false);
    const { facts } = await scan(units, 500);
    for (const [tier, cap, randomSampleSize] of [[1, 10, undefined], [2, 50, undefined], [3, 200, 400]] as const) {
      const input = { tier, duplicateClusterCap: cap, highRiskSubgroups: HIGH_RISK, seed: "0123456789abcdef0123456789abcdef", randomSampleSize };
      expect(drawSampleFromFacts(facts, input)).toEqual(drawSample({ units, ...input }));
    }
  });

  it("refuses a range whose values hold a tab, newline or backslash, and the unit-by-unit feed of it gives the same result", async () => {
    const units = population(5_000, "ffeeddccbbaa99887766554433221100", true);
    const result = await scan(units, 100);
    expect(result.accepted.filter(Boolean).length).toBeGreaterThan(0);
    expect(result.accepted.filter((ok) => !ok).length).toBeGreaterThan(10);
    expectSame(result, units);
  });

  it("refuses bytes that are not `rows` lines of four fields, taking nothing", async () => {
    const s = new PopulationScan([]);
    const line = utf8.encode("k\tSUCCEEDED\t\tid\n");
    expect(s.addRawLines(line, 2)).toBe(false);
    expect(s.addRawLines(utf8.encode("k\tSUCCEEDED\tid\n"), 1)).toBe(false);
    expect(s.addRawLines(utf8.encode("k\tSUCCEEDED\t\tid"), 1)).toBe(false);
    expect(s.addRawLines(line, 1)).toBe(true);
    const { checksum, facts } = await s.finish(async () => []);
    expect(facts.size).toBe(1);
    expect(checksum).toBe(populationChecksum([{ unitKey: "k", executionStatus: "SUCCEEDED", subgroup: null, identityKey: "id" }]));
  });

  it("stays exact when identity hashes collide: the keys are compared as strings", async () => {
    const units = population(3_000, "0123456789abcdef0123456789abcdef", true);
    const result = await scan(units, 250, (h) => h & 3);
    expect(result.asked.length).toBeGreaterThan(2_000);
    expectSame(result, units);
  });

  it("gives the same result when the ranges are parsed elsewhere, in any order, and handed over as plain data", async () => {
    const units = population(4_000, "8899aabbccddeeff0011223344556677", true);
    const range = 40;
    const parser = new LineParser(HIGH_RISK);
    const starts = Array.from({ length: Math.ceil(units.length / range) }, (_, k) => k * range);
    // Parsed last range first, as helper threads may; each result copied as postMessage would.
    const parsed = new Map(
      [...starts].reverse().map((start) => {
        const lines = rawLines(units.slice(start, start + range));
        return [start, { lines, parsed: structuredClone(parser.parse(lines, Math.min(range, units.length - start))) }] as const;
      }),
    );
    const s = new PopulationScan(HIGH_RISK);
    let refused = 0;
    for (const start of starts) {
      const { lines, parsed: p } = parsed.get(start)!;
      if (p) s.addParsed(lines, p);
      else {
        refused++;
        for (const u of units.slice(start, start + range)) s.addUnit(u.unitKey, u.executionStatus, u.subgroup, u.identityKey);
      }
    }
    expect(refused).toBeGreaterThan(0);
    expect(refused).toBeLessThan(starts.length);
    const result = await s.finish(async (positions) => positions.map((p) => units[p].identityKey));
    expectSame({ ...result, accepted: [], asked: [] }, units);
  });

  it("refuses a value with a tab, newline or backslash in any of the four fields", () => {
    const parser = new LineParser(HIGH_RISK);
    const ok = ["k", "SUCCEEDED", "G1", "id"];
    expect(parser.parse(utf8.encode(ok.join("\t") + "\n"), 1)).toEqual({ hashes: Uint32Array.of(identityHash("id")), census: [], highRisk: [[0, "G1"]] });
    for (let field = 0; field < 4; field++) {
      for (const odd of ["\t", "\n", "\\"]) {
        const values = ok.map((v, i) => (i === field ? `${v.slice(0, 1)}${odd}${v.slice(1)}` : v));
        expect(parser.parse(utf8.encode(values.join("\t") + "\n"), 1)).toBeNull();
        expect(parser.parse(utf8.encode(values.join("\t") + "\n"), 2)).toBeNull();
      }
    }
  });

  it("hashes a key the same from its string and from its UTF-8 bytes", () => {
    for (const key of ["a", "id-17", "ключ-9", "Zürich 🚀"]) {
      const bytes = utf8.encode(key);
      expect(identityHashOfBytes(bytes, 0, bytes.length)).toBe(identityHash(key));
    }
  });
});
