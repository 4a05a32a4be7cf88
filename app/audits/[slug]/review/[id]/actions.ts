"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db/client";
import { saveReview } from "@/db/mutations/reviews";
import { getReviewNeighbours, getReviewTarget } from "@/db/queries/manifest";
import { checkReviewAgainstUnit, reviewSchema, revisionField } from "@/lib/review-input";
import { authorizedAction } from "@/lib/server/action";
import { AppError } from "@/lib/server/errors";

const schema = reviewSchema.and(revisionField).and(z.object({ slug: z.string().min(1).max(200) }));

/**
 * Saves a review (reviewer) and moves on: to the next unreviewed unit of the reviewer's queue
 * after this one, else the first one of the queue, else the audit overview. With next=stay it
 * stays on the unit. The form's `revision` is the unit's review revision when the page was
 * loaded: a save after someone else's is refused with who saved and when (issue 11), nothing saved.
 */
export const saveReviewAction = authorizedAction("reviewer", schema, async ({ revision, slug, ...review }, user) => {
  const db = getDb();
  const row = await getReviewTarget(db, { slug, sampleUnitId: review.sampleUnitId });
  if (!row) throw new AppError("not_found", "This unit is not in the audit's sample.");
  const errors = checkReviewAgainstUnit(review, row.executionStatus);
  if (Object.keys(errors).length > 0) return { ok: false, message: "Fix the highlighted fields.", errors };
  let saved: { revision: number };
  try {
    saved = await saveReview(db, { review, actorId: user.id, expectedRevision: revision });
  } catch (e) {
    if (!(e instanceof AppError && e.code === "conflict")) throw e;
    // The form keeps what was typed and offers a reload; `revision` ties this result to the page state it answers.
    const values = { ...review, criticalKind: review.criticalKind ?? "", remediationOwner: review.remediationOwner ?? "", note: review.note ?? "", falsePositive: review.falsePositive ? "on" : "" };
    return { ok: false, message: e.message, values, data: { stale: true, revision } };
  }
  revalidatePath("/");
  revalidatePath(`/audits/${slug}`, "layout");
  if (review.next === "stay") return { ok: true, message: "Review saved.", data: { revision: saved.revision } };
  const neighbours = await getReviewNeighbours(db, { auditId: row.auditId, position: row.position, reviewerId: user.id });
  const next = neighbours.nextUnreviewed ?? neighbours.firstUnreviewed;
  redirect(next ? `/audits/${slug}/review/${next}` : `/audits/${slug}?reviewed=all`);
});
