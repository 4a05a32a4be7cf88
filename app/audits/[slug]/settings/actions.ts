"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db/client";
import { updateAuditSettings } from "@/db/mutations/audits";
import { auditSettingsSchema } from "@/lib/audit-input";
import { authorizedAction } from "@/lib/server/action";
import { auditIdBySlug, refreshAudit, slugField } from "@/lib/server/audit-ref";

/**
 * Saves an audit's settings before the draw (operator in the audit's project; issue 11 "Across
 * audits") and opens the audit. Refused (AppError conflict, shown as the form message) once a
 * sample exists or the audit is closed or archived: db/mutations/audits.ts updateAuditSettings.
 */
export const updateAuditSettingsAction = authorizedAction("operator", z.object(slugField).and(auditSettingsSchema), async (data, user) => {
  const { slug, ...input } = data;
  await updateAuditSettings(getDb(), { auditId: await auditIdBySlug(slug), input, actorId: user.id });
  refreshAudit(slug);
  redirect(`/audits/${slug}`);
});
