/**
 * Adjudication of double-review disagreements (issue 11): when the first and the blind second
 * finding differ, the unit waits in the adjudication queue; an operator or a third reviewer,
 * never one of the two, decides, and only the adjudicated finding enters the verdict.
 */
import type { Role } from "./roles";

type Finding = "PASS" | "FAIL" | "UNKNOWN";

/** The double-review state of a sampled unit. */
export type DoubleReviewState = {
  /** The current (primary) finding; null: not reviewed. */
  finding: Finding | null;
  secondFinding: Finding | null;
  adjudicatedAt: Date | null;
};

/**
 * True when the unit is an open disagreement: both reviews exist, their findings differ, and no
 * adjudication has been recorded. (After adjudication the current finding is the adjudicated one.)
 */
export function isOpenDisagreement(u: DoubleReviewState): boolean {
  return u.finding !== null && u.secondFinding !== null && u.finding !== u.secondFinding && u.adjudicatedAt === null;
}

/** Who took part in a unit's double review. */
export type DoubleReviewers = {
  /** Everyone who recorded a primary review of the unit (review_history round 'primary'). */
  primaryReviewers: readonly number[];
  secondReviewer: number | null;
};

/**
 * Why `userId`, holding `roles` in the audit's project, may not adjudicate the unit, or null when
 * they may. Rule (issue 11): an operator or a reviewer, never the first or the second reviewer.
 */
export function adjudicationRefusal(reviewers: DoubleReviewers, userId: number, roles: readonly Role[]): string | null {
  if (!roles.includes("operator") && !roles.includes("reviewer")) return "Adjudication needs the operator or reviewer role.";
  if (reviewers.primaryReviewers.includes(userId) || reviewers.secondReviewer === userId) return "You reviewed this unit: a disagreement is adjudicated by someone other than its two reviewers.";
  return null;
}

/** The verdict reason while disagreements are open (code DISAGREEMENTS_OPEN), e.g. "2 double-review disagreements await adjudication." */
export function disagreementMessage(count: number): string {
  return `${count} double-review ${count === 1 ? "disagreement awaits" : "disagreements await"} adjudication.`;
}

/**
 * Why a primary review save is refused on a unit under double review (issue 11), or null:
 * an adjudicated finding is final (a later primary save would silently replace the decision),
 * and the blind second reviewer cannot also give the first review of the same unit.
 */
export function primarySaveRefusal(unit: { secondReviewedBy: number | null; adjudicatedAt: Date | null }, userId: number): string | null {
  if (unit.adjudicatedAt) return "This unit's double-review disagreement was adjudicated: its finding is final and no longer changes here.";
  if (unit.secondReviewedBy === userId) return "You gave this unit's blind second review: its first review must come from someone else.";
  return null;
}
