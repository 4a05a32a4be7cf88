import "server-only";
import { eq } from "drizzle-orm";
import { randomBytes } from "node:crypto";
import { auditBlockers } from "@/lib/assessment";
import type { RiskTier, SampleDraw } from "@/lib/sampling";
import { AppError } from "@/lib/server/errors";
import { isUniqueViolation } from "../errors";
import { appendEvent } from "../events";
import type { Db } from "../handle";
import { drawFromStoredPopulation, type DrawRequest } from "../population-draw";
import { drawInWorker } from "../population-draw-thread";
import { lockAudit } from "./lock";
import { insertSampleMembers } from "./sample-members";

/**
 * Draws and stores an audit's sample (seed 000 "Sampling Policy"; lib/sampling.ts `drawSample`)
 * in one transaction with its `sample.drawn` event. Everything the draw depends on (the audit,
 * its blockers, the population and its checksum) is read inside that transaction under the
 * audit's lock, so a concurrent import or draw cannot slip in between; `samples.audit_id` being
 * the primary key makes a second sample impossible. Refuses while a blocker other than the missing
 * sample holds (consistency model, stability pre-flight, no population), and when a sample exists.
 * The seed (128-bit, random unless given) and the population checksum are stored, so the draw
 * can be repeated exactly. Big populations (issue 10): the population is read in ranges joined by
 * the database and checked and drawn from compact facts (db/population-draw.ts; exactly
 * `drawSample`'s result), on SQLite in a worker thread with its own read-only connection, helped
 * by one more reading thread per core (db/population-draw-thread.ts), so the event loop stays free
 * and the memory per unit is 4 bytes (its identity hash), not the unit.
 * @param seed 32 hex characters; random when omitted.
 * @param randomSampleSize random-stratum size asked for (e.g. the planned size), ≥ the tier size; omitted: the tier size.
 * @throws AppError not_found / conflict / invalid (random stratum below the tier size).
 */
export async function drawAuditSample(db: Db, args: { auditId: number; actorId: number; seed?: string; randomSampleSize?: number }): Promise<SampleDraw & { seed: string }> {
  const seed = args.seed ?? randomBytes(16).toString("hex");
  try {
    return await db.transaction(async (tx) => {
      const { populationImports, samples } = tx.tables;
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

      const request: DrawRequest = {
        auditId: audit.id,
        expectedChecksum: imported.populationChecksum,
        highRiskSubgroups: imported.highRiskSubgroups,
        tier: audit.riskTier as RiskTier,
        duplicateClusterCap: audit.duplicateClusterCap,
        seed,
        randomSampleSize: args.randomSampleSize,
      };
      // Nothing is written before this point, and the transaction holds the write lock: the
      // worker's own connection reads exactly the population this transaction sees.
      const draw = tx.sqliteFile
        ? await drawInWorker(tx.sqliteFile, request)
        : await drawFromStoredPopulation((sql, params) => tx.rawRows({ toSQL: () => ({ sql, params }) }), tx.engine, request);
      const checksum = imported.populationChecksum;

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
      await insertSampleMembers(tx, audit.id, draw.members);
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
