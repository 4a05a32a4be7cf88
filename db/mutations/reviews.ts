import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { ReviewInput } from "@/lib/review-input";
import { primarySaveRefusal } from "@/lib/adjudication";
import { staleReviewMessage } from "@/lib/review-view";
import { remediationDueAt } from "@/lib/signoff/remediation";
import { AppError } from "@/lib/server/errors";
import { appendEvent } from "../events";
import type { Db, Tx } from "../handle";
import { lockAudit } from "./lock";

/**
 * Saves a reviewer's (primary) finding on one sampled unit: appends it to the review history
 * (round 'primary'), makes it the unit's current review, bumps the unit's review `revision`, and
 * logs `review.saved`, all in one transaction. A FAIL gets a remediation due time by the default
 * SLA for its severity (lib/signoff/remediation.ts) unless it already has one; any other finding
 * clears it. Refused once the audit is closed (read-only).
 *
 * Optimistic concurrency (issue 11, "Reviewing without mistakes"): `expectedRevision` is the
 * unit's `revision` when the reviewer's page was loaded. When the stored revision differs,
 * someone saved in between: the save is refused, naming who saved and when, and nothing is
 * written. The update itself is conditional (`WHERE revision = expected`), so of two saves from
 * the same loaded revision exactly one lands, on either engine. Without `expectedRevision`
 * (scripts, tests) the save applies to whatever revision is stored.
 * @returns the unit's new revision.
 * @throws AppError not_found when the sampled unit does not exist; conflict when the audit is
 *   closed or the review changed since `expectedRevision`.
 */
export async function saveReview(db: Db, { review, actorId, expectedRevision }: { review: ReviewInput; actorId: number; expectedRevision?: number }): Promise<{ revision: number }> {
  return db.transaction(async (tx) => {
    const { reviewHistory, sampleUnits } = tx.tables;
    const [found] = await tx.select({ auditId: sampleUnits.auditId }).from(sampleUnits).where(eq(sampleUnits.id, review.sampleUnitId));
    if (!found) throw new AppError("not_found", "Sampled unit not found.");
    // Serialized with closeout and the audit's other state changes.
    const audit = await lockAudit(tx, found.auditId);
    if (audit.closedAt) throw new AppError("conflict", "The audit is closed and read-only: reviews can no longer change.");
    const su = await currentReview(tx, review.sampleUnitId);
    if (expectedRevision !== undefined && su.revision !== expectedRevision) throw new AppError("conflict", staleReviewMessage(su));
    const refusal = primarySaveRefusal(su, actorId);
    if (refusal) throw new AppError("conflict", refusal);
    const now = new Date();
    const dueAt = review.finding !== "FAIL" ? null : su.finding === "FAIL" && su.dueAt ? su.dueAt : remediationDueAt(now, review.criticalKind ? "critical" : "standard");
    const values = {
      finding: review.finding,
      criticalKind: review.criticalKind,
      falsePositive: review.falsePositive,
      remediationOwner: review.remediationOwner,
      note: review.note,
    };
    const [updated] = await tx
      .update(sampleUnits)
      .set({ ...values, reviewedBy: actorId, reviewedAt: now, remediationDueAt: dueAt, revision: sql`${sampleUnits.revision} + 1` })
      .where(and(eq(sampleUnits.id, su.id), eq(sampleUnits.revision, su.revision)))
      .returning({ revision: sampleUnits.revision });
    // Only reachable if a writer bypassed the audit lock: refuse rather than overwrite.
    if (!updated) throw new AppError("conflict", staleReviewMessage(await currentReview(tx, su.id)));
    await tx.insert(reviewHistory).values({ sampleUnitId: su.id, reviewedBy: actorId, round: "primary", ...values });
    await appendEvent(tx, { auditId: su.auditId, actorId, type: "review.saved", payload: { sampleUnitId: su.id, ...values } });
    return { revision: updated.revision };
  });
}

/** The unit's current review with its revision and reviewer's name (read inside the transaction). */
async function currentReview(tx: Tx, sampleUnitId: number) {
  const { sampleUnits, users } = tx.tables;
  const [row] = await tx
    .select({
      id: sampleUnits.id,
      auditId: sampleUnits.auditId,
      finding: sampleUnits.finding,
      dueAt: sampleUnits.remediationDueAt,
      revision: sampleUnits.revision,
      reviewerId: sampleUnits.reviewedBy,
      reviewerName: users.name,
      reviewedAt: sampleUnits.reviewedAt,
      secondReviewedBy: sampleUnits.secondReviewedBy,
      adjudicatedAt: sampleUnits.adjudicatedAt,
    })
    .from(sampleUnits)
    .leftJoin(users, eq(users.id, sampleUnits.reviewedBy))
    .where(eq(sampleUnits.id, sampleUnitId));
  if (!row) throw new AppError("not_found", "Sampled unit not found.");
  return row;
}
