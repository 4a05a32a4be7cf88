/**
 * Two-person approval of a destructive remediation (seed 000 "Destructive Mutation Clearance":
 * "Two-person manual approval with immutable audit evidence"): two distinct users, each holding
 * the security or approver role.
 */
import type { Reason } from "../verdict";

const AUTHORIZED = ["security", "approver"];
const authorized = (roles: readonly string[]) => roles.some((r) => AUTHORIZED.includes(r));

/** True when two distinct authorized users have approved. */
export function twoPersonCleared(approvals: readonly { userId: number; roles: readonly string[] }[]): boolean {
  return new Set(approvals.filter((a) => authorized(a.roles)).map((a) => a.userId)).size >= 2;
}

/** Why this user may not add an approval (NOT_AUTHORIZED, ALREADY_APPROVED), or null. */
export function twoPersonRefusal(userId: number, roles: readonly string[], existing: readonly { userId: number }[]): Reason | null {
  if (!authorized(roles)) return { code: "NOT_AUTHORIZED", message: "Approving a destructive remediation needs the security or approver role." };
  if (existing.some((e) => e.userId === userId)) return { code: "ALREADY_APPROVED", message: "You have already approved; a second, different person must approve." };
  return null;
}
