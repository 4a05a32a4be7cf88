/**
 * `npm run restore -- <file> [--force]`: restores a backup made by `npm run backup` into the
 * configured database (COUNTERSIGN_DB or DATABASE_URL), which must be empty (no tables; a SQLite
 * file that does not exist yet is empty) unless --force, which replaces its contents. Stop every
 * app instance first. README "Backup and restore"; db/backup.ts.
 */
import { restoreDatabase } from "@/db/backup";
import { backupTarget, parseBackupArgs } from "@/lib/backup-args";

async function main() {
  const { file, force } = parseBackupArgs("restore", process.argv.slice(2));
  const target = backupTarget(process.env, process.cwd());
  await restoreDatabase(target, file, { force });
  console.log(`Restored ${file} into the ${"url" in target ? "PostgreSQL database (DATABASE_URL)" : `SQLite database ${target.file}`}`);
}

main().catch((e) => {
  console.error(`restore failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
