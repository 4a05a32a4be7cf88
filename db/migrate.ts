import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import path from "node:path";
import type { Db } from "./client";

/** Applies the committed drizzle migrations in db/migrations (idempotent). */
export function applyMigrations(db: Db): void {
  migrate(db, { migrationsFolder: path.join(process.cwd(), "db", "migrations") });
}
