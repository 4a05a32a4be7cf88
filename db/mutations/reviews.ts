import "server-only";
import { eq } from "drizzle-orm";
import type { ReviewInput } from "@/lib/review-input";
import { remediationDueAt } from "@/lib/signoff/remediation";
import { AppError } from "@/lib/server/errors";
import { appendEvent } from "../events";
import type { Db } from "../handle";
import { lockAudit } from "./lock";

/**
 * Saves a reviewer's finding on one sampled unit: appends it to the review history, makes it the
 * unit's current review, and logs `review.saved`, all in one transaction. A FAIL gets a
 * remediation due time by the default SLA for its severity (lib/signoff/remediation.ts) unless it
 * already has one; any other finding clears it. Refused once the audit is closed (read-only).
 * @throws AppError not_found when the sampled unit does not exist; conflict when the audit is closed.
 */
export async function saveReview(db: Db, { review, actorId }: { review: ReviewInput; actorId: number }): Promise<void> {
  await db.transaction(async (tx) => {
    const { reviewHistory, sampleUnits } = tx.tables;
    const [su] = await tx
      .select({ id: sampleUnits.id, auditId: sampleUnits.auditId, finding: sampleUnits.finding, dueAt: sampleUnits.remediationDueAt })
      .from(sampleUnits)
      .where(eq(sampleUnits.id, review.sampleUnitId));
    if (!su) throw new AppError("not_found", "Sampled unit not found.");
    // Serialized with closeout and the audit's other state changes.
    const audit = await lockAudit(tx, su.auditId);
    if (audit.closedAt) throw new AppError("conflict", "The audit is closed and read-only: reviews can no longer change.");
    const now = new Date();
    const dueAt = review.finding !== "FAIL" ? null : su.finding === "FAIL" && su.dueAt ? su.dueAt : remediationDueAt(now, review.criticalKind ? "critical" : "standard");
    const values = {
      finding: review.finding,
      criticalKind: review.criticalKind,
      falsePositive: review.falsePositive,
      remediationOwner: review.remediationOwner,
      note: review.note,
    };
    await tx.insert(reviewHistory).values({ sampleUnitId: su.id, reviewedBy: actorId, ...values });
    await tx.update(sampleUnits).set({ ...values, reviewedBy: actorId, reviewedAt: now, remediationDueAt: dueAt }).where(eq(sampleUnits.id, su.id));
    await appendEvent(tx, { auditId: su.auditId, actorId, type: "review.saved", payload: { sampleUnitId: su.id, ...values } });
  });
}
