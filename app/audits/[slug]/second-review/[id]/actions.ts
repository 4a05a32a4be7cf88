"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db/client";
import { saveSecondReview } from "@/db/mutations/double-review";
import { getSecondReviewQueue } from "@/db/queries/team";
import { reviewSchema } from "@/lib/review-input";
import { authorizedAction } from "@/lib/server/action";
import { auditIdBySlug, refreshAudit, slugField } from "@/lib/server/audit-ref";

/** The blind second review's own small form: finding, critical kind (FAIL only), note. */
const schema = reviewSchema.and(z.object(slugField));

/**
 * Saves a blind second review (reviewer; issue 11) and moves on to the next unit waiting for
 * this reviewer's second review, or back to the team page.
 */
export const saveSecondReviewAction = authorizedAction("reviewer", schema, async (data, user) => {
  const db = getDb();
  const auditId = await auditIdBySlug(data.slug);
  const { agrees } = await saveSecondReview(db, { auditId, sampleUnitId: data.sampleUnitId, finding: data.finding, criticalKind: data.criticalKind, note: data.note, actorId: user.id });
  refreshAudit(data.slug);
  const [next] = await getSecondReviewQueue(db, { auditId, userId: user.id });
  redirect(next ? `/audits/${data.slug}/second-review/${next.sampleUnitId}?saved=1` : `/audits/${data.slug}/team?second=${agrees ? "agreed" : "saved"}`);
});
