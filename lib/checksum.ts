import { createHash } from "node:crypto";
import type { PopulationUnit } from "./population";

/**
 * SHA-256 (hex) of a population in its stored order: one line per unit,
 * `unit_key \t execution_status \t subgroup \t identity_key \n` (absent values empty,
 * tabs and newlines inside values escaped as \t and \n). The sample draw is reproducible
 * for the same checksum and seed (DESIGN.md "Invariants").
 */
export function populationChecksum(units: Iterable<PopulationUnit>): string {
  const checksum = new PopulationChecksum();
  for (const u of units) checksum.add(u);
  return checksum.digest();
}

/**
 * `populationChecksum` fed one unit at a time (an import or a draw streaming millions of units
 * in batches): the same units in the same order give the same hex digest.
 */
export class PopulationChecksum {
  private readonly hash = createHash("sha256");
  private buffer = "";

  add(u: PopulationUnit): void {
    this.addFields(u.unitKey, u.executionStatus, u.subgroup, u.identityKey);
  }

  /** `add` without building a unit object (a draw streaming millions of raw rows). */
  addFields(unitKey: string, executionStatus: string, subgroup: string | null, identityKey: string | null): void {
    this.buffer += `${esc(unitKey)}\t${executionStatus}\t${esc(subgroup)}\t${esc(identityKey)}\n`;
    if (this.buffer.length > 1 << 16) {
      this.hash.update(this.buffer);
      this.buffer = "";
    }
  }

  /**
   * Units given as their lines, already in the form `addFields` writes (UTF-8, values escaped;
   * lib/population-lines.ts reads them from the database that way), after the units added before.
   */
  addLines(lines: Uint8Array): void {
    if (this.buffer.length > 0) this.hash.update(this.buffer);
    this.buffer = "";
    this.hash.update(lines);
  }

  /** The hex digest; call once, after the last unit. */
  digest(): string {
    this.hash.update(this.buffer);
    this.buffer = "";
    return this.hash.digest("hex");
  }
}

/** Escapes backslash, tab and newline (the common case, none of them, skips the three replaces). */
const esc = (s: string | null) => (s === null ? "" : /[\\\t\n]/.test(s) ? s.replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n") : s);

/** SHA-256 hex of a string (UTF-8). */
export function sha256Hex(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}
