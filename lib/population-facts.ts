/**
 * Builds a population's PopulationFacts (lib/sampling.ts) from its units streamed in position
 * order, without holding the units (issue 10 "Big populations": a draw on 5,000,000 units).
 * Memory: 4 bytes per unit (a 32-bit hash of its identity key) plus the census, the high-risk
 * subgroups' positions and the identity-collision clusters.
 */
import type { PopulationUnit } from "./population";
import { type PopulationFacts } from "./sampling";

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

/**
 * Feed every unit in population order with `add`, then `finish`. Identity clusters are exact: units
 * whose key hashes collide with another unit's are candidates, and their keys are then compared as
 * strings (fetched again by position, e.g. from the database), so a hash collision never merges
 * two keys and never drops a cluster.
 */
export class PopulationFactsBuilder {
  private size = 0;
  private readonly census: number[] = [];
  private hashes = new Uint32Array(1 << 16);
  private readonly wanted: ReadonlySet<string>;
  private readonly subgroupMembers = new Map<string, number[]>();

  /**
   * @param highRiskSubgroups the subgroups whose unit positions the draw needs.
   * @param hash the identity-key hash (tests inject a colliding one).
   */
  constructor(
    highRiskSubgroups: readonly string[],
    private readonly hash: (key: string) => number = identityHash,
  ) {
    this.wanted = new Set(highRiskSubgroups);
  }

  /** The next unit (position = number of units added before it). */
  add(unit: Pick<PopulationUnit, "executionStatus" | "subgroup" | "identityKey">): void {
    this.addFields(unit.executionStatus, unit.subgroup, unit.identityKey);
  }

  /** `add` without building a unit object (a draw streaming millions of raw rows). */
  addFields(executionStatus: string, subgroup: string | null, identityKey: string | null): void {
    const hash = identityKey === null || identityKey === "" ? 0 : this.hash(identityKey) || 1;
    this.addHashed(executionStatus !== "SUCCEEDED", subgroup !== null && this.wanted.has(subgroup) ? subgroup : null, hash);
  }

  /**
   * `add` from what a scan of raw bytes already worked out (lib/population-lines.ts).
   * @param census the unit is FAILED or UNKNOWN.
   * @param highRiskSubgroup its subgroup when that is one of the high-risk ones, else null.
   * @param hash its identity key's hash (`identityHash`), 0 when it has none.
   */
  addHashed(census: boolean, highRiskSubgroup: string | null, hash: number): void {
    this.reserve(1);
    if (census) this.census.push(this.size);
    if (highRiskSubgroup !== null) this.addSubgroupMember(highRiskSubgroup, this.size);
    this.hashes[this.size++] = hash;
  }

  /**
   * The next `hashes.length` units at once (a scan of raw bytes, lib/population-lines.ts).
   * @param hashes their identity hashes (`identityHash`, 0 for none), in order.
   * @param census the offsets (0-based within this block, ascending) of the FAILED or UNKNOWN ones.
   * @param highRisk [offset, subgroup] of the ones in a high-risk subgroup, offsets ascending.
   */
  addBlock(hashes: Uint32Array, census: readonly number[], highRisk: readonly (readonly [number, string])[]): void {
    this.reserve(hashes.length);
    const base = this.size;
    this.hashes.set(hashes, base);
    for (const offset of census) this.census.push(base + offset);
    for (const [offset, subgroup] of highRisk) this.addSubgroupMember(subgroup, base + offset);
    this.size += hashes.length;
  }

  private reserve(more: number): void {
    if (this.size + more <= this.hashes.length) return;
    const grown = new Uint32Array(Math.max(this.hashes.length * 2, this.size + more));
    grown.set(this.hashes.subarray(0, this.size));
    this.hashes = grown;
  }

  private addSubgroupMember(subgroup: string, position: number): void {
    const list = this.subgroupMembers.get(subgroup);
    if (list) list.push(position);
    else this.subgroupMembers.set(subgroup, [position]);
  }

  /**
   * @param identityKeysAt the identity keys of the units at the given ascending positions, in that order.
   * @returns the facts; the builder is spent afterwards.
   */
  async finish(identityKeysAt: (positions: number[]) => Promise<(string | null)[]>): Promise<PopulationFacts> {
    const hashes = this.hashes.subarray(0, this.size);
    const sorted = hashes.slice().sort();
    // Hashes shared by two or more units; a bit per hash (top 24 bits) spares most units the set lookup.
    const repeated = new Set<number>();
    const seen = new Uint8Array(1 << 21);
    for (let i = 1; i < sorted.length; i++) {
      const h = sorted[i];
      if (h !== 0 && h === sorted[i - 1] && !repeated.has(h)) {
        repeated.add(h);
        seen[h >>> 11] |= 1 << ((h >>> 8) & 7);
      }
    }
    const candidates: number[] = [];
    if (repeated.size > 0) {
      for (let p = 0; p < hashes.length; p++) {
        const h = hashes[p];
        if ((seen[h >>> 11] & (1 << ((h >>> 8) & 7))) !== 0 && repeated.has(h)) candidates.push(p);
      }
    }
    this.hashes = new Uint32Array(0);
    const keys = candidates.length > 0 ? await identityKeysAt(candidates) : [];
    const byKey = new Map<string, number[]>();
    candidates.forEach((position, i) => {
      const key = keys[i];
      if (key === null || key === "") return;
      const list = byKey.get(key);
      if (list) list.push(position);
      else byKey.set(key, [position]);
    });
    const clusters = new Map([...byKey].filter(([, positions]) => positions.length > 1));
    return { size: this.size, census: this.census, clusters, subgroupMembers: this.subgroupMembers };
  }
}
