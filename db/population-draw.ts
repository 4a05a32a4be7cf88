/**
 * The heavy half of a sample draw (issue 10 "Big populations"): read the stored population, check
 * it against its import checksum, and draw (seed 000 "Sampling Policy", lib/sampling.ts). On SQLite
 * this runs in a worker thread (db/population-draw-thread.ts) with its own read-only connection,
 * so a 5,000,000-unit draw never holds the event loop; on PostgreSQL the reads are already
 * asynchronous and it runs in the calling thread. Only the draw (positions, strata, reasons and
 * figures) comes back; the caller writes it (db/mutations/sample.ts).
 */
import { AppError, type AppErrorCode } from "@/lib/server/errors";
import { drawSampleFromFacts, type RiskTier, type SampleDraw, tierSampleSize } from "@/lib/sampling";
import { type RowQuery, scanPopulation } from "./population-scan";
import type { Engine } from "./schema";

export type DrawRequest = {
  auditId: number;
  /** The import's `population_checksum`: the draw is refused when the stored units no longer give it. */
  expectedChecksum: string;
  highRiskSubgroups: readonly string[];
  tier: RiskTier;
  duplicateClusterCap: number;
  /** 32 hex characters. */
  seed: string;
  /** Random-stratum size asked for; omitted: the tier size. */
  randomSampleSize?: number;
};

/**
 * Scans the population (db/population-scan.ts) and draws from its facts: exactly `drawSample`'s
 * result on the same units and seed.
 * @throws AppError conflict (positions not 0…N−1, or checksum differs), invalid (random stratum below its minimum).
 */
export async function drawFromStoredPopulation(query: RowQuery, engine: Engine, request: DrawRequest): Promise<SampleDraw> {
  const { checksum, facts } = await scanPopulation(query, engine, request.auditId, request.highRiskSubgroups);
  if (checksum !== request.expectedChecksum) throw new AppError("conflict", "The stored population does not match its import checksum; re-import it.");
  // The random stratum only holds units outside the census (FAILED/UNKNOWN), so its minimum is the
  // tier size or all of those units when fewer remain (as the planning view says, lib/planning-view.ts).
  const minimum = Math.min(tierSampleSize(request.tier, facts.size), facts.size - facts.census.length);
  if (request.randomSampleSize !== undefined && request.randomSampleSize < minimum) {
    throw new AppError("invalid", `The random stratum cannot be smaller than the tier size (${minimum} units for tier ${request.tier} here).`);
  }
  return drawSampleFromFacts(facts, request);
}

/** What the worker posts back: the draw, or the error (an AppError keeps its code). */
export type WorkerReply = { draw: SampleDraw } | { error: { name: string; message: string; code?: AppErrorCode; stack?: string } };
