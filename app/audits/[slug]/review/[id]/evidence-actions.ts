"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db/client";
import { addEvidenceLink, removeEvidence } from "@/db/mutations/evidence";
import { getAuditBySlug } from "@/db/queries/audits";
import { evidenceLinkSchema, evidenceRemovalSchema } from "@/lib/evidence";
import { authorizedAction } from "@/lib/server/action";
import { AppError } from "@/lib/server/errors";

/** Who may add and remove evidence (issue 11): reviewers and operators of the audit's project. */
const EDITORS = ["reviewer", "operator"] as const;
const slugSchema = z.object({ slug: z.string().min(1).max(200) });

/** The audit of a posted slug (authorizedAction has already checked the user's role in its project). */
async function auditOf(slug: string) {
  const audit = await getAuditBySlug(getDb(), { slug });
  if (!audit) throw new AppError("not_found", "Audit not found.");
  return audit;
}

/**
 * Adds a link as evidence on a sampled unit (reviewer or operator in the audit's project). Form
 * fields: slug, sampleUnitId, url (http/https, ≤ 2,048 characters), label (optional, ≤ 200).
 * Field errors name url / label; a closed audit is refused (read-only).
 */
export const addEvidenceLinkAction = authorizedAction(EDITORS, evidenceLinkSchema.and(slugSchema), async (data, user) => {
  const audit = await auditOf(data.slug);
  await addEvidenceLink(getDb(), { auditId: audit.id, sampleUnitId: data.sampleUnitId, actorId: user.id, url: data.url, label: data.label });
  revalidatePath(`/audits/${data.slug}`, "layout");
  return { ok: true, message: "Link added." };
});

/**
 * Removes an evidence item with a reason (reviewer or operator in the audit's project): recorded
 * (who, when, why), never erased; the file stays listed as removed and is no longer downloadable.
 * Form fields: slug, evidenceId, reason (1–500 characters).
 */
export const removeEvidenceAction = authorizedAction(EDITORS, evidenceRemovalSchema.and(slugSchema), async (data, user) => {
  const audit = await auditOf(data.slug);
  await removeEvidence(getDb(), { auditId: audit.id, evidenceId: data.evidenceId, actorId: user.id, reason: data.reason });
  revalidatePath(`/audits/${data.slug}`, "layout");
  return { ok: true, message: "Evidence removed." };
});
