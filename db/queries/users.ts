import "server-only";
import { asc } from "drizzle-orm";
import { parseRoles } from "@/lib/roles";
import { getDb } from "../client";
import { users } from "../schema";

/** All users by email, with parsed roles and lock state (no password hashes). */
export function listUsers() {
  return getDb()
    .select({ id: users.id, email: users.email, name: users.name, roles: users.roles, lockedUntil: users.lockedUntil, createdAt: users.createdAt })
    .from(users)
    .orderBy(asc(users.email))
    .all()
    .map((u) => ({ ...u, roles: parseRoles(u.roles) }));
}
