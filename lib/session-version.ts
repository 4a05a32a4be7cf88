/**
 * Session revocation (issue 10, "Sessions outlive sign-out"): a session carries the user's
 * `sessionVersion` from sign-in; sign-out, a role change, a password change or reset and
 * deactivation bump the stored version, so every older session stops working.
 */

/** The fields of a user row that decide whether a session of theirs still holds. */
export type SessionHolder = { sessionVersion: number; deactivatedAt: Date | null };

/**
 * True when a session carrying `tokenVersion` is still valid for `user`: the user exists, is not
 * deactivated, and the version equals the stored one. A missing or non-integer version (a session
 * issued before versions existed) is refused.
 */
export function sessionIsCurrent(user: SessionHolder | null | undefined, tokenVersion: unknown): boolean {
  if (!user || user.deactivatedAt) return false;
  return typeof tokenVersion === "number" && Number.isInteger(tokenVersion) && tokenVersion === user.sessionVersion;
}
