import "server-only";
import { and, desc, eq, max, notLike } from "drizzle-orm";
import type { Reader } from "../handle";

/** An audit's share links, newest first, with the creator's name. */
export async function listShareLinks(db: Reader, { auditId }: { auditId: number }) {
  const { shareLinks, users } = db.tables;
  return db
    .select({ id: shareLinks.id, label: shareLinks.label, expiresAt: shareLinks.expiresAt, revokedAt: shareLinks.revokedAt, createdAt: shareLinks.createdAt, createdBy: users.name, snapshotHash: shareLinks.snapshotHash, snapshotEventId: shareLinks.snapshotEventId, publishedAt: shareLinks.publishedAt })
    .from(shareLinks)
    .innerJoin(users, eq(users.id, shareLinks.createdBy))
    .where(eq(shareLinks.auditId, auditId))
    .orderBy(desc(shareLinks.id));
}

/**
 * What serving a share link needs, by the presented token's hash (one indexed lookup, the same for
 * unknown and revoked tokens): the link's state fields and its published snapshot. Null when no
 * link has this hash.
 */
export async function getShareLinkForServing(db: Reader, { tokenHash }: { tokenHash: string }) {
  const { shareLinks } = db.tables;
  const [row] = await db
    .select({ id: shareLinks.id, auditId: shareLinks.auditId, expiresAt: shareLinks.expiresAt, revokedAt: shareLinks.revokedAt, snapshot: shareLinks.snapshot, snapshotHash: shareLinks.snapshotHash, snapshotEventId: shareLinks.snapshotEventId })
    .from(shareLinks)
    .where(eq(shareLinks.tokenHash, tokenHash));
  return row ?? null;
}

/**
 * The audit's newest event-log id that changes its report (share-link events excluded: publishing
 * or revoking a link does not change the audit), or 0 when there is none.
 */
export async function latestAuditChangeId(db: Reader, { auditId }: { auditId: number }): Promise<number> {
  const { events } = db.tables;
  const [row] = await db.select({ id: max(events.id) }).from(events).where(and(eq(events.auditId, auditId), notLike(events.type, "share_link.%")));
  return row?.id ?? 0;
}
