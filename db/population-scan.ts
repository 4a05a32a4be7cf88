/**
 * Reads an audit's stored population into its checksum and draw facts (lib/population-lines.ts)
 * with a few big queries: each range of RANGE units comes back as ONE byte string of their lines
 * joined by the database (issue 10 "Big populations": reading 5,000,000 units as rows cost ~2 µs a
 * row in JavaScript objects alone). Plain SQL on either engine through a `query` function, so it
 * runs on a read-only better-sqlite3 connection in a worker thread (db/population-draw.worker.ts) as well
 * as through a transaction's `rawRows` on PostgreSQL. On SQLite, helper threads with their own
 * connections read and parse ranges beside the scanning thread (`RangeHelpers`): reading is most of
 * the draw (5,000,000 units: SQLite joining the lines ~3 s of CPU, the parse ~1 s), and each range
 * is independent until the in-order checksum. No "server-only" marker: the worker loads it.
 */
import type { Engine } from "./schema";
import { AppError } from "@/lib/server/errors";
import { LineParser, type ParsedLines, PopulationScan } from "@/lib/population-lines";
import type { PopulationFacts } from "@/lib/sampling";

/**
 * Runs one SQL statement (`?` placeholders on SQLite, `$n` on PostgreSQL) and returns its rows as
 * arrays. It may carry `helpers`: other threads reading ranges of the same population.
 */
export type RowQuery = ((sql: string, params: unknown[]) => Promise<unknown[][]> | unknown[][]) & { helpers?: RangeHelpers };

/**
 * Threads that read and parse ranges beside the scanning one (the SQLite draw's helper threads,
 * db/population-draw.worker.ts `readClaimedRanges`). Range indices come from one shared counter,
 * so each range is read by exactly one thread; every thread stops after its first range that is
 * not full (the ranges after it are empty too).
 */
export type RangeHelpers = {
  /** Claims the next range index (0, 1, 2, … across all threads). */
  claim(): number;
  /** Sets the receiver of the helpers' reads (in any order) and of their failures. */
  listen(receive: (read: RangeRead | Error) => void): void;
  /**
   * Tells the helpers that the ranges below `next` are assembled (ALL_ASSEMBLED: the scan is over),
   * so they read at most `window` ranges beyond it (`claimWithin`).
   */
  assembled(next: number): void;
};

/** `RangeHelpers.assembled` when the scan is over: the helpers may claim whatever is left (the empty ranges that end them). */
export const ALL_ASSEMBLED = 0x7fffffff;

/**
 * Ranges a helper may read beyond the next one to assemble (~2 MB of lines each, held until the
 * scanning thread assembles them): its back-pressure when the scanning thread is slower, e.g. on
 * ranges read as escaped rows.
 */
export const HELPER_WINDOW = 16;

/**
 * A helper's claim (in a worker thread: it blocks): waits, in `Atomics.wait` steps of at most
 * `waitMs`, until the next range to claim (shared[0]) is below the next range to assemble
 * (shared[1], written by `RangeHelpers.assembled`) plus `window`, then claims it. Several helpers
 * may claim at once past the bound by one range each (a soft bound). The scanning thread never
 * waits on a helper's wait: the range it needs next is always claimed already (then read by its
 * claimer) or claimable by itself.
 * @param shared [next range to claim, next range to assemble] (Int32 on a SharedArrayBuffer).
 * @returns the claimed range index.
 */
export function claimWithin(shared: Int32Array, window: number, waitMs = 1_000): number {
  for (;;) {
    const assembled = Atomics.load(shared, 1);
    if (Atomics.load(shared, 0) < assembled + window) return Atomics.add(shared, 0, 1);
    Atomics.wait(shared, 1, assembled, waitMs);
  }
}

/** One range (positions index × RANGE …, up to RANGE of them) as a reader left it. */
export type RangeRead = {
  index: number;
  /** Units found in the range. */
  count: number;
  /** The units' joined lines (null when none), and their parse (null when the parse refused them: the scanning thread then reads them as rows). */
  lines: Uint8Array | null;
  parsed: ParsedLines | null;
};

/** Units per range query (~2 MB of lines). */
export const RANGE = 50_000;
/** Positions per identity-key lookup. */
const LOOKUP = 5_000;
/** Ranges read ahead of the next one to assemble, at most, before this thread waits for the helpers (2 MB each). */
const AHEAD = 8;

/**
 * Count and joined lines (unescaped; see lib/population-lines.ts) of a position range, in position
 * order. A full count proves the range holds exactly the positions start…start+RANGE−1 (they are
 * unique integers, by the (audit_id, position) index); min(position) and max(position) here cost
 * ~0.5 s of 5,000,000 units' ~3.5 s, so they are asked apart (RANGE_SQL), for a range not full.
 */
const LINES_SQL: Record<Engine, string> = {
  // The (audit_id, position) index gives the rows, and so group_concat's order; were it ever
  // another, the checksum would not match and the draw would be refused, never drawn wrong.
  sqlite:
    "SELECT count(*), CAST(group_concat(" +
    "unit_key || char(9) || execution_status || char(9) || ifnull(subgroup, '') || char(9) || ifnull(identity_key, '') || char(10), '') AS BLOB) " +
    "FROM units WHERE audit_id = ? AND position >= ? AND position < ?",
  pg:
    "SELECT count(*)::int, convert_to(string_agg(" +
    "unit_key || chr(9) || execution_status || chr(9) || coalesce(subgroup, '') || chr(9) || coalesce(identity_key, '') || chr(10), '' ORDER BY position), 'UTF8') " +
    "FROM units WHERE audit_id = $1 AND position >= $2 AND position < $3",
};

/** Count, first and last position of a position range (from the index alone). */
const RANGE_SQL: Record<Engine, string> = {
  sqlite: "SELECT count(*), min(position), max(position) FROM units WHERE audit_id = ? AND position >= ? AND position < ?",
  pg: "SELECT count(*)::int, min(position), max(position) FROM units WHERE audit_id = $1 AND position >= $2 AND position < $3",
};

/** The same range as rows, for a range some value of which needs escaping. */
const UNITS_SQL: Record<Engine, string> = {
  sqlite: "SELECT unit_key, execution_status, subgroup, identity_key FROM units WHERE audit_id = ? AND position >= ? AND position < ? ORDER BY position",
  pg: "SELECT unit_key, execution_status, subgroup, identity_key FROM units WHERE audit_id = $1 AND position >= $2 AND position < $3 ORDER BY position",
};

/**
 * Identity keys at a list of positions (a JSON array on SQLite, an int[] on PostgreSQL). On SQLite,
 * CROSS JOIN keeps the list the outer loop (one index search per position: ~35% faster than
 * `position IN (SELECT value FROM json_each(?))`, which first builds a temporary index of the list).
 */
const KEYS_SQL: Record<Engine, string> = {
  sqlite: "SELECT u.position, u.identity_key FROM json_each(?) AS j CROSS JOIN units AS u ON u.audit_id = ? AND u.position = j.value",
  pg: "SELECT position, identity_key FROM units WHERE audit_id = $1 AND position = ANY($2::int[])",
};

const mismatch = () => new AppError("conflict", "The stored population does not match its import checksum; re-import it.");

/** Range `index` from LINES_SQL's answer, its lines parsed. */
function readRange(rows: unknown[][], index: number, parser: LineParser): RangeRead {
  const [count, lines] = rows[0] as [number, Uint8Array | null];
  return { index, count, lines, parsed: count > 0 && lines !== null ? parser.parse(lines, count) : null };
}

/**
 * A helper thread's share of a SQLite scan: claims ranges until it reads one that is not full,
 * and hands over each one read and parsed (the scanning thread checks and assembles them).
 * @param query a synchronous query (a better-sqlite3 connection of its own).
 * @param claim the shared range counter (`RangeHelpers.claim` of the scanning thread).
 * @param send hands a read over (postMessage to the scanning thread).
 */
export function readClaimedRanges(
  query: (sql: string, params: unknown[]) => unknown[][],
  auditId: number,
  highRiskSubgroups: readonly string[],
  claim: () => number,
  send: (read: RangeRead) => void,
): void {
  const parser = new LineParser(highRiskSubgroups);
  for (;;) {
    const index = claim();
    const read = readRange(query(LINES_SQL.sqlite, [auditId, index * RANGE, (index + 1) * RANGE]), index, parser);
    send(read);
    if (read.count < RANGE) return;
  }
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Streams the audit's units in position order into their checksum (lib/checksum.ts, the import's
 * `population_checksum` when nothing changed) and the facts `drawSampleFromFacts` needs. With
 * `query.helpers`, the ranges are read by this thread and the helpers together and assembled here
 * in position order.
 * @param query runs one statement of this engine (see RowQuery); called one at a time.
 * @param highRiskSubgroups the import's high-risk subgroups.
 * @throws AppError conflict when the positions are not 0…N−1 (each range must be full and
 *   contiguous up to the last one, which the unique (audit_id, position) index makes exact);
 *   a helper's failure as it came.
 */
export async function scanPopulation(
  query: RowQuery,
  engine: Engine,
  auditId: number,
  highRiskSubgroups: readonly string[],
): Promise<{ checksum: string; facts: PopulationFacts }> {
  const scan = new PopulationScan(highRiskSubgroups);
  const helpers = query.helpers;
  let claimed = 0;
  const claim = helpers ? () => helpers.claim() : () => claimed++;
  /** Ranges read (by any thread) and not assembled yet, by index. */
  const reads = new Map<number, RangeRead>();
  let failure: Error | null = null;
  let wake: (() => void) | null = null;
  helpers?.listen((read) => {
    if (read instanceof Error) failure ??= read;
    else reads.set(read.index, read);
    wake?.();
  });
  let reading = true;
  for (let next = 0; ; ) {
    if (failure) throw failure;
    const read = reads.get(next);
    if (read) {
      reads.delete(next);
      const start = next * RANGE;
      const { count, lines, parsed } = read;
      if (count > 0 && lines === null) throw mismatch();
      if (count > 0 && count < RANGE) {
        const [[n, first, last]] = (await query(RANGE_SQL[engine], [auditId, start, start + RANGE])) as [number, number, number][];
        if (n !== count || first !== start || last !== start + count - 1) throw mismatch();
      }
      if (parsed) scan.addParsed(lines!, parsed);
      else if (count > 0) {
        const units = (await query(UNITS_SQL[engine], [auditId, start, start + RANGE])) as [string, string, string | null, string | null][];
        for (const u of units) scan.addUnit(u[0], u[1], u[2], u[3]);
      }
      if (count < RANGE) break;
      next++;
      helpers?.assembled(next);
    } else if (reading && reads.size < AHEAD) {
      const index = claim();
      const own = readRange(await query(LINES_SQL[engine], [auditId, index * RANGE, (index + 1) * RANGE]), index, scan.parser);
      reads.set(index, own);
      if (own.count < RANGE) reading = false;
      if (helpers) await nextTurn(); // lets the helpers' reads in
    } else {
      // The next range is a helper's: wait for it (or for any read, then look again).
      await new Promise<void>((resolve) => (wake = resolve));
      wake = null;
    }
  }
  helpers?.assembled(ALL_ASSEMBLED);
  return scan.finish(async (positions) => {
    const keys = new Map<number, string | null>();
    for (let i = 0; i < positions.length; i += LOOKUP) {
      const batch = positions.slice(i, i + LOOKUP);
      const params = engine === "sqlite" ? [JSON.stringify(batch), auditId] : [auditId, batch];
      const rows = (await query(KEYS_SQL[engine], params)) as [number, string | null][];
      for (const [position, key] of rows) keys.set(position, key);
    }
    return positions.map((p) => keys.get(p) ?? null);
  });
}
