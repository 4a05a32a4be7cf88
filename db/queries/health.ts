import "server-only";
import { bigint, pgSchema, serial, text as pgText } from "drizzle-orm/pg-core";
import { integer, numeric, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { type JournalEntry, migrationStatus, type MigrationStatus } from "@/lib/health";
import type { Reader } from "../handle";
import { migrationsFolder } from "../migrations-folder";
import type { Engine } from "../schema";

/** drizzle's record of applied migrations, as its migrator creates it on each engine. */
const pgMigrations = pgSchema("drizzle").table("__drizzle_migrations", { id: serial("id").primaryKey(), hash: pgText("hash").notNull(), createdAt: bigint("created_at", { mode: "number" }) });
const sqliteMigrations = sqliteTable("__drizzle_migrations", { id: integer("id").primaryKey(), hash: text("hash").notNull(), createdAt: numeric("created_at") });

/** The `__drizzle_migrations` table of an engine (typed as the PostgreSQL one, like db.tables). */
export function migrationsTable(engine: Engine): typeof pgMigrations {
  return engine === "pg" ? pgMigrations : (sqliteMigrations as unknown as typeof pgMigrations);
}

/** The entries of this build's migrations journal for `engine` (db/migrations/<engine>/meta/_journal.json). */
export async function readJournal(engine: Engine): Promise<JournalEntry[]> {
  const journal = JSON.parse(await readFile(path.join(migrationsFolder(engine), "meta", "_journal.json"), "utf8")) as { entries: JournalEntry[] };
  return journal.entries.map(({ tag, when }) => ({ tag, when }));
}

/**
 * Whether the database answers and its applied migrations are this build's (lib/health.ts).
 * A database where the migrator never ran (no `__drizzle_migrations`) is "no migrations applied".
 * @throws the driver's error when the database cannot be reached (the caller answers 503).
 */
export async function databaseHealth(db: Reader): Promise<MigrationStatus> {
  const journal = await readJournal(db.engine);
  const table = migrationsTable(db.engine);
  let rows: { createdAt: number | string | null }[];
  try {
    rows = await db.select({ createdAt: table.createdAt }).from(table);
  } catch (e) {
    if (!isMissingTable(e)) throw e;
    rows = [];
  }
  return migrationStatus(journal, rows.flatMap((r) => (r.createdAt === null ? [] : [r.createdAt])));
}

/** SQLite "no such table", PostgreSQL 42P01 undefined_table / 3F000 invalid_schema_name (also when drizzle wrapped the error). */
function isMissingTable(e: unknown): boolean {
  for (let cur: unknown = e, depth = 0; cur && depth < 5; cur = (cur as { cause?: unknown }).cause, depth++) {
    const { code, message } = cur as { code?: unknown; message?: unknown };
    if (code === "42P01" || code === "3F000" || (typeof message === "string" && message.includes("no such table"))) return true;
  }
  return false;
}
