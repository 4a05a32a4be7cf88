import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { getSettings } from "@/lib/server/settings";
import * as schema from "./schema";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

const globalForDb = globalThis as unknown as { countersignDb?: Db };

/**
 * Opens a SQLite database with WAL and foreign keys on.
 * @param file path to the database file; its folder is created when missing.
 */
export function openDb(file: string): Db {
  mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("synchronous = NORMAL");
  return drizzle(sqlite, { schema }) as Db;
}

/** The app's database, opened lazily on first use (never at import: `next build` imports routes). */
export function getDb(): Db {
  if (!globalForDb.countersignDb) globalForDb.countersignDb = openDb(getSettings().databasePath);
  return globalForDb.countersignDb;
}
