"use server";

import { z } from "zod";
import { getDb } from "@/db/client";
import { type AssignmentRequest, changeAssignment } from "@/db/mutations/assignment";
import { requestSecondReviews } from "@/db/mutations/double-review";
import { authorizedAction } from "@/lib/server/action";
import { auditIdBySlug, refreshAudit, slugField } from "@/lib/server/audit-ref";

const id = z.coerce.number({ error: "Choose from the list" }).int().positive("Choose from the list");
/** "" (or "none") is nobody: the units become reviewable by any reviewer. */
const reviewerOrNone = z
  .string()
  .trim()
  .transform((v, ctx) => {
    if (v === "" || v === "none") return null;
    const n = Number(v);
    if (!Number.isInteger(n) || n <= 0) {
      ctx.addIssue({ code: "custom", message: "Choose a reviewer from the list" });
      return z.NEVER;
    }
    return n;
  });

const assignSchema = z.discriminatedUnion("mode", [
  z.object({ ...slugField, mode: z.literal("even"), reviewerIds: z.array(id, { error: "Choose at least one reviewer" }).min(1, "Choose at least one reviewer") }),
  z.object({ ...slugField, mode: z.literal("subgroup"), reviewerIds: z.array(id, { error: "Choose at least one reviewer" }).min(1, "Choose at least one reviewer") }),
  z.object({ ...slugField, mode: z.literal("hand"), sampleUnitIds: z.array(id, { error: "Tick at least one unit" }).min(1, "Tick at least one unit"), reviewerId: reviewerOrNone }),
  z.object({ ...slugField, mode: z.literal("reassign"), from: id, to: reviewerOrNone }),
], { error: "Choose how to assign: even, subgroup, hand or reassign" });

/**
 * Assigns sampled units to reviewers (operator; issue 11): even split or by subgroup over the
 * units not reviewed yet, the ticked units by hand, or a reviewer's open units to another.
 */
export const assignAction = authorizedAction("operator", assignSchema, async (data, user) => {
  const request: AssignmentRequest =
    data.mode === "hand"
      ? { mode: "hand", sampleUnitIds: data.sampleUnitIds, reviewerId: data.reviewerId }
      : data.mode === "reassign"
        ? { mode: "reassign", from: data.from, to: data.to }
        : { mode: data.mode, reviewerIds: data.reviewerIds };
  const { units } = await changeAssignment(getDb(), { auditId: await auditIdBySlug(data.slug), request, actorId: user.id });
  refreshAudit(data.slug);
  return { ok: true, message: `${units} unit${units === 1 ? "" : "s"} assigned.` };
});

const STRATA = ["census", "random", "supplementary"] as const;
const requestSchema = z.object({
  ...slugField,
  percent: z.coerce.number({ error: "Enter a percentage" }).refine((n) => Number.isFinite(n) && n > 0 && n <= 100, "Enter a percentage above 0 and at most 100"),
  strata: z.array(z.enum(STRATA, { error: "Unknown stratum" })).optional().default([]),
});

/** Requests blind second reviews on a share of the sample, or of chosen strata (operator; issue 11). */
export const requestSecondReviewsAction = authorizedAction("operator", requestSchema, async (data, user) => {
  const { requested, picked } = await requestSecondReviews(getDb(), { auditId: await auditIdBySlug(data.slug), fraction: data.percent / 100, strata: data.strata, actorId: user.id });
  refreshAudit(data.slug);
  return requested === 0
    ? { ok: true, message: `All ${picked} picked units already had a second review requested: nothing changed.` }
    : { ok: true, message: `Second reviews requested on ${requested} more unit${requested === 1 ? "" : "s"} (${picked} picked in all).` };
});
