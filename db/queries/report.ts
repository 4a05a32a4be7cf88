import "server-only";
import { eq } from "drizzle-orm";
import { isOpenDisagreement } from "@/lib/adjudication";
import { type Assessment, assessAudit } from "@/lib/assessment";
import { decisionSettingsOf } from "@/lib/decision-basis";
import { type SampleSummary, summarizeSample } from "@/lib/estimation";
import { effectiveGateState } from "@/lib/signoff/closeout";
import type { GateState } from "@/lib/verdict";
import { type Reader, readAll } from "../handle";
import type { Audit, PopulationImport, Sample } from "../schema";

export type AuditReport = {
  audit: Audit;
  populationImport: PopulationImport | null;
  sample: Sample | null;
  summary: SampleSummary | null;
  assessment: Assessment;
  /** The gate in force: the verdict's gate, or EXCEPTION while a break-glass exception is granted. */
  gateState: GateState;
  /** Sampled units a reviewer marked as a confirmed false positive (not in the rates; shown beside them). */
  confirmedFalsePositives: number;
  /** Sampled units whose first and blind second findings differ, not adjudicated yet (issue 11): unreviewed in `summary`. */
  openDisagreements: number;
};

/**
 * Everything the verdict report shows, recomputed from stored reviews (DESIGN.md: the verdict is
 * recomputed on every view; nothing cached), with the gate in force (EXCEPTION while a
 * break-glass exception is granted). A unit in an open double-review disagreement counts as not
 * reviewed (only the adjudicated finding enters the verdict; issue 11).
 */
export async function getAuditReport(db: Reader, { audit }: { audit: Audit }): Promise<AuditReport> {
  const { populationImports, samples, sampleUnits, breakGlassRequests } = db.tables;
  const [[populationImport], [sample], [breakGlass]] = await readAll(db, [
    () => db.select().from(populationImports).where(eq(populationImports.auditId, audit.id)),
    () => db.select().from(samples).where(eq(samples.auditId, audit.id)),
    () => db.select({ grantedAt: breakGlassRequests.grantedAt }).from(breakGlassRequests).where(eq(breakGlassRequests.auditId, audit.id)),
  ]);
  let summary: SampleSummary | null = null;
  let confirmedFalsePositives = 0;
  let openDisagreements = 0;
  if (sample) {
    const members = await db
      .select({
        stratum: sampleUnits.stratum,
        finding: sampleUnits.finding,
        criticalKind: sampleUnits.criticalKind,
        remediationOwner: sampleUnits.remediationOwner,
        falsePositive: sampleUnits.falsePositive,
        secondFinding: sampleUnits.secondFinding,
        adjudicatedAt: sampleUnits.adjudicatedAt,
      })
      .from(sampleUnits)
      .where(eq(sampleUnits.auditId, audit.id));
    confirmedFalsePositives = members.filter((m) => m.falsePositive).length;
    openDisagreements = members.filter(isOpenDisagreement).length;
    const settled = members.map((m) => (isOpenDisagreement(m) ? { ...m, finding: null } : m));
    summary = summarizeSample(
      sample.populationSize,
      settled.map((m) => ({ stratum: m.stratum, finding: m.finding, critical: m.finding === "FAIL" && m.criticalKind !== null, remediationOwner: m.remediationOwner })),
    );
  }
  const assessment = assessAudit(
    {
      consistencyModel: audit.consistencyModel,
      stabilityExpected: audit.sotExpectedResult,
      stabilityActual: audit.stabilityActualResult,
      hasPopulation: populationImport !== undefined,
      hasSample: sample !== undefined,
    },
    summary,
    decisionSettingsOf(audit),
    openDisagreements,
  );
  const gateState = effectiveGateState(assessment.gateState, Boolean(breakGlass?.grantedAt));
  return { audit, populationImport: populationImport ?? null, sample: sample ?? null, summary, assessment, gateState, confirmedFalsePositives, openDisagreements };
}
