import "server-only";
import { eq, sql } from "drizzle-orm";
import { type Role, serializeRoles } from "@/lib/roles";
import { lockUntilAfterFailure } from "@/lib/sign-in-throttle";
import { AppError } from "@/lib/server/errors";
import { hashPassword } from "@/lib/server/passwords";
import { isUniqueViolation } from "../errors";
import { appendEvent } from "../events";
import type { Db } from "../handle";

/**
 * Adds a user with an argon2id password hash. The email's uniqueness is the database's unique
 * constraint, so two requests adding the same email at once give one user and one conflict.
 * @throws AppError conflict when the email is taken.
 */
export async function createUser(db: Db, args: { email: string; name: string; password: string; roles: Role[]; actorId: number | null }): Promise<number> {
  const passwordHash = await hashPassword(args.password);
  try {
    return await db.transaction(async (tx) => {
      const { users } = tx.tables;
      const [row] = await tx.insert(users).values({ email: args.email, name: args.name, passwordHash, roles: serializeRoles(args.roles) }).returning({ id: users.id });
      await appendEvent(tx, { auditId: null, actorId: args.actorId, type: "user.created", payload: { userId: row.id, email: args.email, roles: args.roles } });
      return row.id;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError("conflict", `A user with email ${args.email} already exists.`);
    throw e;
  }
}

/**
 * Replaces a user's roles. An admin cannot remove their own admin role (so one admin always remains able to manage users).
 * @throws AppError not_found / conflict.
 */
export async function updateUserRoles(db: Db, args: { userId: number; roles: Role[]; actorId: number }): Promise<void> {
  if (args.userId === args.actorId && !args.roles.includes("admin")) throw new AppError("conflict", "You cannot remove your own admin role.");
  await db.transaction(async (tx) => {
    const { users } = tx.tables;
    const updated = await tx.update(users).set({ roles: serializeRoles(args.roles) }).where(eq(users.id, args.userId)).returning({ id: users.id });
    if (updated.length === 0) throw new AppError("not_found", "User not found.");
    await appendEvent(tx, { auditId: null, actorId: args.actorId, type: "user.roles_changed", payload: { userId: args.userId, roles: args.roles } });
  });
}

/**
 * Records a failed sign-in: increments the user's failure count in one statement (no
 * read-then-write, so parallel failures all count) and sets the lock the new count calls for
 * (lib/sign-in-throttle.ts), in one transaction.
 * @returns the new failure count.
 */
export async function recordFailedSignIn(db: Db, { userId, now }: { userId: number; now: Date }): Promise<number> {
  return db.transaction(async (tx) => {
    const { users } = tx.tables;
    const [row] = await tx
      .update(users)
      .set({ failedSignIns: sql`${users.failedSignIns} + 1` })
      .where(eq(users.id, userId))
      .returning({ failedSignIns: users.failedSignIns });
    if (!row) return 0;
    await tx.update(users).set({ lockedUntil: lockUntilAfterFailure(row.failedSignIns, now) }).where(eq(users.id, userId));
    return row.failedSignIns;
  });
}

/** Clears a user's failure count and lock after a successful sign-in. */
export async function clearFailedSignIns(db: Db, { userId }: { userId: number }): Promise<void> {
  await db.transaction(async (tx) => {
    const { users } = tx.tables;
    await tx.update(users).set({ failedSignIns: 0, lockedUntil: null }).where(eq(users.id, userId));
  });
}
