import "server-only";
import { eq, isNull, lte, or, sql } from "drizzle-orm";
import { lockUntilAfterFailure } from "@/lib/sign-in-throttle";
import type { Db } from "../handle";

/** Outcome of claiming a sign-in attempt: go ahead with attempt number `attempt`, or refused until `lockedUntil`. */
export type SignInClaim = { ok: true; attempt: number } | { ok: false; lockedUntil: Date };

/**
 * Claims one password check for a normalised email (trimmed, lowercased; known or unknown account
 * alike), BEFORE the password is checked (issue 10, "Lockout bypass" and "User enumeration").
 * One conditional upsert increments the attempt count only while the email is not locked and
 * returns the new count; the same transaction then sets the lock that count calls for
 * (lib/sign-in-throttle.ts lockUntilAfterFailure), as if the attempt will fail. PostgreSQL holds
 * the upserted row's lock until commit and SQLite runs one write transaction at a time, so a
 * concurrent claim sees the lock: at most FREE_ATTEMPTS checks run before the first lock, and one
 * per lock window after, whatever the concurrency. A success then clears the row
 * (clearSignInThrottle); a failure leaves count and lock as claimed.
 * @param now current time (UTC).
 * @returns `{ ok: true, attempt }` (1-based) or `{ ok: false, lockedUntil }` while locked.
 */
export async function claimSignInAttempt(db: Db, { emailKey, now }: { emailKey: string; now: Date }): Promise<SignInClaim> {
  return db.transaction(async (tx) => {
    const t = tx.tables.signInThrottle;
    const [row] = await tx
      .insert(t)
      .values({ emailKey, failures: 1, lockedUntil: null, updatedAt: now })
      .onConflictDoUpdate({
        target: t.emailKey,
        set: { failures: sql`${t.failures} + 1`, updatedAt: now },
        setWhere: or(isNull(t.lockedUntil), lte(t.lockedUntil, now)),
      })
      .returning({ failures: t.failures });
    if (!row) {
      const [locked] = await tx.select({ lockedUntil: t.lockedUntil }).from(t).where(eq(t.emailKey, emailKey));
      return { ok: false, lockedUntil: locked?.lockedUntil ?? now };
    }
    const lockedUntil = lockUntilAfterFailure(row.failures, now);
    if (lockedUntil) await tx.update(t).set({ lockedUntil }).where(eq(t.emailKey, emailKey));
    return { ok: true, attempt: row.failures };
  });
}

/** Clears an email's attempt count and lock after a successful sign-in (issue 10). */
export async function clearSignInThrottle(db: Db, { emailKey }: { emailKey: string }): Promise<void> {
  await db.transaction(async (tx) => {
    const t = tx.tables.signInThrottle;
    await tx.delete(t).where(eq(t.emailKey, emailKey));
  });
}
