import "server-only";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db/client";
import { getAuditBySlug } from "@/db/queries/audits";
import { AppError } from "./errors";

/** The hidden `slug` field every audit form posts (zod shape to spread into an action's schema). */
export const slugField = { slug: z.string().min(1).max(200) };

/**
 * The id of the audit with this slug.
 * @throws AppError not_found when there is none.
 */
export async function auditIdBySlug(slug: string): Promise<number> {
  const audit = await getAuditBySlug(getDb(), { slug });
  if (!audit) throw new AppError("not_found", "Audit not found.");
  return audit.id;
}

/** Revalidates the audit list, the approvals queue and every page of one audit after a write. */
export function refreshAudit(slug: string): void {
  revalidatePath("/");
  revalidatePath("/approvals");
  revalidatePath(`/audits/${slug}`, "layout");
}
