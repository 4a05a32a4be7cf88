/**
 * Break-glass escalation (seed 000 "Break-Glass Escalation"): when security is unavailable for
 * more than 4 hours and the impact is critical, two independent signers may countersign an
 * EXCEPTION; a mandatory retrospective security audit follows within 5 business days.
 */
import { addBusinessDays, formatISO, isValid, parseISO } from "date-fns";
import type { Reason } from "../verdict";

/** Seed 000: "If unavailable >4 hours AND impact quantified as critical: escalation authorized" (ms). */
export const SECURITY_UNAVAILABLE_MS = 4 * 60 * 60 * 1000;
/** Seed 000: "Schedule mandatory retrospective security audit within 5 business days". */
export const RETROSPECTIVE_BUSINESS_DAYS = 5;

/**
 * Whether break-glass may be requested (seed 000 "Break-Glass Escalation", "Availability Check"):
 * true only when `impact` is exactly `critical` (lower case) and security has been unavailable for
 * MORE than 4 hours, i.e. `now − securityUnavailableSince > 4 h` in ms (exactly 4 h → false).
 * Fails closed: an invalid Date gives false. Throws nothing.
 */
export function breakGlassAllowed(input: { impact: string; securityUnavailableSince: Date; now: Date }): boolean {
  const unavailableMs = input.now.getTime() - input.securityUnavailableSince.getTime();
  return input.impact === "critical" && unavailableMs > SECURITY_UNAVAILABLE_MS;
}

/**
 * Since when security as a whole has been unavailable (seed 000 "Availability Check": "@security
 * agent availability status"): null while any security user is available; when all are
 * unavailable, the LATEST `since`, i.e. the moment the last one became unavailable. With no
 * security users at all there is nobody to ask, which counts as unavailable since the epoch,
 * `new Date(0)` (ours: the seed does not cover an empty security team; an organisation with no
 * security reviewer must still be able to escalate, and the impact and two signers still apply).
 * @param users each security user's availability and the UTC instant it last changed.
 * @throws RangeError when an unavailable user's `since` is an invalid Date (the 4 hours could not
 *   be counted).
 */
export function securityUnavailableSince(users: readonly { available: boolean; since: Date }[]): Date | null {
  if (users.some((u) => u.available)) return null;
  let latest = new Date(0);
  for (const u of users) {
    if (!(u.since instanceof Date) || Number.isNaN(u.since.getTime())) throw new RangeError("a security user's unavailability start is not a valid date");
    if (u.since.getTime() > latest.getTime()) latest = u.since;
  }
  return latest;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * The retrospective security audit's due date (seed 000 "Break-Glass Escalation": "within 5
 * business days"): 5 business days after the exception date, Saturdays and Sundays skipped
 * (date-fns addBusinessDays; public holidays are not known here). An exception on a weekend counts
 * from the next Monday as day 1.
 * @param exceptionDate a UTC calendar date `YYYY-MM-DD`, or an ISO-8601 timestamp with `Z` or an
 *   offset, whose UTC date is used (`2026-11-26T23:30:00-05:00` is 2026-11-27).
 * @returns `YYYY-MM-DD`. The result does not depend on the server's time zone.
 * @throws RangeError for anything else: a date that does not exist (2026-02-30), a timestamp
 *   without a zone (its UTC date would be a guess), or a year outside 0001–9999.
 */
export function retrospectiveDueDate(exceptionDate: string): string {
  const bad = () => new RangeError(`not a valid date: ${JSON.stringify(exceptionDate)} (expected YYYY-MM-DD or an ISO timestamp with Z or an offset)`);
  if (typeof exceptionDate !== "string") throw bad();
  let day: string;
  if (DATE_ONLY.test(exceptionDate)) {
    if (!isValid(parseISO(exceptionDate))) throw bad();
    day = exceptionDate;
  } else if (TIMESTAMP.test(exceptionDate)) {
    const instant = parseISO(exceptionDate);
    if (!isValid(instant)) throw bad();
    day = instant.toISOString().slice(0, 10);
  } else {
    throw bad();
  }
  const [y, m, d] = day.split("-").map(Number);
  if (!DATE_ONLY.test(day) || y < 1) throw bad();
  // date-fns counts in the server's zone: noon of the same calendar date there keeps the
  // arithmetic on calendar dates (noon exists on every daylight-saving change day).
  const local = new Date(0);
  local.setFullYear(y, m - 1, d);
  local.setHours(12, 0, 0, 0);
  return formatISO(addBusinessDays(local, RETROSPECTIVE_BUSINESS_DAYS), { representation: "date" });
}

export type CountersignSlot = "technical_owner" | "compliance_security";
/** The two countersignature slots, labelled (seed 000: "one technical owner and one compliance/security approver"). */
export const SLOT_LABELS: Record<CountersignSlot, string> = { technical_owner: "Technical owner", compliance_security: "Compliance / security approver" };

/**
 * Why this user may not countersign this slot of a break-glass request; empty when they may. All
 * that apply, in this order:
 * - UNKNOWN_SLOT (alone): the slot is neither technical_owner nor compliance_security.
 * - NOT_AUTHORIZED: needs the approver or security role (seed 000 "Two independent authorized signers").
 * - OWN_REQUEST: the requester never countersigns their own request (DESIGN.md "Invariants").
 * - SAME_PERSON_BOTH_SLOTS: the signer already holds the other slot ("two independent" signers).
 * - SLOT_TAKEN: this slot is already signed (by anyone, the signer included).
 * Pure; throws nothing.
 */
export function countersignRefusals(input: { requesterId: number; signerId: number; signerRoles: string[]; slot: CountersignSlot; existing: { signerId: number; slot: string }[] }): Reason[] {
  if (!Object.hasOwn(SLOT_LABELS, input.slot)) return [{ code: "UNKNOWN_SLOT", message: `There is no countersignature slot "${String(input.slot)}".` }];
  const out: Reason[] = [];
  if (!input.signerRoles.some((r) => r === "approver" || r === "security")) out.push({ code: "NOT_AUTHORIZED", message: "Countersigning a break-glass exception needs the approver or security role." });
  if (input.signerId === input.requesterId) out.push({ code: "OWN_REQUEST", message: "You requested this exception, so you cannot countersign it." });
  if (input.existing.some((e) => e.signerId === input.signerId && e.slot !== input.slot)) {
    out.push({ code: "SAME_PERSON_BOTH_SLOTS", message: "You have already countersigned the other slot: the second signature must come from a different person." });
  }
  const holder = input.existing.find((e) => e.slot === input.slot);
  if (holder) {
    const label = SLOT_LABELS[input.slot].toLowerCase();
    out.push({ code: "SLOT_TAKEN", message: holder.signerId === input.signerId ? `You have already signed the ${label} slot.` : `The ${label} slot is already signed by someone else.` });
  }
  return out;
}

/**
 * A warning when the countersigners are not the recommended pair (seed 000: "Recommended: one
 * technical owner and one compliance/security approver"): the compliance_security signer should
 * hold `security`, the technical_owner signer `operator` or `approver`. Each signer present is
 * checked; a slot not yet signed adds no warning (ours: the request then still awaits it, which
 * breakGlassState reports). Null when every signer present fits their slot; otherwise one sentence
 * naming each misfit. Advisory only: it never blocks (the seed says "Recommended").
 */
export function pairWarning(signers: { slot: CountersignSlot; roles: string[] }[]): string | null {
  const problems: string[] = [];
  for (const s of signers) {
    if (s.slot === "compliance_security" && !s.roles.includes("security")) problems.push("the compliance/security signer does not hold the security role");
    if (s.slot === "technical_owner" && !s.roles.some((r) => r === "operator" || r === "approver")) problems.push("the technical owner holds neither the operator nor the approver role");
  }
  return problems.length > 0 ? `Not the recommended pair (one technical owner plus one compliance/security approver): ${problems.join("; ")}.` : null;
}

export type BreakGlassState = "not_allowed" | "awaiting_countersign" | "escalated_to_cto" | "granted";

/**
 * Where a break-glass request stands (seed 000 "Break-Glass Escalation"), first match wins:
 * `not_allowed` when breakGlassAllowed did not hold when it was requested; `granted` (gate
 * EXCEPTION) with 2 or more countersignatures; `escalated_to_cto` when only one signer could be
 * found ("If only one signer available: document exception and escalate to CTO"; the gate stays
 * BLOCKED); otherwise `awaiting_countersign`. `signatures` is a count; anything but a number ≥ 2
 * never grants (fail closed). Pure; throws nothing.
 */
export function breakGlassState(input: { allowedAtRequest: boolean; signatures: number; singleSignerDeclared: boolean }): BreakGlassState {
  if (input.allowedAtRequest !== true) return "not_allowed";
  if (input.signatures >= 2) return "granted";
  if (input.singleSignerDeclared === true) return "escalated_to_cto";
  return "awaiting_countersign";
}
