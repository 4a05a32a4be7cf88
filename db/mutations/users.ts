import "server-only";
import { and, eq, isNotNull, isNull, sql } from "drizzle-orm";
import { type Role, serializeRoles } from "@/lib/roles";
import { AppError } from "@/lib/server/errors";
import { hashPassword } from "@/lib/server/passwords";
import { isUniqueViolation } from "../errors";
import { appendEvent } from "../events";
import type { Db } from "../handle";

/**
 * Adds a user with an argon2id password hash, holding `roles` in every project, or with
 * `projectId` in that project only (issue 10), in one transaction. The email's uniqueness is the
 * database's unique constraint, so two requests adding the same email at once give one user and
 * one conflict.
 * @throws AppError conflict when the email is taken; not_found for an unknown project.
 */
export async function createUser(db: Db, args: { email: string; name: string; password: string; roles: Role[]; actorId: number | null; projectId?: number | null }): Promise<number> {
  const passwordHash = await hashPassword(args.password);
  const projectId = args.projectId ?? null;
  try {
    return await db.transaction(async (tx) => {
      const { users, projects, projectMembers } = tx.tables;
      const [row] = await tx
        .insert(users)
        .values({ email: args.email, name: args.name, passwordHash, roles: projectId === null ? serializeRoles(args.roles) : "" })
        .returning({ id: users.id });
      await appendEvent(tx, { auditId: null, actorId: args.actorId, type: "user.created", payload: { userId: row.id, email: args.email, roles: projectId === null ? args.roles : [] } });
      if (projectId !== null) {
        const [project] = await tx.select({ name: projects.name }).from(projects).where(eq(projects.id, projectId));
        if (!project) throw new AppError("not_found", "Project not found.");
        await tx.insert(projectMembers).values({ projectId, userId: row.id, roles: serializeRoles(args.roles) });
        await appendEvent(tx, { auditId: null, actorId: args.actorId, type: "project.member_roles_changed", payload: { projectId, project: project.name, userId: row.id, roles: args.roles } });
      }
      return row.id;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError("conflict", `A user with email ${args.email} already exists.`);
    throw e;
  }
}

/**
 * Replaces a user's roles and ends the user's sessions (issue 10: a role change revokes them). An
 * admin cannot remove their own admin role (so one admin always remains able to manage users).
 * @throws AppError not_found / conflict.
 */
export async function updateUserRoles(db: Db, args: { userId: number; roles: Role[]; actorId: number }): Promise<void> {
  if (args.userId === args.actorId && !args.roles.includes("admin")) throw new AppError("conflict", "You cannot remove your own admin role.");
  await db.transaction(async (tx) => {
    const { users } = tx.tables;
    const updated = await tx
      .update(users)
      .set({ roles: serializeRoles(args.roles), sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(eq(users.id, args.userId))
      .returning({ id: users.id });
    if (updated.length === 0) throw new AppError("not_found", "User not found.");
    await appendEvent(tx, { auditId: null, actorId: args.actorId, type: "user.roles_changed", payload: { userId: args.userId, roles: args.roles } });
  });
}

/**
 * Ends every session of a user after sign-out (issue 10): bumps `sessionVersion`, but only while
 * it still equals the version the signing-out session carries, so a revoked copy of a cookie
 * cannot end the user's newer sessions. One transaction with a "user.signed_out" entry.
 * @returns true when the sessions were ended, false when the session was already revoked (nothing written).
 */
export async function endSessions(db: Db, args: { userId: number; sessionVersion: number }): Promise<boolean> {
  return db.transaction(async (tx) => {
    const { users } = tx.tables;
    const updated = await tx
      .update(users)
      .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(and(eq(users.id, args.userId), eq(users.sessionVersion, args.sessionVersion)))
      .returning({ id: users.id });
    if (updated.length === 0) return false;
    await appendEvent(tx, { auditId: null, actorId: args.userId, type: "user.signed_out", payload: { userId: args.userId } });
    return true;
  });
}

/** Hashes and stores a new password and ends the user's sessions, with its event, in one transaction. */
async function writePassword(db: Db, args: { userId: number; password: string; actorId: number; type: "user.password_changed" | "user.password_reset" }): Promise<number> {
  const passwordHash = await hashPassword(args.password);
  return db.transaction(async (tx) => {
    const { users } = tx.tables;
    const [row] = await tx
      .update(users)
      .set({ passwordHash, sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(eq(users.id, args.userId))
      .returning({ sessionVersion: users.sessionVersion });
    if (!row) throw new AppError("not_found", "User not found.");
    await appendEvent(tx, { auditId: null, actorId: args.actorId, type: args.type, payload: { userId: args.userId } });
    return row.sessionVersion;
  });
}

/**
 * A user's own password change (issue 10). The caller has checked the current password
 * (lib/server/sign-in.ts attemptSignIn, so wrong guesses count towards the throttle) and the new
 * one's rules (lib/user-input.ts changePasswordSchema). Ends all of the user's sessions.
 * @returns the user's new session version (to re-issue the current session with).
 * @throws AppError not_found.
 */
export async function changeOwnPassword(db: Db, args: { userId: number; password: string }): Promise<number> {
  return writePassword(db, { ...args, actorId: args.userId, type: "user.password_changed" });
}

/**
 * An admin sets a new password for another user (issue 10) and ends that user's sessions. Admins
 * change their own password on /account, with the current one.
 * @throws AppError conflict (own account) / not_found.
 */
export async function resetUserPassword(db: Db, args: { userId: number; password: string; actorId: number }): Promise<void> {
  if (args.userId === args.actorId) throw new AppError("conflict", "Change your own password on the Account page.");
  await writePassword(db, { ...args, type: "user.password_reset" });
}

/**
 * Deactivates (ends all sessions; sign-in then fails like a wrong password) or reactivates a user
 * (issue 10). An admin cannot deactivate themselves.
 * @param now the deactivation time (UTC).
 * @throws AppError conflict (own account, or already in that state) / not_found.
 */
export async function setUserActive(db: Db, args: { userId: number; active: boolean; actorId: number; now?: Date }): Promise<void> {
  if (!args.active && args.userId === args.actorId) throw new AppError("conflict", "You cannot deactivate yourself.");
  await db.transaction(async (tx) => {
    const { users } = tx.tables;
    const updated = args.active
      ? await tx.update(users).set({ deactivatedAt: null }).where(and(eq(users.id, args.userId), isNotNull(users.deactivatedAt))).returning({ id: users.id })
      : await tx
          .update(users)
          .set({ deactivatedAt: args.now ?? new Date(), sessionVersion: sql`${users.sessionVersion} + 1` })
          .where(and(eq(users.id, args.userId), isNull(users.deactivatedAt)))
          .returning({ id: users.id });
    if (updated.length === 0) {
      const [exists] = await tx.select({ id: users.id }).from(users).where(eq(users.id, args.userId));
      if (!exists) throw new AppError("not_found", "User not found.");
      throw new AppError("conflict", args.active ? "This user is already active." : "This user is already deactivated.");
    }
    await appendEvent(tx, { auditId: null, actorId: args.actorId, type: args.active ? "user.reactivated" : "user.deactivated", payload: { userId: args.userId } });
  });
}
