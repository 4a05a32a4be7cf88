/**
 * The one data-access surface of Countersign, the same on both engines. Every query and
 * mutation in db/ is an async function taking a handle as its first argument:
 * - `Reader` to read (the database or a transaction),
 * - `Db` to open a transaction (`db.transaction(async (tx) => …)`),
 * - `Tx` inside one, where writes happen.
 * Tables come from the handle (`db.tables`), so a query written once runs on either engine.
 * Only db/drivers/* know which engine is behind a handle.
 */
import "server-only";
import type { NodePgDatabase } from "drizzle-orm/node-postgres";
import type { Engine, Tables } from "./schema";

type Drizzle = NodePgDatabase<Tables>;

/** Reads: the drizzle select builders (awaited; never the engine-specific `.get()`/`.all()`). */
export type Reader = Pick<Drizzle, "select" | "selectDistinct"> & {
  readonly engine: Engine;
  readonly tables: Tables;
  /**
   * Runs a query built with the builders above and returns its rows as arrays of the driver's own
   * values in select order (integers as numbers, text as strings, NULL as null), skipping
   * drizzle's per-row mapping: for scans of millions of rows (issue 10, the sample draw streams
   * a 5,000,000-unit population). No column decoders run: select only integer and text columns.
   */
  rawRows(query: RawQuery): Promise<unknown[][]>;
  /**
   * SQLite: the database file (absolute path), for another connection to read what this handle
   * has committed, e.g. a worker thread's (db/population-draw-thread.ts). Absent on PostgreSQL.
   */
  readonly sqliteFile?: string;
};

/** Anything drizzle can render to SQL text and parameters (a select builder). */
export type RawQuery = { toSQL(): { sql: string; params: unknown[] } };

/** Inside a transaction: reads and writes, all committed together or not at all. */
export type Tx = Reader &
  Pick<Drizzle, "insert" | "update" | "delete"> & {
    /**
     * Serializes this transaction with every other one that takes the same key, in any app
     * instance, until it ends. PostgreSQL: a transaction-scoped advisory lock. SQLite: nothing to
     * do, the transaction already holds the database's only write lock.
     */
    lock(key: string): Promise<void>;
  };

export type Db = Reader & {
  /**
   * Runs `fn` as one transaction: committed when it resolves, rolled back when it throws.
   * PostgreSQL: READ COMMITTED with the locks each mutation takes. SQLite: BEGIN IMMEDIATE on the
   * single write connection, one transaction at a time (reads use a separate connection and run
   * beside it under WAL).
   */
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** Applies the committed migrations of this engine (idempotent; serialized across instances). */
  migrate(): Promise<void>;
  /** Runs `fn` while holding a lock on the whole database's set-up (migrate + seed), across instances. */
  withSetupLock<T>(fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
};

/** Binds a drizzle database or transaction's query builders into a handle (driver use only). */
export function bindQueries(d: object, engine: Engine, tables: Tables) {
  const q = d as Drizzle;
  // The driver object under drizzle's session: a better-sqlite3 Database, or a pg Pool / PoolClient.
  const client = (d as { session: { client: unknown } }).session.client;
  // SQLite: prepared statements of rawRows kept by SQL text (a bulk import repeats one big INSERT).
  const statements = new Map<string, { raw(): { all(...p: unknown[]): unknown[][] } }>();
  const rawRows = async (query: RawQuery): Promise<unknown[][]> => {
    const { sql, params } = query.toSQL();
    if (engine === "sqlite") {
      let statement = statements.get(sql);
      if (!statement) {
        if (statements.size >= 16) statements.clear();
        statement = (client as { prepare(s: string): { raw(): { all(...p: unknown[]): unknown[][] } } }).prepare(sql);
        statements.set(sql, statement);
      }
      return statement.raw().all(...params);
    }
    return (await (client as { query(c: object): Promise<{ rows: unknown[][] }> }).query({ text: sql, values: params, rowMode: "array" })).rows;
  };
  return {
    engine,
    tables,
    rawRows,
    select: q.select.bind(q),
    selectDistinct: q.selectDistinct.bind(q),
    insert: q.insert.bind(q),
    update: q.update.bind(q),
    delete: q.delete.bind(q),
  } as Reader & Pick<Drizzle, "insert" | "update" | "delete">;
}

/**
 * Runs independent reads and returns their results in order: all at once on a database handle,
 * one after another inside a transaction (a transaction is one connection, and node-postgres runs
 * one query at a time per connection: overlapping queries on it are deprecated). Pass thunks, so
 * nothing starts before this decides.
 */
export async function readAll<R extends readonly (() => PromiseLike<unknown>)[]>(db: Reader, reads: readonly [...R]): Promise<{ -readonly [K in keyof R]: Awaited<ReturnType<R[K]>> }> {
  type Out = { -readonly [K in keyof R]: Awaited<ReturnType<R[K]>> };
  if (!("lock" in db)) return (await Promise.all(reads.map((read) => read()))) as Out;
  const out: unknown[] = [];
  for (const read of reads) out.push(await read());
  return out as Out;
}
