/**
 * Closeout (seed 000 "Closure Gating", fail closed): OPEN allows closeout; CONDITIONAL_PASS
 * allows it with a valid approver signature; BLOCKED refuses it unless a break-glass EXCEPTION
 * was granted ("Break-Glass Escalation"); a destructive or irreversible remediation also needs its
 * clearance ("Destructive Mutation Clearance").
 */
import type { GateState, Reason } from "../verdict";

type BaseGate = Exclude<GateState, "EXCEPTION">;

/** The gate shown and enforced: EXCEPTION while a break-glass exception is granted, else the verdict's gate. */
export function effectiveGateState(base: BaseGate, exceptionGranted: boolean): GateState {
  return exceptionGranted ? "EXCEPTION" : base;
}

export type CloseoutInput = {
  baseGate: BaseGate;
  /** Valid (not stale, not revoked) approver signatures on the current snapshot. */
  validSignOffs: number;
  exceptionGranted: boolean;
  /** A failed unit's remediation is marked destructive or irreversible. */
  destructiveRemediation: boolean;
  /** A verified waiver or a two-person approval covers it. */
  destructiveCleared: boolean;
  alreadyClosed: boolean;
  /** The verdict's reasons, repeated after GATE_BLOCKED so the refusal says why. */
  verdictReasons: readonly Reason[];
};

/** Why the audit cannot be closed now; empty when it can. */
export function closeoutRefusals(i: CloseoutInput): Reason[] {
  if (i.alreadyClosed) return [{ code: "ALREADY_CLOSED", message: "The audit is already closed." }];
  const out: Reason[] = [];
  if (i.baseGate === "BLOCKED" && !i.exceptionGranted) {
    out.push({ code: "GATE_BLOCKED", message: "The gate is BLOCKED: a FAIL or INCONCLUSIVE verdict cannot be closed (remediate and re-audit, or escalate through break-glass)." }, ...i.verdictReasons);
  }
  if (i.baseGate === "CONDITIONAL_PASS" && !i.exceptionGranted && i.validSignOffs < 1) {
    out.push({ code: "SIGN_OFF_REQUIRED", message: "PASS_WITH_NOTES closes only with a valid approver sign-off on the current verdict snapshot." });
  }
  if (i.destructiveRemediation && !i.destructiveCleared) {
    out.push({ code: "DESTRUCTIVE_CLEARANCE_REQUIRED", message: "A destructive or irreversible remediation needs a verified waiver or two-person approval (security or approver roles) before closeout." });
  }
  return out;
}
