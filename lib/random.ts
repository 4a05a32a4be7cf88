/**
 * Seeded pseudo-random numbers for reproducible sample draws.
 *
 * Algorithm: xoshiro128** 1.1 (Blackman & Vigna, "Scrambled linear pseudorandom number
 * generators", ACM TOMS 2021). A 128-bit seed, written as 32 hex characters, is expanded with
 * SHA-256 into the four 32-bit state words, so sparse seeds (e.g. 000…001) still start from a
 * well-mixed state, and a stored seed reproduces a draw exactly.
 */
import { createHash } from "node:crypto";

export type Random = {
  /** Next unsigned 32-bit integer, 0 ≤ x < 2^32. */
  nextUint32(): number;
  /** Uniform integer 0 ≤ x < bound (no modulo bias, by rejection). Throws RangeError if bound is not an integer in [1, 2^32]. */
  nextInt(bound: number): number;
};

const SEED_PATTERN = /^[0-9a-f]{32}$/;

/** True when `seed` is a valid 128-bit seed: exactly 32 lower-case hex characters. */
export function isValidSeed(seed: string): boolean {
  return SEED_PATTERN.test(seed);
}

/**
 * Creates a generator from a 128-bit seed: state = the first 16 bytes of SHA-256(seedHex),
 * read as four big-endian 32-bit words.
 * @param seedHex 32 lower-case hex characters (use `crypto.randomBytes(16).toString("hex")`).
 * @throws RangeError when the seed is not 32 lower-case hex characters.
 */
export function createRandom(seedHex: string): Random {
  if (!isValidSeed(seedHex)) throw new RangeError("seed must be 32 lower-case hex characters (128 bits)");
  const digest = createHash("sha256").update(seedHex).digest();
  return xoshiro128StarStar([0, 1, 2, 3].map((i) => digest.readUInt32BE(i * 4)) as [number, number, number, number]);
}

/**
 * The xoshiro128** generator on an explicit state of four unsigned 32-bit words.
 * @throws RangeError when the state is all zero (a fixed point of the generator).
 */
export function xoshiro128StarStar(state: readonly [number, number, number, number]): Random {
  const s = Uint32Array.from(state);
  if ((s[0] | s[1] | s[2] | s[3]) === 0) throw new RangeError("state must not be all zero");

  const rotl = (x: number, k: number) => ((x << k) | (x >>> (32 - k))) >>> 0;
  function nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(s[1], 5) >>> 0, 7), 9) >>> 0;
    const t = (s[1] << 9) >>> 0;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 11);
    return result;
  }
  function nextInt(bound: number): number {
    if (!Number.isInteger(bound) || bound < 1 || bound > 2 ** 32) throw new RangeError("bound must be an integer in [1, 2^32]");
    const limit = 2 ** 32 - (2 ** 32 % bound);
    let x = nextUint32();
    while (x >= limit) x = nextUint32();
    return x % bound;
  }
  return { nextUint32, nextInt };
}

/**
 * Simple random sample without replacement of `count` distinct integers from [0, size),
 * in draw order, by a partial Fisher–Yates shuffle over a sparse swap map (Knuth, TAOCP
 * vol. 2 §3.4.2, Algorithm P). O(count) time and memory, so drawing 250 of 1,000,000 is cheap.
 * @throws RangeError when count or size is negative/non-integer, or count > size.
 */
export function sampleWithoutReplacement(random: Random, size: number, count: number): number[] {
  if (!Number.isInteger(size) || size < 0) throw new RangeError("size must be a non-negative integer");
  if (!Number.isInteger(count) || count < 0 || count > size) throw new RangeError("count must be an integer in [0, size]");
  const swapped = new Map<number, number>();
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const j = i + random.nextInt(size - i);
    const atJ = swapped.get(j) ?? j;
    const atI = swapped.get(i) ?? i;
    swapped.set(j, atI);
    out.push(atJ);
  }
  return out;
}

/** Fisher–Yates shuffle of a copy of `items` driven by `random` (Durstenfeld 1964). */
export function shuffled<T>(random: Random, items: readonly T[]): T[] {
  const copy = items.slice();
  for (let i = copy.length - 1; i > 0; i--) {
    const j = random.nextInt(i + 1);
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}
