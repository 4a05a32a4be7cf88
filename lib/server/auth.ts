import type { NextAuthOptions } from "next-auth";
import { getServerSession } from "next-auth";
import { cache } from "react";
import CredentialsProvider from "next-auth/providers/credentials";
import { getDb } from "@/db/client";
import { endSessions } from "@/db/mutations/users";
import { getGrants } from "@/db/queries/projects";
import { getUser } from "@/db/queries/users";
import type { User } from "@/db/schema";
import { type Grants, rolesAnywhere } from "@/lib/project-access";
import { parseRoles, type Role } from "@/lib/roles";
import { safeRedirectPath } from "@/lib/safe-redirect";
import { sessionIsCurrent } from "@/lib/session-version";
import { AppError } from "./errors";
import { getSettings } from "./settings";
import { attemptSignIn } from "./sign-in";

/**
 * The signed-in user. `roles`: every role they hold somewhere (granted everywhere or in some
 * project); `grants`: where they hold them (lib/project-access.ts). Inside one audit or project,
 * `roles` are narrowed to that project's (lib/server/project-auth.ts).
 */
export type CurrentUser = { id: number; email: string; name: string; roles: Role[]; grants: Grants };

/** Session lifetime in seconds (8 h). */
export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

/** The user with their grants (roles everywhere from `users.roles`, plus their project memberships). */
async function toCurrentUser(user: User): Promise<CurrentUser> {
  const grants = await getGrants(getDb(), { userId: user.id, everywhere: parseRoles(user.roles) });
  return { id: user.id, email: user.email, name: user.name, roles: rolesAnywhere(grants), grants };
}

/**
 * Checks an email and password (next-auth credentials `authorize`) under the sign-in throttle
 * (lib/server/sign-in.ts attemptSignIn; issue 10).
 * @returns the user with the session version to put in the session, or null on a wrong
 *   email/password or a deactivated account (not told apart).
 * @throws Error("LOCKED:<seconds>") while the email is locked, known or not.
 */
export async function checkCredentials(email: string, password: string, now = new Date()): Promise<{ id: number; email: string; name: string; sessionVersion: number } | null> {
  const result = await attemptSignIn(getDb(), { email, password, now });
  if (result.status === "locked") throw new Error(`LOCKED:${result.seconds}`);
  return result.status === "ok" ? { id: result.user.id, email: result.user.email, name: result.user.name, sessionVersion: result.user.sessionVersion } : null;
}

/**
 * The user a session token names, when the session still holds (lib/session-version.ts: same
 * `sessionVersion`, not deactivated), else null. Reads the database on every call.
 */
export async function sessionUser(token: { uid?: unknown; sv?: unknown } | null | undefined): Promise<User | null> {
  const id = token?.uid;
  if (typeof id !== "number" || !Number.isInteger(id)) return null;
  const user = await getUser(getDb(), { id });
  return user && sessionIsCurrent(user, token?.sv) ? user : null;
}

/**
 * next-auth options, built on demand so nothing reads settings at import. The JWT carries the
 * user id (`uid`) and the session version at sign-in (`sv`). Every later use of the token (the
 * /api/auth/session endpoint and getServerSession) re-checks it in the `jwt` callback: a revoked
 * session throws there, which makes next-auth answer no session and clear the cookie. Sign-out
 * bumps the version (`events.signOut`), ending copies of the cookie too. Redirects stay on the
 * app's origin (lib/safe-redirect.ts).
 */
export function getAuthOptions(): NextAuthOptions {
  return {
    secret: getSettings().authSecret,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/login" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials) {
          if (!credentials?.email || !credentials.password) return null;
          const user = await checkCredentials(credentials.email, credentials.password);
          return user ? { id: String(user.id), email: user.email, name: user.name, sv: user.sessionVersion } : null;
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user }) {
        if (user) {
          token.uid = Number(user.id);
          token.sv = (user as { sv?: number }).sv;
          return token;
        }
        if (!(await sessionUser(token as { uid?: unknown; sv?: unknown }))) throw new Error("Session revoked");
        return token;
      },
      session({ session, token }) {
        if (session.user) Object.assign(session.user, { id: token.uid, sv: token.sv });
        return session;
      },
      redirect({ url, baseUrl }) {
        return new URL(safeRedirectPath(url, baseUrl), baseUrl).toString();
      },
    },
    events: {
      async signOut({ token }) {
        if (typeof token?.uid === "number" && typeof token.sv === "number") await endSessions(getDb(), { userId: token.uid, sessionVersion: token.sv });
      },
    },
  };
}

/**
 * The signed-in user, re-read from the database (roles may have changed), or null when there is
 * no session or it was revoked (lib/session-version.ts). Memoized per request (React `cache`), so
 * the layout and the page share one lookup.
 */
export const getCurrentUser = cache(async function getCurrentUser(): Promise<CurrentUser | null> {
  const session = await getServerSession(getAuthOptions());
  const claims = session?.user as { id?: unknown; sv?: unknown } | undefined;
  const user = await sessionUser(claims ? { uid: claims.id, sv: claims.sv } : null);
  return user ? await toCurrentUser(user) : null;
});

/**
 * The signed-in user holding `role` somewhere (any role when omitted; with a list, any one of
 * them). Where one audit or project is concerned, check there too (lib/server/project-auth.ts).
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
