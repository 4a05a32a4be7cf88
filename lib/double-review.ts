/**
 * Blind second reviews (issue 11, "Double review and agreement"): which sampled units get one,
 * and who may record it. Pure rules; db/mutations/double-review.ts applies them.
 */
import { createHash } from "node:crypto";

type Stratum = "census" | "random" | "supplementary";

/** A sampled unit as the second-review pick sees it. */
export type PickableUnit = { id: number; stratum: Stratum };

/**
 * Deterministic rank of a sampled unit for the second-review pick: the first 48 bits of
 * SHA-256("<sample seed>:second-review:<sample unit id>") as an integer. Same seed and id → same rank.
 */
export function secondReviewRank(sampleSeed: string, sampleUnitId: number): number {
  return parseInt(createHash("sha256").update(`${sampleSeed}:second-review:${sampleUnitId}`).digest("hex").slice(0, 12), 16);
}

/**
 * The units to get a blind second review: among the units of the chosen strata (all strata when
 * `strata` is empty), the ⌈fraction × count⌉ with the smallest `secondReviewRank` (ties by id).
 * Reproducible from the sample's seed, and nested: a larger fraction picks a superset of a smaller one.
 * @param fraction 0 < fraction ≤ 1 (not percent).
 * @returns sample unit ids, ascending.
 * @throws RangeError when `fraction` is not in (0, 1].
 */
export function pickForSecondReview(units: readonly PickableUnit[], { fraction, strata, seed }: { fraction: number; strata: readonly Stratum[]; seed: string }): number[] {
  if (!(fraction > 0 && fraction <= 1)) throw new RangeError(`fraction must be in (0, 1], got ${fraction}`);
  const pool = units.filter((u) => strata.length === 0 || strata.includes(u.stratum));
  const size = Math.ceil(fraction * pool.length - 1e-9);
  return pool
    .map((u) => ({ id: u.id, rank: secondReviewRank(seed, u.id) }))
    .sort((a, b) => a.rank - b.rank || a.id - b.id)
    .slice(0, size)
    .map((u) => u.id)
    .sort((a, b) => a - b);
}

/** What the second-review rule needs to know about a unit. */
export type SecondReviewTarget = {
  secondReviewRequested: boolean;
  /** The current (primary) finding; null: not reviewed yet. */
  finding: string | null;
  secondFinding: string | null;
  assignedTo: number | null;
  /** Everyone who recorded a primary review of the unit (review_history round 'primary'). */
  primaryReviewers: readonly number[];
};

/**
 * Whether `userId` may record the blind second review of a unit, and if not, why (a sentence for
 * the page). Rules (issue 11): a second review must have been requested; the primary review comes
 * first (so "the other reviewer" is known); the second reviewer is not a primary reviewer of the
 * unit nor its assignee; a unit gets one second review.
 */
export function secondReviewRefusal(unit: SecondReviewTarget, userId: number): string | null {
  if (!unit.secondReviewRequested) return "No second review was requested for this unit.";
  if (unit.secondFinding !== null) return "This unit already has its second review.";
  if (unit.finding === null) return "The first review of this unit is not done yet: the second review follows it.";
  if (unit.primaryReviewers.includes(userId) || unit.assignedTo === userId) return "You reviewed (or are assigned) this unit: its second review must come from another reviewer.";
  return null;
}
