import "server-only";
import { eq, inArray } from "drizzle-orm";
import { type Assignment, assignByHand, countByReviewer, reassign, splitBySubgroup, splitEvenly } from "@/lib/assignment";
import { AppError } from "@/lib/server/errors";
import { appendEvent } from "../events";
import type { Db, Tx } from "../handle";
import { listProjectReviewers } from "../queries/team";
import { lockAudit } from "./lock";

/**
 * What the operator asks for (issue 11, "Queues and assignment"):
 * - even: the units not reviewed yet, round-robin over `reviewerIds` (lib/assignment.ts splitEvenly);
 * - subgroup: the units not reviewed yet, each subgroup to one reviewer (splitBySubgroup);
 * - hand: the chosen units to one reviewer, or to nobody (`reviewerId` null);
 * - reassign: every open unit of `from` to `to` (or to nobody).
 */
export type AssignmentRequest =
  | { mode: "even"; reviewerIds: number[] }
  | { mode: "subgroup"; reviewerIds: number[] }
  | { mode: "hand"; sampleUnitIds: number[]; reviewerId: number | null }
  | { mode: "reassign"; from: number; to: number | null };

/** Sets `assigned_to` of the planned units, in chunks (a statement's parameter count is bounded). */
async function applyPlan(tx: Tx, plan: readonly Assignment[]): Promise<void> {
  const { sampleUnits } = tx.tables;
  const byReviewer = new Map<number | null, number[]>();
  for (const a of plan) byReviewer.set(a.reviewerId, [...(byReviewer.get(a.reviewerId) ?? []), a.sampleUnitId]);
  for (const [reviewerId, ids] of byReviewer) {
    for (let i = 0; i < ids.length; i += 500) await tx.update(sampleUnits).set({ assignedTo: reviewerId }).where(inArray(sampleUnits.id, ids.slice(i, i + 500)));
  }
}

/**
 * Changes which reviewer each sampled unit of an audit is assigned to, and logs
 * `assignment.changed`, in one transaction serialized with the audit's other changes. Every
 * named reviewer must be an active reviewer of the audit's project (the `from` of a reassign need
 * not be any more). Unassigned units stay reviewable by any reviewer.
 * @returns how many units the plan touched and how many went to each reviewer (id or "none").
 * @throws AppError conflict when the audit is closed or has no sample; invalid (message names the
 *   reviewer or unit) when a reviewer is not a reviewer of the project, a unit is not in the
 *   sample, no reviewer is chosen, or there is nothing to assign.
 */
export async function changeAssignment(db: Db, { auditId, request, actorId }: { auditId: number; request: AssignmentRequest; actorId: number }): Promise<{ units: number; byReviewer: Record<string, number> }> {
  return db.transaction(async (tx) => {
    const audit = await lockAudit(tx, auditId);
    if (audit.closedAt) throw new AppError("conflict", "The audit is closed and read-only: assignments can no longer change.");
    const { sampleUnits, units } = tx.tables;
    const rows = await tx
      .select({ id: sampleUnits.id, position: sampleUnits.position, subgroup: units.subgroup, assignedTo: sampleUnits.assignedTo, finding: sampleUnits.finding })
      .from(sampleUnits)
      .innerJoin(units, eq(units.id, sampleUnits.unitId))
      .where(eq(sampleUnits.auditId, auditId));
    if (rows.length === 0) throw new AppError("conflict", "No sample has been drawn: there is nothing to assign yet.");

    const reviewers = new Map((await listProjectReviewers(tx, { projectName: audit.projectName })).map((r) => [r.id, r]));
    const named = request.mode === "hand" ? [request.reviewerId] : request.mode === "reassign" ? [request.to] : request.reviewerIds;
    for (const id of named) {
      if (id !== null && !reviewers.has(id)) throw new AppError("invalid", `User #${id} is not an active reviewer in project ${audit.projectName}.`);
    }
    const open = rows.filter((r) => r.finding === null);
    let plan: Assignment[];
    try {
      if (request.mode === "even" || request.mode === "subgroup") {
        if (open.length === 0) throw new AppError("invalid", "Every sampled unit is reviewed: there is nothing left to assign.");
        plan = request.mode === "even" ? splitEvenly(open, request.reviewerIds) : splitBySubgroup(open, request.reviewerIds);
      } else if (request.mode === "hand") {
        plan = assignByHand(rows, request.sampleUnitIds, request.reviewerId);
      } else {
        plan = reassign(
          rows.map((r) => ({ ...r, reviewed: r.finding !== null })),
          request.from,
          request.to,
        );
        if (plan.length === 0) throw new AppError("invalid", "That reviewer has no open units to reassign.");
      }
    } catch (e) {
      if (e instanceof RangeError) throw new AppError("invalid", e.message.charAt(0).toUpperCase() + e.message.slice(1) + ".");
      throw e;
    }
    await applyPlan(tx, plan);
    const byReviewer = countByReviewer(plan);
    await appendEvent(tx, { auditId, actorId, type: "assignment.changed", payload: { mode: request.mode, units: plan.length, byReviewer } });
    return { units: plan.length, byReviewer };
  });
}
