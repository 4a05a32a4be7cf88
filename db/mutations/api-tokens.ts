import "server-only";
import { and, eq, isNull, lt, or } from "drizzle-orm";
import { newApiToken } from "@/lib/api-token";
import { AppError } from "@/lib/server/errors";
import { appendEvent } from "../events";
import type { Db } from "../handle";

/**
 * Creates an API token that reads gates (optionally of one project). Only its SHA-256 is stored;
 * the token is returned once, to be shown to the admin.
 */
export async function createApiToken(db: Db, args: { name: string; projectName: string | null; actorId: number }): Promise<{ id: number; token: string }> {
  const { token, tokenHash } = newApiToken();
  const id = await db.transaction(async (tx) => {
    const { apiTokens } = tx.tables;
    const [row] = await tx.insert(apiTokens).values({ name: args.name, tokenHash, scope: "gate:read", projectName: args.projectName, createdBy: args.actorId }).returning({ id: apiTokens.id });
    await appendEvent(tx, { auditId: null, actorId: args.actorId, type: "api_token.created", payload: { apiTokenId: row.id, name: args.name, scope: "gate:read", projectName: args.projectName } });
    return row.id;
  });
  return { id, token };
}

/**
 * Revokes an API token: the very next request with it gets 401. The conditional update is the
 * check, so two revocations at once give one revocation and one not_found.
 * @throws AppError not_found when there is no such unrevoked token.
 */
export async function revokeApiToken(db: Db, args: { apiTokenId: number; actorId: number }): Promise<void> {
  await db.transaction(async (tx) => {
    const { apiTokens } = tx.tables;
    const updated = await tx.update(apiTokens).set({ revokedAt: new Date() }).where(and(eq(apiTokens.id, args.apiTokenId), isNull(apiTokens.revokedAt))).returning({ id: apiTokens.id });
    if (updated.length === 0) throw new AppError("not_found", "API token not found or already revoked.");
    await appendEvent(tx, { auditId: null, actorId: args.actorId, type: "api_token.revoked", payload: { apiTokenId: args.apiTokenId } });
  });
}

/** Granularity of "last used": a token used again within a minute is not written again. */
const LAST_USED_RESOLUTION_MS = 60_000;

/** Records that a token was used at `now` (UTC), at most once a minute per token. Not in the event log (it is not a state change of an audit). */
export async function touchApiToken(db: Db, args: { apiTokenId: number; now: Date }): Promise<void> {
  const { apiTokens } = db.tables;
  const staleBefore = new Date(args.now.getTime() - LAST_USED_RESOLUTION_MS);
  await db.transaction(async (tx) => {
    await tx
      .update(apiTokens)
      .set({ lastUsedAt: args.now })
      .where(and(eq(apiTokens.id, args.apiTokenId), or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, staleBefore))));
  });
}
