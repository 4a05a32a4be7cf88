/** Failed sign-ins allowed before an account is locked. */
export const FREE_ATTEMPTS = 5;
/** First lock length in seconds; doubles with each further failure, at most MAX_LOCK_SECONDS. */
export const BASE_LOCK_SECONDS = 30;
export const MAX_LOCK_SECONDS = 15 * 60;

/**
 * Lock after a failed sign-in (OWASP Authentication Cheat Sheet, "Account lockout"):
 * the first FREE_ATTEMPTS failures lock nothing; failure number FREE_ATTEMPTS + k (k ≥ 0)
 * locks for BASE_LOCK_SECONDS × 2^k seconds, at most MAX_LOCK_SECONDS.
 * @param failures consecutive failures including this one.
 * @param now current time (UTC).
 * @returns the time until which sign-in is refused, or null when not locked.
 */
export function lockUntilAfterFailure(failures: number, now: Date): Date | null {
  if (failures < FREE_ATTEMPTS) return null;
  const seconds = Math.min(BASE_LOCK_SECONDS * 2 ** (failures - FREE_ATTEMPTS), MAX_LOCK_SECONDS);
  return new Date(now.getTime() + seconds * 1000);
}
