import "server-only";
import { and, eq, gt, isNull } from "drizzle-orm";
import { newShareToken } from "@/lib/share-token";
import { AppError } from "@/lib/server/errors";
import { appendEvent } from "../events";
import type { Db, Tx } from "../handle";
import { currentProfileShareSnapshot } from "../queries/profile-share-snapshot";
import { currentShareSnapshot } from "../queries/share-snapshot";
import { subjectLinks, type ShareSubject } from "../queries/share-links";

export type { ShareSubject };

/**
 * The subject's report as it is now: a sampling audit's verdict report (db/queries/share-snapshot.ts)
 * or a checklist audit's report (db/queries/profile-share-snapshot.ts).
 * @throws AppError not_found when the audit does not exist.
 */
async function publish(tx: Tx, subject: ShareSubject, now: Date): Promise<{ json: string; hash: string; changeId: number }> {
  const { audits, profileAudits } = tx.tables;
  if ("auditId" in subject) {
    const [audit] = await tx.select().from(audits).where(eq(audits.id, subject.auditId));
    if (!audit) throw new AppError("not_found", "Audit not found.");
    return currentShareSnapshot(tx, { audit, now });
  }
  const [audit] = await tx.select().from(profileAudits).where(eq(profileAudits.id, subject.profileAuditId));
  if (!audit) throw new AppError("not_found", "Audit not found.");
  return currentProfileShareSnapshot(tx, { audit, now });
}

/** The subject part of an argument object (its other fields dropped, so it can be spread into a row). */
function subjectOf(args: ShareSubject): ShareSubject {
  return "auditId" in args ? { auditId: args.auditId } : { profileAuditId: args.profileAuditId };
}

type LinkEvent = { created: { shareLinkId: number; expiresAt: string }; revoked: { shareLinkId: number }; republished: { shareLinkId: number; snapshotHash: string } };

/** Records a share-link event on the subject's own log: `share_link.*` on a sampling audit, `profile_share_link.*` (with profileAuditId) on a checklist audit. */
async function recordLinkEvent<K extends keyof LinkEvent>(tx: Tx, subject: ShareSubject, actorId: number, kind: K, payload: LinkEvent[K]): Promise<void> {
  if ("auditId" in subject) await appendEvent(tx, { auditId: subject.auditId, actorId, type: `share_link.${kind}` as const, payload } as Parameters<typeof appendEvent>[1]);
  else await appendEvent(tx, { auditId: null, actorId, type: `profile_share_link.${kind}` as const, payload: { profileAuditId: subject.profileAuditId, ...payload } } as Parameters<typeof appendEvent>[1]);
}

/**
 * Creates a read-only share link that publishes a snapshot of the audit's report as it is now
 * (a sampling audit's verdict report, or a checklist audit's report: issue 13), stored with its
 * SHA-256. Only the token's hash is stored; the token is returned once, to be shown to the operator.
 * @param args.expiresInDays whole days, 1–90.
 * @throws AppError not_found.
 */
export async function createShareLink(db: Db, args: ShareSubject & { actorId: number; expiresInDays: number; label: string | null }): Promise<{ token: string; expiresAt: Date }> {
  const { token, tokenHash } = newShareToken();
  const expiresAt = new Date(Date.now() + args.expiresInDays * 24 * 60 * 60 * 1000);
  const subject = subjectOf(args);
  await db.transaction(async (tx) => {
    const { shareLinks } = tx.tables;
    const now = new Date();
    const published = await publish(tx, subject, now);
    const [row] = await tx
      .insert(shareLinks)
      .values({ ...subject, tokenHash, label: args.label, expiresAt, createdBy: args.actorId, snapshot: published.json, snapshotHash: published.hash, snapshotEventId: published.changeId, publishedAt: now })
      .returning({ id: shareLinks.id });
    await recordLinkEvent(tx, subject, args.actorId, "created", { shareLinkId: row.id, expiresAt: expiresAt.toISOString() });
  });
  return { token, expiresAt };
}

/**
 * Revokes a share link of the given audit; the report stops working at once. The conditional
 * update is the check, so two revocations at once give one revocation and one not_found.
 * @throws AppError not_found when the link is not the audit's or is already revoked.
 */
export async function revokeShareLink(db: Db, args: ShareSubject & { shareLinkId: number; actorId: number }): Promise<void> {
  const subject = subjectOf(args);
  await db.transaction(async (tx) => {
    const { shareLinks } = tx.tables;
    const updated = await tx
      .update(shareLinks)
      .set({ revokedAt: new Date() })
      .where(and(eq(shareLinks.id, args.shareLinkId), subjectLinks(tx.tables, subject), isNull(shareLinks.revokedAt)))
      .returning({ id: shareLinks.id });
    if (updated.length === 0) throw new AppError("not_found", "Share link not found or already revoked.");
    await recordLinkEvent(tx, subject, args.actorId, "revoked", { shareLinkId: args.shareLinkId });
  });
}

/**
 * Publishes a new snapshot of the audit's report on an active share link (same URL): readers see
 * the report as it is now, with a new hash; the event log keeps the change.
 * @throws AppError not_found when the link is not the audit's, is revoked or expired.
 */
export async function republishShareLink(db: Db, args: ShareSubject & { shareLinkId: number; actorId: number }): Promise<{ snapshotHash: string }> {
  const subject = subjectOf(args);
  return db.transaction(async (tx) => {
    const { shareLinks } = tx.tables;
    const now = new Date();
    const published = await publish(tx, subject, now);
    const updated = await tx
      .update(shareLinks)
      .set({ snapshot: published.json, snapshotHash: published.hash, snapshotEventId: published.changeId, publishedAt: now })
      .where(and(eq(shareLinks.id, args.shareLinkId), subjectLinks(tx.tables, subject), isNull(shareLinks.revokedAt), gt(shareLinks.expiresAt, now)))
      .returning({ id: shareLinks.id });
    if (updated.length === 0) throw new AppError("not_found", "Share link not found, revoked or expired.");
    await recordLinkEvent(tx, subject, args.actorId, "republished", { shareLinkId: args.shareLinkId, snapshotHash: published.hash });
    return { snapshotHash: published.hash };
  });
}
