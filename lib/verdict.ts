/**
 * Verdict rules and closure gating (seed 000 "Verdict Rules" and "Closure Gating").
 * Rates are fractions 0–1.
 */
export type Verdict = "PASS" | "PASS_WITH_NOTES" | "FAIL" | "INCONCLUSIVE";
export type GateState = "OPEN" | "CONDITIONAL_PASS" | "BLOCKED" | "EXCEPTION";
export type Reason = { code: string; message: string };

/** Seed 000 "Verdict Rules" thresholds, as fractions. */
export const PASS_MAX_DEFECT_RATE = 0.03;
export const PASS_MAX_UNKNOWN_RATE = 0.02;
export const PASS_WITH_NOTES_MAX_DEFECT_RATE = 0.07;

/** Rates come from divisions; a rate within this of a threshold counts as equal to it. */
const TOLERANCE = 1e-12;
const atMost = (rate: number, limit: number) => rate <= limit + TOLERANCE;

export type VerdictInput = {
  criticalDefects: number;
  /** Estimated population defect rate, fraction 0–1. */
  defectRate: number;
  /** Estimated population unknown rate, fraction 0–1. */
  unknownRate: number;
  /** Units reviewed FAIL that have no remediation owner. */
  failedWithoutOwner: number;
  reviewComplete: boolean;
};

export type VerdictResult = { verdict: Verdict; gateState: Exclude<GateState, "EXCEPTION">; reasons: Reason[] };

const percent = (rate: number) => `${(rate * 100).toFixed(2)}%`;
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * Closure gate for a verdict (seed 000 "Closure Gating"): PASS → OPEN,
 * PASS_WITH_NOTES → CONDITIONAL_PASS (closeout needs an approver signature),
 * FAIL and INCONCLUSIVE → BLOCKED.
 */
export function gateStateFor(verdict: Verdict): Exclude<GateState, "EXCEPTION"> {
  if (verdict === "PASS") return "OPEN";
  if (verdict === "PASS_WITH_NOTES") return "CONDITIONAL_PASS";
  return "BLOCKED";
}

/**
 * Decides the verdict (seed 000 "Verdict Rules"), first rule that applies wins:
 * 1. any critical defect → FAIL at once, even while review is incomplete;
 * 2. review incomplete → INCONCLUSIVE;
 * 3. estimated defect rate > 7% → FAIL;
 * 4. unknown ≤ 2% and defect ≤ 3% → PASS;
 * 5. defect ≤ 7% and every unit reviewed FAIL has a remediation owner → PASS_WITH_NOTES;
 * 6. otherwise INCONCLUSIVE (no rule's criteria are met).
 * Thresholds are inclusive (exactly 3% passes). Reasons carry stable codes and human text.
 * @throws RangeError when a rate is outside [0, 1] or a count is negative.
 */
export function decideVerdict(input: VerdictInput): VerdictResult {
  const { criticalDefects, defectRate, unknownRate, failedWithoutOwner, reviewComplete } = input;
  for (const [name, rate] of [["defectRate", defectRate], ["unknownRate", unknownRate]] as const) {
    if (!(rate >= 0 && rate <= 1)) throw new RangeError(`${name} must be a fraction between 0 and 1`);
  }
  if (!(criticalDefects >= 0) || !(failedWithoutOwner >= 0)) throw new RangeError("counts must be non-negative");

  const result = (verdict: Verdict, reasons: Reason[]): VerdictResult => ({ verdict, gateState: gateStateFor(verdict), reasons });

  if (criticalDefects > 0) {
    return result("FAIL", [{ code: "CRITICAL_DEFECT", message: `${plural(criticalDefects, "critical defect was", "critical defects were")} found.` }]);
  }
  if (!reviewComplete) {
    return result("INCONCLUSIVE", [{ code: "REVIEW_INCOMPLETE", message: "Review is incomplete: every sampled unit must be reviewed before a verdict." }]);
  }
  if (!atMost(defectRate, PASS_WITH_NOTES_MAX_DEFECT_RATE)) {
    return result("FAIL", [{ code: "DEFECT_RATE_ABOVE_7", message: `Estimated defect rate ${percent(defectRate)} is above 7%.` }]);
  }
  const defectWithinPass = atMost(defectRate, PASS_MAX_DEFECT_RATE);
  const unknownWithinPass = atMost(unknownRate, PASS_MAX_UNKNOWN_RATE);
  if (defectWithinPass && unknownWithinPass) {
    return result("PASS", [
      { code: "PASS_CRITERIA_MET", message: `No critical defects; estimated defect rate ${percent(defectRate)} ≤ 3%; unknown rate ${percent(unknownRate)} ≤ 2%.` },
    ]);
  }
  const notes: Reason[] = [];
  if (!defectWithinPass) notes.push({ code: "DEFECT_RATE_ABOVE_3", message: `Estimated defect rate ${percent(defectRate)} is above 3% (at most 7%).` });
  if (!unknownWithinPass) notes.push({ code: "UNKNOWN_RATE_ABOVE_2", message: `Estimated unknown rate ${percent(unknownRate)} is above 2%.` });
  if (failedWithoutOwner === 0) {
    return result("PASS_WITH_NOTES", [
      ...notes,
      { code: "REMEDIATION_OWNED", message: "Every failed unit has a remediation owner; closeout needs an approver signature." },
    ]);
  }
  return result("INCONCLUSIVE", [
    ...notes,
    { code: "FAILED_WITHOUT_OWNER", message: `${plural(failedWithoutOwner, "failed unit has", "failed units have")} no remediation owner.` },
  ]);
}
