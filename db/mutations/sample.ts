import { asc, eq } from "drizzle-orm";
import { randomBytes } from "node:crypto";
import { auditBlockers } from "@/lib/assessment";
import { populationChecksum } from "@/lib/checksum";
import type { PopulationUnit } from "@/lib/population";
import { drawSample, type RiskTier, type SampleDraw } from "@/lib/sampling";
import { AppError } from "@/lib/server/errors";
import type { Db } from "../client";
import { appendEvent } from "../events";
import { audits, populationImports, samples, units } from "../schema";

/**
 * Draws and stores an audit's sample (seed 000 "Sampling Policy"; lib/sampling.ts `drawSample`)
 * in one transaction with its `sample.drawn` event. Refuses while a blocker other than the
 * missing sample holds (consistency model, stability pre-flight, no population), and when a
 * sample exists. The seed (128-bit, random unless given) and the population checksum are stored,
 * so the draw can be repeated exactly.
 * @throws AppError not_found / conflict.
 */
export function drawAuditSample(db: Db, args: { auditId: number; actorId: number; seed?: string }): SampleDraw & { seed: string } {
  const audit = db.select().from(audits).where(eq(audits.id, args.auditId)).get();
  if (!audit) throw new AppError("not_found", "Audit not found.");
  const imported = db.select().from(populationImports).where(eq(populationImports.auditId, audit.id)).get();
  const blockers = auditBlockers({
    consistencyModel: audit.consistencyModel,
    stabilityExpected: audit.sotExpectedResult,
    stabilityActual: audit.stabilityActualResult,
    hasPopulation: Boolean(imported),
    hasSample: true,
  });
  if (blockers.length > 0) throw new AppError("conflict", `The sample cannot be drawn yet: ${blockers.map((b) => b.message).join(" ")}`);
  if (db.select({ id: samples.auditId }).from(samples).where(eq(samples.auditId, audit.id)).get()) {
    throw new AppError("conflict", "A sample has already been drawn for this audit.");
  }

  const rows = db
    .select({ id: units.id, unitKey: units.unitKey, executionStatus: units.executionStatus, subgroup: units.subgroup, identityKey: units.identityKey })
    .from(units)
    .where(eq(units.auditId, audit.id))
    .orderBy(asc(units.position))
    .all();
  const population: PopulationUnit[] = rows;
  const checksum = populationChecksum(population);
  if (checksum !== imported!.populationChecksum) throw new AppError("conflict", "The stored population does not match its import checksum; re-import it.");

  const seed = args.seed ?? randomBytes(16).toString("hex");
  const draw = drawSample({
    units: population,
    tier: audit.riskTier as RiskTier,
    duplicateClusterCap: audit.duplicateClusterCap,
    highRiskSubgroups: imported!.highRiskSubgroups,
    seed,
  });

  db.transaction((tx) => {
    tx.insert(samples)
      .values({
        auditId: audit.id,
        seed,
        populationChecksum: checksum,
        riskTier: audit.riskTier,
        tierSize: draw.tierSize,
        populationSize: draw.populationSize,
        censusSize: draw.censusSize,
        randomSize: draw.randomSize,
        clustersIncluded: draw.clustersIncluded,
        clusterUnits: draw.clusterUnits,
        clustersAvailable: draw.clustersAvailable,
        warnings: draw.warnings,
        drawnBy: args.actorId,
      })
      .run();
    const insert = db.$client.prepare("INSERT INTO sample_units (audit_id, unit_id, position, stratum, reasons) VALUES (?, ?, ?, ?, ?)");
    draw.members.forEach((m, position) => insert.run(audit.id, rows[m.index].id, position, m.stratum, JSON.stringify(m.reasons)));
    appendEvent(tx, {
      auditId: audit.id,
      actorId: args.actorId,
      type: "sample.drawn",
      payload: { seed, populationChecksum: checksum, sampled: draw.members.length, censusSize: draw.censusSize, randomSize: draw.randomSize },
    });
  });
  return { ...draw, seed };
}
