/** Applies migrations and seeds demo data when the database is empty. Usage: npm run db:setup */
import { getDb } from "@/db/client";
import { getSettings } from "@/lib/server/settings";
import { seedIfEmpty } from "./seed";

/**
 * Migrates and seeds the configured database (SQLite or PostgreSQL). On PostgreSQL several
 * instances may start at once: the set-up lock lets one migrate and seed while the others wait.
 */
export async function setupDatabase(): Promise<void> {
  const db = getDb();
  await db.withSetupLock(async () => {
    await db.migrate();
    await seedIfEmpty(db);
  });
}

if (import.meta.filename && process.argv[1]?.endsWith("setup.ts")) {
  setupDatabase().then(
    async () => {
      const s = getSettings();
      console.log(s.databaseUrl ? "PostgreSQL database ready" : `Database ready at ${s.databasePath}`);
      await getDb().close();
    },
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
