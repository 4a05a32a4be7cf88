import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { ProjectRole } from "@/lib/project-access";
import { serializeRoles } from "@/lib/roles";
import { AppError } from "@/lib/server/errors";
import { isUniqueViolation } from "../errors";
import { appendEvent } from "../events";
import type { Db, Tx } from "../handle";

/**
 * Adds a project (issue 10, "Access by project"); its slug is its name (names are slug-shaped,
 * lib/audit-input.ts PROJECT_NAME_PATTERN). Uniqueness is the database's constraint.
 * @throws AppError conflict when the name is taken.
 */
export async function createProject(db: Db, { name, actorId }: { name: string; actorId: number }): Promise<number> {
  try {
    return await db.transaction(async (tx) => {
      const { projects } = tx.tables;
      const [row] = await tx.insert(projects).values({ slug: name, name }).returning({ id: projects.id });
      await appendEvent(tx, { auditId: null, actorId, type: "project.created", payload: { projectId: row.id, name } });
      return row.id;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError("conflict", `A project named ${name} already exists.`);
    throw e;
  }
}

/**
 * Inside a transaction: the project with this name, created when missing (an operator who holds
 * the role everywhere starts a project by creating its first audit).
 * @returns whether it was created.
 */
export async function ensureProject(tx: Tx, { name, actorId }: { name: string; actorId: number }): Promise<boolean> {
  const { projects } = tx.tables;
  const inserted = await tx.insert(projects).values({ slug: name, name }).onConflictDoNothing().returning({ id: projects.id });
  if (inserted.length === 0) return false;
  await appendEvent(tx, { auditId: null, actorId, type: "project.created", payload: { projectId: inserted[0].id, name } });
  return true;
}

/**
 * Sets the roles a user holds in one project (an empty list removes the membership). A change of
 * roles ends the user's sessions (their session version is bumped, issue 10), and is recorded.
 * @throws AppError not_found when the project or user does not exist.
 */
export async function setProjectMemberRoles(db: Db, args: { projectId: number; userId: number; roles: readonly ProjectRole[]; actorId: number }): Promise<void> {
  await db.transaction(async (tx) => {
    const { projects, projectMembers, users } = tx.tables;
    const [project] = await tx.select({ id: projects.id, name: projects.name }).from(projects).where(eq(projects.id, args.projectId));
    if (!project) throw new AppError("not_found", "Project not found.");
    const bumped = await tx.update(users).set({ sessionVersion: sql`${users.sessionVersion} + 1` }).where(eq(users.id, args.userId)).returning({ id: users.id });
    if (bumped.length === 0) throw new AppError("not_found", "User not found.");
    const roles = serializeRoles(args.roles);
    const member = and(eq(projectMembers.projectId, args.projectId), eq(projectMembers.userId, args.userId));
    if (roles === "") await tx.delete(projectMembers).where(member);
    else
      await tx
        .insert(projectMembers)
        .values({ projectId: args.projectId, userId: args.userId, roles })
        .onConflictDoUpdate({ target: [projectMembers.projectId, projectMembers.userId], set: { roles } });
    await appendEvent(tx, { auditId: null, actorId: args.actorId, type: "project.member_roles_changed", payload: { projectId: args.projectId, project: project.name, userId: args.userId, roles: [...args.roles] } });
  });
}
