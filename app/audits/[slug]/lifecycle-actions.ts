"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db/client";
import { setAuditArchived } from "@/db/mutations/audits";
import { startReaudit } from "@/db/mutations/rerun";
import { authorizedAction } from "@/lib/server/action";
import { auditIdBySlug, refreshAudit, slugField } from "@/lib/server/audit-ref";

/** Across audits (issue 11): archive, restore and re-audit (operator in the audit's project). */
const slugOnly = z.object(slugField);

/** Archives the audit: hidden from the default list, kept whole and read-only. */
export const archiveAuditAction = authorizedAction("operator", slugOnly, async ({ slug }, user) => {
  await setAuditArchived(getDb(), { auditId: await auditIdBySlug(slug), archived: true, actorId: user.id });
  refreshAudit(slug);
  return { ok: true, message: "Audit archived: hidden from the audit list until restored." };
});

/** Restores an archived audit to the default list. */
export const restoreAuditAction = authorizedAction("operator", slugOnly, async ({ slug }, user) => {
  await setAuditArchived(getDb(), { auditId: await auditIdBySlug(slug), archived: false, actorId: user.id });
  refreshAudit(slug);
  return { ok: true, message: "Audit restored." };
});

/**
 * Starts a re-audit of a finished FAIL or INCONCLUSIVE audit dated today (UTC) and opens it
 * (db/mutations/rerun.ts startReaudit; its refusals come back as the form message).
 */
export const startReauditAction = authorizedAction("operator", slugOnly, async ({ slug }, user) => {
  const created = await startReaudit(getDb(), { auditId: await auditIdBySlug(slug), actorId: user.id, today: new Date().toISOString().slice(0, 10) });
  refreshAudit(slug);
  redirect(`/audits/${created.slug}`);
});
