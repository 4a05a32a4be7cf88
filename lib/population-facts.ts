/**
 * Builds a population's PopulationFacts (lib/sampling.ts) from its units streamed in position
 * order, without holding the units (issue 10 "Big populations": a draw on 5,000,000 units).
 * Memory: 4 bytes per unit (a 32-bit hash of its identity key) plus the census, the high-risk
 * subgroups' positions and the identity-collision clusters.
 */
import type { PopulationUnit } from "./population";
import { type PopulationFacts } from "./sampling";

/** FNV-1a over the UTF-16 code units; never 0 (0 marks "no identity key"). */
export function identityHash(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
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
    const position = this.size++;
    if (executionStatus !== "SUCCEEDED") this.census.push(position);
    if (subgroup !== null && this.wanted.has(subgroup)) {
      const list = this.subgroupMembers.get(subgroup);
      if (list) list.push(position);
      else this.subgroupMembers.set(subgroup, [position]);
    }
    if (position === this.hashes.length) {
      const grown = new Uint32Array(this.hashes.length * 2);
      grown.set(this.hashes);
      this.hashes = grown;
    }
    this.hashes[position] = identityKey === null || identityKey === "" ? 0 : this.hash(identityKey) || 1;
  }

  /**
   * @param identityKeysAt the identity keys of the units at the given ascending positions, in that order.
   * @returns the facts; the builder is spent afterwards.
   */
  async finish(identityKeysAt: (positions: number[]) => Promise<(string | null)[]>): Promise<PopulationFacts> {
    const hashes = this.hashes.subarray(0, this.size);
    const sorted = hashes.slice().sort();
    const repeated = new Set<number>();
    for (let i = 1; i < sorted.length; i++) if (sorted[i] !== 0 && sorted[i] === sorted[i - 1]) repeated.add(sorted[i]);
    const candidates: number[] = [];
    if (repeated.size > 0) for (let p = 0; p < hashes.length; p++) if (repeated.has(hashes[p])) candidates.push(p);
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
