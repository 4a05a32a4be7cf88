import "server-only";
import { Mutex } from "async-mutex";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { tablesFor } from "../schema";
import * as schema from "../schema/sqlite";
import { bindQueries, type Db, type Tx } from "../handle";

const MIGRATIONS = path.join(process.cwd(), "db", "migrations", "sqlite");

function connect(file: string, readonly: boolean): Database.Database {
  const c = new Database(file, { readonly });
  if (!readonly) c.pragma("journal_mode = WAL");
  c.pragma("foreign_keys = ON");
  c.pragma("busy_timeout = 5000");
  c.pragma("synchronous = NORMAL");
  return c;
}

/**
 * SQLite through better-sqlite3, WAL and foreign keys on. One write connection, used by one
 * transaction at a time (BEGIN IMMEDIATE … COMMIT under an async mutex, so an awaiting
 * transaction never lets another request's statement in), and one read-only connection that
 * WAL lets read beside the writer.
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
        writer.exec("BEGIN IMMEDIATE");
        try {
          const result = await fn(tx);
          writer.exec("COMMIT");
          return result;
        } catch (e) {
          if (writer.inTransaction) writer.exec("ROLLBACK");
          throw e;
        }
      }),
    migrate: () => mutex.runExclusive(async () => migrate(writeDrizzle, { migrationsFolder: MIGRATIONS })),
    withSetupLock: (fn) => setupMutex.runExclusive(fn),
    close: async () => {
      await mutex.waitForUnlock();
      reader.close();
      writer.close();
    },
  };
}
