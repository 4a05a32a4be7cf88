/**
 * Pure parts of `npm run backup` and `npm run restore` (db/backup.ts, scripts/backup.ts, scripts/restore.ts;
 * README "Backup and restore"): the command line, and how a PostgreSQL URL is handed to pg_dump
 * and pg_restore without putting its password on a command line (visible to `ps`).
 */

export type BackupArgs = { file: string; force: boolean };

/**
 * Parses `<file> [--force]` (the arguments after `npm run backup --` / `npm run restore --`).
 * `--force`: backup overwrites an existing file; restore replaces a database that is not empty.
 * @throws Error with the usage line when the file is missing, given twice, or an option is unknown.
 */
export function parseBackupArgs(command: "backup" | "restore", argv: readonly string[]): BackupArgs {
  const usage = `usage: npm run ${command} -- <file> [--force]`;
  let file: string | undefined;
  let force = false;
  for (const arg of argv) {
    if (arg === "--force") force = true;
    else if (arg.startsWith("-")) throw new Error(`unknown option ${arg}; ${usage}`);
    else if (file !== undefined) throw new Error(`one file only (got ${file} and ${arg}); ${usage}`);
    else file = arg;
  }
  if (!file) throw new Error(`the ${command === "backup" ? "backup file to write" : "backup file to restore"} is missing; ${usage}`);
  return { file, force };
}

/**
 * The connection for PostgreSQL's client programs: the URL without its password (for --dbname)
 * and the password, decoded, for the PGPASSWORD environment variable (unset when the URL has none).
 * @throws Error when `url` is not a postgres:// or postgresql:// URL.
 */
export function libpqConnection(url: string): { dbname: string; password: string | undefined } {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new Error("DATABASE_URL is not a valid URL.");
  }
  if (u.protocol !== "postgres:" && u.protocol !== "postgresql:") throw new Error("DATABASE_URL must start with postgres:// or postgresql://.");
  const password = u.password === "" ? undefined : decodeURIComponent(u.password);
  u.password = "";
  return { dbname: u.toString(), password };
}

/**
 * The database that backup and restore work on, from the environment alone (the app's settings
 * would also require or generate NEXTAUTH_SECRET and EVENT_SIGNING_KEY, which a backup does not
 * need): DATABASE_URL when set and not empty, else the SQLite file COUNTERSIGN_DB (default
 * data/countersign.db, as lib/server/settings.ts), resolved against `cwd`.
 */
export function backupTarget(env: Record<string, string | undefined>, cwd: string): { url: string } | { file: string } {
  if (env.DATABASE_URL) return { url: env.DATABASE_URL };
  const file = env.COUNTERSIGN_DB || "data/countersign.db";
  return { file: file.startsWith("/") ? file : `${cwd.replace(/\/$/, "")}/${file}` };
}
