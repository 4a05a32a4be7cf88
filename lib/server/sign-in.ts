import "server-only";
import type { Db } from "@/db/handle";
import { claimSignInAttempt, clearSignInThrottle } from "@/db/mutations/sign-in-throttle";
import { getUser } from "@/db/queries/users";
import type { User } from "@/db/schema";
import { normaliseEmail } from "@/lib/user-input";
import { burnPasswordCheck, verifyPassword } from "./passwords";

/** Password checks, injectable so a test can count them. */
export type PasswordChecks = {
  verify(passwordHash: string, password: string): Promise<boolean>;
  /** The dummy check an unknown email costs, so it takes as long as a known one. */
  burn(password: string): Promise<void>;
};

const argon2Checks: PasswordChecks = { verify: verifyPassword, burn: burnPasswordCheck };

/** Result of a sign-in attempt: the user, a wrong email/password (also: deactivated), or locked for `seconds`. */
export type SignInResult = { status: "ok"; user: User } | { status: "wrong" } | { status: "locked"; seconds: number };

/**
 * Checks an email and password under the sign-in throttle (issue 10, "Sign-in and sessions").
 * The throttle is keyed by the normalised email (trim + lowercase) whether or not an account has
 * it, and the attempt is claimed atomically BEFORE the password check
 * (db/mutations/sign-in-throttle.ts): at most FREE_ATTEMPTS checks per lock window, whatever the
 * concurrency. An unknown email burns a dummy argon2 check; a deactivated account is checked and
 * then answers like a wrong password; a locked email (known or unknown) answers "locked" without
 * a check. Success clears the throttle row; a failure keeps the count and lock set at the claim.
 * @param now current time (UTC).
 * @returns ok with the user row, wrong, or locked with the whole seconds left (≥ 1).
 */
export async function attemptSignIn(
  db: Db,
  args: { email: string; password: string; now?: Date },
  checks: PasswordChecks = argon2Checks,
): Promise<SignInResult> {
  const now = args.now ?? new Date();
  const emailKey = normaliseEmail(args.email);
  const claim = await claimSignInAttempt(db, { emailKey, now });
  if (!claim.ok) return { status: "locked", seconds: Math.max(1, Math.ceil((claim.lockedUntil.getTime() - now.getTime()) / 1000)) };
  const user = await getUser(db, { email: emailKey });
  if (!user) {
    await checks.burn(args.password);
    return { status: "wrong" };
  }
  const right = await checks.verify(user.passwordHash, args.password);
  if (!right || user.deactivatedAt) return { status: "wrong" };
  await clearSignInThrottle(db, { emailKey });
  return { status: "ok", user };
}
