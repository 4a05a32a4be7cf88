import "server-only";
import { desc, eq } from "drizzle-orm";
import { hashShareToken } from "@/lib/share-token";
import type { Reader } from "../handle";

/** An audit's share links, newest first, with the creator's name. */
export async function listShareLinks(db: Reader, { auditId }: { auditId: number }) {
  const { shareLinks, users } = db.tables;
  return db
    .select({ id: shareLinks.id, label: shareLinks.label, expiresAt: shareLinks.expiresAt, revokedAt: shareLinks.revokedAt, createdAt: shareLinks.createdAt, createdBy: users.name })
    .from(shareLinks)
    .innerJoin(users, eq(users.id, shareLinks.createdBy))
    .where(eq(shareLinks.auditId, auditId))
    .orderBy(desc(shareLinks.id));
}

/** The share link and audit a presented token opens, or null (unknown or malformed token). */
export async function getShareLinkByToken(db: Reader, { token }: { token: string }) {
  const { audits, shareLinks } = db.tables;
  const tokenHash = hashShareToken(token);
  if (!tokenHash) return null;
  const [row] = await db.select({ link: shareLinks, audit: audits }).from(shareLinks).innerJoin(audits, eq(audits.id, shareLinks.auditId)).where(eq(shareLinks.tokenHash, tokenHash));
  return row ?? null;
}
