import "server-only";
import { desc, eq } from "drizzle-orm";
import type { Reader } from "../handle";

/** Every API token, newest first, with its creator's name (never the token: it is not stored). */
export async function listApiTokens(db: Reader) {
  const { apiTokens, users } = db.tables;
  return db
    .select({ id: apiTokens.id, name: apiTokens.name, scope: apiTokens.scope, projectName: apiTokens.projectName, createdAt: apiTokens.createdAt, revokedAt: apiTokens.revokedAt, lastUsedAt: apiTokens.lastUsedAt, createdBy: users.name })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.createdBy))
    .orderBy(desc(apiTokens.id));
}

/**
 * The stored token with this SHA-256, or null. Called with a placeholder hash when the presented
 * token was malformed, so that every refusal costs the same one indexed lookup.
 */
export async function findApiTokenByHash(db: Reader, { tokenHash }: { tokenHash: string }) {
  const { apiTokens } = db.tables;
  const [row] = await db.select({ id: apiTokens.id, scope: apiTokens.scope, projectName: apiTokens.projectName, revokedAt: apiTokens.revokedAt }).from(apiTokens).where(eq(apiTokens.tokenHash, tokenHash));
  return row ?? null;
}
