import "server-only";
import { desc, eq } from "drizzle-orm";
import { hashShareToken } from "@/lib/share-token";
import { getDb } from "../client";
import { audits, shareLinks, users } from "../schema";

/** An audit's share links, newest first, with the creator's name. */
export function listShareLinks({ auditId }: { auditId: number }) {
  return getDb()
    .select({ id: shareLinks.id, label: shareLinks.label, expiresAt: shareLinks.expiresAt, revokedAt: shareLinks.revokedAt, createdAt: shareLinks.createdAt, createdBy: users.name })
    .from(shareLinks)
    .innerJoin(users, eq(users.id, shareLinks.createdBy))
    .where(eq(shareLinks.auditId, auditId))
    .orderBy(desc(shareLinks.id))
    .all();
}

/** The share link and audit a presented token opens, or null (unknown or malformed token). */
export function getShareLinkByToken({ token }: { token: string }) {
  const tokenHash = hashShareToken(token);
  if (!tokenHash) return null;
  return (
    getDb()
      .select({ link: shareLinks, audit: audits })
      .from(shareLinks)
      .innerJoin(audits, eq(audits.id, shareLinks.auditId))
      .where(eq(shareLinks.tokenHash, tokenHash))
      .get() ?? null
  );
}
