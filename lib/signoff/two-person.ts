/**
 * Two-person approval of a destructive remediation (seed 000 "Destructive Mutation Clearance":
 * "Two-person manual approval with immutable audit evidence", the alternative to a signed waiver).
 * Which roles count is ours: the seed routes clearance "to @security", and an approver is the
 * other role trusted to sign for an audit, so each person must hold `security` or `approver`.
 */
import type { Reason } from "../verdict";

/** Roles that may give one of the two approvals. */
export const TWO_PERSON_ROLES: readonly string[] = ["security", "approver"];

const authorized = (roles: readonly string[]) => roles.some((r) => TWO_PERSON_ROLES.includes(r));

/**
 * True when at least two DISTINCT users (by userId), each holding `security` or `approver`, have
 * approved; repeated rows of one user count once, and approvals by users without those roles do
 * not count. Pure; throws nothing.
 */
export function twoPersonCleared(approvals: readonly { userId: number; roles: readonly string[] }[]): boolean {
  return new Set(approvals.filter((a) => authorized(a.roles)).map((a) => a.userId)).size >= 2;
}

/**
 * Why this user may not add an approval, or null when they may:
 * NOT_AUTHORIZED (holds neither `security` nor `approver`), else ALREADY_APPROVED (an approval by
 * this user exists: the second must come from someone else). Pure; throws nothing.
 */
export function twoPersonRefusal(approverId: number, approverRoles: readonly string[], existing: readonly { userId: number }[]): Reason | null {
  if (!authorized(approverRoles)) return { code: "NOT_AUTHORIZED", message: "Approving a destructive remediation needs the security or approver role." };
  if (existing.some((e) => e.userId === approverId)) return { code: "ALREADY_APPROVED", message: "You have already approved; the second approval must come from a different person." };
  return null;
}
