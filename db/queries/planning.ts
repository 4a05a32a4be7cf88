import "server-only";
import { and, count, eq, gt, isNotNull } from "drizzle-orm";
import { decisionSettingsOf } from "@/lib/decision-basis";
import { type PlanningView, planningView } from "@/lib/planning-view";
import type { RiskTier } from "@/lib/sampling";
import type { Reader } from "../handle";
import type { Audit } from "../schema";

/** How many identity keys of the audit's population are shared by two or more units (identity-collision clusters). */
export async function countIdentityClusters(db: Reader, { auditId }: { auditId: number }): Promise<number> {
  const { units } = db.tables;
  const clusters = db
    .select({ key: units.identityKey })
    .from(units)
    .where(and(eq(units.auditId, auditId), isNotNull(units.identityKey)))
    .groupBy(units.identityKey)
    .having(gt(count(), 1))
    .as("clusters");
  const [row] = await db.select({ total: count() }).from(clusters);
  return row?.total ?? 0;
}

/**
 * The planning view of an audit with an imported population (lib/planning-view.ts), or null
 * before the import. Identity clusters come from the sample once drawn, else from the population.
 */
export async function getPlanningView(
  db: Reader,
  { audit, populationImport, sample }: { audit: Audit; populationImport: { rowCount: number; failedCount: number; unknownCount: number } | null; sample: { clustersAvailable: number } | null },
): Promise<PlanningView | null> {
  if (!populationImport) return null;
  return planningView({
    populationSize: populationImport.rowCount,
    censusSize: populationImport.failedCount + populationImport.unknownCount,
    identityClusters: sample ? sample.clustersAvailable : await countIdentityClusters(db, { auditId: audit.id }),
    riskTier: audit.riskTier as RiskTier,
    triggerReasons: audit.triggerReasons,
    bulkMutationThreshold: audit.bulkMutationThreshold,
    confidence: decisionSettingsOf(audit).confidence,
  });
}
