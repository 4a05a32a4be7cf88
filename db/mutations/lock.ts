import "server-only";
import { eq } from "drizzle-orm";
import { AppError } from "@/lib/server/errors";
import type { Tx } from "../handle";
import type { Audit } from "../schema";

/**
 * Serializes this transaction with every other one that changes the same audit's population,
 * sample or settings (import, sample draw, stability result), then reads the audit inside it.
 * What the read decides (e.g. "no sample yet") therefore still holds when the transaction commits.
 * @throws AppError not_found.
 */
export async function lockAudit(tx: Tx, auditId: number): Promise<Audit> {
  await tx.lock(`audit:${auditId}`);
  const { audits } = tx.tables;
  const [audit] = await tx.select().from(audits).where(eq(audits.id, auditId));
  if (!audit) throw new AppError("not_found", "Audit not found.");
  return audit;
}
