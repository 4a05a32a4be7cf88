import { eq } from "drizzle-orm";
import { type Role, serializeRoles } from "@/lib/roles";
import { AppError } from "@/lib/server/errors";
import { hashPassword } from "@/lib/server/passwords";
import type { Db } from "../client";
import { appendEvent } from "../events";
import { users } from "../schema";

/**
 * Adds a user with an argon2id password hash.
 * @throws AppError conflict when the email is taken.
 */
export async function createUser(db: Db, args: { email: string; name: string; password: string; roles: Role[]; actorId: number | null }): Promise<number> {
  const passwordHash = await hashPassword(args.password);
  return db.transaction((tx) => {
    if (tx.select({ id: users.id }).from(users).where(eq(users.email, args.email)).get()) throw new AppError("conflict", `A user with email ${args.email} already exists.`);
    const row = tx.insert(users).values({ email: args.email, name: args.name, passwordHash, roles: serializeRoles(args.roles) }).returning({ id: users.id }).get();
    appendEvent(tx, { auditId: null, actorId: args.actorId, type: "user.created", payload: { userId: row.id, email: args.email, roles: args.roles } });
    return row.id;
  });
}

/**
 * Replaces a user's roles. An admin cannot remove their own admin role (so one admin always remains able to manage users).
 * @throws AppError not_found / conflict.
 */
export function updateUserRoles(db: Db, args: { userId: number; roles: Role[]; actorId: number }): void {
  db.transaction((tx) => {
    const user = tx.select({ id: users.id }).from(users).where(eq(users.id, args.userId)).get();
    if (!user) throw new AppError("not_found", "User not found.");
    if (args.userId === args.actorId && !args.roles.includes("admin")) throw new AppError("conflict", "You cannot remove your own admin role.");
    tx.update(users).set({ roles: serializeRoles(args.roles) }).where(eq(users.id, args.userId)).run();
    appendEvent(tx, { auditId: null, actorId: args.actorId, type: "user.roles_changed", payload: { userId: args.userId, roles: args.roles } });
  });
}
