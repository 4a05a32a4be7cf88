import "server-only";
import { asc } from "drizzle-orm";
import { firstBrokenLink } from "@/lib/event-chain";
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

