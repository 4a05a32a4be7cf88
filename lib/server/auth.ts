import type { NextAuthOptions } from "next-auth";
import { getServerSession } from "next-auth";
import { cache } from "react";
import CredentialsProvider from "next-auth/providers/credentials";
import { getDb } from "@/db/client";
import { clearFailedSignIns, recordFailedSignIn } from "@/db/mutations/users";
import { getUser } from "@/db/queries/users";
import { parseRoles, type Role } from "@/lib/roles";
import { AppError } from "./errors";
import { burnPasswordCheck, verifyPassword } from "./passwords";
import { getSettings } from "./settings";

export type CurrentUser = { id: number; email: string; name: string; roles: Role[] };

/**
 * Checks an email and password (next-auth credentials `authorize`). Throttles repeated failures
 * per account (lib/sign-in-throttle.ts); unknown accounts burn a dummy argon2 check.
 * @returns the user, or null on a wrong email/password.
 * @throws Error("LOCKED:<seconds>") while the account is locked.
 */
export async function checkCredentials(emailRaw: string, password: string, now = new Date()): Promise<CurrentUser | null> {
  const db = getDb();
  const email = emailRaw.trim().toLowerCase();
  const user = await getUser(db, { email });
  if (!user) {
    await burnPasswordCheck(password);
    return null;
  }
  if (user.lockedUntil && user.lockedUntil > now) {
    throw new Error(`LOCKED:${Math.ceil((user.lockedUntil.getTime() - now.getTime()) / 1000)}`);
  }
  if (!(await verifyPassword(user.passwordHash, password))) {
    await recordFailedSignIn(db, { userId: user.id, now });
    return null;
  }
  if (user.failedSignIns > 0) await clearFailedSignIns(db, { userId: user.id });
  return { id: user.id, email: user.email, name: user.name, roles: parseRoles(user.roles) };
}

/** next-auth options, built on demand so nothing reads settings at import. */
export function getAuthOptions(): NextAuthOptions {
  return {
    secret: getSettings().authSecret,
    session: { strategy: "jwt", maxAge: 8 * 60 * 60 },
    pages: { signIn: "/login" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials) {
          if (!credentials?.email || !credentials.password) return null;
          const user = await checkCredentials(credentials.email, credentials.password);
          return user ? { id: String(user.id), email: user.email, name: user.name } : null;
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) token.uid = Number(user.id);
        return token;
      },
      session({ session, token }) {
        if (session.user) (session.user as { id?: number }).id = token.uid as number;
        return session;
      },
    },
  };
}

/**
 * The signed-in user, re-read from the database (roles may have changed), or null.
 * Memoized per request (React `cache`), so the layout and the page share one lookup.
 */
export const getCurrentUser = cache(async function getCurrentUser(): Promise<CurrentUser | null> {
  const session = await getServerSession(getAuthOptions());
  const id = (session?.user as { id?: number } | undefined)?.id;
  if (!id) return null;
  const user = await getUser(getDb(), { id });
  return user ? { id: user.id, email: user.email, name: user.name, roles: parseRoles(user.roles) } : null;
});

/**
 * The signed-in user holding `role` (any role when omitted; with a list, any one of them).
 * @throws AppError unauthorized (no session) or forbidden (role missing).
 */
export async function requireUser(role?: Role | readonly Role[]): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) throw new AppError("unauthorized", "Sign in to continue.");
  const anyOf: readonly Role[] = role === undefined ? [] : typeof role === "string" ? [role] : role;
  if (anyOf.length > 0 && !anyOf.some((r) => user.roles.includes(r))) throw new AppError("forbidden", `This needs the ${anyOf.join(" or ")} role.`);
  return user;
}

/**
 * Step-up re-authentication before a signature: the signed-in user's password, checked like a
 * sign-in (failures count towards the lockout, lib/sign-in-throttle.ts).
 * @returns field errors for the form (`password`), or null when the password is right.
 */
export async function checkStepUp(user: CurrentUser, password: string): Promise<Record<string, string[]> | null> {
  try {
    return (await checkCredentials(user.email, password)) ? null : { password: ["The password is not right: signing needs your current password."] };
  } catch (e) {
    if (e instanceof Error && e.message.startsWith("LOCKED:")) return { password: [`Too many wrong passwords: try again in ${e.message.slice(7)} s.`] };
    throw e;
  }
}
