import "server-only";
import { asc, eq } from "drizzle-orm";
import { parseRoles } from "@/lib/roles";
import type { Reader } from "../handle";
import type { User } from "../schema";

/**
 * All users by email, with parsed roles, deactivation time, and the sign-in throttle's lock on
 * their email (`lockedUntil`, null when none; issue 10). No password hashes.
 */
export async function listUsers(db: Reader) {
  const { users, signInThrottle } = db.tables;
  const rows = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      roles: users.roles,
      deactivatedAt: users.deactivatedAt,
      lockedUntil: signInThrottle.lockedUntil,
      createdAt: users.createdAt,
    })
    .from(users)
    .leftJoin(signInThrottle, eq(signInThrottle.emailKey, users.email))
    .orderBy(asc(users.email));
  return rows.map((u) => ({ ...u, roles: parseRoles(u.roles) }));
}

/** One user (with the password hash, for sign-in) by normalised email or by id, or null. */
export async function getUser(db: Reader, by: { email: string } | { id: number }): Promise<User | null> {
  const { users } = db.tables;
  const [user] = await db
    .select()
    .from(users)
    .where("email" in by ? eq(users.email, by.email) : eq(users.id, by.id));
  return user ?? null;
}

/** True when the database has at least one user (the demo seed runs only on an empty one). */
export async function hasUsers(db: Reader): Promise<boolean> {
  const { users } = db.tables;
  const [row] = await db.select({ id: users.id }).from(users).limit(1);
  return row !== undefined;
}
