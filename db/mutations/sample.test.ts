/**
 * Integration tests of the sample draw (db/mutations/sample.ts) against a real temporary database
 * (SQLite or PostgreSQL, db/testing.ts): preconditions, reproducibility across audits,
 * immutability after the draw, concurrent draws.
 */
import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { drawSample } from "@/lib/sampling";
import { AppError } from "@/lib/server/errors";
import type { Db } from "../handle";
import { getInclusionReasons } from "../queries/manifest";
import { createTestDb, FULL_MAPPING, importCsv, rowCounts, type TestDb, validAuditForm } from "../testing";
import { createAudit, recordStabilityResult, updateDecisionSettings } from "./audits";
import { drawAuditSample } from "./sample";

const SEED = "00112233445566778899aabbccddeeff";
const OTHER_SEED = "ffeeddccbbaa99887766554433221100";
const MAPPING = { ...FULL_MAPPING, highRiskSubgroups: ["LI", "MC"] };

let t: TestDb & { operatorId: number };
let db: Db;
let operatorId: number;

const newAudit = async (overrides: Record<string, unknown> = {}) =>
  (await createAudit(db, { input: validAuditForm({ duplicateClusterCap: "12", ...overrides }), actorId: operatorId })).id;

/** 600 units: some FAILED/UNKNOWN, 10 ordinary subgroups plus two small high-risk ones, identity clusters of 2–3. */
const POPULATION_CSV = (() => {
  const rows = ["unit_key,execution_status,subgroup,identity_key,note"];
  for (let i = 0; i < 600; i++) {
    const status = i % 41 === 7 ? "FAILED" : i % 67 === 3 ? "unknown" : "SUCCEEDED";
    const subgroup = i === 100 || i === 450 ? "LI" : i === 333 ? "MC" : `G${i % 10}`;
    const identity = i % 25 < 3 ? `name-${Math.floor(i / 25)}` : `solo-${i}`;
    rows.push(`unit-${i},${status},${subgroup},${identity},n${i}`);
  }
  return rows.join("\n") + "\n";
})();

const importInto = (auditId: number, csv = POPULATION_CSV) => importCsv(db, { auditId, actorId: operatorId, csv, mapping: MAPPING });

/** An audit with its population imported and the stability pre-flight passed. */
async function readyAudit(): Promise<number> {
  const auditId = await newAudit();
  await importInto(auditId);
  expect(await recordStabilityResult(db, { auditId, actualResult: " 2 ", actorId: operatorId })).toEqual({ passed: true });
  return auditId;
}

/** The stored sample in review order: unit key, position, stratum and inclusion reasons (from sample_unit_reasons). */
async function storedSample(auditId: number) {
  const { sampleUnits, units } = db.tables;
  const rows = await db
    .select({ id: sampleUnits.id, unitKey: units.unitKey, position: sampleUnits.position, stratum: sampleUnits.stratum })
    .from(sampleUnits)
    .innerJoin(units, eq(units.id, sampleUnits.unitId))
    .where(eq(sampleUnits.auditId, auditId))
    .orderBy(asc(sampleUnits.position));
  const reasons = await getInclusionReasons(db, { sampleUnitIds: rows.map((r) => r.id) });
  return rows.map(({ id, ...r }) => ({ ...r, reasons: reasons.get(id) as string[] }));
}

const storedUnits = (auditId: number) => {
  const { units } = db.tables;
  return db.select().from(units).where(eq(units.auditId, auditId)).orderBy(asc(units.position));
};
const sampleRow = async (auditId: number) => {
  const { samples } = db.tables;
  return (await db.select().from(samples).where(eq(samples.auditId, auditId)))[0];
};
const counts = () => rowCounts(db, "samples", "sample_units", "sample_unit_reasons", "events", "units");

beforeAll(async () => {
  t = await createTestDb("sample");
  ({ db, operatorId } = t);
});

afterAll(() => t.close());

describe("drawAuditSample: refusals write nothing", () => {
  it("refuses before the stability result is recorded", async () => {
    const auditId = await newAudit();
    await importInto(auditId);
    const before = await counts();
    await expect(drawAuditSample(db, { auditId, actorId: operatorId, seed: SEED })).rejects.toThrow(/stability pre-flight has not been run/);
    expect(await counts()).toEqual(before);
    // …and succeeds once it is recorded.
    await recordStabilityResult(db, { auditId, actualResult: "2", actorId: operatorId });
    expect((await drawAuditSample(db, { auditId, actorId: operatorId, seed: SEED })).members.length).toBeGreaterThan(0);
  });

  it("refuses while the recorded stability result differs from the expected one", async () => {
    const auditId = await newAudit();
    await importInto(auditId);
    expect(await recordStabilityResult(db, { auditId, actualResult: "3", actorId: operatorId })).toEqual({ passed: false });
    const before = await counts();
    await expect(drawAuditSample(db, { auditId, actorId: operatorId, seed: SEED })).rejects.toThrow(/different from the expected one/);
    expect(await counts()).toEqual(before);
  });

  it("refuses for the eventual consistency model (import and stability are refused too)", async () => {
    const auditId = await newAudit({ consistencyModel: "eventual" });
    const before = await counts();
    const error = await drawAuditSample(db, { auditId, actorId: operatorId, seed: SEED }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "conflict", message: expect.stringMatching(/Eventually consistent systems/) });
    await expect(recordStabilityResult(db, { auditId, actualResult: "2", actorId: operatorId })).rejects.toThrow(AppError);
    await expect(importInto(auditId)).rejects.toMatchObject({ code: "conflict" });
    expect(await counts()).toEqual(before);
  });

  it("refuses when no population has been imported", async () => {
    const auditId = await newAudit();
    await recordStabilityResult(db, { auditId, actualResult: "2", actorId: operatorId });
    const before = await counts();
    await expect(drawAuditSample(db, { auditId, actorId: operatorId, seed: SEED })).rejects.toThrow(/No population has been imported/);
    expect(await counts()).toEqual(before);
  });

  it("refuses a malformed seed", async () => {
    const auditId = await readyAudit();
    const before = await counts();
    for (const seed of ["", "abc", SEED.toUpperCase(), `${SEED}00`]) {
      await expect(drawAuditSample(db, { auditId, actorId: operatorId, seed })).rejects.toThrow(RangeError);
    }
    expect(await counts()).toEqual(before);
  });

  it("refuses an unknown audit", async () => {
    await expect(drawAuditSample(db, { auditId: 987_654, actorId: operatorId, seed: SEED })).rejects.toThrow(expect.objectContaining({ code: "not_found" }));
  });
});

describe("drawAuditSample: reproducible and stored", () => {
  it("gives identical stored samples for the same population and seed on two audits", async () => {
    const a = await readyAudit();
    const b = await readyAudit();
    const drawA = await drawAuditSample(db, { auditId: a, actorId: operatorId, seed: SEED });
    const drawB = await drawAuditSample(db, { auditId: b, actorId: operatorId, seed: SEED });
    expect(drawA.seed).toBe(SEED);
    expect(drawB).toEqual(drawA);

    const sampleA = await storedSample(a);
    expect(sampleA.length).toBe(drawA.members.length);
    expect(await storedSample(b)).toEqual(sampleA);
    expect(sampleA.map((s) => s.position)).toEqual(sampleA.map((_, i) => i));
  });

  it("stores exactly what lib/sampling drawSample gives for the stored population", async () => {
    const auditId = await readyAudit();
    const draw = await drawAuditSample(db, { auditId, actorId: operatorId, seed: SEED });
    const population = await storedUnits(auditId);
    const expected = drawSample({ units: population, tier: 2, duplicateClusterCap: 12, highRiskSubgroups: ["LI", "MC"], seed: SEED });
    expect(draw.members).toEqual(expected.members);
    expect(await storedSample(auditId)).toEqual(
      expected.members.map((m, position) => ({ unitKey: population[m.index].unitKey, position, stratum: m.stratum, reasons: m.reasons })),
    );

    // Spot checks of the policy on the stored rows.
    const stored = await storedSample(auditId);
    const censusKeys = population.filter((u) => u.executionStatus !== "SUCCEEDED").map((u) => u.unitKey);
    expect(stored.filter((s) => s.stratum === "census").map((s) => s.unitKey)).toEqual(censusKeys);
    expect(stored.filter((s) => s.stratum === "random")).toHaveLength(90); // tier 2: max(35, ⌈15% × 600⌉) = 90
    for (const g of ["LI", "MC"]) {
      const inGroup = new Set(population.filter((u) => u.subgroup === g).map((u) => u.unitKey));
      expect(stored.some((s) => inGroup.has(s.unitKey) && s.reasons.includes("high_risk_subgroup"))).toBe(true);
    }
    const clusterRows = stored.filter((s) => s.reasons.includes("identity_cluster"));
    expect(clusterRows.length).toBeGreaterThan(0);
    expect(clusterRows.length).toBeLessThanOrEqual(12);
  });

  it("stores the seed, the population checksum and the draw figures, and logs sample.drawn", async () => {
    const auditId = await newAudit();
    const imported = await importInto(auditId);
    await recordStabilityResult(db, { auditId, actualResult: "2", actorId: operatorId });
    const draw = await drawAuditSample(db, { auditId, actorId: operatorId, seed: SEED });
    const row = (await sampleRow(auditId))!;
    expect(row).toMatchObject({
      seed: SEED,
      populationChecksum: imported.populationChecksum,
      riskTier: 2,
      tierSize: draw.tierSize,
      populationSize: 600,
      censusSize: draw.censusSize,
      randomSize: draw.randomSize,
      clustersIncluded: draw.clustersIncluded,
      clusterUnits: draw.clusterUnits,
      clustersAvailable: draw.clustersAvailable,
      warnings: draw.warnings,
      drawnBy: operatorId,
    });
    const { events } = db.tables;
    const last = (await db.select().from(events).where(eq(events.auditId, auditId)).orderBy(asc(events.id))).at(-1)!;
    expect(last.type).toBe("sample.drawn");
    expect(JSON.parse(last.payload)).toEqual({
      seed: SEED,
      populationChecksum: imported.populationChecksum,
      sampled: draw.members.length,
      censusSize: draw.censusSize,
      randomSize: draw.randomSize,
    });
  });

  it("draws a fresh 128-bit seed when none is given, and a different seed gives a different random stratum", async () => {
    const a = await readyAudit();
    const b = await readyAudit();
    const drawA = await drawAuditSample(db, { auditId: a, actorId: operatorId });
    expect(drawA.seed).toMatch(/^[0-9a-f]{32}$/);
    expect((await sampleRow(a))!.seed).toBe(drawA.seed);
    const drawB = await drawAuditSample(db, { auditId: b, actorId: operatorId, seed: drawA.seed === OTHER_SEED ? SEED : OTHER_SEED });
    const randomKeys = async (auditId: number) => (await storedSample(auditId)).filter((s) => s.stratum === "random").map((s) => s.unitKey);
    expect(await randomKeys(b)).not.toEqual(await randomKeys(a));
    expect(drawB.censusSize).toBe(drawA.censusSize);
  });

  it("refuses a second draw and leaves the first one as it was", async () => {
    const auditId = await readyAudit();
    await drawAuditSample(db, { auditId, actorId: operatorId, seed: SEED });
    const first = await storedSample(auditId);
    const before = await counts();
    await expect(drawAuditSample(db, { auditId, actorId: operatorId, seed: OTHER_SEED })).rejects.toThrow(/already been drawn/);
    expect(await counts()).toEqual(before);
    expect(await storedSample(auditId)).toEqual(first);
    expect((await sampleRow(auditId))!.seed).toBe(SEED);
  });

  it("makes the population immutable: a re-import after the draw is refused", async () => {
    const auditId = await readyAudit();
    await drawAuditSample(db, { auditId, actorId: operatorId, seed: SEED });
    const before = await counts();
    const unitsBefore = await storedUnits(auditId);
    await expect(importInto(auditId, "unit_key,execution_status,subgroup,identity_key\nx,SUCCEEDED,LI,\ny,SUCCEEDED,MC,\n")).rejects.toThrow(/population is immutable/);
    expect(await counts()).toEqual(before);
    expect(await storedUnits(auditId)).toEqual(unitsBefore);
  });

  it("refuses when the stored units no longer match the import checksum", async () => {
    const auditId = await readyAudit();
    await db.transaction(async (tx) => {
      const { units } = tx.tables;
      await tx
        .update(units)
        .set({ executionStatus: "FAILED" })
        .where(and(eq(units.auditId, auditId), eq(units.position, 0)));
    });
    const before = await counts();
    await expect(drawAuditSample(db, { auditId, actorId: operatorId, seed: SEED })).rejects.toThrow(/does not match its import checksum/);
    expect(await counts()).toEqual(before);
  });
});

describe("drawAuditSample: big populations are streamed (issue 10)", () => {
  it("verifies the checksum of values with backslashes, tabs, newlines and empty fields, and draws what drawSample gives", async () => {
    const auditId = await newAudit();
    const rows = Array.from({ length: 2_345 }, (_, i) => {
      const key = i % 50 === 0 ? `"k\t\\${i}"` : `k${i}`;
      const subgroup = i % 7 === 0 ? "" : i % 11 === 0 ? '"LI\nx"' : i % 3 === 0 ? "LI" : "MC";
      const identity = i % 13 === 0 ? "" : i % 17 === 0 ? '"a\\b\tc"' : `id${i % 1_900}`;
      return `${key},${i % 41 === 0 ? "FAILED" : i % 43 === 0 ? "unknown" : "SUCCEEDED"},${subgroup},${identity}`;
    });
    await importCsv(db, { auditId, actorId: operatorId, csv: ["unit_key,execution_status,subgroup,identity_key", ...rows].join("\n") + "\n", mapping: { ...FULL_MAPPING, highRiskSubgroups: ["LI", "MC", "LI\nx"] } });
    await recordStabilityResult(db, { auditId, actualResult: "2", actorId: operatorId });
    const draw = await drawAuditSample(db, { auditId, actorId: operatorId, seed: SEED });
    const { units } = db.tables;
    const population = await db.select({ unitKey: units.unitKey, executionStatus: units.executionStatus, subgroup: units.subgroup, identityKey: units.identityKey }).from(units).where(eq(units.auditId, auditId)).orderBy(asc(units.position));
    expect(population.some((u) => u.unitKey.includes("\t") && u.unitKey.includes("\\"))).toBe(true);
    const expected = drawSample({ units: population, tier: 2, duplicateClusterCap: 12, highRiskSubgroups: ["LI", "MC", "LI\nx"], seed: SEED });
    expect(draw.members).toEqual(expected.members);
    expect(draw.clustersAvailable).toBe(expected.clustersAvailable);
    expect((await storedSample(auditId)).map((s) => s.unitKey)).toEqual(expected.members.map((m) => population[m.index].unitKey));
  });
});

describe("drawAuditSample: concurrent draws", () => {
  it("several draws of the same audit at once: exactly one succeeds, the others are refused with a conflict", async () => {
    const auditId = await readyAudit();
    const before = await counts();
    // No seed: each call draws its own random seed, so the stored sample shows which call won.
    const outcomes = await Promise.allSettled(Array.from({ length: 5 }, () => drawAuditSample(db, { auditId, actorId: operatorId })));
    const won = outcomes.filter((o): o is PromiseFulfilledResult<Awaited<ReturnType<typeof drawAuditSample>>> => o.status === "fulfilled");
    const refused = outcomes.filter((o): o is PromiseRejectedResult => o.status === "rejected");
    expect(won).toHaveLength(1);
    expect(refused).toHaveLength(4);
    for (const o of refused) {
      expect(o.reason).toBeInstanceOf(AppError);
      expect(o.reason).toMatchObject({ code: "conflict", message: expect.stringMatching(/already been drawn/) });
    }
    const draw = won[0].value;

    const { samples, events } = db.tables;
    const sampleRows = await db.select().from(samples).where(eq(samples.auditId, auditId));
    expect(sampleRows).toHaveLength(1);
    expect(sampleRows[0].seed).toBe(draw.seed);
    const drawnEvents = (await db.select().from(events).where(eq(events.auditId, auditId))).filter((e) => e.type === "sample.drawn");
    expect(drawnEvents).toHaveLength(1);
    expect(JSON.parse(drawnEvents[0].payload)).toMatchObject({ seed: draw.seed, sampled: draw.members.length });

    const stored = await storedSample(auditId);
    expect(stored).toHaveLength(draw.members.length);
    const reasonCount = draw.members.reduce((n, m) => n + m.reasons.length, 0);
    expect(await counts()).toEqual({
      ...before,
      samples: before.samples + 1,
      sample_units: before.sample_units + draw.members.length,
      sample_unit_reasons: before.sample_unit_reasons + reasonCount,
      events: before.events + 1,
    });
  });
});

describe("planned random-stratum size and decision settings (issue 9)", () => {
  it("draws the planned random size, stores it, and refuses one below the tier size with nothing written", async () => {
    const auditId = await readyAudit();
    const before = await rowCounts(db, "samples", "sample_units", "events");
    await expect(drawAuditSample(db, { auditId, actorId: operatorId, seed: SEED, randomSampleSize: 5 })).rejects.toMatchObject({ code: "invalid", message: expect.stringMatching(/tier size/) });
    expect(await rowCounts(db, "samples", "sample_units", "events")).toEqual(before);
    const draw = await drawAuditSample(db, { auditId, actorId: operatorId, seed: SEED, randomSampleSize: 99 });
    expect(draw.tierSize).toBeLessThan(99);
    expect(draw.randomSize).toBe(99);
    const [sample] = await db.select().from(db.tables.samples).where(eq(db.tables.samples.auditId, auditId));
    expect(sample).toMatchObject({ randomSize: 99, requestedRandomSize: 99 });
  });

  it("in a small population whose census leaves fewer units than the tier size, the minimum is what remains (as the planning view says)", async () => {
    const auditId = await newAudit({ riskTier: "1" });
    // 12 units, 3 of them FAILED (census): tier 1 asks for 12 random units, only 9 remain outside the census.
    const csv = "unit_key,execution_status\n" + Array.from({ length: 12 }, (_, i) => `s${i},${i < 3 ? "FAILED" : "SUCCEEDED"}`).join("\n") + "\n";
    await importCsv(db, { auditId, actorId: operatorId, csv });
    await recordStabilityResult(db, { auditId, actualResult: "2", actorId: operatorId });
    await expect(drawAuditSample(db, { auditId, actorId: operatorId, seed: SEED, randomSampleSize: 8 })).rejects.toMatchObject({ code: "invalid", message: expect.stringMatching(/9 units for tier 1/) });
    const draw = await drawAuditSample(db, { auditId, actorId: operatorId, seed: SEED, randomSampleSize: 9 });
    expect({ census: draw.censusSize, random: draw.randomSize }).toEqual({ census: 3, random: 9 });
  });

  it("confidence and decision basis can change until the draw, then are fixed", async () => {
    const auditId = await readyAudit();
    await updateDecisionSettings(db, { auditId, confidencePercent: 99, decisionBasis: "upper_bound", actorId: operatorId });
    const [audit] = await db.select().from(db.tables.audits).where(eq(db.tables.audits.id, auditId));
    expect(audit).toMatchObject({ confidencePercent: 99, decisionBasis: "upper_bound" });
    await drawAuditSample(db, { auditId, actorId: operatorId, seed: SEED });
    await expect(updateDecisionSettings(db, { auditId, confidencePercent: 90, decisionBasis: "point_estimate", actorId: operatorId })).rejects.toMatchObject({ code: "conflict" });
  });
});
