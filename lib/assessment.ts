import { DEFAULT_DECISION_SETTINGS, type DecisionRates, type DecisionSettings, decideWithBasis, disagreementReasons } from "./decision-basis";
import { estimatedDefectRate, estimatedUnknownRate, type SampleSummary } from "./estimation";
import { disagreementMessage } from "./adjudication";
import type { Reason, VerdictResult } from "./verdict";

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
  /** Stratified point estimates, fractions 0–1 (null before a sample exists). */
  defectRate: number | null;
  unknownRate: number | null;
  blocked: boolean;
  /** The audit's confidence and basis with both figures per rate (null while blocked or before a sample). */
  rates: DecisionRates | null;
  /** States both figures and which one decided (code DECISION_BASIS); null while blocked. */
  basisNote: Reason | null;
};

/**
 * The verdict shown for an audit: blockers first (INCONCLUSIVE, gate BLOCKED), otherwise the
 * verdict on the audit's decision basis (lib/decision-basis.ts `decideWithBasis`: the point
 * estimate by default, or the exact upper bound at the audit's confidence), with a review-progress
 * reason while units remain unreviewed. Disagreements between the estimate and the bound are
 * reasons once review is complete (mid-review the bound is wide by construction; the overview
 * shows what would flip the verdict instead). Recomputed from stored reviews on every view.
 * Open double-review disagreements (issue 11) keep the review incomplete: INCONCLUSIVE with a
 * reason naming their count (code DISAGREEMENTS_OPEN) until each is adjudicated.
 * @param settings confidence 0.90 | 0.95 | 0.99 and basis; default 95%, point estimate (seed 000).
 * @param openDisagreements sampled units whose first and second findings differ, not adjudicated
 *   yet; the caller builds `summary` without their findings (only an adjudicated finding enters
 *   the verdict), so they are among the summary's unreviewed units.
 * @throws RangeError when `openDisagreements` is negative or exceeds the summary's unreviewed units.
 */
export function assessAudit(preconditions: AuditPreconditions, summary: SampleSummary | null, settings: DecisionSettings = DEFAULT_DECISION_SETTINGS, openDisagreements = 0): Assessment {
  const blockers = auditBlockers(preconditions);
  const defectRate = summary ? estimatedDefectRate(summary) : null;
  const unknownRate = summary ? estimatedUnknownRate(summary) : null;
  if (blockers.length > 0 || !summary) {
    const reasons = blockers.length > 0 ? blockers : [{ code: "NO_SAMPLE", message: "No sample has been drawn." }];
    return { verdict: "INCONCLUSIVE", gateState: "BLOCKED", reasons, defectRate, unknownRate, blocked: true, rates: null, basisNote: null };
  }
  const unreviewed = summary.sampled - summary.reviewed;
  if (!(Number.isInteger(openDisagreements) && openDisagreements >= 0 && openDisagreements <= unreviewed)) {
    throw new RangeError(`openDisagreements must be a count of unreviewed units (0–${unreviewed}), got ${openDisagreements}`);
  }
  const notReviewed = unreviewed - openDisagreements;
  const decided = decideWithBasis(summary, settings, { reviewComplete: unreviewed === 0 });
  const disagreements = new Set(disagreementReasons(decided.rates).map((r) => r.code));
  const reasons = decided.reasons
    .filter((r) => unreviewed === 0 || !disagreements.has(r.code))
    .flatMap((r): Reason[] =>
      r.code !== "REVIEW_INCOMPLETE"
        ? [r]
        : [
            ...(notReviewed > 0 ? [{ ...r, message: `Review is incomplete: ${notReviewed} of ${summary.sampled} sampled units are not reviewed yet.` }] : []),
            ...(openDisagreements > 0 ? [{ code: "DISAGREEMENTS_OPEN", message: disagreementMessage(openDisagreements) }] : []),
          ],
    );
  return { verdict: decided.verdict, gateState: decided.gateState, reasons, defectRate, unknownRate, blocked: false, rates: decided.rates, basisNote: decided.basisNote };
}
