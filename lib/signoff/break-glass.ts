/**
 * Break-glass escalation (seed 000 "Break-Glass Escalation"): when security is unavailable for
 * more than 4 hours and the impact is critical, two independent signers may countersign an
 * EXCEPTION; a mandatory retrospective security audit follows within 5 business days.
 */
import { addBusinessDays, formatISO } from "date-fns";
import type { Reason } from "../verdict";

/** Seed 000: "If unavailable >4 hours AND impact quantified as critical: escalation authorized". */
export const SECURITY_UNAVAILABLE_MS = 4 * 60 * 60 * 1000;
/** Seed 000: "Schedule mandatory retrospective security audit within 5 business days". */
export const RETROSPECTIVE_BUSINESS_DAYS = 5;

/** True only when impact is `critical` and security has been unavailable for MORE than 4 hours (exactly 4 h is not enough). */
export function breakGlassAllowed(input: { impact: string; securityUnavailableSince: Date; now: Date }): boolean {
  return input.impact === "critical" && input.now.getTime() - input.securityUnavailableSince.getTime() > SECURITY_UNAVAILABLE_MS;
}

/**
 * Since when every security user has been unavailable: null when any is available; otherwise the
 * moment the last one became unavailable. With no security users at all there is nobody to ask,
 * which counts as unavailable since the epoch (ours: the seed does not cover an empty team).
 */
export function securityUnavailableSince(users: readonly { available: boolean; since: Date }[]): Date | null {
  if (users.some((u) => u.available)) return null;
  return users.reduce((latest, u) => (u.since > latest ? u.since : latest), new Date(0));
}

/**
 * The retrospective security audit's due date: 5 business days after the exception date,
 * weekends skipped (date-fns addBusinessDays; public holidays are not known here).
 * @param exceptionDate `YYYY-MM-DD`, or an ISO timestamp whose UTC date is used.
 * @returns `YYYY-MM-DD`.
 * @throws RangeError for an invalid date.
 */
export function retrospectiveDueDate(exceptionDate: string): string {
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(exceptionDate);
  const instant = new Date(dateOnly ? `${exceptionDate}T00:00:00Z` : exceptionDate);
  const day = Number.isNaN(instant.getTime()) ? null : instant.toISOString().slice(0, 10);
  if (!day || (dateOnly && day !== exceptionDate)) throw new RangeError(`not a valid date: ${exceptionDate}`);
  const [y, m, d] = day.split("-").map(Number);
  // date-fns counts in local time: a local midnight of the same calendar date keeps the arithmetic on dates.
  return formatISO(addBusinessDays(new Date(y, m - 1, d), RETROSPECTIVE_BUSINESS_DAYS), { representation: "date" });
}

export type CountersignSlot = "technical_owner" | "compliance_security";
export const SLOT_LABELS: Record<CountersignSlot, string> = { technical_owner: "Technical owner", compliance_security: "Compliance / security approver" };

/**
 * Why this user may not countersign this slot; empty when they may. Codes: NOT_AUTHORIZED
 * (approver or security role needed), OWN_REQUEST (nobody countersigns their own request,
 * DESIGN.md invariants), SAME_PERSON_BOTH_SLOTS ("two independent authorized signers"), SLOT_TAKEN.
 */
export function countersignRefusals(input: { requesterId: number; signerId: number; signerRoles: readonly string[]; slot: CountersignSlot; existing: readonly { signerId: number; slot: string }[] }): Reason[] {
  const out: Reason[] = [];
  if (!input.signerRoles.some((r) => r === "approver" || r === "security")) out.push({ code: "NOT_AUTHORIZED", message: "Countersigning a break-glass exception needs the approver or security role." });
  if (input.signerId === input.requesterId) out.push({ code: "OWN_REQUEST", message: "You requested this exception, so you cannot countersign it." });
  if (input.existing.some((e) => e.signerId === input.signerId)) out.push({ code: "SAME_PERSON_BOTH_SLOTS", message: "You have already countersigned: the second signature must come from a different person." });
  else if (input.existing.some((e) => e.slot === input.slot)) out.push({ code: "SLOT_TAKEN", message: `The ${SLOT_LABELS[input.slot].toLowerCase()} slot is already signed.` });
  return out;
}

/**
 * A warning when the pair is not the recommended one (seed 000: "one technical owner and one
 * compliance/security approver"): the compliance/security signer should hold `security`, the
 * technical owner `operator` or `approver`. Null when the signers present fit their slots.
 */
export function pairWarning(signers: readonly { slot: CountersignSlot; roles: readonly string[] }[]): string | null {
  const problems: string[] = [];
  for (const s of signers) {
    if (s.slot === "compliance_security" && !s.roles.includes("security")) problems.push("the compliance/security signer does not hold the security role");
    if (s.slot === "technical_owner" && !s.roles.some((r) => r === "operator" || r === "approver")) problems.push("the technical owner holds neither the operator nor the approver role");
  }
  return problems.length > 0 ? `Not the recommended pair (one technical owner plus one compliance/security approver): ${problems.join("; ")}.` : null;
}

export type BreakGlassState = "not_allowed" | "awaiting_countersign" | "escalated_to_cto" | "granted";

/**
 * Where a request stands: granted (EXCEPTION) only with two countersignatures on a request that
 * break-glass allowed when it was made; with only one signer to be found, escalated to the CTO
 * (the gate stays BLOCKED); otherwise waiting for countersignatures, or not allowed at all.
 */
export function breakGlassState(input: { allowedAtRequest: boolean; signatures: number; singleSignerDeclared: boolean }): BreakGlassState {
  if (!input.allowedAtRequest) return "not_allowed";
  if (input.signatures >= 2) return "granted";
  if (input.singleSignerDeclared) return "escalated_to_cto";
  return "awaiting_countersign";
}
