import "server-only";
import { desc } from "drizzle-orm";
import { eventHash, GENESIS_HASH } from "@/lib/event-chain";
import type { EventPayload, EventType } from "@/lib/event-types";
import type { Tx } from "./handle";

/** Lock key that serializes appends to the event log across transactions and app instances. */
const EVENT_CHAIN_LOCK = "countersign.event-chain";

/**
 * Appends one entry to the hash-chained event log (DESIGN.md "event log"). Call it inside the
 * transaction of the state change it records, as that transaction's last write, so both happen or
 * neither does. Appends are serialized (`tx.lock`), and `events.prev_hash` is unique, so two
 * instances appending at once can never fork the chain: one waits for the other.
 * A checklist audit's entry (audit_id null, payload.profileAuditId) also gets that id in
 * `events.profile_audit_id`, the index its timeline reads by; the hash covers the payload.
 * @returns the new entry's id and hash (the chain's new head).
 */
export async function appendEvent<T extends EventType>(tx: Tx, e: { auditId: number | null; actorId: number | null; type: T; payload: EventPayload<T> }): Promise<{ id: number; hash: string }> {
  const { events } = tx.tables;
  await tx.lock(EVENT_CHAIN_LOCK);
  const [last] = await tx.select({ hash: events.hash }).from(events).orderBy(desc(events.id)).limit(1);
  const prevHash = last?.hash ?? GENESIS_HASH;
  const entry = { auditId: e.auditId, actorId: e.actorId, type: e.type, payload: JSON.stringify(e.payload), createdAt: new Date().toISOString() };
  const [row] = await tx
    .insert(events)
    .values({ ...entry, profileAuditId: profileAuditOf(e), prevHash, hash: eventHash(prevHash, entry) })
    .returning({ id: events.id, hash: events.hash });
  return row;
}

/** payload.profileAuditId of an entry outside any sampling audit, when it is an integer; else null. */
function profileAuditOf(e: { auditId: number | null; payload: object }): number | null {
  if (e.auditId !== null || !("profileAuditId" in e.payload)) return null;
  return Number.isInteger(e.payload.profileAuditId) ? (e.payload.profileAuditId as number) : null;
}
