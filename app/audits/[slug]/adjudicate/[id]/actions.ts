"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db/client";
import { adjudicate } from "@/db/mutations/double-review";
import { getReviewTarget } from "@/db/queries/manifest";
import { getOpenDisagreementIds } from "@/db/queries/team";
import { checkReviewAgainstUnit, reviewSchema } from "@/lib/review-input";
import { authorizedAction } from "@/lib/server/action";
import { refreshAudit, slugField } from "@/lib/server/audit-ref";
import { AppError } from "@/lib/server/errors";

const schema = reviewSchema.and(z.object(slugField));

/**
 * Adjudicates a double-review disagreement (operator or a third reviewer; issue 11): the decided
 * finding becomes the unit's current review. Then on to the next open disagreement, or the team page.
 */
export const adjudicateAction = authorizedAction(["operator", "reviewer"], schema, async (data, user) => {
  const db = getDb();
  const target = await getReviewTarget(db, { slug: data.slug, sampleUnitId: data.sampleUnitId });
  if (!target) throw new AppError("not_found", "This unit is not in the audit's sample.");
  const errors = checkReviewAgainstUnit(data, target.executionStatus);
  if (Object.keys(errors).length > 0) return { ok: false, message: "Fix the highlighted fields.", errors };
  await adjudicate(db, { auditId: target.auditId, review: data, actorId: user.id, roles: user.roles });
  refreshAudit(data.slug);
  const [next] = await getOpenDisagreementIds(db, { auditId: target.auditId });
  redirect(next ? `/audits/${data.slug}/adjudicate/${next}?saved=1` : `/audits/${data.slug}/team?adjudicated=1`);
});
