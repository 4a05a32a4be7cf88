import { sha256Hex } from "./checksum";

/** Hash that starts the chain (no previous event). */
export const GENESIS_HASH = "0".repeat(64);

export type ChainedEvent = {
  auditId: number | null;
  actorId: number | null;
  type: string;
  /** JSON text of the event's details. */
  payload: string;
  /** ISO-8601 UTC timestamp. */
  createdAt: string;
};

/**
 * Hash of one event-log entry, chained to the previous entry's hash (DESIGN.md "event log":
 * append-only, hash-chained): SHA-256 hex of the JSON array
 * [prevHash, auditId, actorId, type, payload, createdAt]. Changing or removing any earlier
 * entry changes every later hash.
 */
export function eventHash(prevHash: string, e: ChainedEvent): string {
  return sha256Hex(JSON.stringify([prevHash, e.auditId, e.actorId, e.type, e.payload, e.createdAt]));
}

/**
 * Verifies a chain in insertion order.
 * @returns the index of the first entry whose prevHash or hash does not match, or -1 when the chain is intact.
 */
export function firstBrokenLink(chain: readonly (ChainedEvent & { prevHash: string; hash: string })[]): number {
  let prev = GENESIS_HASH;
  for (let i = 0; i < chain.length; i++) {
    const e = chain[i];
    if (e.prevHash !== prev || eventHash(prev, e) !== e.hash) return i;
    prev = e.hash;
  }
  return -1;
}
