/** Applies migrations and seeds demo data when the database is empty. Usage: npx tsx scripts/setup.ts */
import { getDb } from "@/db/client";
import { applyMigrations } from "@/db/migrate";
import { getSettings } from "@/lib/server/settings";
import { seedIfEmpty } from "./seed";

/** Migrates and seeds the configured database. */
export async function setupDatabase(): Promise<void> {
  const db = getDb();
  applyMigrations(db);
  await seedIfEmpty(db);
}

if (import.meta.filename && process.argv[1]?.endsWith("setup.ts")) {
  setupDatabase().then(
    () => console.log(`Database ready at ${getSettings().databasePath}`),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
