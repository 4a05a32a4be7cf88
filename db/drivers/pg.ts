import "server-only";
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import { Pool, type PoolClient } from "pg";
import { getLogger, safeError } from "@/lib/server/logger";
import { tablesFor } from "../schema";
import * as schema from "../schema/pg";
import { migrationsFolder } from "../migrations-folder";
import { bindQueries, type Db } from "../handle";

const MIGRATIONS = migrationsFolder("pg");
/** Keys of the session advisory locks held while one instance migrates, and while it sets up (migrate + seed). */
const MIGRATE_LOCK = "countersign.migrate";
const SETUP_LOCK = "countersign.setup";

/**
 * PostgreSQL through node-postgres (a pool of `max` connections). Transactions are READ
 * COMMITTED; mutations serialize what must not interleave with `tx.lock(key)`
 * (pg_advisory_xact_lock), constraints hold the rest. Several app instances may share the database.
 * @param url postgres:// or postgresql:// connection string.
 */
export function openPg(url: string, { max = 10 }: { max?: number } = {}): Db {
  const pool = new Pool({ connectionString: url, max });
  // An idle client's connection error must not crash the process; the next query reports it.
  pool.on("error", (e) => getLogger().error({ err: safeError(e) }, "PostgreSQL pool error"));
  const d = drizzle({ client: pool, schema });
  const tables = tablesFor("pg");

  async function withSessionLock<T>(key: string, fn: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await pool.connect();
    try {
      await client.query("SELECT pg_advisory_lock(hashtextextended($1, 0))", [key]);
      try {
        return await fn(client);
      } finally {
        await client.query("SELECT pg_advisory_unlock(hashtextextended($1, 0))", [key]);
      }
    } finally {
      client.release();
    }
  }

  return {
    ...bindQueries(d, "pg", tables),
    transaction: (fn) =>
      d.transaction(
        (t) =>
          fn({
            ...bindQueries(t, "pg", tables),
            lock: async (key) => {
              await t.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))`);
            },
          }),
        { isolationLevel: "read committed" },
      ),
    // Session-level advisory locks: two instances starting together neither run the same
    // migration twice nor seed an empty database twice.
    migrate: () => withSessionLock(MIGRATE_LOCK, (client) => migrate(drizzle({ client, schema }), { migrationsFolder: MIGRATIONS })),
    withSetupLock: (fn) => withSessionLock(SETUP_LOCK, () => fn()),
    close: () => pool.end(),
  };
}
