import "server-only";
import { eq } from "drizzle-orm";
import type { ReviewInput } from "@/lib/review-input";
import { AppError } from "@/lib/server/errors";
import { appendEvent } from "../events";
import type { Db } from "../handle";

/**
 * Saves a reviewer's finding on one sampled unit: appends it to the review history, makes it the
 * unit's current review, and logs `review.saved`, all in one transaction.
 * @throws AppError not_found when the sampled unit does not exist.
 */
export async function saveReview(db: Db, { review, actorId }: { review: ReviewInput; actorId: number }): Promise<void> {
  await db.transaction(async (tx) => {
    const { reviewHistory, sampleUnits } = tx.tables;
    const [su] = await tx.select({ id: sampleUnits.id, auditId: sampleUnits.auditId }).from(sampleUnits).where(eq(sampleUnits.id, review.sampleUnitId));
    if (!su) throw new AppError("not_found", "Sampled unit not found.");
    const values = {
      finding: review.finding,
      criticalKind: review.criticalKind,
      falsePositive: review.falsePositive,
      remediationOwner: review.remediationOwner,
      note: review.note,
    };
    await tx.insert(reviewHistory).values({ sampleUnitId: su.id, reviewedBy: actorId, ...values });
    await tx.update(sampleUnits).set({ ...values, reviewedBy: actorId, reviewedAt: new Date() }).where(eq(sampleUnits.id, su.id));
    await appendEvent(tx, { auditId: su.auditId, actorId, type: "review.saved", payload: { sampleUnitId: su.id, ...values } });
  });
}
