/**
 * Integration tests of the sample draw (db/mutations/sample.ts) against a real temporary SQLite
 * database: preconditions, reproducibility across audits, immutability after the draw.
 */
import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { drawSample } from "@/lib/sampling";
import { AppError } from "@/lib/server/errors";
import type { Db } from "../client";
import { events, samples, units } from "../schema";
import { createTestDb, FULL_MAPPING, importCsv, rowCounts, validAuditForm } from "../testing";
import { createAudit, recordStabilityResult } from "./audits";
import { drawAuditSample } from "./sample";

const SEED = "00112233445566778899aabbccddeeff";
const OTHER_SEED = "ffeeddccbbaa99887766554433221100";
const MAPPING = { ...FULL_MAPPING, highRiskSubgroups: ["LI", "MC"] };

let db: Db;
let operatorId: number;
let close: () => void;

const newAudit = (overrides: Record<string, unknown> = {}) => createAudit(db, validAuditForm({ duplicateClusterCap: "12", ...overrides }), operatorId).id;

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
  const auditId = newAudit();
  await importInto(auditId);
  expect(recordStabilityResult(db, auditId, " 2 ", operatorId)).toEqual({ passed: true });
  return auditId;
}

const storedSample = (auditId: number) =>
  (
    db.$client
      .prepare(
        `SELECT u.unit_key AS unitKey, su.position, su.stratum, su.reasons
         FROM sample_units su JOIN units u ON u.id = su.unit_id WHERE su.audit_id = ? ORDER BY su.position`,
      )
      .all(auditId) as { unitKey: string; position: number; stratum: string; reasons: string }[]
  ).map((r) => ({ ...r, reasons: JSON.parse(r.reasons) as string[] }));

const counts = () => rowCounts(db, "samples", "sample_units", "events", "units");

beforeAll(async () => {
  ({ db, operatorId, close } = await createTestDb("sample"));
});

afterAll(() => close());

describe("drawAuditSample: refusals write nothing", () => {
  it("refuses before the stability result is recorded", async () => {
    const auditId = newAudit();
    await importInto(auditId);
    const before = counts();
    expect(() => drawAuditSample(db, { auditId, actorId: operatorId, seed: SEED })).toThrow(/stability pre-flight has not been run/);
    expect(counts()).toEqual(before);
    // …and succeeds once it is recorded.
    recordStabilityResult(db, auditId, "2", operatorId);
    expect(drawAuditSample(db, { auditId, actorId: operatorId, seed: SEED }).members.length).toBeGreaterThan(0);
  });

  it("refuses while the recorded stability result differs from the expected one", async () => {
    const auditId = newAudit();
    await importInto(auditId);
    expect(recordStabilityResult(db, auditId, "3", operatorId)).toEqual({ passed: false });
    const before = counts();
    expect(() => drawAuditSample(db, { auditId, actorId: operatorId, seed: SEED })).toThrow(/different from the expected one/);
    expect(counts()).toEqual(before);
  });

  it("refuses for the eventual consistency model (import and stability are refused too)", async () => {
    const auditId = newAudit({ consistencyModel: "eventual" });
    const before = counts();
    const error = (() => {
      try {
        drawAuditSample(db, { auditId, actorId: operatorId, seed: SEED });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "conflict", message: expect.stringMatching(/Eventually consistent systems/) });
    expect(() => recordStabilityResult(db, auditId, "2", operatorId)).toThrow(AppError);
    await expect(importInto(auditId)).rejects.toMatchObject({ code: "conflict" });
    expect(counts()).toEqual(before);
  });

  it("refuses when no population has been imported", () => {
    const auditId = newAudit();
    recordStabilityResult(db, auditId, "2", operatorId);
    const before = counts();
    expect(() => drawAuditSample(db, { auditId, actorId: operatorId, seed: SEED })).toThrow(/No population has been imported/);
    expect(counts()).toEqual(before);
  });

  it("refuses a malformed seed", async () => {
    const auditId = await readyAudit();
    const before = counts();
    for (const seed of ["", "abc", SEED.toUpperCase(), `${SEED}00`]) {
      expect(() => drawAuditSample(db, { auditId, actorId: operatorId, seed })).toThrow(RangeError);
    }
    expect(counts()).toEqual(before);
  });

  it("refuses an unknown audit", () => {
    expect(() => drawAuditSample(db, { auditId: 987_654, actorId: operatorId, seed: SEED })).toThrow(expect.objectContaining({ code: "not_found" }));
  });
});

describe("drawAuditSample: reproducible and stored", () => {
  it("gives identical stored samples for the same population and seed on two audits", async () => {
    const a = await readyAudit();
    const b = await readyAudit();
    const drawA = drawAuditSample(db, { auditId: a, actorId: operatorId, seed: SEED });
    const drawB = drawAuditSample(db, { auditId: b, actorId: operatorId, seed: SEED });
    expect(drawA.seed).toBe(SEED);
    expect(drawB).toEqual(drawA);

    const sampleA = storedSample(a);
    expect(sampleA.length).toBe(drawA.members.length);
    expect(storedSample(b)).toEqual(sampleA);
    expect(sampleA.map((s) => s.position)).toEqual(sampleA.map((_, i) => i));
  });

  it("stores exactly what lib/sampling drawSample gives for the stored population", async () => {
    const auditId = await readyAudit();
    const draw = drawAuditSample(db, { auditId, actorId: operatorId, seed: SEED });
    const population = db.select().from(units).where(eq(units.auditId, auditId)).orderBy(asc(units.position)).all();
    const expected = drawSample({ units: population, tier: 2, duplicateClusterCap: 12, highRiskSubgroups: ["LI", "MC"], seed: SEED });
    expect(draw.members).toEqual(expected.members);
    expect(storedSample(auditId)).toEqual(
      expected.members.map((m, position) => ({ unitKey: population[m.index].unitKey, position, stratum: m.stratum, reasons: m.reasons })),
    );

    // Spot checks of the policy on the stored rows.
    const stored = storedSample(auditId);
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
    const auditId = newAudit();
    const imported = await importInto(auditId);
    recordStabilityResult(db, auditId, "2", operatorId);
    const draw = drawAuditSample(db, { auditId, actorId: operatorId, seed: SEED });
    const row = db.select().from(samples).where(eq(samples.auditId, auditId)).get()!;
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
    const last = db.select().from(events).where(eq(events.auditId, auditId)).orderBy(asc(events.id)).all().at(-1)!;
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
    const drawA = drawAuditSample(db, { auditId: a, actorId: operatorId });
    expect(drawA.seed).toMatch(/^[0-9a-f]{32}$/);
    expect(db.select().from(samples).where(eq(samples.auditId, a)).get()!.seed).toBe(drawA.seed);
    const drawB = drawAuditSample(db, { auditId: b, actorId: operatorId, seed: drawA.seed === OTHER_SEED ? SEED : OTHER_SEED });
    const randomKeys = (auditId: number) => storedSample(auditId).filter((s) => s.stratum === "random").map((s) => s.unitKey);
    expect(randomKeys(b)).not.toEqual(randomKeys(a));
    expect(drawB.censusSize).toBe(drawA.censusSize);
  });

  it("refuses a second draw and leaves the first one as it was", async () => {
    const auditId = await readyAudit();
    drawAuditSample(db, { auditId, actorId: operatorId, seed: SEED });
    const first = storedSample(auditId);
    const before = counts();
    expect(() => drawAuditSample(db, { auditId, actorId: operatorId, seed: OTHER_SEED })).toThrow(/already been drawn/);
    expect(counts()).toEqual(before);
    expect(storedSample(auditId)).toEqual(first);
    expect(db.select().from(samples).where(eq(samples.auditId, auditId)).get()!.seed).toBe(SEED);
  });

  it("makes the population immutable: a re-import after the draw is refused", async () => {
    const auditId = await readyAudit();
    drawAuditSample(db, { auditId, actorId: operatorId, seed: SEED });
    const before = counts();
    const unitsBefore = db.select().from(units).where(eq(units.auditId, auditId)).all();
    await expect(importInto(auditId, "unit_key,execution_status,subgroup,identity_key\nx,SUCCEEDED,LI,\ny,SUCCEEDED,MC,\n")).rejects.toThrow(/population is immutable/);
    expect(counts()).toEqual(before);
    expect(db.select().from(units).where(eq(units.auditId, auditId)).all()).toEqual(unitsBefore);
  });

  it("refuses when the stored units no longer match the import checksum", async () => {
    const auditId = await readyAudit();
    db.$client.prepare("UPDATE units SET execution_status = 'FAILED' WHERE audit_id = ? AND position = 0").run(auditId);
    const before = counts();
    expect(() => drawAuditSample(db, { auditId, actorId: operatorId, seed: SEED })).toThrow(/does not match its import checksum/);
    expect(counts()).toEqual(before);
  });
});
