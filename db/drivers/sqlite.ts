import "server-only";
import { Mutex } from "async-mutex";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { tablesFor } from "../schema";
import * as schema from "../schema/sqlite";
import { migrationsFolder } from "../migrations-folder";
import { bindQueries, type Db, type Tx } from "../handle";

const MIGRATIONS = migrationsFolder("sqlite");

/** How long a write transaction waits for another connection's write lock before it fails (ms). */
export const WRITE_LOCK_WAIT_MS = 5000;
/** Busy timeout of the read connection and of migrations (ms): SQLite's own, blocking, busy handler. */
const BUSY_TIMEOUT_MS = 5000;

function connect(file: string, readonly: boolean): Database.Database {
  // better-sqlite3 applies `timeout` as SQLite's busy timeout before anything else runs, so even
  // the journal_mode pragma below waits for a lock instead of failing.
  const c = new Database(file, { readonly, timeout: BUSY_TIMEOUT_MS });
  if (!readonly) c.pragma("journal_mode = WAL");
  c.pragma("foreign_keys = ON");
  c.pragma("synchronous = NORMAL");
  // The writer takes its lock with BEGIN IMMEDIATE retried asynchronously (beginImmediate), never
  // with SQLite's busy handler: that handler sleeps inside the synchronous call, so the whole
  // process froze while it waited (up to 5 s), and a lock held by another connection of this same
  // process (the shared-report handle, an in-process backup, a second handle) could never be
  // released meanwhile: such a wait always ended in SQLITE_BUSY. Statements after BEGIN IMMEDIATE
  // never wait under WAL.
  if (!readonly) c.pragma("busy_timeout = 0");
  return c;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function isBusy(e: unknown): boolean {
  const code = (e as { code?: unknown }).code;
  return typeof code === "string" && code.startsWith("SQLITE_BUSY");
}

/**
 * Takes the write lock with `BEGIN IMMEDIATE`, retrying while another connection (any process or
 * this one) holds it: 2 ms, then doubling to at most 50 ms between tries, and the event loop stays
 * free in between (issue 10: "a backup or an outside reader/writer never makes a save fail at once").
 * @param waitMs total time to keep trying (ms).
 * @throws the last SqliteError (code SQLITE_BUSY) when the lock is still held after `waitMs`;
 *   any other error of BEGIN at once.
 */
export async function beginImmediate(writer: Database.Database, waitMs = WRITE_LOCK_WAIT_MS): Promise<void> {
  const deadline = Date.now() + waitMs;
  for (let pause = 2; ; pause = Math.min(pause * 2, 50)) {
    try {
      writer.exec("BEGIN IMMEDIATE");
      return;
    } catch (e) {
      if (!isBusy(e) || Date.now() >= deadline) throw e;
    }
    await sleep(Math.min(pause, Math.max(1, deadline - Date.now())));
  }
}

/**
 * SQLite through better-sqlite3, WAL and foreign keys on. One write connection, used by one
 * transaction at a time (BEGIN IMMEDIATE … COMMIT under an async mutex, so an awaiting
 * transaction never lets another request's statement in; the lock is awaited, up to
 * WRITE_LOCK_WAIT_MS, while another connection holds it: see beginImmediate), and one read-only
 * connection that WAL lets read beside the writer.
 * @param file the database file; its folder is created when missing.
 */
export function openSqlite(file: string): Db {
  mkdirSync(path.dirname(file), { recursive: true });
  const writer = connect(file, false);
  const reader = connect(file, true);
  const tables = tablesFor("sqlite");
  const writeDrizzle = drizzle(writer, { schema });
  const tx: Tx = { ...bindQueries(writeDrizzle, "sqlite", tables), lock: async () => {} };
  const mutex = new Mutex();
  const setupMutex = new Mutex();
  return {
    ...bindQueries(drizzle(reader, { schema }), "sqlite", tables),
    transaction: (fn) =>
      mutex.runExclusive(async () => {
        await beginImmediate(writer);
        try {
          const result = await fn(tx);
          writer.exec("COMMIT");
          return result;
        } catch (e) {
          if (writer.inTransaction) writer.exec("ROLLBACK");
          throw e;
        }
      }),
    // drizzle's migrator opens its own transaction: it waits with SQLite's busy handler (start-up only).
    migrate: () =>
      mutex.runExclusive(async () => {
        writer.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
        try {
          migrate(writeDrizzle, { migrationsFolder: MIGRATIONS });
        } finally {
          writer.pragma("busy_timeout = 0");
        }
      }),
    withSetupLock: (fn) => setupMutex.runExclusive(fn),
    close: async () => {
      await mutex.waitForUnlock();
      reader.close();
      writer.close();
    },
  };
}
