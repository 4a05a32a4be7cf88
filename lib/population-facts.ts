/**
 * The 32-bit identity-key hash a streamed draw keeps per unit instead of the key (issue 10 "Big
 * populations": a draw on 5,000,000 units holds 4 bytes per unit). Units whose hashes repeat are
 * only candidates: their keys are then compared as strings (lib/population-clusters.ts), so a hash
 * collision never merges two keys. Pure.
 */

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const utf8 = new TextEncoder();

/**
 * FNV-1a (32-bit) over the key's UTF-8 bytes, so a key hashes the same whether it arrives as a
 * string or as bytes (`identityHashOfBytes`, a draw reading canonical lines); never 0 (0 marks
 * "no identity key").
 */
export function identityHash(key: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    if (c >= 0x80) {
      const bytes = utf8.encode(key);
      return identityHashOfBytes(bytes, 0, bytes.length);
    }
    h = Math.imul(h ^ c, FNV_PRIME);
  }
  return h >>> 0 || 1;
}

/** `identityHash` of the key whose UTF-8 bytes are bytes[start, end). */
export function identityHashOfBytes(bytes: Uint8Array, start: number, end: number): number {
  let h = FNV_OFFSET;
  for (let i = start; i < end; i++) h = Math.imul(h ^ bytes[i], FNV_PRIME);
  return h >>> 0 || 1;
}
