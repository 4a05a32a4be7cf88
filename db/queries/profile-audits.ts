import "server-only";
import { and, asc, count, desc, eq, inArray, isNull } from "drizzle-orm";
import type { Reader } from "../handle";
import type { ProfileAudit, ProfileFinding, ProfileSignOff } from "../schema";

export type { ProfileAudit, ProfileFinding, ProfileSignOff };

/** One profile audit (issue 13, /checks/[slug]) by slug, or null. */
export async function getProfileAuditBySlug(db: Reader, { slug }: { slug: string }): Promise<ProfileAudit | null> {
  const { profileAudits } = db.tables;
  const [audit] = await db.select().from(profileAudits).where(eq(profileAudits.slug, slug));
  return audit ?? null;
}

/**
 * One page of profile audits (issue 13), newest first, and how many there are in all.
 * @param projects the project names to list (lib/server/project-auth.ts userProjects), or "all".
 * @param page 1-based page number; a page past the end has no rows (lib/pagination.ts clamps it).
 * @param pageSize rows per page (≥ 1).
 * @param includeArchived list archived audits too (default: only the others).
 */
export async function listProfileAudits(
  db: Reader,
  { projects, page, pageSize, includeArchived = false }: { projects: "all" | readonly string[]; page: number; pageSize: number; includeArchived?: boolean },
): Promise<{ rows: ProfileAudit[]; total: number }> {
  const { profileAudits } = db.tables;
  if (projects !== "all" && projects.length === 0) return { rows: [], total: 0 };
  const where = and(projects === "all" ? undefined : inArray(profileAudits.projectName, [...projects]), includeArchived ? undefined : isNull(profileAudits.archivedAt));
  const [{ total }] = await db.select({ total: count() }).from(profileAudits).where(where);
  const rows = await db
    .select()
    .from(profileAudits)
    .where(where)
    .orderBy(desc(profileAudits.createdAt), desc(profileAudits.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return { rows, total: Number(total) };
}

/** The findings of one profile audit, oldest first (insertion order within a section). */
export async function listProfileFindings(db: Reader, { profileAuditId }: { profileAuditId: number }): Promise<ProfileFinding[]> {
  const { profileFindings } = db.tables;
  return db.select().from(profileFindings).where(eq(profileFindings.profileAuditId, profileAuditId)).orderBy(asc(profileFindings.id));
}

/** The sign-offs of one profile audit (revoked ones included), oldest first, each with its signer's name. */
export async function listProfileSignOffs(db: Reader, { profileAuditId }: { profileAuditId: number }): Promise<(ProfileSignOff & { signerName: string | null })[]> {
  const { profileSignOffs, users } = db.tables;
  const rows = await db
    .select({ signOff: profileSignOffs, signerName: users.name })
    .from(profileSignOffs)
    .leftJoin(users, eq(users.id, profileSignOffs.signerId))
    .where(eq(profileSignOffs.profileAuditId, profileAuditId))
    .orderBy(asc(profileSignOffs.id));
  return rows.map((r) => ({ ...r.signOff, signerName: r.signerName }));
}

/**
 * The event-log entries of one profile audit: `events.profile_audit_id`, which db/events.ts
 * copies from payload.profileAuditId when an entry is appended (and migration 0011 / pg 0010
 * filled in for older entries).
 */
export function ofProfileAudit(tables: Reader["tables"], profileAuditId: number) {
  return eq(tables.events.profileAuditId, profileAuditId);
}

/**
 * A profile audit's own event-log entries (payload.profileAuditId; auditId is null for them),
 * newest first, with the actor's name, at most `limit`.
 */
export async function listProfileAuditEvents(db: Reader, { profileAuditId, limit = 200 }: { profileAuditId: number; limit?: number }) {
  const { events, users } = db.tables;
  const rows = await db
    .select({ id: events.id, type: events.type, payload: events.payload, createdAt: events.createdAt, actor: users.name })
    .from(events)
    .leftJoin(users, eq(users.id, events.actorId))
    .where(ofProfileAudit(db.tables, profileAuditId))
    .orderBy(desc(events.id))
    .limit(limit);
  return rows
    .map((r) => ({ ...r, payload: JSON.parse(r.payload as string) as Record<string, unknown> }))
    .filter((r) => r.payload.profileAuditId === profileAuditId);
}
