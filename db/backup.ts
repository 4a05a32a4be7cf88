/**
 * Backup and restore of the whole database (issue 10 "Operations"; README "Backup and restore";
 * `npm run backup` / `npm run restore`, scripts/backup.ts and scripts/restore.ts).
 * - SQLite: SQLite's online backup API (better-sqlite3 `backup()`), safe while the app runs and
 *   writes; the result is one self-contained database file (rollback-journal mode; the app turns
 *   WAL back on when it opens a restored file).
 * - PostgreSQL: `pg_dump --format=custom` / `pg_restore`, found in /usr/lib/postgresql/<newest>/bin
 *   or on PATH; the password goes through PGPASSWORD, never a command line.
 * Restore writes only into an EMPTY database (no tables) unless `force`: SQLite then replaces the
 * file's contents, PostgreSQL drops the objects the backup holds first (--clean). Stop every app
 * instance before restoring.
 */
import Database from "better-sqlite3";
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { Client } from "pg";
import { libpqConnection } from "@/lib/backup-args";

const run = promisify(execFile);

/** The database to back up or restore into: a SQLite file or a PostgreSQL URL (README "Settings"). */
export type BackupTarget = { file: string } | { url: string };

/**
 * Writes a backup of `target` to `out` (via `out`.partial, renamed when complete, so a failed run
 * leaves no file that looks like a backup).
 * @throws Error when `out` exists and `force` is false, when the SQLite file does not exist, or
 *   when the backup fails (pg_dump's message; the SQLite copy fails its quick_check).
 */
export async function backupDatabase(target: BackupTarget, out: string, { force = false }: { force?: boolean } = {}): Promise<void> {
  if (existsSync(out) && !force) throw new Error(`${out} exists; pass --force to overwrite it.`);
  const partial = `${out}.partial`;
  const clean = () => {
    for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(partial + suffix, { force: true });
  };
  clean();
  try {
    if ("file" in target) await backupSqlite(target.file, partial);
    else await pgTool("pg_dump", target.url, ["--format=custom", "--no-owner", "--no-privileges", `--file=${partial}`]);
    renameSync(partial, out);
  } finally {
    clean();
  }
}

/**
 * Restores the backup `from` into `target`.
 * @throws Error when `from` does not exist or is not a backup of this engine, when the target
 *   database has tables and `force` is false (nothing is written then), or when the restore fails
 *   (PostgreSQL: one transaction, so nothing is kept).
 */
export async function restoreDatabase(target: BackupTarget, from: string, { force = false }: { force?: boolean } = {}): Promise<void> {
  if (!existsSync(from) || !statSync(from).isFile()) throw new Error(`no backup file at ${from}.`);
  if (!force && !(await isDatabaseEmpty(target))) {
    throw new Error(`the target database is not empty; restore into an empty one, or pass --force to replace its contents (stop the app first).`);
  }
  if ("file" in target) return restoreSqlite(from, target.file);
  await pgTool("pg_restore", target.url, ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", ...(force ? ["--clean", "--if-exists"] : []), from]);
}

/** True when the database holds no tables (a SQLite file that does not exist yet counts as empty). */
export async function isDatabaseEmpty(target: BackupTarget): Promise<boolean> {
  if ("file" in target) {
    if (!existsSync(target.file) || statSync(target.file).size === 0) return true;
    const db = new Database(target.file, { readonly: true, fileMustExist: true });
    try {
      return (db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number }).n === 0;
    } finally {
      db.close();
    }
  }
  const client = new Client({ connectionString: target.url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>("SELECT count(*) AS n FROM pg_catalog.pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')");
    return Number(rows[0].n) === 0;
  } finally {
    await client.end();
  }
}

async function backupSqlite(file: string, out: string): Promise<void> {
  if (!existsSync(file)) throw new Error(`no SQLite database at ${file}.`);
  const source = new Database(file, { readonly: true, fileMustExist: true });
  try {
    await source.backup(out);
  } finally {
    source.close();
  }
  // The copy inherits WAL mode; rollback-journal mode makes it one self-contained file (no -wal, -shm).
  const copy = new Database(out);
  try {
    copy.pragma("journal_mode = DELETE");
  } finally {
    copy.close();
  }
  checkSqlite(out, "the backup");
}

function restoreSqlite(from: string, file: string): Promise<void> {
  checkSqlite(from, from);
  mkdirSync(path.dirname(file), { recursive: true });
  const source = new Database(from, { readonly: true, fileMustExist: true });
  // The backup API writes every page of the target under its lock, so the file is never half old, half new.
  return source
    .backup(file)
    .then(() => undefined)
    .finally(() => source.close());
}

/** Throws unless `file` is a sound SQLite database written by Countersign's migrations. */
function checkSqlite(file: string, name: string): void {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const check = db.pragma("quick_check", { simple: true });
    if (check !== "ok") throw new Error(`${name} fails SQLite's quick_check: ${String(check)}`);
    if (!db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'").get()) throw new Error(`${name} is not a Countersign SQLite database.`);
  } catch (e) {
    if (e instanceof Error && /file is not a database|file is encrypted/.test(e.message)) throw new Error(`${name} is not a SQLite database.`);
    throw e;
  } finally {
    db?.close();
  }
}

/** Runs a PostgreSQL client program on `url`'s database; throws with its stderr on failure. */
async function pgTool(name: "pg_dump" | "pg_restore", url: string, args: string[]): Promise<void> {
  const { dbname, password } = libpqConnection(url);
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (password !== undefined) env.PGPASSWORD = password;
  try {
    await run(pgBinary(name), ["--no-password", `--dbname=${dbname}`, ...args], { env, maxBuffer: 16 * 1024 * 1024 });
  } catch (e) {
    const stderr = (e as { stderr?: string }).stderr?.trim();
    throw new Error(`${name} failed${stderr ? `: ${stderr}` : `: ${(e as Error).message}`}`);
  }
}

const PG_ROOT = "/usr/lib/postgresql";

/** `name` from the newest /usr/lib/postgresql/<version>/bin (pg_dump must be at least the server's version), else from PATH. */
function pgBinary(name: string): string {
  if (existsSync(PG_ROOT)) {
    const versions = readdirSync(PG_ROOT)
      .filter((v) => existsSync(path.join(PG_ROOT, v, "bin", name)))
      .sort((a, b) => Number(b) - Number(a));
    if (versions.length > 0) return path.join(PG_ROOT, versions[0], "bin", name);
  }
  return name;
}
