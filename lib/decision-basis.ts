/**
 * Decision basis and confidence per audit (issue 9): which figure — the stratified point estimate
 * (seed 000 default) or the exact upper confidence bound (strict) — is held against the seed 000
 * "Verdict Rules" thresholds (defect 3% / 7%, unknown 2%), and the reasons that say so when the two
 * figures disagree. `decideVerdict` (lib/verdict.ts) is unchanged: the basis only chooses the rates
 * it is given. Pure; rates are fractions 0–1.
 */
import { defectRateUpperBound, estimatedDefectRate, estimatedUnknownRate, type SampleSummary } from "./estimation";
import { unknownRateUpperBound } from "./statistics/unknown-bound";
import { decideVerdict, type Reason, type VerdictResult } from "./verdict";

/** Confidence levels an audit may choose (one-sided), default 0.95. */
export const AUDIT_CONFIDENCES = [0.9, 0.95, 0.99] as const;
export type AuditConfidence = (typeof AUDIT_CONFIDENCES)[number];

/** point_estimate: seed 000 default; upper_bound: the thresholds apply to the exact upper bound. */
export const DECISION_BASES = ["point_estimate", "upper_bound"] as const;
export type DecisionBasis = (typeof DECISION_BASES)[number];

export type DecisionSettings = { confidence: AuditConfidence; basis: DecisionBasis };
export const DEFAULT_DECISION_SETTINGS: DecisionSettings = { confidence: 0.95, basis: "point_estimate" };

export type DecisionRates = {
  confidence: AuditConfidence;
  basis: DecisionBasis;
  /** Stratified point estimate of the defect rate (`estimatedDefectRate`). */
  defectRate: number;
  /** Stratified point estimate of the unknown rate (`estimatedUnknownRate`). */
  unknownRate: number;
  /** Exact one-sided upper bound on the defect rate at `confidence` (`defectRateUpperBound`). */
  defectUpper: number;
  /** Exact one-sided upper bound on the unknown rate at `confidence` (`unknownRateUpperBound`). */
  unknownUpper: number;
  /** The defect rate handed to `decideVerdict`: defectRate or defectUpper by basis. */
  decidingDefectRate: number;
  /** The unknown rate handed to `decideVerdict`: unknownRate or unknownUpper by basis. */
  decidingUnknownRate: number;
};

export type BasisDecision = VerdictResult & {
  rates: DecisionRates;
  /** States both figures and which one decided (code DECISION_BASIS); for the overview and report. */
  basisNote: Reason;
};

/** Formats a fraction as a percentage with two decimals, as lib/verdict.ts does ("7.74%"). */
const percent = (rate: number) => `${(rate * 100).toFixed(2)}%`;
/** Formats a confidence level ("95%"). */
const confidenceLabel = (confidence: number) => `${Math.round(confidence * 100)}%`;

/**
 * Validates decision settings.
 * @throws RangeError when confidence is not 0.90, 0.95 or 0.99, or basis is not a known basis.
 */
export function assertDecisionSettings(settings: DecisionSettings): void {
  if (!(AUDIT_CONFIDENCES as readonly number[]).includes(settings.confidence)) {
    throw new RangeError(`confidence must be one of ${AUDIT_CONFIDENCES.join(", ")}, got ${settings.confidence}`);
  }
  if (!(DECISION_BASES as readonly string[]).includes(settings.basis)) throw new RangeError(`unknown decision basis ${String(settings.basis)}`);
}

/**
 * True when `decideVerdict` would treat the defect rate as above its 7% FAIL line (with its
 * rounding tolerance), asked of `decideVerdict` itself so the two can never drift apart.
 * @param rate fraction 0–1. @throws RangeError outside [0, 1] (from decideVerdict).
 */
export function defectRateFails(rate: number): boolean {
  return decideVerdict({ criticalDefects: 0, defectRate: rate, unknownRate: 0, failedWithoutOwner: 0, reviewComplete: true }).verdict === "FAIL";
}

/**
 * True when `decideVerdict` would treat the defect rate as within its 3% PASS line (inclusive,
 * with its rounding tolerance). @param rate fraction 0–1. @throws RangeError outside [0, 1].
 */
export function defectRateWithinPass(rate: number): boolean {
  return decideVerdict({ criticalDefects: 0, defectRate: rate, unknownRate: 0, failedWithoutOwner: 0, reviewComplete: true }).verdict === "PASS";
}

/**
 * True when `decideVerdict` would treat the unknown rate as within its 2% PASS line (inclusive,
 * with its rounding tolerance). @param rate fraction 0–1. @throws RangeError outside [0, 1].
 */
export function unknownRateWithinPass(rate: number): boolean {
  return decideVerdict({ criticalDefects: 0, defectRate: 0, unknownRate: rate, failedWithoutOwner: 0, reviewComplete: true }).verdict === "PASS";
}

/**
 * Both figures for both rates, and the pair the basis hands to `decideVerdict`.
 *
 * @param summary sample summary (lib/estimation.ts).
 * @param settings the audit's confidence (0.90 | 0.95 | 0.99) and basis.
 * @returns DecisionRates, all fractions 0–1.
 * @throws RangeError for invalid settings (see `assertDecisionSettings`) or an inconsistent summary.
 * Source: seed 000 "Verdict Rules"; point estimate: Cochran (1977) §5.2 via `stratifiedRate`;
 *   upper bounds: Talens (2005) / jfa `evaluation(method = "hypergeometric")`.
 */
export function decisionRates(summary: SampleSummary, settings: DecisionSettings): DecisionRates {
  assertDecisionSettings(settings);
  const { confidence, basis } = settings;
  const defectRate = estimatedDefectRate(summary);
  const unknownRate = estimatedUnknownRate(summary);
  const defectUpper = defectRateUpperBound(summary, confidence);
  const unknownUpper = unknownRateUpperBound(summary, confidence);
  const upper = basis === "upper_bound";
  return {
    confidence,
    basis,
    defectRate,
    unknownRate,
    defectUpper,
    unknownUpper,
    decidingDefectRate: upper ? defectUpper : defectRate,
    decidingUnknownRate: upper ? unknownUpper : unknownRate,
  };
}

/**
 * Reasons for a disagreement the point-estimate basis would otherwise hide: a threshold the point
 * estimate is within but the upper bound lies beyond (each threshold checked on its own, so an
 * estimate ≤ 3% with a bound > 7% gives both defect reasons):
 * - UPPER_BOUND_ABOVE_7: "the 95% upper bound 7.74% is above 7%: this sample cannot rule out a FAIL";
 * - UPPER_BOUND_ABOVE_3: the sample cannot demonstrate a defect rate ≤ 3%;
 * - UNKNOWN_UPPER_BOUND_ABOVE_2: the sample cannot demonstrate an unknown rate ≤ 2%.
 * Under the upper-bound basis the bound itself decides, so nothing is hidden and this returns [].
 *
 * @param rates from `decisionRates`.
 * @returns reasons with stable codes and human text (percentages with two decimals); [] when none.
 * Source: issue 9 "Decision basis and confidence"; thresholds from seed 000 "Verdict Rules".
 */
export function disagreementReasons(rates: DecisionRates): Reason[] {
  if (rates.basis !== "point_estimate") return [];
  const level = confidenceLabel(rates.confidence);
  const reasons: Reason[] = [];
  if (!defectRateFails(rates.defectRate) && defectRateFails(rates.defectUpper)) {
    reasons.push({
      code: "UPPER_BOUND_ABOVE_7",
      message: `The ${level} upper bound ${percent(rates.defectUpper)} is above 7%: this sample cannot rule out a FAIL (estimated defect rate ${percent(rates.defectRate)}).`,
    });
  }
  if (defectRateWithinPass(rates.defectRate) && !defectRateWithinPass(rates.defectUpper)) {
    reasons.push({
      code: "UPPER_BOUND_ABOVE_3",
      message: `The ${level} upper bound ${percent(rates.defectUpper)} is above 3%: this sample cannot demonstrate a defect rate ≤ 3% (estimated ${percent(rates.defectRate)}).`,
    });
  }
  if (unknownRateWithinPass(rates.unknownRate) && !unknownRateWithinPass(rates.unknownUpper)) {
    reasons.push({
      code: "UNKNOWN_UPPER_BOUND_ABOVE_2",
      message: `The ${level} upper bound on the unknown rate ${percent(rates.unknownUpper)} is above 2%: this sample cannot demonstrate an unknown rate ≤ 2% (estimated ${percent(rates.unknownRate)}).`,
    });
  }
  return reasons;
}

/**
 * The reason stating both figures and which one decided (code DECISION_BASIS).
 * @param rates from `decisionRates`. @returns a Reason for the overview and report.
 */
export function basisNote(rates: DecisionRates): Reason {
  const level = confidenceLabel(rates.confidence);
  const decided = rates.basis === "upper_bound" ? `the ${level} upper bounds` : "the point estimates";
  return {
    code: "DECISION_BASIS",
    message:
      `Decided on ${decided}. Defect rate: estimate ${percent(rates.defectRate)}, ${level} upper bound ${percent(rates.defectUpper)}; ` +
      `unknown rate: estimate ${percent(rates.unknownRate)}, ${level} upper bound ${percent(rates.unknownUpper)}.`,
  };
}

/** Rewrites decideVerdict's rate messages (which say "estimated") when the upper bound decided. */
function upperBoundMessage(reason: Reason, rates: DecisionRates): Reason {
  const level = confidenceLabel(rates.confidence);
  const d = percent(rates.defectUpper);
  const u = percent(rates.unknownUpper);
  switch (reason.code) {
    case "DEFECT_RATE_ABOVE_7":
      return { ...reason, message: `The ${level} upper bound on the defect rate, ${d}, is above 7%.` };
    case "DEFECT_RATE_ABOVE_3":
      return { ...reason, message: `The ${level} upper bound on the defect rate, ${d}, is above 3% (at most 7%).` };
    case "UNKNOWN_RATE_ABOVE_2":
      return { ...reason, message: `The ${level} upper bound on the unknown rate, ${u}, is above 2%.` };
    case "PASS_CRITERIA_MET":
      return { ...reason, message: `No critical defects; ${level} upper bound on the defect rate ${d} ≤ 3%; on the unknown rate ${u} ≤ 2%.` };
    default:
      return reason;
  }
}

/**
 * Decides the verdict on the audit's basis: `decideVerdict` with the deciding rates, its rate
 * messages reworded to name the upper bound when that decided, then — unless the verdict is FAIL,
 * where a possible FAIL is moot — the `disagreementReasons`. Also returns both figures and a
 * DECISION_BASIS note.
 *
 * @param summary sample summary (lib/estimation.ts).
 * @param settings confidence 0.90 | 0.95 | 0.99 and basis.
 * @param extra.reviewComplete whether every sampled unit is reviewed; default
 *   summary.reviewed === summary.sampled.
 * @returns VerdictResult (verdict, gate state, reasons) plus rates and basisNote.
 * @throws RangeError for invalid settings or an inconsistent summary.
 * Source: seed 000 "Verdict Rules"; issue 9 "Decision basis and confidence"; jfa `evaluation()`
 *   (the upper bound as the decision).
 */
export function decideWithBasis(summary: SampleSummary, settings: DecisionSettings, extra: { reviewComplete?: boolean } = {}): BasisDecision {
  const rates = decisionRates(summary, settings);
  const decided = decideVerdict({
    criticalDefects: summary.criticalDefects,
    defectRate: rates.decidingDefectRate,
    unknownRate: rates.decidingUnknownRate,
    failedWithoutOwner: summary.failedWithoutOwner,
    reviewComplete: extra.reviewComplete ?? summary.reviewed === summary.sampled,
  });
  const reasons = settings.basis === "upper_bound" ? decided.reasons.map((r) => upperBoundMessage(r, rates)) : [...decided.reasons];
  if (decided.verdict !== "FAIL") reasons.push(...disagreementReasons(rates));
  return { ...decided, reasons, rates, basisNote: basisNote(rates) };
}

/**
 * An audit's stored settings (confidence in whole percent, basis) as DecisionSettings.
 * @throws RangeError for a confidence other than 90, 95 or 99 or an unknown basis.
 */
export function decisionSettingsOf(audit: { confidencePercent: number; decisionBasis: string }): DecisionSettings {
  const settings = { confidence: audit.confidencePercent / 100, basis: audit.decisionBasis } as DecisionSettings;
  assertDecisionSettings(settings);
  return settings;
}
