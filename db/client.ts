import "server-only";
import { getSettings } from "@/lib/server/settings";
import type { Db } from "./handle";
import { openDatabase } from "./open";

export type { Db, Reader, Tx } from "./handle";

const globalForDb = globalThis as unknown as { countersignDb?: Db };

/**
 * The app's database, opened lazily on first use (never at import: `next build` imports routes):
 * PostgreSQL when DATABASE_URL is set, else the SQLite file COUNTERSIGN_DB (README "Settings").
 * Pages and actions pass it to the functions in db/queries and db/mutations.
 */
export function getDb(): Db {
  if (!globalForDb.countersignDb) {
    const s = getSettings();
    globalForDb.countersignDb = openDatabase(s.databaseUrl ? { url: s.databaseUrl } : { file: s.databasePath });
  }
  return globalForDb.countersignDb;
}
