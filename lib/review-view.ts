/**
 * What the review page tells a reviewer about the unit's existing review (issue 11, "Reviewing
 * without mistakes": a second reviewer's form must not silently overwrite the first review, and a
 * save made after someone else's is refused with who saved it and when).
 */
import { formatUtcMinute } from "./format-time";

type Finding = "PASS" | "FAIL" | "UNKNOWN";

/** The unit's current (primary) review as stored: who saved it, when (UTC) and what. */
export type CurrentReview = { finding: Finding | null; reviewerId: number | null; reviewerName: string | null; reviewedAt: Date | null };

/**
 * How the unit's current review relates to the viewer:
 * - `none`: not reviewed yet, the form starts empty;
 * - `own`: the viewer's own review, the form starts from it (editing it);
 * - `other`: someone else's; the page labels it ("Reviewed by X at …: FAIL") and the form starts
 *   empty, saying that saving replaces it (their review stays in the history).
 */
export type PriorReview = { kind: "none" } | { kind: "own"; label: string } | { kind: "other"; label: string; reviewerName: string };

/**
 * Labels the current review for the viewer (see `PriorReview`). `label` reads
 * `Reviewed by Ann at 2026-11-30 09:15 UTC: FAIL` (time in UTC, to the minute), or
 * `Reviewed by you at …` for the viewer's own.
 */
export function priorReview(current: CurrentReview, viewerId: number): PriorReview {
  if (current.finding === null) return { kind: "none" };
  if (current.reviewerId !== null && current.reviewerId === viewerId) return { kind: "own", label: reviewedLabel({ ...current, reviewerName: "you" }) };
  return { kind: "other", label: reviewedLabel(current), reviewerName: current.reviewerName ?? "another reviewer" };
}

/** `Reviewed by X at <UTC minute>: FINDING`, with "someone" / no time when unknown. */
export function reviewedLabel(current: CurrentReview): string {
  const at = current.reviewedAt ? ` at ${formatUtcMinute(current.reviewedAt)}` : "";
  return `Reviewed by ${current.reviewerName ?? "someone"}${at}: ${current.finding ?? "not reviewed"}`;
}

/**
 * The refusal of a stale save: the unit's review changed since the page was loaded. Names who
 * saved it, when (UTC) and their finding, and what to do.
 */
export function staleReviewMessage(current: CurrentReview): string {
  if (current.finding === null) return "This unit's review changed after you opened it. Your review was not saved: reload to see the current state.";
  const at = current.reviewedAt ? ` at ${formatUtcMinute(current.reviewedAt)}` : "";
  return `${current.reviewerName ?? "Someone"} saved a review of this unit${at} (${current.finding}) after you opened it. Your review was not saved: reload to see their review.`;
}

/**
 * Whether the primary review page must hide the first review from this viewer: a blind second
 * review is requested on the unit and not yet given, and the viewer is neither its primary
 * reviewer nor an operator (issue 11, "Double review and agreement": the second reviewer does not
 * see the first finding). An adjudicated unit is no longer blind.
 */
export function firstReviewHidden(
  su: { secondReviewRequested: boolean; secondFinding: string | null; reviewedBy: number | null; adjudicatedAt: Date | null },
  viewer: { id: number; roles: readonly string[] },
): boolean {
  if (!su.secondReviewRequested || su.secondFinding !== null || su.adjudicatedAt !== null) return false;
  if (su.reviewedBy === null || su.reviewedBy === viewer.id) return false;
  return !viewer.roles.includes("operator");
}
