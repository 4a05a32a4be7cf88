import "server-only";
import { Mutex } from "async-mutex";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { mkdirSync, statSync } from "node:fs";
import { Worker } from "node:worker_threads";
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
  if (!readonly) {
    // No checkpoint inside a COMMIT: SQLite's automatic one copies the WAL into the database file
    // synchronously, on the event loop (measured: 1.8 s for the COMMIT of a 359 MB WAL, against
    // 28 ms without; a 5,000,000-unit import leaves ~1 GB). checkpointInBackground does it instead,
    // and a WAL reset by the next write after it is truncated to this size.
    c.pragma("wal_autocheckpoint = 0");
    c.pragma(`journal_size_limit = ${WAL_KEEP_BYTES}`);
  }
  return c;
}

/** WAL size (bytes) from which a commit starts a checkpoint in a worker thread (SQLite's own default is ~4 MB). */
export const CHECKPOINT_WAL_BYTES = 8 * 1024 * 1024;
/** Size (bytes) a reset WAL is truncated to (journal_size_limit). */
const WAL_KEEP_BYTES = 4 * 1024 * 1024;
/** Least time between two checkpoints (ms), for a WAL that a long reader keeps from resetting. */
const CHECKPOINT_INTERVAL_MS = 1000;

/** A worker thread's own connection runs one PASSIVE checkpoint (never waits for, nor blocks, readers or the writer). */
const CHECKPOINT_WORKER = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require("better-sqlite3");
const db = new Database(workerData.file, { timeout: 0 });
try {
  parentPort.postMessage(db.pragma("wal_checkpoint(PASSIVE)")[0]);
} finally {
  db.close();
}
`;

/**
 * Checkpoints a WAL database off the event loop: a PASSIVE `wal_checkpoint` on a worker thread's
 * own connection (better-sqlite3 resolved from the working directory, the app's root).
 * @returns SQLite's answer: busy (0/1), frames in the WAL, frames checkpointed.
 */
export function checkpointInBackground(file: string): Promise<{ busy: number; log: number; checkpointed: number }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(CHECKPOINT_WORKER, { eval: true, workerData: { file } });
    worker.once("message", resolve);
    worker.once("error", reject);
    worker.once("exit", (code) => reject(new Error(`checkpoint worker exited (${code})`)));
  });
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
export function openSqlite(dbFile: string): Db {
  const file = path.resolve(dbFile);
  mkdirSync(path.dirname(file), { recursive: true });
  const writer = connect(file, false);
  const reader = connect(file, true);
  const tables = tablesFor("sqlite");
  const writeDrizzle = drizzle(writer, { schema });
  const tx: Tx = { ...bindQueries(writeDrizzle, "sqlite", tables), lock: async () => {}, sqliteFile: file };
  const mutex = new Mutex();
  const setupMutex = new Mutex();
  let checkpoint: Promise<unknown> | null = null;
  let lastCheckpoint = 0;
  /** After a commit: a checkpoint in a worker thread once the WAL has grown past CHECKPOINT_WAL_BYTES. */
  const checkpointWhenLarge = () => {
    if (checkpoint || Date.now() - lastCheckpoint < CHECKPOINT_INTERVAL_MS) return;
    let walBytes = 0;
    try {
      walBytes = statSync(`${file}-wal`).size;
    } catch {
      return;
    }
    if (walBytes < CHECKPOINT_WAL_BYTES) return;
    lastCheckpoint = Date.now();
    checkpoint = checkpointInBackground(file)
      .catch(() => undefined) // the next commit tries again; a close checkpoints anyway
      .finally(() => {
        checkpoint = null;
        lastCheckpoint = Date.now();
      });
  };
  return {
    ...bindQueries(drizzle(reader, { schema }), "sqlite", tables),
    sqliteFile: file,
    transaction: (fn) =>
      mutex.runExclusive(async () => {
        await beginImmediate(writer);
        try {
          const result = await fn(tx);
          writer.exec("COMMIT");
          checkpointWhenLarge();
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
      await checkpoint;
      reader.close();
      writer.close();
    },
  };
}
