import { createHash } from "node:crypto";
import type { PopulationUnit } from "./population";

/**
 * SHA-256 (hex) of a population in its stored order: one line per unit,
 * `unit_key \t execution_status \t subgroup \t identity_key \n` (absent values empty,
 * tabs and newlines inside values escaped as \t and \n). The sample draw is reproducible
 * for the same checksum and seed (DESIGN.md "Invariants").
 */
export function populationChecksum(units: Iterable<PopulationUnit>): string {
  const hash = createHash("sha256");
  const esc = (s: string | null) => (s ?? "").replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n");
  let buffer = "";
  for (const u of units) {
    buffer += `${esc(u.unitKey)}\t${u.executionStatus}\t${esc(u.subgroup)}\t${esc(u.identityKey)}\n`;
    if (buffer.length > 1 << 16) {
      hash.update(buffer);
      buffer = "";
    }
  }
  hash.update(buffer);
  return hash.digest("hex");
}

/** SHA-256 hex of a string (UTF-8). */
export function sha256Hex(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}
