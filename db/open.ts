import "server-only";
import type { Db } from "./handle";
import { openPg } from "./drivers/pg";
import { openSqlite } from "./drivers/sqlite";

/**
 * Opens a database: `{ url }` a PostgreSQL connection string (postgres:// or postgresql://),
 * `{ file }` a SQLite file (its folder is created when missing).
 */
export function openDatabase(target: { url: string } | { file: string }): Db {
  return "url" in target ? openPg(target.url) : openSqlite(target.file);
}
