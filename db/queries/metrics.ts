import "server-only";
import { count, eq, min } from "drizzle-orm";
import type { MetricsUnit } from "@/lib/metrics";
import type { InclusionReason } from "@/lib/sampling";
import type { Reader } from "../handle";

/**
 * The audit's sampled units as the metrics page needs them (lib/metrics.ts): subgroup, current
 * finding, critical kind, false positive, and when each was first reviewed; plus sampled units by
 * inclusion reason.
 */
export async function getMetricsData(db: Reader, { auditId }: { auditId: number }): Promise<{ units: MetricsUnit[]; reasons: { reason: InclusionReason; units: number }[] }> {
  const { sampleUnits, units, reviewHistory, sampleUnitReasons } = db.tables;
  const [rows, firsts, reasons] = await Promise.all([
    db
      .select({ id: sampleUnits.id, subgroup: units.subgroup, finding: sampleUnits.finding, criticalKind: sampleUnits.criticalKind, falsePositive: sampleUnits.falsePositive })
      .from(sampleUnits)
      .innerJoin(units, eq(units.id, sampleUnits.unitId))
      .where(eq(sampleUnits.auditId, auditId)),
    db
      .select({ id: reviewHistory.sampleUnitId, first: min(reviewHistory.createdAt) })
      .from(reviewHistory)
      .innerJoin(sampleUnits, eq(sampleUnits.id, reviewHistory.sampleUnitId))
      .where(eq(sampleUnits.auditId, auditId))
      .groupBy(reviewHistory.sampleUnitId),
    db
      .select({ reason: sampleUnitReasons.reason, units: count() })
      .from(sampleUnitReasons)
      .innerJoin(sampleUnits, eq(sampleUnits.id, sampleUnitReasons.sampleUnitId))
      .where(eq(sampleUnits.auditId, auditId))
      .groupBy(sampleUnitReasons.reason),
  ]);
  const first = new Map(firsts.map((f) => [f.id, f.first]));
  return {
    units: rows.map((r) => {
      const at = first.get(r.id);
      return { subgroup: r.subgroup, finding: r.finding, criticalKind: r.criticalKind, falsePositive: r.falsePositive, firstReviewedAt: at ? new Date(at) : null };
    }),
    reasons: reasons.map((r) => ({ reason: r.reason as InclusionReason, units: r.units })),
  };
}
