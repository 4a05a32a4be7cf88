import "server-only";
import { eq } from "drizzle-orm";
import { type Assessment, assessAudit } from "@/lib/assessment";
import { type SampleSummary, summarizeSample } from "@/lib/estimation";
import { getDb } from "../client";
import { type Audit, type PopulationImport, populationImports, type Sample, sampleUnits, samples } from "../schema";

export type AuditReport = {
  audit: Audit;
  populationImport: PopulationImport | null;
  sample: Sample | null;
  summary: SampleSummary | null;
  assessment: Assessment;
};

/**
 * Everything the verdict report shows, recomputed from stored reviews (DESIGN.md: the verdict is
 * recomputed on every view; nothing cached).
 */
export function getAuditReport({ audit }: { audit: Audit }): AuditReport {
  const db = getDb();
  const populationImport = db.select().from(populationImports).where(eq(populationImports.auditId, audit.id)).get() ?? null;
  const sample = db.select().from(samples).where(eq(samples.auditId, audit.id)).get() ?? null;
  let summary: SampleSummary | null = null;
  if (sample) {
    const members = db
      .select({ stratum: sampleUnits.stratum, finding: sampleUnits.finding, criticalKind: sampleUnits.criticalKind, remediationOwner: sampleUnits.remediationOwner })
      .from(sampleUnits)
      .where(eq(sampleUnits.auditId, audit.id))
      .all();
    summary = summarizeSample(
      sample.populationSize,
      members.map((m) => ({ stratum: m.stratum, finding: m.finding, critical: m.finding === "FAIL" && m.criticalKind !== null, remediationOwner: m.remediationOwner })),
    );
  }
  const assessment = assessAudit(
    {
      consistencyModel: audit.consistencyModel,
      stabilityExpected: audit.sotExpectedResult,
      stabilityActual: audit.stabilityActualResult,
      hasPopulation: populationImport !== null,
      hasSample: sample !== null,
    },
    summary,
  );
  return { audit, populationImport, sample, summary, assessment };
}
