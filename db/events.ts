import { desc } from "drizzle-orm";
import { eventHash, GENESIS_HASH } from "@/lib/event-chain";
import type { Db } from "./client";
import { events } from "./schema";

/** A drizzle transaction or the database itself (better-sqlite3 transactions are synchronous). */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0] | Db;

/**
 * Appends one entry to the hash-chained event log. Call inside the same transaction as the
 * state change it records, so both happen or neither does.
 */
export function appendEvent(tx: Tx, e: { auditId: number | null; actorId: number | null; type: string; payload: unknown }): void {
  const last = tx.select({ hash: events.hash }).from(events).orderBy(desc(events.id)).limit(1).get();
  const prevHash = last?.hash ?? GENESIS_HASH;
  const entry = { auditId: e.auditId, actorId: e.actorId, type: e.type, payload: JSON.stringify(e.payload ?? {}), createdAt: new Date().toISOString() };
  tx.insert(events).values({ ...entry, prevHash, hash: eventHash(prevHash, entry) }).run();
}
