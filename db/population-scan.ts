/**
 * Reads an audit's stored population into its checksum and draw facts (lib/population-lines.ts)
 * with a few big queries: each range of RANGE units comes back as ONE byte string of their lines
 * joined by the database (issue 10 "Big populations": reading 5,000,000 units as rows cost ~2 µs a
 * row in JavaScript objects alone). Plain SQL on either engine through a `query` function, so it
 * runs on a read-only better-sqlite3 connection in a worker thread (db/population-draw.ts) as well
 * as through a transaction's `rawRows` on PostgreSQL. No "server-only" marker: the worker loads it.
 */
import type { Engine } from "./schema";
import { AppError } from "@/lib/server/errors";
import { PopulationScan } from "@/lib/population-lines";
import type { PopulationFacts } from "@/lib/sampling";

/** Runs one SQL statement (`?` placeholders on SQLite, `$n` on PostgreSQL) and returns its rows as arrays. */
export type RowQuery = (sql: string, params: unknown[]) => Promise<unknown[][]> | unknown[][];

/** Units per range query (~2 MB of lines). */
const RANGE = 50_000;
/** Positions per identity-key lookup. */
const LOOKUP = 5_000;

/** Count, first and last position, and the joined lines (unescaped; see lib/population-lines.ts) of a position range, in position order. */
const LINES_SQL: Record<Engine, string> = {
  // The (audit_id, position) index gives the rows, and so group_concat's order; were it ever
  // another, the checksum would not match and the draw would be refused, never drawn wrong.
  sqlite:
    "SELECT count(*), min(position), max(position), CAST(group_concat(" +
    "unit_key || char(9) || execution_status || char(9) || ifnull(subgroup, '') || char(9) || ifnull(identity_key, '') || char(10), '') AS BLOB) " +
    "FROM units WHERE audit_id = ? AND position >= ? AND position < ?",
  pg:
    "SELECT count(*)::int, min(position), max(position), convert_to(string_agg(" +
    "unit_key || chr(9) || execution_status || chr(9) || coalesce(subgroup, '') || chr(9) || coalesce(identity_key, '') || chr(10), '' ORDER BY position), 'UTF8') " +
    "FROM units WHERE audit_id = $1 AND position >= $2 AND position < $3",
};

/** The same range as rows, for a range some value of which needs escaping. */
const UNITS_SQL: Record<Engine, string> = {
  sqlite: "SELECT unit_key, execution_status, subgroup, identity_key FROM units WHERE audit_id = ? AND position >= ? AND position < ? ORDER BY position",
  pg: "SELECT unit_key, execution_status, subgroup, identity_key FROM units WHERE audit_id = $1 AND position >= $2 AND position < $3 ORDER BY position",
};

/** Identity keys at a list of positions (a JSON array on SQLite, an int[] on PostgreSQL). */
const KEYS_SQL: Record<Engine, string> = {
  sqlite: "SELECT position, identity_key FROM units WHERE audit_id = ? AND position IN (SELECT value FROM json_each(?))",
  pg: "SELECT position, identity_key FROM units WHERE audit_id = $1 AND position = ANY($2::int[])",
};

const mismatch = () => new AppError("conflict", "The stored population does not match its import checksum; re-import it.");

/**
 * Streams the audit's units in position order into their checksum (lib/checksum.ts, the import's
 * `population_checksum` when nothing changed) and the facts `drawSampleFromFacts` needs.
 * @param query runs one statement of this engine (see RowQuery); called one at a time.
 * @param highRiskSubgroups the import's high-risk subgroups.
 * @throws AppError conflict when the positions are not 0…N−1 (each range must be full and
 *   contiguous up to the last one, which the unique (audit_id, position) index makes exact).
 */
export async function scanPopulation(
  query: RowQuery,
  engine: Engine,
  auditId: number,
  highRiskSubgroups: readonly string[],
): Promise<{ checksum: string; facts: PopulationFacts }> {
  const scan = new PopulationScan(highRiskSubgroups);
  for (let start = 0; ; start += RANGE) {
    const [row] = await query(LINES_SQL[engine], [auditId, start, start + RANGE]);
    const [count, first, last, lines] = row as [number, number | null, number | null, Uint8Array | null];
    if (count > 0 && (first !== start || last !== start + count - 1 || lines === null)) throw mismatch();
    if (count > 0 && !scan.addRawLines(lines!, count)) {
      const units = (await query(UNITS_SQL[engine], [auditId, start, start + RANGE])) as [string, string, string | null, string | null][];
      for (const u of units) scan.addUnit(u[0], u[1], u[2], u[3]);
    }
    if (count < RANGE) break;
  }
  return scan.finish(async (positions) => {
    const keys = new Map<number, string | null>();
    for (let i = 0; i < positions.length; i += LOOKUP) {
      const batch = positions.slice(i, i + LOOKUP);
      const rows = (await query(KEYS_SQL[engine], [auditId, engine === "sqlite" ? JSON.stringify(batch) : batch])) as [number, string | null][];
      for (const [position, key] of rows) keys.set(position, key);
    }
    return positions.map((p) => keys.get(p) ?? null);
  });
}
