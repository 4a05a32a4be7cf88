/**
 * Which units of a big population may share an identity key (issue 10 "Big populations": a
 * 5,000,000-unit draw in under 5 s), from the 32-bit hashes of their keys (lib/population-facts.ts
 * `identityHash`, one per unit in position order, 0 for "no key"). Sorting the 5,000,000 hashes
 * with `Uint32Array.prototype.sort` took ~0.7 s of the draw; the radix sort here takes ~0.2 s.
 */

/** Bits per radix pass: three passes of 11 bits cover 32 (2,048 counters a pass, which stay in cache). */
const BITS = 11;
const BUCKETS = 1 << BITS;
const MASK = BUCKETS - 1;

/**
 * The values in ascending order (LSD radix sort, stable; the same result as
 * `values.slice().sort()`).
 * @param values 32-bit unsigned integers; left untouched.
 * @returns a new array (memory: two arrays the size of `values` while it runs).
 */
export function radixSortUint32(values: Uint32Array): Uint32Array {
  const n = values.length;
  const counts = new Uint32Array(3 * BUCKETS);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    counts[v & MASK]++;
    counts[BUCKETS + ((v >>> BITS) & MASK)]++;
    counts[2 * BUCKETS + (v >>> (2 * BITS))]++;
  }
  let from: Uint32Array = values;
  let to: Uint32Array = new Uint32Array(n);
  let spare: Uint32Array | null = null;
  for (let pass = 0; pass < 3; pass++) {
    const base = pass * BUCKETS;
    let sum = 0;
    for (let b = 0; b < BUCKETS; b++) {
      const c = counts[base + b];
      counts[base + b] = sum;
      sum += c;
    }
    const shift = pass * BITS;
    for (let i = 0; i < n; i++) {
      const v = from[i];
      to[counts[base + ((v >>> shift) & MASK)]++] = v;
    }
    // The input is never written: the first pass reads it, then two work arrays take turns.
    const done = to;
    to = from === values ? (spare ??= new Uint32Array(n)) : from;
    from = done;
  }
  return from;
}

/**
 * Positions whose hash is not 0 and occurs at least twice: the units that may share their
 * identity key with another one (their keys are then compared as strings; a hash never found
 * twice means a key found once).
 * @param hashes one hash per unit, in position order.
 * @returns those positions, ascending.
 */
export function sharedHashPositions(hashes: Uint32Array): number[] {
  const sorted = radixSortUint32(hashes);
  // Hashes found twice or more; a bit per hash (its top 24 bits) spares most units the set lookup.
  const repeated = new Set<number>();
  const seen = new Uint8Array(1 << 21);
  for (let i = 1; i < sorted.length; i++) {
    const h = sorted[i];
    if (h !== 0 && h === sorted[i - 1] && !repeated.has(h)) {
      repeated.add(h);
      seen[h >>> 11] |= 1 << ((h >>> 8) & 7);
    }
  }
  const positions: number[] = [];
  if (repeated.size === 0) return positions;
  for (let p = 0; p < hashes.length; p++) {
    const h = hashes[p];
    if ((seen[h >>> 11] & (1 << ((h >>> 8) & 7))) !== 0 && repeated.has(h)) positions.push(p);
  }
  return positions;
}

/**
 * Identity-collision clusters (lib/sampling.ts `PopulationFacts.clusters`) from the candidates'
 * keys: units with the same non-empty key, two or more.
 * @param positions ascending positions (`sharedHashPositions`).
 * @param keys their identity keys, in the same order (null or "" for none).
 */
export function clustersOfKeys(positions: readonly number[], keys: readonly (string | null)[]): Map<string, number[]> {
  const byKey = new Map<string, number[]>();
  positions.forEach((position, i) => {
    const key = keys[i];
    if (key === null || key === undefined || key === "") return;
    const list = byKey.get(key);
    if (list) list.push(position);
    else byKey.set(key, [position]);
  });
  return new Map([...byKey].filter(([, list]) => list.length > 1));
}
