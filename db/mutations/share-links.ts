import { and, eq, isNull } from "drizzle-orm";
import { newShareToken } from "@/lib/share-token";
import { AppError } from "@/lib/server/errors";
import type { Db } from "../client";
import { appendEvent } from "../events";
import { audits, shareLinks } from "../schema";

/**
 * Creates a read-only share link to an audit's verdict report. Only the token's hash is stored;
 * the token is returned once, to be shown to the operator.
 * @param expiresInDays whole days, 1–90.
 * @throws AppError not_found.
 */
export function createShareLink(db: Db, args: { auditId: number; actorId: number; expiresInDays: number; label: string | null }): { token: string; expiresAt: Date } {
  const { token, tokenHash } = newShareToken();
  const expiresAt = new Date(Date.now() + args.expiresInDays * 24 * 60 * 60 * 1000);
  db.transaction((tx) => {
    if (!tx.select({ id: audits.id }).from(audits).where(eq(audits.id, args.auditId)).get()) throw new AppError("not_found", "Audit not found.");
    const row = tx.insert(shareLinks).values({ auditId: args.auditId, tokenHash, label: args.label, expiresAt, createdBy: args.actorId }).returning({ id: shareLinks.id }).get();
    appendEvent(tx, { auditId: args.auditId, actorId: args.actorId, type: "share_link.created", payload: { shareLinkId: row.id, expiresAt: expiresAt.toISOString() } });
  });
  return { token, expiresAt };
}

/**
 * Revokes a share link of the given audit; the report stops working at once.
 * @throws AppError not_found when the link is not the audit's or is already revoked.
 */
export function revokeShareLink(db: Db, args: { auditId: number; shareLinkId: number; actorId: number }): void {
  db.transaction((tx) => {
    const updated = tx
      .update(shareLinks)
      .set({ revokedAt: new Date() })
      .where(and(eq(shareLinks.id, args.shareLinkId), eq(shareLinks.auditId, args.auditId), isNull(shareLinks.revokedAt)))
      .returning({ id: shareLinks.id })
      .all();
    if (updated.length === 0) throw new AppError("not_found", "Share link not found or already revoked.");
    appendEvent(tx, { auditId: args.auditId, actorId: args.actorId, type: "share_link.revoked", payload: { shareLinkId: args.shareLinkId } });
  });
}
