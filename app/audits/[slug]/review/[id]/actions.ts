"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db/client";
import { saveReview } from "@/db/mutations/reviews";
import { getReviewNeighbours, getReviewTarget } from "@/db/queries/manifest";
import { checkReviewAgainstUnit, reviewSchema } from "@/lib/review-input";
import { authorizedAction } from "@/lib/server/action";
import { AppError } from "@/lib/server/errors";

const schema = reviewSchema.and(z.object({ slug: z.string().min(1).max(200) }));

/**
 * Saves a review (reviewer) and moves on: to the next unreviewed unit after this one, else the
 * first unreviewed one, else the audit overview. With next=stay it stays on the unit.
 */
export const saveReviewAction = authorizedAction("reviewer", schema, async (data, user) => {
  const db = getDb();
  const row = await getReviewTarget(db, { slug: data.slug, sampleUnitId: data.sampleUnitId });
  if (!row) throw new AppError("not_found", "This unit is not in the audit's sample.");
  const errors = checkReviewAgainstUnit(data, row.executionStatus);
  if (Object.keys(errors).length > 0) return { ok: false, message: "Fix the highlighted fields.", errors };
  await saveReview(db, { review: data, actorId: user.id });
  revalidatePath("/");
  revalidatePath(`/audits/${data.slug}`, "layout");
  if (data.next === "stay") return { ok: true, message: "Review saved." };
  const neighbours = await getReviewNeighbours(db, { auditId: row.auditId, position: row.position });
  const next = neighbours.nextUnreviewed ?? neighbours.firstUnreviewed;
  redirect(next ? `/audits/${data.slug}/review/${next}` : `/audits/${data.slug}?reviewed=all`);
});
