/**
 * Closeout (seed 000 "Closure Gating", fail closed): OPEN allows closeout; CONDITIONAL_PASS
 * allows it with a valid approver signature; BLOCKED refuses it unless a break-glass EXCEPTION
 * was granted ("Break-Glass Escalation"); a destructive or irreversible remediation also needs its
 * clearance ("Destructive Mutation Clearance").
 */
import type { GateState, Reason } from "../verdict";

/** The gate a verdict gives, before any break-glass exception (lib/verdict.ts `gateStateFor`). */
export type BaseGate = Exclude<GateState, "EXCEPTION">;

const BASE_GATES: readonly string[] = ["OPEN", "CONDITIONAL_PASS", "BLOCKED"] satisfies BaseGate[];

/**
 * The gate shown and enforced: EXCEPTION while a break-glass exception is granted (seed 000
 * "Break-Glass Escalation": "Permit remediation with EXCEPTION status"), else the verdict's gate
 * unchanged. Only `exceptionGranted === true` grants (fail closed). Pure; throws nothing.
 */
export function effectiveGateState(base: BaseGate, exceptionGranted: boolean): GateState {
  return exceptionGranted === true ? "EXCEPTION" : base;
}

export type CloseoutInput = {
  /** The verdict's gate (lib/verdict.ts), before any exception. */
  baseGate: BaseGate;
  /** Count of valid (not stale, not revoked) approver signatures on the current snapshot. */
  validSignOffs: number;
  /** A break-glass exception is granted (two countersignatures, lib/signoff/break-glass.ts). */
  exceptionGranted: boolean;
  /** Some failed unit's remediation is marked destructive or irreversible. */
  destructiveRemediation: boolean;
  /** A verified waiver or a two-person approval covers it (lib/signoff/waiver.ts, two-person.ts). */
  destructiveCleared: boolean;
  alreadyClosed: boolean;
  /** The verdict's reasons, repeated after GATE_BLOCKED so the refusal says why. */
  verdictReasons: readonly Reason[];
};

const BOOLEAN_FIELDS = ["exceptionGranted", "destructiveRemediation", "destructiveCleared", "alreadyClosed"] as const;

/**
 * Why the audit cannot be closed now; empty means closeout is allowed.
 * - INPUT_INVALID (alone): a field is missing or of the wrong type: an unknown gate, a sign-off
 *   count that is not a whole number ≥ 0, a flag that is not a boolean, reasons not a list
 *   (fail closed, DESIGN.md "Invariants": "when anything needed … is missing or invalid, the gate
 *   is BLOCKED and the page says why").
 * - ALREADY_CLOSED (alone): the audit is closed already.
 * - GATE_BLOCKED followed by the verdict's own reasons: gate BLOCKED (FAIL or INCONCLUSIVE) and no
 *   break-glass exception granted (seed 000 "Closure Gating", "Break-Glass Escalation").
 * - SIGN_OFF_REQUIRED: gate CONDITIONAL_PASS (PASS_WITH_NOTES) and no valid approver sign-off
 *   (seed 000 "Closure Gating"). An exception does not stand in for it (ours: break-glass exists
 *   to unblock a BLOCKED gate, and its countersigners need not include an approver).
 * - DESTRUCTIVE_CLEARANCE_REQUIRED: a destructive or irreversible remediation without a verified
 *   waiver or two-person approval, whatever the gate, exception included (seed 000 "Destructive
 *   Mutation Clearance").
 * Pure; throws nothing.
 */
export function closeoutRefusals(input: CloseoutInput): Reason[] {
  const invalid = invalidField(input);
  if (invalid) return [{ code: "INPUT_INVALID", message: `Closeout cannot be decided: ${invalid} is missing or invalid, so the audit stays open (fail closed).` }];
  const i = input;
  if (i.alreadyClosed) return [{ code: "ALREADY_CLOSED", message: "The audit is already closed." }];
  const out: Reason[] = [];
  if (i.baseGate === "BLOCKED" && !i.exceptionGranted) {
    out.push(
      { code: "GATE_BLOCKED", message: "The gate is BLOCKED: a FAIL or INCONCLUSIVE verdict cannot be closed (remediate and re-audit, or escalate through break-glass). The verdict's reasons follow." },
      ...i.verdictReasons,
    );
  }
  if (i.baseGate === "CONDITIONAL_PASS" && i.validSignOffs < 1) {
    out.push({ code: "SIGN_OFF_REQUIRED", message: "PASS_WITH_NOTES closes only with a valid approver sign-off on the current verdict snapshot (a stale or revoked signature does not count)." });
  }
  if (i.destructiveRemediation && !i.destructiveCleared) {
    out.push({ code: "DESTRUCTIVE_CLEARANCE_REQUIRED", message: "A destructive or irreversible remediation needs a verified waiver or two-person approval (security or approver roles) before closeout." });
  }
  return out;
}

function invalidField(i: CloseoutInput | null | undefined): string | null {
  if (typeof i !== "object" || i === null) return "the closeout input";
  if (!BASE_GATES.includes(i.baseGate)) return "baseGate";
  if (!Number.isInteger(i.validSignOffs) || i.validSignOffs < 0) return "validSignOffs";
  for (const name of BOOLEAN_FIELDS) if (typeof i[name] !== "boolean") return name;
  if (!Array.isArray(i.verdictReasons)) return "verdictReasons";
  return null;
}
