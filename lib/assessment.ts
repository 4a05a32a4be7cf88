import { estimatedDefectRate, estimatedUnknownRate, type SampleSummary } from "./estimation";
import { decideVerdict, type Reason, type VerdictResult } from "./verdict";

export type ConsistencyModel = "strong" | "bounded_staleness" | "eventual";

export type AuditPreconditions = {
  consistencyModel: ConsistencyModel;
  stabilityExpected: string;
  /** null until the operator records the stability test's actual result. */
  stabilityActual: string | null;
  hasPopulation: boolean;
  hasSample: boolean;
};

/**
 * True when the recorded identity stability test result equals the expected result
 * (seed 000 "Entity Identity Stability Check"): compared after trimming surrounding white space.
 */
export function stabilityPasses(expected: string, actual: string | null): boolean {
  return actual !== null && actual.trim() === expected.trim();
}

/**
 * Reasons that block an audit before any verdict can be defended (fail closed, seed 000
 * "Applicability & Limitations"): an eventual-consistency model, a missing or failing identity
 * stability pre-flight, no population, no sample. Empty when nothing blocks.
 */
export function auditBlockers(p: AuditPreconditions): Reason[] {
  const blockers: Reason[] = [];
  if (p.consistencyModel === "eventual") {
    blockers.push({
      code: "CONSISTENCY_MODEL_VIOLATION",
      message: "Eventually consistent systems without a consistency bound cannot be audited: true state may diverge across replicas during the audit window. Use a profile that accounts for replication windows.",
    });
    return blockers;
  }
  if (p.stabilityActual === null) {
    blockers.push({ code: "STABILITY_NOT_CHECKED", message: "The identity stability pre-flight has not been run: record the stability test's actual result." });
  } else if (!stabilityPasses(p.stabilityExpected, p.stabilityActual)) {
    blockers.push({ code: "STABILITY_FAILED", message: "The identity stability test returned a result different from the expected one: the audit is halted until a passing result is recorded." });
  }
  if (!p.hasPopulation) blockers.push({ code: "NO_POPULATION", message: "No population has been imported." });
  else if (!p.hasSample) blockers.push({ code: "NO_SAMPLE", message: "No sample has been drawn." });
  return blockers;
}

export type Assessment = VerdictResult & {
  defectRate: number | null;
  unknownRate: number | null;
  blocked: boolean;
};

/**
 * The verdict shown for an audit: blockers first (INCONCLUSIVE, gate BLOCKED), otherwise
 * `decideVerdict` on the stratified estimates of the sample summary, with a review-progress
 * reason while units remain unreviewed. Recomputed from stored reviews on every view.
 */
export function assessAudit(preconditions: AuditPreconditions, summary: SampleSummary | null): Assessment {
  const blockers = auditBlockers(preconditions);
  const defectRate = summary ? estimatedDefectRate(summary) : null;
  const unknownRate = summary ? estimatedUnknownRate(summary) : null;
  if (blockers.length > 0 || !summary) {
    const reasons = blockers.length > 0 ? blockers : [{ code: "NO_SAMPLE", message: "No sample has been drawn." }];
    return { verdict: "INCONCLUSIVE", gateState: "BLOCKED", reasons, defectRate, unknownRate, blocked: true };
  }
  const unreviewed = summary.sampled - summary.reviewed;
  const decided = decideVerdict({
    criticalDefects: summary.criticalDefects,
    defectRate: defectRate!,
    unknownRate: unknownRate!,
    failedWithoutOwner: summary.failedWithoutOwner,
    reviewComplete: unreviewed === 0,
  });
  const reasons = decided.reasons.map((r) =>
    r.code === "REVIEW_INCOMPLETE" ? { ...r, message: `Review is incomplete: ${unreviewed} of ${summary.sampled} sampled units are not reviewed yet.` } : r,
  );
  return { ...decided, reasons, defectRate, unknownRate, blocked: false };
}
