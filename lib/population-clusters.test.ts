import { describe, expect, it } from "vitest";
import { clustersOfKeys, radixSortUint32, sharedHashPositions } from "./population-clusters";
import { createRandom } from "./random";

/** Seeded 32-bit values: the full range, with zeros, repeats and the extremes. */
function values(n: number, seed: string): Uint32Array {
  const r = createRandom(seed);
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const k = r.nextInt(20);
    out[i] = k === 0 ? 0 : k === 1 ? 0xffffffff : k === 2 && i > 0 ? out[r.nextInt(i)] : (r.nextInt(0x10000) * 0x10000 + r.nextInt(0x10000)) >>> 0;
  }
  return out;
}

/** The positions whose non-zero value occurs twice or more, by counting. */
function sharedByCounting(hashes: Uint32Array): number[] {
  const counts = new Map<number, number>();
  for (const h of hashes) counts.set(h, (counts.get(h) ?? 0) + 1);
  return Array.from(hashes.keys()).filter((p) => hashes[p] !== 0 && counts.get(hashes[p])! > 1);
}

describe("radixSortUint32", () => {
  it("sorts as Uint32Array.prototype.sort does, and leaves its input as it was", () => {
    for (const n of [0, 1, 2, 7, 2_048, 30_001]) {
      const input = values(n, "00112233445566778899aabbccddeeff");
      const copy = input.slice();
      expect(Array.from(radixSortUint32(input))).toEqual(Array.from(input.slice().sort()));
      expect(input).toEqual(copy);
    }
  });

  it("sorts values that differ only in their top, middle or bottom bits", () => {
    const input = Uint32Array.from([0x80000000, 0x00000001, 0x00400000, 0x00000800, 0x7fffffff, 0x00000000, 0x003fffff, 0xffc00000]);
    expect(Array.from(radixSortUint32(input))).toEqual(Array.from(input.slice().sort()));
  });
});

describe("sharedHashPositions", () => {
  it("gives the ascending positions of the repeated non-zero hashes", () => {
    for (const seed of ["0123456789abcdef0123456789abcdef", "ffeeddccbbaa99887766554433221100"]) {
      const hashes = values(20_000, seed);
      const shared = sharedHashPositions(hashes);
      expect(shared.length).toBeGreaterThan(1_000);
      expect(shared).toEqual(sharedByCounting(hashes));
    }
  });

  it("gives none when no hash repeats, and never the zeros (no key)", () => {
    expect(sharedHashPositions(Uint32Array.from([0, 0, 5, 0, 6]))).toEqual([]);
    expect(sharedHashPositions(new Uint32Array(0))).toEqual([]);
    expect(sharedHashPositions(Uint32Array.from([9, 0, 9, 0, 9, 0xffffffff, 0xffffffff]))).toEqual([0, 2, 4, 5, 6]);
  });
});

describe("clustersOfKeys", () => {
  it("groups equal non-empty keys of two or more units; a hash collision between two keys makes no cluster", () => {
    const clusters = clustersOfKeys([1, 4, 5, 8, 9, 12], ["a", "b", "a", null, "", "a"]);
    expect(clusters).toEqual(new Map([["a", [1, 5, 12]]]));
    expect(clustersOfKeys([], [])).toEqual(new Map());
  });
});
