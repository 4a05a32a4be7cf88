import "server-only";
import { eq } from "drizzle-orm";
import { AppError } from "@/lib/server/errors";
import type { Tx } from "../handle";
import type { Audit } from "../schema";

export const ARCHIVED_READ_ONLY = "The audit is archived and read-only: restore it first.";

/**
 * An archived audit is kept whole and read-only until restored (issue 11 "Across audits": archive
 * hides it from the list; nothing about it may change meanwhile).
 * @throws AppError conflict when the audit is archived.
 */
export function assertNotArchived(audit: { archivedAt: Date | null }): void {
  if (audit.archivedAt) throw new AppError("conflict", ARCHIVED_READ_ONLY);
}

/**
 * Serializes this transaction with every other one that changes the same audit (import, sample
 * draw, reviews, settings, sign-off…), then reads the audit inside it. What the read decides
 * (e.g. "no sample yet", "not archived") therefore still holds when the transaction commits.
 * @param opts.archived "refuse" (default): an archived audit is read-only; "allow" only for
 *   archiving and restoring themselves.
 * @throws AppError not_found; conflict when the audit is archived and `archived` is "refuse".
 */
export async function lockAudit(tx: Tx, auditId: number, { archived = "refuse" }: { archived?: "refuse" | "allow" } = {}): Promise<Audit> {
  await tx.lock(`audit:${auditId}`);
  const { audits } = tx.tables;
  const [audit] = await tx.select().from(audits).where(eq(audits.id, auditId));
  if (!audit) throw new AppError("not_found", "Audit not found.");
  if (archived === "refuse") assertNotArchived(audit);
  return audit;
}
