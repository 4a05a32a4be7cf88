/**
 * Whether the database's schema matches this build (issue 10 "Operations": `GET /api/health`).
 * drizzle's migrator records each applied migration in `__drizzle_migrations` with `created_at`
 * = the journal entry's `when` (ms since the epoch, UTC), and applies every journal entry newer
 * than the newest row: the same rule decides here whether migrations are current.
 */

/** One entry of db/migrations/<engine>/meta/_journal.json (the fields used here). */
export type JournalEntry = { tag: string; when: number };

export type MigrationStatus =
  | { ok: true; migration: string }
  | { ok: false; reason: string };

/**
 * Compares the journal of this build with the migrations applied to the database.
 * @param journal the journal's entries, in any order (`when` in ms).
 * @param appliedCreatedAt `created_at` of every row of `__drizzle_migrations` (ms; numbers or
 *   numeric strings, as PostgreSQL's bigint arrives), in any order.
 * @returns ok with the latest tag when the newest applied migration is the journal's newest;
 *   otherwise a plain reason: none applied, N pending (naming the first), or the database is at a
 *   migration this build does not know (a newer build migrated it). An empty journal is an error.
 */
export function migrationStatus(journal: readonly JournalEntry[], appliedCreatedAt: readonly (number | string)[]): MigrationStatus {
  const entries = [...journal].sort((a, b) => a.when - b.when);
  const latest = entries.at(-1);
  if (!latest) return { ok: false, reason: "the migrations journal of this build is empty" };
  const applied = appliedCreatedAt.map(Number);
  if (applied.length === 0) return { ok: false, reason: `no migrations applied; this build expects ${latest.tag}` };
  const newest = Math.max(...applied);
  if (newest === latest.when) return { ok: true, migration: latest.tag };
  const pending = entries.filter((e) => e.when > newest);
  if (pending.length > 0) {
    return { ok: false, reason: `migrations behind: ${pending.length} pending (next ${pending[0].tag}, latest ${latest.tag})` };
  }
  return { ok: false, reason: `the database has a migration newer than this build's latest (${latest.tag})` };
}
