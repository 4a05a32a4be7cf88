import path from "node:path";
import type { Engine } from "./schema";

/** Folder of an engine's committed migrations (db/migrations/<engine>, with meta/_journal.json), under the working directory. */
export function migrationsFolder(engine: Engine): string {
  return path.join(process.cwd(), "db", "migrations", engine);
}
