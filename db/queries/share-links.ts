import "server-only";
import { and, desc, eq, max, notLike } from "drizzle-orm";
import { shareLinkState } from "@/lib/share-token";
import type { Reader } from "../handle";
import { ofProfileAudit } from "./profile-audits";

/** What a share link shares: a sampling audit's report or a checklist (profile) audit's report (issue 13). */
export type ShareSubject = { auditId: number } | { profileAuditId: number };

/** The share_links condition selecting the subject's links. */
export function subjectLinks(tables: Reader["tables"], subject: ShareSubject) {
  const { shareLinks } = tables;
  return "auditId" in subject ? eq(shareLinks.auditId, subject.auditId) : eq(shareLinks.profileAuditId, subject.profileAuditId);
}

/** A sampling or checklist audit's share links, newest first, with the creator's name. */
export async function listShareLinks(db: Reader, subject: ShareSubject) {
  const { shareLinks, users } = db.tables;
  return db
    .select({ id: shareLinks.id, label: shareLinks.label, expiresAt: shareLinks.expiresAt, revokedAt: shareLinks.revokedAt, createdAt: shareLinks.createdAt, createdBy: users.name, snapshotHash: shareLinks.snapshotHash, snapshotEventId: shareLinks.snapshotEventId, publishedAt: shareLinks.publishedAt })
    .from(shareLinks)
    .innerJoin(users, eq(users.id, shareLinks.createdBy))
    .where(subjectLinks(db.tables, subject))
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
    .select({ id: shareLinks.id, auditId: shareLinks.auditId, profileAuditId: shareLinks.profileAuditId, expiresAt: shareLinks.expiresAt, revokedAt: shareLinks.revokedAt, snapshot: shareLinks.snapshot, snapshotHash: shareLinks.snapshotHash, snapshotEventId: shareLinks.snapshotEventId })
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

/**
 * A checklist audit's newest event-log id that changes its report, or 0: its entries carry
 * `payload.profileAuditId` (audit_id is null for them); share-link events are excluded as above.
 */
export async function latestProfileChangeId(db: Reader, { profileAuditId }: { profileAuditId: number }): Promise<number> {
  const { events } = db.tables;
  const [row] = await db.select({ id: max(events.id) }).from(events).where(and(ofProfileAudit(db.tables, profileAuditId), notLike(events.type, "profile_share_link.%")));
  return row?.id ?? 0;
}

/** The subject's newest report-changing event id (latestAuditChangeId or latestProfileChangeId). */
export function latestChangeId(db: Reader, subject: ShareSubject): Promise<number> {
  return "auditId" in subject ? latestAuditChangeId(db, subject) : latestProfileChangeId(db, subject);
}

/**
 * The subject's share links as the share panel shows them (components/share/share-links.tsx
 * ShareLinkRow): instants as ISO 8601 UTC, the state at `now`, and whether the audit changed after
 * the link's snapshot was published.
 */
export async function listShareLinkRows(db: Reader, subject: ShareSubject, now: Date) {
  const [rows, latestChange] = await Promise.all([listShareLinks(db, subject), latestChangeId(db, subject)]);
  return rows.map((l) => ({
    id: l.id,
    label: l.label,
    createdBy: l.createdBy,
    createdAt: l.createdAt.toISOString(),
    expiresAt: l.expiresAt.toISOString(),
    state: shareLinkState(l, now),
    snapshotHash: l.snapshotHash,
    publishedAt: l.publishedAt?.toISOString() ?? null,
    changedSince: l.snapshotEventId !== null && latestChange > l.snapshotEventId,
  }));
}
