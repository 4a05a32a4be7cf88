/**
 * One pass over a stored population that yields both its checksum (lib/checksum.ts) and the facts
 * its draw needs (lib/population-facts.ts), from the units' lines read in bulk (issue 10 "Big
 * populations": a 5,000,000-unit draw in under 5 s). The database joins each unit into the line
 * `unit_key \t execution_status \t subgroup \t identity_key \n` (absent values empty, values NOT
 * escaped) and a range of units into one byte string; that string is the checksum's own input
 * whenever no value holds a backslash, tab or newline, so it is hashed as it is and parsed here
 * byte by byte, without a JavaScript string or object per unit. A range where some value does hold
 * one is refused by `addRawLines` and fed unit by unit with `addUnit` instead (escaped as the
 * checksum escapes). Both paths give the same checksum and facts.
 */
import { PopulationChecksum } from "./checksum";
import { identityHash, PopulationFactsBuilder } from "./population-facts";
import type { PopulationFacts } from "./sampling";

const TAB = 9;
const NEWLINE = 10;
const BACKSLASH = 92;
const SUCCEEDED = new TextEncoder().encode("SUCCEEDED");
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

export class PopulationScan {
  private readonly checksum = new PopulationChecksum();
  private readonly facts: PopulationFactsBuilder;
  /** High-risk subgroups by the FNV-1a hash of their UTF-8 bytes. */
  private readonly subgroupsByHash = new Map<number, { name: string; bytes: Uint8Array }[]>();
  /** Bit (hash & 0xffff) set for each of those hashes: most units' subgroups skip the map. */
  private readonly subgroupFilter = new Uint8Array(1 << 16);
  private readonly narrow: ((hash: number) => number) | undefined;
  private scratch = new Uint32Array(0);

  /**
   * @param highRiskSubgroups the subgroups whose units' positions the draw needs (non-empty names,
   *   as lib/population-import.ts guarantees: an empty subgroup field reads as "no subgroup").
   * @param narrow maps each identity hash before use (tests narrow it to force collisions).
   */
  constructor(highRiskSubgroups: readonly string[], narrow?: (hash: number) => number) {
    this.narrow = narrow;
    this.facts = new PopulationFactsBuilder(highRiskSubgroups, narrow ? (key) => narrow(identityHash(key)) || 1 : identityHash);
    const utf8 = new TextEncoder();
    for (const name of new Set(highRiskSubgroups)) {
      if (name === "") continue;
      const bytes = utf8.encode(name);
      let h = FNV_OFFSET;
      for (const b of bytes) h = Math.imul(h ^ b, FNV_PRIME);
      this.subgroupFilter[h & 0xffff] = 1;
      const list = this.subgroupsByHash.get(h >>> 0);
      if (list) list.push({ name, bytes });
      else this.subgroupsByHash.set(h >>> 0, [{ name, bytes }]);
    }
  }

  /**
   * The next `rows` units, as the database joined them (see the module comment).
   * @returns false, having taken nothing, when some value holds a backslash, tab or newline (or the
   *   bytes are not `rows` lines of four fields): feed those units with `addUnit`.
   */
  addRawLines(lines: Uint8Array, rows: number): boolean {
    if (this.scratch.length < rows) this.scratch = new Uint32Array(rows);
    const hashes = this.scratch.subarray(0, rows);
    const census: number[] = [];
    const highRisk: [number, string][] = [];
    const filter = this.subgroupFilter;
    let row = 0;
    let field = 0;
    let fieldStart = 0;
    let h = FNV_OFFSET;
    // Each unit is exactly three tabs and a newline around its values (the database wrote them so):
    // a fourth tab, an early newline or a backslash means some value needs escaping.
    for (let i = 0; i < lines.length; i++) {
      const c = lines[i];
      if (c === TAB) {
        if (field === 1) {
          if (!equalBytes(lines, fieldStart, i, SUCCEEDED)) census.push(row);
        } else if (field === 2) {
          if (i > fieldStart && filter[h & 0xffff] === 1) {
            const name = this.highRiskSubgroup(lines, fieldStart, i, h >>> 0);
            if (name !== null) highRisk.push([row, name]);
          }
        } else if (field === 3) return false;
        field++;
        fieldStart = i + 1;
        h = FNV_OFFSET;
      } else if (c === NEWLINE) {
        if (field !== 3 || row === rows) return false;
        hashes[row++] = i > fieldStart ? h >>> 0 || 1 : 0;
        field = 0;
        fieldStart = i + 1;
        h = FNV_OFFSET;
      } else if (c === BACKSLASH) return false;
      else if (field >= 2) h = Math.imul(h ^ c, FNV_PRIME);
    }
    if (row !== rows || field !== 0 || fieldStart !== lines.length) return false;
    if (this.narrow) for (let r = 0; r < rows; r++) if (hashes[r] !== 0) hashes[r] = this.narrow(hashes[r]) || 1;
    this.checksum.addLines(lines);
    this.facts.addBlock(hashes, census, highRisk);
    return true;
  }

  /** The next unit, from its stored values (any characters). */
  addUnit(unitKey: string, executionStatus: string, subgroup: string | null, identityKey: string | null): void {
    this.checksum.addFields(unitKey, executionStatus, subgroup, identityKey);
    this.facts.addFields(executionStatus, subgroup === "" ? null : subgroup, identityKey);
  }

  /**
   * @param identityKeysAt the identity keys at the given ascending positions, in that order (the
   *   units whose key hash is shared: their keys are compared as strings, so clusters are exact).
   * @returns the SHA-256 hex checksum and the draw facts; the scan is spent afterwards.
   */
  async finish(identityKeysAt: (positions: number[]) => Promise<(string | null)[]>): Promise<{ checksum: string; facts: PopulationFacts }> {
    const checksum = this.checksum.digest();
    return { checksum, facts: await this.facts.finish(identityKeysAt) };
  }

  private highRiskSubgroup(bytes: Uint8Array, start: number, end: number, hash: number): string | null {
    const candidates = this.subgroupsByHash.get(hash);
    if (candidates) for (const c of candidates) if (equalBytes(bytes, start, end, c.bytes)) return c.name;
    return null;
  }
}

function equalBytes(bytes: Uint8Array, start: number, end: number, expected: Uint8Array): boolean {
  if (end - start !== expected.length) return false;
  for (let i = 0; i < expected.length; i++) if (bytes[start + i] !== expected[i]) return false;
  return true;
}
