/**
 * `npm run backup -- <file> [--force]`: writes a backup of the configured database (SQLite:
 * COUNTERSIGN_DB, online, safe while the app runs; PostgreSQL: DATABASE_URL, pg_dump custom
 * format). --force overwrites an existing file. README "Backup and restore"; db/backup.ts.
 */
import { backupDatabase } from "@/db/backup";
import { backupTarget, parseBackupArgs } from "@/lib/backup-args";

async function main() {
  const { file, force } = parseBackupArgs("backup", process.argv.slice(2));
  const target = backupTarget(process.env, process.cwd());
  await backupDatabase(target, file, { force });
  console.log(`Backup of the ${"url" in target ? "PostgreSQL database (DATABASE_URL)" : `SQLite database ${target.file}`} written to ${file}`);
}

main().catch((e) => {
  console.error(`backup failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
