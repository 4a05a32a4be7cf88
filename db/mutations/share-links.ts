import "server-only";
import { and, eq, gt, isNull } from "drizzle-orm";
import { newShareToken } from "@/lib/share-token";
import { AppError } from "@/lib/server/errors";
import { appendEvent } from "../events";
import { currentShareSnapshot } from "../queries/share-snapshot";
import type { Db } from "../handle";

/**
 * Creates a read-only share link that publishes a snapshot of the audit's verdict report as it is
 * now (db/queries/share-snapshot.ts), stored with its SHA-256. Only the token's hash is stored;
 * the token is returned once, to be shown to the operator.
 * @param expiresInDays whole days, 1–90.
 * @throws AppError not_found.
 */
export async function createShareLink(db: Db, args: { auditId: number; actorId: number; expiresInDays: number; label: string | null }): Promise<{ token: string; expiresAt: Date }> {
  const { token, tokenHash } = newShareToken();
  const expiresAt = new Date(Date.now() + args.expiresInDays * 24 * 60 * 60 * 1000);
  await db.transaction(async (tx) => {
    const { audits, shareLinks } = tx.tables;
    const [audit] = await tx.select().from(audits).where(eq(audits.id, args.auditId));
    if (!audit) throw new AppError("not_found", "Audit not found.");
    const now = new Date();
    const published = await currentShareSnapshot(tx, { audit, now });
    const [row] = await tx
      .insert(shareLinks)
      .values({ auditId: args.auditId, tokenHash, label: args.label, expiresAt, createdBy: args.actorId, snapshot: published.json, snapshotHash: published.hash, snapshotEventId: published.changeId, publishedAt: now })
      .returning({ id: shareLinks.id });
    await appendEvent(tx, { auditId: args.auditId, actorId: args.actorId, type: "share_link.created", payload: { shareLinkId: row.id, expiresAt: expiresAt.toISOString() } });
  });
  return { token, expiresAt };
}

/**
 * Revokes a share link of the given audit; the report stops working at once. The conditional
 * update is the check, so two revocations at once give one revocation and one not_found.
 * @throws AppError not_found when the link is not the audit's or is already revoked.
 */
export async function revokeShareLink(db: Db, args: { auditId: number; shareLinkId: number; actorId: number }): Promise<void> {
  await db.transaction(async (tx) => {
    const { shareLinks } = tx.tables;
    const updated = await tx
      .update(shareLinks)
      .set({ revokedAt: new Date() })
      .where(and(eq(shareLinks.id, args.shareLinkId), eq(shareLinks.auditId, args.auditId), isNull(shareLinks.revokedAt)))
      .returning({ id: shareLinks.id });
    if (updated.length === 0) throw new AppError("not_found", "Share link not found or already revoked.");
    await appendEvent(tx, { auditId: args.auditId, actorId: args.actorId, type: "share_link.revoked", payload: { shareLinkId: args.shareLinkId } });
  });
}

/**
 * Publishes a new snapshot of the audit's report on an active share link (same URL): readers see
 * the report as it is now, with a new hash; the event log keeps the change.
 * @throws AppError not_found when the link is not the audit's, is revoked or expired.
 */
export async function republishShareLink(db: Db, args: { auditId: number; shareLinkId: number; actorId: number }): Promise<{ snapshotHash: string }> {
  return db.transaction(async (tx) => {
    const { audits, shareLinks } = tx.tables;
    const [audit] = await tx.select().from(audits).where(eq(audits.id, args.auditId));
    if (!audit) throw new AppError("not_found", "Audit not found.");
    const now = new Date();
    const published = await currentShareSnapshot(tx, { audit, now });
    const updated = await tx
      .update(shareLinks)
      .set({ snapshot: published.json, snapshotHash: published.hash, snapshotEventId: published.changeId, publishedAt: now })
      .where(and(eq(shareLinks.id, args.shareLinkId), eq(shareLinks.auditId, args.auditId), isNull(shareLinks.revokedAt), gt(shareLinks.expiresAt, now)))
      .returning({ id: shareLinks.id });
    if (updated.length === 0) throw new AppError("not_found", "Share link not found, revoked or expired.");
    await appendEvent(tx, { auditId: args.auditId, actorId: args.actorId, type: "share_link.republished", payload: { shareLinkId: args.shareLinkId, snapshotHash: published.hash } });
    return { snapshotHash: published.hash };
  });
}
