import "server-only";
import { asc, eq } from "drizzle-orm";
import { randomBytes } from "node:crypto";
import { auditBlockers } from "@/lib/assessment";
import { populationChecksum } from "@/lib/checksum";
import type { PopulationUnit } from "@/lib/population";
import { drawSample, type RiskTier, type SampleDraw, tierSampleSize } from "@/lib/sampling";
import { AppError } from "@/lib/server/errors";
import { isUniqueViolation } from "../errors";
import { appendEvent } from "../events";
import type { Db } from "../handle";
import { lockAudit } from "./lock";

/** Sampled units (and their reasons) per multi-row INSERT. */
const INSERT_BATCH = 1_000;

/**
 * Draws and stores an audit's sample (seed 000 "Sampling Policy"; lib/sampling.ts `drawSample`)
 * in one transaction with its `sample.drawn` event. Everything the draw depends on (the audit,
 * its blockers, the population and its checksum) is read inside that transaction under the
 * audit's lock, so a concurrent import or draw cannot slip in between; `samples.audit_id` being
 * the primary key makes a second sample impossible. Refuses while a blocker other than the missing
 * sample holds (consistency model, stability pre-flight, no population), and when a sample exists.
 * The seed (128-bit, random unless given) and the population checksum are stored, so the draw
 * can be repeated exactly.
 * @param seed 32 hex characters; random when omitted.
 * @param randomSampleSize random-stratum size asked for (e.g. the planned size), ≥ the tier size; omitted: the tier size.
 * @throws AppError not_found / conflict / invalid (random stratum below the tier size).
 */
export async function drawAuditSample(db: Db, args: { auditId: number; actorId: number; seed?: string; randomSampleSize?: number }): Promise<SampleDraw & { seed: string }> {
  const seed = args.seed ?? randomBytes(16).toString("hex");
  try {
    return await db.transaction(async (tx) => {
      const { populationImports, samples, sampleUnits, sampleUnitReasons, units } = tx.tables;
      const audit = await lockAudit(tx, args.auditId);
      const [imported] = await tx.select().from(populationImports).where(eq(populationImports.auditId, audit.id));
      const blockers = auditBlockers({
        consistencyModel: audit.consistencyModel,
        stabilityExpected: audit.sotExpectedResult,
        stabilityActual: audit.stabilityActualResult,
        hasPopulation: Boolean(imported),
        hasSample: true,
      });
      if (blockers.length > 0) throw new AppError("conflict", `The sample cannot be drawn yet: ${blockers.map((b) => b.message).join(" ")}`);
      const [existing] = await tx.select({ id: samples.auditId }).from(samples).where(eq(samples.auditId, audit.id));
      if (existing) throw new AppError("conflict", "A sample has already been drawn for this audit.");

      const rows = await tx
        .select({ id: units.id, unitKey: units.unitKey, executionStatus: units.executionStatus, subgroup: units.subgroup, identityKey: units.identityKey })
        .from(units)
        .where(eq(units.auditId, audit.id))
        .orderBy(asc(units.position));
      const population: PopulationUnit[] = rows;
      const checksum = populationChecksum(population);
      if (checksum !== imported.populationChecksum) throw new AppError("conflict", "The stored population does not match its import checksum; re-import it.");

      const tierSize = tierSampleSize(audit.riskTier as RiskTier, population.length);
      if (args.randomSampleSize !== undefined && args.randomSampleSize < tierSize) {
        throw new AppError("invalid", `The random stratum cannot be smaller than the tier size (${tierSize} units for tier ${audit.riskTier}).`);
      }
      const draw = drawSample({
        units: population,
        tier: audit.riskTier as RiskTier,
        duplicateClusterCap: audit.duplicateClusterCap,
        highRiskSubgroups: imported.highRiskSubgroups,
        seed,
        randomSampleSize: args.randomSampleSize,
      });

      await tx.insert(samples).values({
        auditId: audit.id,
        seed,
        populationChecksum: checksum,
        riskTier: audit.riskTier,
        tierSize: draw.tierSize,
        requestedRandomSize: args.randomSampleSize ?? null,
        populationSize: draw.populationSize,
        censusSize: draw.censusSize,
        randomSize: draw.randomSize,
        clustersIncluded: draw.clustersIncluded,
        clusterUnits: draw.clusterUnits,
        clustersAvailable: draw.clustersAvailable,
        warnings: draw.warnings,
        drawnBy: args.actorId,
      });
      for (let start = 0; start < draw.members.length; start += INSERT_BATCH) {
        const batch = draw.members.slice(start, start + INSERT_BATCH);
        const inserted = await tx
          .insert(sampleUnits)
          .values(batch.map((m, i) => ({ auditId: audit.id, unitId: rows[m.index].id, position: start + i, stratum: m.stratum })))
          .returning({ id: sampleUnits.id, position: sampleUnits.position });
        const idAt = new Map(inserted.map((r) => [r.position, r.id]));
        await tx.insert(sampleUnitReasons).values(batch.flatMap((m, i) => m.reasons.map((reason) => ({ sampleUnitId: idAt.get(start + i)!, reason }))));
      }
      await appendEvent(tx, {
        auditId: audit.id,
        actorId: args.actorId,
        type: "sample.drawn",
        payload: { seed, populationChecksum: checksum, sampled: draw.members.length, censusSize: draw.censusSize, randomSize: draw.randomSize },
      });
      return { ...draw, seed };
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError("conflict", "A sample has already been drawn for this audit.");
    throw e;
  }
}
