/**
 * Assigning sampled units to reviewers (issue 11, "Queues and assignment"): the operator splits
 * the sample evenly, by subgroup, or by hand, and reassigns; a unit without an assignee stays
 * reviewable by any reviewer. Pure planning: the database layer (db/mutations/assignment.ts)
 * validates reviewers, applies a plan and logs it.
 */

/** A sampled unit as assignment sees it. */
export type AssignableUnit = {
  /** sample_units.id */
  id: number;
  /** 0-based review order (sample_units.position). */
  position: number;
  subgroup: string | null;
};

/** One unit's new assignee; `reviewerId` null: unassigned (any reviewer may review it). */
export type Assignment = { sampleUnitId: number; reviewerId: number | null };

function checkReviewers(reviewerIds: readonly number[]): void {
  if (reviewerIds.length === 0) throw new RangeError("choose at least one reviewer");
  if (new Set(reviewerIds).size !== reviewerIds.length) throw new RangeError("each reviewer may be chosen only once");
}

const byPosition = (a: AssignableUnit, b: AssignableUnit) => a.position - b.position;

/**
 * Even split: round-robin over the units in review order (position), so counts differ by at most
 * one and each reviewer's units are spread through the sample.
 * @param reviewerIds in the order they take turns (the first gets the first unit).
 * @throws RangeError when no reviewer is given or one is given twice.
 */
export function splitEvenly(units: readonly AssignableUnit[], reviewerIds: readonly number[]): Assignment[] {
  checkReviewers(reviewerIds);
  return [...units].sort(byPosition).map((u, i) => ({ sampleUnitId: u.id, reviewerId: reviewerIds[i % reviewerIds.length] }));
}

/** Label under which units without a subgroup are grouped. */
export const NO_SUBGROUP = "(no subgroup)";

/**
 * Split by subgroup: every subgroup's units go to one reviewer (units without a subgroup form one
 * group), balancing counts greedily: groups from largest to smallest (ties by name), each to the
 * reviewer with the fewest units so far (ties: earliest in `reviewerIds`). Deterministic.
 * @throws RangeError when no reviewer is given or one is given twice.
 */
export function splitBySubgroup(units: readonly AssignableUnit[], reviewerIds: readonly number[]): Assignment[] {
  checkReviewers(reviewerIds);
  const groups = new Map<string, AssignableUnit[]>();
  for (const u of [...units].sort(byPosition)) {
    const key = u.subgroup ?? NO_SUBGROUP;
    groups.set(key, [...(groups.get(key) ?? []), u]);
  }
  const ordered = [...groups.entries()].sort(([a, ua], [b, ub]) => ub.length - ua.length || (a < b ? -1 : a > b ? 1 : 0));
  const load = reviewerIds.map(() => 0);
  const out: Assignment[] = [];
  for (const [, members] of ordered) {
    const least = load.indexOf(Math.min(...load));
    load[least] += members.length;
    for (const u of members) out.push({ sampleUnitId: u.id, reviewerId: reviewerIds[least] });
  }
  return out;
}

/**
 * By hand: the chosen units to one reviewer (or to nobody: `reviewerId` null).
 * @param sampleUnitIds the units chosen; each must be one of `units`.
 * @throws RangeError naming the first id that is not in the sample, or when none is chosen.
 */
export function assignByHand(units: readonly AssignableUnit[], sampleUnitIds: readonly number[], reviewerId: number | null): Assignment[] {
  if (sampleUnitIds.length === 0) throw new RangeError("choose at least one unit");
  const known = new Set(units.map((u) => u.id));
  const unknown = sampleUnitIds.find((id) => !known.has(id));
  if (unknown !== undefined) throw new RangeError(`unit ${unknown} is not in this audit's sample`);
  return [...new Set(sampleUnitIds)].map((sampleUnitId) => ({ sampleUnitId, reviewerId }));
}

/**
 * Reassign: every unit currently assigned to `from` that is not reviewed yet goes to `to` (or to
 * nobody); reviewed units keep their assignee, so progress stays attributed.
 * @throws RangeError when `from` and `to` are the same reviewer.
 */
export function reassign(units: readonly (AssignableUnit & { assignedTo: number | null; reviewed: boolean })[], from: number, to: number | null): Assignment[] {
  if (from === to) throw new RangeError("reassign to another reviewer than the current one");
  return [...units]
    .sort(byPosition)
    .filter((u) => u.assignedTo === from && !u.reviewed)
    .map((u) => ({ sampleUnitId: u.id, reviewerId: to }));
}

/** Per-reviewer progress: units assigned, and of those, reviewed. */
export type ReviewerProgress = { reviewerId: number; assigned: number; reviewed: number };

/**
 * Progress per assignee, in ascending reviewer id, plus the unassigned units. A unit counts as
 * reviewed when it has a current finding, whoever recorded it.
 */
export function reviewerProgress(units: readonly { assignedTo: number | null; reviewed: boolean }[]): { byReviewer: ReviewerProgress[]; unassigned: { total: number; reviewed: number } } {
  const by = new Map<number, ReviewerProgress>();
  const unassigned = { total: 0, reviewed: 0 };
  for (const u of units) {
    if (u.assignedTo === null) {
      unassigned.total++;
      if (u.reviewed) unassigned.reviewed++;
      continue;
    }
    const p = by.get(u.assignedTo) ?? { reviewerId: u.assignedTo, assigned: 0, reviewed: 0 };
    p.assigned++;
    if (u.reviewed) p.reviewed++;
    by.set(u.assignedTo, p);
  }
  return { byReviewer: [...by.values()].sort((a, b) => a.reviewerId - b.reviewerId), unassigned };
}

/**
 * Whether `userId` may record the primary review of a unit: when it is unassigned, any reviewer;
 * otherwise its assignee. (Issue 11: "Unassigned units stay reviewable by any reviewer".)
 */
export function mayReviewAssigned(assignedTo: number | null, userId: number): boolean {
  return assignedTo === null || assignedTo === userId;
}

/** How many units each reviewer gets in a plan (reviewer id → count; unassigned under "none"), for the event log. */
export function countByReviewer(plan: readonly Assignment[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const a of plan) {
    const key = a.reviewerId === null ? "none" : String(a.reviewerId);
    out[key] = (out[key] ?? 0) + 1;
  }
  return out;
}
