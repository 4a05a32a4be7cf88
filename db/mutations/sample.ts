import "server-only";
import { and, asc, eq, gte, inArray, lt } from "drizzle-orm";
import { randomBytes } from "node:crypto";
import { auditBlockers } from "@/lib/assessment";
import { PopulationChecksum } from "@/lib/checksum";
import { PopulationFactsBuilder } from "@/lib/population-facts";
import { drawSampleFromFacts, type PopulationFacts, type RiskTier, type SampleDraw, tierSampleSize } from "@/lib/sampling";
import { AppError } from "@/lib/server/errors";
import { isUniqueViolation } from "../errors";
import { appendEvent } from "../events";
import type { Db, Tx } from "../handle";
import { lockAudit } from "./lock";

/** Sampled units (and their reasons) per multi-row INSERT. */
const INSERT_BATCH = 1_000;
/** Units read per query while streaming the population (a position range, on the (audit_id, position) index). */
const READ_BATCH = 5_000;
/** Positions per IN (…) lookup. */
const LOOKUP_BATCH = 1_000;

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

/**
 * Streams an audit's population in position order (READ_BATCH units a query, yielding to the event
 * loop between queries) into its checksum and the facts the draw needs (lib/population-facts.ts),
 * so memory and event-loop pauses do not grow with N.
 * @throws AppError conflict when the positions are not 0…N−1.
 */
async function streamPopulation(tx: Tx, auditId: number, highRiskSubgroups: readonly string[]): Promise<{ checksum: string; facts: PopulationFacts }> {
  const { units } = tx.tables;
  const checksum = new PopulationChecksum();
  const builder = new PopulationFactsBuilder(highRiskSubgroups);
  for (let start = 0; ; start += READ_BATCH) {
    // Raw rows (no per-row mapping by drizzle): position, unit_key, execution_status, subgroup, identity_key.
    const rows = (await tx.rawRows(
      tx
        .select({ position: units.position, unitKey: units.unitKey, executionStatus: units.executionStatus, subgroup: units.subgroup, identityKey: units.identityKey })
        .from(units)
        .where(and(eq(units.auditId, auditId), gte(units.position, start), lt(units.position, start + READ_BATCH)))
        .orderBy(asc(units.position)),
    )) as [number, string, string, string | null, string | null][];
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i];
      if (row[0] !== start + i) throw new AppError("conflict", "The stored population does not match its import checksum; re-import it.");
      checksum.addFields(row[1], row[2], row[3], row[4]);
      builder.addFields(row[2], row[3], row[4]);
    }
    await nextTurn();
    if (rows.length < READ_BATCH) break;
  }
  const facts = await builder.finish(async (positions) => {
    const keys = new Map<number, string | null>();
    for (let i = 0; i < positions.length; i += LOOKUP_BATCH) {
      const rows = await tx
        .select({ position: units.position, identityKey: units.identityKey })
        .from(units)
        .where(and(eq(units.auditId, auditId), inArray(units.position, positions.slice(i, i + LOOKUP_BATCH))));
      for (const r of rows) keys.set(r.position, r.identityKey);
    }
    return positions.map((p) => keys.get(p) ?? null);
  });
  return { checksum: checksum.digest(), facts };
}

/** Unit ids by position for the given positions. */
async function unitIdsAt(tx: Tx, auditId: number, positions: readonly number[]): Promise<Map<number, number>> {
  const { units } = tx.tables;
  const ids = new Map<number, number>();
  for (let i = 0; i < positions.length; i += LOOKUP_BATCH) {
    const rows = await tx
      .select({ id: units.id, position: units.position })
      .from(units)
      .where(and(eq(units.auditId, auditId), inArray(units.position, positions.slice(i, i + LOOKUP_BATCH))));
    for (const r of rows) ids.set(r.position, r.id);
  }
  return ids;
}

/**
 * Draws and stores an audit's sample (seed 000 "Sampling Policy"; lib/sampling.ts `drawSample`)
 * in one transaction with its `sample.drawn` event. Everything the draw depends on (the audit,
 * its blockers, the population and its checksum) is read inside that transaction under the
 * audit's lock, so a concurrent import or draw cannot slip in between; `samples.audit_id` being
 * the primary key makes a second sample impossible. Refuses while a blocker other than the missing
 * sample holds (consistency model, stability pre-flight, no population), and when a sample exists.
 * The seed (128-bit, random unless given) and the population checksum are stored, so the draw
 * can be repeated exactly. Big populations (issue 10): the units are streamed in position ranges
 * (checksum and draw facts built as they come, lib/population-facts.ts; the event loop is yielded
 * between ranges) and drawn with `drawSampleFromFacts`, which gives exactly `drawSample`'s result,
 * so memory and pauses do not grow with N.
 * @param seed 32 hex characters; random when omitted.
 * @param randomSampleSize random-stratum size asked for (e.g. the planned size), ≥ the tier size; omitted: the tier size.
 * @throws AppError not_found / conflict / invalid (random stratum below the tier size).
 */
export async function drawAuditSample(db: Db, args: { auditId: number; actorId: number; seed?: string; randomSampleSize?: number }): Promise<SampleDraw & { seed: string }> {
  const seed = args.seed ?? randomBytes(16).toString("hex");
  try {
    return await db.transaction(async (tx) => {
      const { populationImports, samples, sampleUnits, sampleUnitReasons } = tx.tables;
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

      const { checksum, facts } = await streamPopulation(tx, audit.id, imported.highRiskSubgroups);
      if (checksum !== imported.populationChecksum) throw new AppError("conflict", "The stored population does not match its import checksum; re-import it.");

      // The random stratum only holds units outside the census (FAILED/UNKNOWN), so its minimum is the
      // tier size or all of those units when fewer remain (as the planning view says, lib/planning-view.ts).
      const minimum = Math.min(tierSampleSize(audit.riskTier as RiskTier, facts.size), facts.size - facts.census.length);
      if (args.randomSampleSize !== undefined && args.randomSampleSize < minimum) {
        throw new AppError("invalid", `The random stratum cannot be smaller than the tier size (${minimum} units for tier ${audit.riskTier} here).`);
      }
      const draw = drawSampleFromFacts(facts, {
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
      const unitIds = await unitIdsAt(tx, audit.id, draw.members.map((m) => m.index));
      for (let start = 0; start < draw.members.length; start += INSERT_BATCH) {
        const batch = draw.members.slice(start, start + INSERT_BATCH);
        const inserted = await tx
          .insert(sampleUnits)
          .values(batch.map((m, i) => ({ auditId: audit.id, unitId: unitIds.get(m.index)!, position: start + i, stratum: m.stratum })))
          .returning({ id: sampleUnits.id, position: sampleUnits.position });
        const idAt = new Map(inserted.map((r) => [r.position, r.id]));
        await tx.insert(sampleUnitReasons).values(batch.flatMap((m, i) => m.reasons.map((reason) => ({ sampleUnitId: idAt.get(start + i)!, reason }))));
        await nextTurn(); // a census of many thousand units must not hold the event loop
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
