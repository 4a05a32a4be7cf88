import "server-only";
import { asc, count, desc, eq } from "drizzle-orm";
import { firstBrokenLink } from "@/lib/event-chain";
import type { SignedHeadClaim } from "@/lib/signed-head";
import type { Reader } from "../handle";

/**
 * Verifies the whole hash-chained event log in insertion order (lib/event-chain.ts).
 * @returns the number of entries, the index and id of the first broken link (or null), and the head hash.
 */
export async function verifyEventChain(db: Reader): Promise<{ entries: number; firstBroken: { index: number; id: number } | null; headHash: string | null }> {
  const { events } = db.tables;
  const rows = await db.select().from(events).orderBy(asc(events.id));
  const index = firstBrokenLink(rows);
  return { entries: rows.length, firstBroken: index < 0 ? null : { index, id: rows[index].id }, headHash: rows.at(-1)?.hash ?? null };
}


/**
 * One page of an audit's own event-log entries, newest first, with the actor's name (the audit
 * timeline), and how many entries the audit has in all.
 * @param page 1-based; @param pageSize entries per page (≥ 1).
 */
export async function listAuditEvents(db: Reader, { auditId, page = 1, pageSize = 25 }: { auditId: number; page?: number; pageSize?: number }) {
  const { events, users } = db.tables;
  const [rows, [{ total }]] = await Promise.all([
    db
      .select({ id: events.id, type: events.type, payload: events.payload, createdAt: events.createdAt, hash: events.hash, actor: users.name })
      .from(events)
      .leftJoin(users, eq(users.id, events.actorId))
      .where(eq(events.auditId, auditId))
      .orderBy(desc(events.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ total: count() }).from(events).where(eq(events.auditId, auditId)),
  ]);
  return { total, rows: rows.map((r) => ({ ...r, payload: JSON.parse(r.payload) as Record<string, unknown> })) };
}

/**
 * The signed heads stored at sign-offs, closeouts and break-glass grants, each checked against
 * the event log as it is now: the signature must verify with the configured public key, the entry
 * must still exist with the signed hash. A rewritten history fails here even when every hash in
 * the chain was recomputed.
 * @param verify checks one claim's signature (lib/signed-head.ts `verifyHead` with the public key).
 */
export async function verifySignedHeads(db: Reader, { verify, keyId }: { verify: (claim: SignedHeadClaim, signature: string) => boolean; keyId: string }) {
  const { events, signedHeads } = db.tables;
  const rows = await db
    .select({ head: signedHeads, currentHash: events.hash })
    .from(signedHeads)
    .leftJoin(events, eq(events.id, signedHeads.eventId))
    .orderBy(asc(signedHeads.id));
  return rows.map(({ head, currentHash }) => {
    const claim: SignedHeadClaim = { eventId: head.eventId, headHash: head.headHash, reason: head.reason, signedAt: head.signedAt };
    const problem =
      head.keyId !== keyId
        ? `signed with key ${head.keyId}, not the configured key ${keyId}`
        : !verify(claim, head.signature)
          ? "the signature does not verify"
          : currentHash === null
            ? "the signed entry is missing from the log"
            : currentHash !== head.headHash
              ? "the entry's hash differs from the one signed: the history was rewritten"
              : null;
    return { ...head, problem };
  });
}
