/**
 * One pass over a stored population that yields both its checksum (lib/checksum.ts) and the facts
 * its draw needs (lib/sampling.ts `PopulationFacts`), from the units' lines read in bulk (issue 10
 * "Big populations": a 5,000,000-unit draw in under 5 s). The database joins each unit into the
 * line `unit_key \t execution_status \t subgroup \t identity_key \n` (absent values empty, values
 * NOT escaped) and a range of units into one byte string; that string is the checksum's own input
 * whenever no value holds a backslash, tab or newline, so it is hashed as it is and parsed here
 * byte by byte, without a JavaScript string or object per unit. A range where some value does hold
 * one is refused by the parse and fed unit by unit with `addUnit` instead (escaped as the checksum
 * escapes). Both paths give the same checksum and facts.
 *
 * The parse (`LineParser`) and the in-order assembly (`PopulationScan`) are apart so that several
 * threads can parse ranges at once and one thread assemble them in population order
 * (db/population-scan.ts): a parse's result is plain data that `postMessage` can carry.
 * Memory of the assembly: 4 bytes per unit (its identity hash) plus the census, the high-risk
 * subgroups' positions and the identity-collision candidates.
 */
import { PopulationChecksum } from "./checksum";
import { clustersOfKeys, sharedHashPositions } from "./population-clusters";
import { identityHash } from "./population-facts";
import type { PopulationFacts } from "./sampling";

const TAB = 9;
const NEWLINE = 10;
const BACKSLASH = 92;
const SUCCEEDED = new TextEncoder().encode("SUCCEEDED");
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** What the parse of one range of units found; plain data (structured-clonable). Offsets are 0-based within the range. */
export type ParsedLines = {
  /** Each unit's identity hash (lib/population-facts.ts `identityHash` of its key; 0 for none), in order. */
  hashes: Uint32Array;
  /** Offsets of the FAILED or UNKNOWN units (anything but SUCCEEDED), ascending. */
  census: number[];
  /** [offset, subgroup] of the units in a high-risk subgroup, offsets ascending. */
  highRisk: [number, string][];
};

/** Parses ranges of joined lines (see the module comment) into ParsedLines; keeps no state between ranges. */
export class LineParser {
  /** High-risk subgroups by the FNV-1a hash of their UTF-8 bytes. */
  private readonly subgroupsByHash = new Map<number, { name: string; bytes: Uint8Array }[]>();
  /** Bit (hash & 0xffff) set for each of those hashes: most units' subgroups skip the map. */
  private readonly subgroupFilter = new Uint8Array(1 << 16);

  /**
   * @param highRiskSubgroups the subgroups whose units' positions the draw needs (non-empty names,
   *   as lib/population-import.ts guarantees: an empty subgroup field reads as "no subgroup").
   * @param narrow maps each identity hash before use (tests narrow it to force collisions).
   */
  constructor(
    highRiskSubgroups: readonly string[],
    private readonly narrow?: (hash: number) => number,
  ) {
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
   * The next `rows` units, as the database joined them.
   * @returns null when some value holds a backslash, tab or newline, or the bytes are not `rows`
   *   lines of four fields: feed those units with `PopulationScan.addUnit`.
   */
  parse(lines: Uint8Array, rows: number): ParsedLines | null {
    const len = lines.length;
    // Ending in a newline, every field loop below stops inside the bytes (at a tab or a newline).
    if (rows === 0 || lines[len - 1] !== NEWLINE) return rows === 0 && len === 0 ? { hashes: new Uint32Array(0), census: [], highRisk: [] } : null;
    const hashes = new Uint32Array(rows);
    const census: number[] = [];
    const highRisk: [number, string][] = [];
    const filter = this.subgroupFilter;
    let i = 0;
    let c = 0;
    // Each unit is exactly three tabs and a newline around its values (the database wrote them so):
    // a fourth tab, an early newline or a backslash means some value needs escaping. One loop per
    // field, so a byte costs a compare or two (one loop over all fields with a field counter took
    // twice as long).
    for (let row = 0; row < rows; row++) {
      if (i >= len) return null;
      // unit_key: only the checksum needs it.
      for (;;) {
        c = lines[i++];
        if (c === TAB) break;
        if (c === NEWLINE || c === BACKSLASH) return null;
      }
      // execution_status
      const status = i;
      for (;;) {
        c = lines[i++];
        if (c === TAB) break;
        if (c === NEWLINE || c === BACKSLASH) return null;
      }
      if (!equalBytes(lines, status, i - 1, SUCCEEDED)) census.push(row);
      // subgroup, hashed as it goes
      const subgroup = i;
      let h = FNV_OFFSET;
      for (;;) {
        c = lines[i++];
        if (c === TAB) break;
        if (c === NEWLINE || c === BACKSLASH) return null;
        h = Math.imul(h ^ c, FNV_PRIME);
      }
      if (i - 1 > subgroup && filter[h & 0xffff] === 1) {
        const name = this.highRiskSubgroup(lines, subgroup, i - 1, h >>> 0);
        if (name !== null) highRisk.push([row, name]);
      }
      // identity_key, hashed as it goes (lib/population-facts.ts identityHashOfBytes)
      const key = i;
      h = FNV_OFFSET;
      for (;;) {
        c = lines[i++];
        if (c === NEWLINE) break;
        if (c === TAB || c === BACKSLASH) return null;
        h = Math.imul(h ^ c, FNV_PRIME);
      }
      hashes[row] = i - 1 > key ? h >>> 0 || 1 : 0;
    }
    if (i !== len) return null;
    const narrow = this.narrow;
    if (narrow) for (let r = 0; r < rows; r++) if (hashes[r] !== 0) hashes[r] = narrow(hashes[r]) || 1;
    return { hashes, census, highRisk };
  }

  private highRiskSubgroup(bytes: Uint8Array, start: number, end: number, hash: number): string | null {
    const candidates = this.subgroupsByHash.get(hash);
    if (candidates) for (const c of candidates) if (equalBytes(bytes, start, end, c.bytes)) return c.name;
    return null;
  }
}

/**
 * Assembles a population's checksum and draw facts from its units in position order: ranges of
 * joined lines (`addRawLines`, or `addParsed` with another thread's parse), single units
 * (`addUnit`), then `finish`. Identity clusters are exact: units whose key hash is shared are
 * candidates (lib/population-clusters.ts), and their keys are compared as strings.
 */
export class PopulationScan {
  readonly parser: LineParser;
  private readonly checksum = new PopulationChecksum();
  private readonly hashKey: (key: string) => number;
  private readonly wanted: ReadonlySet<string>;
  private size = 0;
  private hashes = new Uint32Array(1 << 16);
  private readonly census: number[] = [];
  private readonly subgroupMembers = new Map<string, number[]>();

  /** @param highRiskSubgroups, narrow: as LineParser's. */
  constructor(highRiskSubgroups: readonly string[], narrow?: (hash: number) => number) {
    this.parser = new LineParser(highRiskSubgroups, narrow);
    this.hashKey = narrow ? (key) => narrow(identityHash(key)) || 1 : identityHash;
    this.wanted = new Set(highRiskSubgroups);
  }

  /**
   * The next `rows` units, as the database joined them (see the module comment).
   * @returns false, having taken nothing, when the parse refuses them: feed those units with `addUnit`.
   */
  addRawLines(lines: Uint8Array, rows: number): boolean {
    const parsed = this.parser.parse(lines, rows);
    if (parsed === null) return false;
    this.addParsed(lines, parsed);
    return true;
  }

  /**
   * The next units, parsed already (`LineParser.parse` of these very lines, with the same high-risk
   * subgroups, e.g. in another thread).
   */
  addParsed(lines: Uint8Array, parsed: ParsedLines): void {
    this.checksum.addLines(lines);
    const base = this.size;
    this.reserve(parsed.hashes.length);
    this.hashes.set(parsed.hashes, base);
    for (const offset of parsed.census) this.census.push(base + offset);
    for (const [offset, subgroup] of parsed.highRisk) this.addSubgroupMember(subgroup, base + offset);
    this.size += parsed.hashes.length;
  }

  /** The next unit, from its stored values (any characters). */
  addUnit(unitKey: string, executionStatus: string, subgroup: string | null, identityKey: string | null): void {
    this.checksum.addFields(unitKey, executionStatus, subgroup, identityKey);
    this.reserve(1);
    if (executionStatus !== "SUCCEEDED") this.census.push(this.size);
    if (subgroup !== null && subgroup !== "" && this.wanted.has(subgroup)) this.addSubgroupMember(subgroup, this.size);
    this.hashes[this.size++] = identityKey === null || identityKey === "" ? 0 : this.hashKey(identityKey);
  }

  /**
   * @param identityKeysAt the identity keys at the given ascending positions, in that order (the
   *   units whose key hash is shared: their keys are compared as strings, so clusters are exact).
   * @returns the SHA-256 hex checksum and the draw facts; the scan is spent afterwards.
   */
  async finish(identityKeysAt: (positions: number[]) => Promise<(string | null)[]>): Promise<{ checksum: string; facts: PopulationFacts }> {
    const checksum = this.checksum.digest();
    const candidates = sharedHashPositions(this.hashes.subarray(0, this.size));
    this.hashes = new Uint32Array(0);
    const keys = candidates.length > 0 ? await identityKeysAt(candidates) : [];
    const facts: PopulationFacts = { size: this.size, census: this.census, clusters: clustersOfKeys(candidates, keys), subgroupMembers: this.subgroupMembers };
    return { checksum, facts };
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
}

function equalBytes(bytes: Uint8Array, start: number, end: number, expected: Uint8Array): boolean {
  if (end - start !== expected.length) return false;
  for (let i = 0; i < expected.length; i++) if (bytes[start + i] !== expected[i]) return false;
  return true;
}
