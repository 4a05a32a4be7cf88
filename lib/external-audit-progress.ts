/**
 * Where an audit's external-audit cycle stands (issue 12, seed 002 "Step 1/3 … 3/3"), and what
 * each step still lacks: the calibrate step is refused while either auditor output is missing or
 * invalid, or while both auditors share a model family without a recorded override; finalize is
 * refused until the calibrator's answer to the current calibrator prompt is valid. Pure: the
 * mutations (db/mutations/external-audit.ts) refuse with these messages, the page shows them.
 */
import { sameFamily } from "./external-audit/reconcile";
import type { AuditorOutput } from "./external-audit/types";

/** The latest stored version of one output: its row id (ids grow with time), whether it passed, and the parsed output when it did. */
export type OutputRef<O> = { id: number; version: number; valid: boolean; output: O | null };

export type CycleState = {
  /** Both auditor prompts are prepared. */
  prepared: boolean;
  primary: OutputRef<AuditorOutput> | null;
  secondary: OutputRef<AuditorOutput> | null;
  /** The recorded same-family override reason, if any. */
  overrideReason: string | null;
  /** The latest calibrator prompt's row id. */
  calibratorPromptId: number | null;
  calibrator: OutputRef<unknown> | null;
  finalizedAt: Date | null;
};

export type Step = "prepare" | "paste_auditors" | "override" | "calibrate" | "paste_calibrator" | "finalize" | "finalized";

const AUDITORS = [
  ["primary", "primary auditor"],
  ["secondary", "secondary auditor"],
] as const;

/** The shared model family when both valid auditor outputs come from the same one (case-insensitive, trimmed), else null. */
export function sharedFamily(state: Pick<CycleState, "primary" | "secondary">): string | null {
  const a = state.primary?.valid ? state.primary.output : null;
  const b = state.secondary?.valid ? state.secondary.output : null;
  if (!a || !b || !sameFamily(a, b)) return null;
  return a.model.family.trim().toLowerCase();
}

/**
 * Why the calibrate step is refused now (empty: it may run). One sentence per problem, naming the
 * output ("The secondary auditor's output is missing: paste it first.").
 */
export function calibrationBlockers(state: CycleState): string[] {
  if (!state.prepared) return ["The auditor prompts are not prepared yet: prepare them first."];
  const out: string[] = [];
  for (const [key, name] of AUDITORS) {
    const ref = state[key];
    if (!ref) out.push(`The ${name}'s output is missing: paste it first.`);
    else if (!ref.valid) out.push(`The ${name}'s output (version ${ref.version}) is invalid: fix it first.`);
  }
  if (out.length > 0) return out;
  const family = sharedFamily(state);
  if (family !== null && !state.overrideReason) {
    out.push(`Both auditors are from the model family "${family}": use an auditor from another family, or record an override with a reason.`);
  }
  return out;
}

/** True when an auditor output was pasted after the latest calibrator prompt was prepared (the calibrator never saw it). */
export function calibratorPromptStale(state: CycleState): boolean {
  if (state.calibratorPromptId === null) return false;
  return [state.primary, state.secondary].some((ref) => ref !== null && ref.id > (state.calibratorPromptId as number));
}

/** Why finalize is refused now (empty: it may run). */
export function finalizeBlockers(state: CycleState): string[] {
  if (state.finalizedAt) return ["The external audit is already finalized."];
  const calibration = calibrationBlockers(state);
  if (calibration.length > 0) return calibration;
  if (state.calibratorPromptId === null) return ["The calibrator prompt is not prepared yet: calibrate first."];
  if (calibratorPromptStale(state)) return ["An auditor output changed after the calibrator prompt was prepared: calibrate again."];
  const cal = state.calibrator;
  if (!cal || cal.id < state.calibratorPromptId) return ["The calibrator's output is missing: paste it first."];
  if (!cal.valid) return [`The calibrator's output (version ${cal.version}) is invalid: fix it first.`];
  return [];
}

/** The next thing to do, with a one-line instruction for the page. */
export function nextStep(state: CycleState): { step: Step; message: string } {
  if (state.finalizedAt) return { step: "finalized", message: "The external audit is finalized: copy the external_audit block into the charter telemetry." };
  if (!state.prepared) return { step: "prepare", message: "Prepare the two auditor prompts (optionally with the git range, diff and AI logs)." };
  const calibration = calibrationBlockers(state);
  if (calibration.length > 0) {
    const overrideOnly = sharedFamily(state) !== null && calibration.length === 1;
    return overrideOnly ? { step: "override", message: calibration[0] } : { step: "paste_auditors", message: calibration.join(" ") };
  }
  if (state.calibratorPromptId === null || calibratorPromptStale(state)) {
    return { step: "calibrate", message: state.calibratorPromptId === null ? "Both auditor outputs are valid: prepare the calibrator prompt." : "An auditor output changed: prepare the calibrator prompt again." };
  }
  const blockers = finalizeBlockers(state);
  if (blockers.length > 0) return { step: "paste_calibrator", message: blockers.join(" ") };
  return { step: "finalize", message: "The calibrator's output is valid: finalize to render the external_audit block." };
}
