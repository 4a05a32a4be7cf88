import "server-only";
import { asc, count, eq } from "drizzle-orm";
import type { Grants } from "@/lib/project-access";
import { parseRoles, type Role } from "@/lib/roles";
import type { Reader } from "../handle";

/**
 * A user's grants (lib/project-access.ts): `everywhere` as given (the user's `users.roles`), and
 * the roles of every project they are a member of, by project name.
 */
export async function getGrants(db: Reader, { userId, everywhere }: { userId: number; everywhere: readonly Role[] }): Promise<Grants> {
  const { projects, projectMembers } = db.tables;
  const rows = await db
    .select({ name: projects.name, roles: projectMembers.roles })
    .from(projectMembers)
    .innerJoin(projects, eq(projects.id, projectMembers.projectId))
    .where(eq(projectMembers.userId, userId));
  return { everywhere, byProject: Object.fromEntries(rows.map((r) => [r.name, parseRoles(r.roles)])) };
}

/** Every project by name, with its number of audits and members. */
export async function listProjects(db: Reader) {
  const { projects, projectMembers, audits } = db.tables;
  const [rows, auditCounts, memberCounts] = await Promise.all([
    db.select().from(projects).orderBy(asc(projects.name)),
    db.select({ name: audits.projectName, n: count() }).from(audits).groupBy(audits.projectName),
    db.select({ projectId: projectMembers.projectId, n: count() }).from(projectMembers).groupBy(projectMembers.projectId),
  ]);
  const audited = new Map(auditCounts.map((r) => [r.name, Number(r.n)]));
  const members = new Map(memberCounts.map((r) => [r.projectId, Number(r.n)]));
  return rows.map((p) => ({ ...p, auditCount: audited.get(p.name) ?? 0, memberCount: members.get(p.id) ?? 0 }));
}

/** One project by slug, or null. */
export async function getProjectBySlug(db: Reader, { slug }: { slug: string }) {
  const { projects } = db.tables;
  const [row] = await db.select().from(projects).where(eq(projects.slug, slug));
  return row ?? null;
}

/** A project's members with their project roles, by email. */
export async function listProjectMembers(db: Reader, { projectId }: { projectId: number }) {
  const { projectMembers, users } = db.tables;
  const rows = await db
    .select({ userId: users.id, email: users.email, name: users.name, roles: projectMembers.roles })
    .from(projectMembers)
    .innerJoin(users, eq(users.id, projectMembers.userId))
    .where(eq(projectMembers.projectId, projectId))
    .orderBy(asc(users.email));
  return rows.map((r) => ({ ...r, roles: parseRoles(r.roles) }));
}
