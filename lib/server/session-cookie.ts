import "server-only";
import { decode, encode } from "next-auth/jwt";
import { cookies } from "next/headers";
import { getSettings } from "./settings";
import { SESSION_MAX_AGE_SECONDS } from "./auth";

/** next-auth's session cookie names: over https (`__Secure-` prefix) and over http. */
const SESSION_COOKIES = ["__Secure-next-auth.session-token", "next-auth.session-token"] as const;

/**
 * Keeps the current browser signed in after its user's sessions were ended on purpose (a change
 * of one's own password, issue 10): re-issues the request's next-auth JWT with the new session
 * version `sessionVersion`, a fresh 8 h lifetime and next-auth's cookie options. Other sessions
 * (other browsers, copied cookies) keep the old version and stay refused. Call only from a server
 * action or route handler, after checking the session. Does nothing when the request carries no
 * (single-chunk) next-auth session cookie; our tokens are far below next-auth's 4 KB chunk size.
 */
export async function reissueSession(sessionVersion: number): Promise<void> {
  const jar = await cookies();
  const name = SESSION_COOKIES.find((n) => jar.get(n));
  if (!name) return;
  const secret = getSettings().authSecret;
  const token = await decode({ token: jar.get(name)!.value, secret });
  if (!token) return;
  const value = await encode({ token: { ...token, sv: sessionVersion }, secret, maxAge: SESSION_MAX_AGE_SECONDS });
  jar.set(name, value, {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: name.startsWith("__Secure-"),
    expires: new Date(Date.now() + SESSION_MAX_AGE_SECONDS * 1000),
  });
}
