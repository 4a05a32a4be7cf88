/**
 * Which request paths need a signed-in session before the app renders them (issue 10: a
 * signed-out request to a page is a real redirect, not a 200 with a meta refresh). Pure; used by
 * proxy.ts. Pages still check the user and role themselves (lib/server/page-auth.ts).
 */

/** Path prefixes answered without a session: sign-in, shared reports, API (401 JSON), Next's files, schemas. */
const PUBLIC_PREFIXES = ["/login", "/r", "/api", "/_next", "/schemas"];
/** Single public files (app/icon.svg and public/ files at the root). */
const PUBLIC_FILES = new Set(["/icon.svg", "/favicon.ico", "/robots.txt"]);

/**
 * True when `pathname` (URL path, no query) is answered without a session: /login, /r/*, /api/*,
 * /_next/*, /schemas/*, /icon.svg, /favicon.ico, /robots.txt. Everything else is an app page that
 * needs a session. A prefix must match whole segments: `/login` matches `/login` and `/login/x`,
 * not `/loginx`; `/api` alone is an API path.
 */
export function isPublicPath(pathname: string): boolean {
  if (PUBLIC_FILES.has(pathname)) return true;
  return PUBLIC_PREFIXES.some((p) => pathname === p || pathname.startsWith(`${p}/`));
}

/** True for the shared report page itself (`/r/<token>`, not its `snapshot.json`), which sets its own headers. */
export function isSharedReportPagePath(pathname: string): boolean {
  return /^\/r\/[^/]+\/?$/.test(pathname);
}

/**
 * The sign-in URL (path and query) that brings the user back to `pathname` + `search` afterwards:
 * `/login?callbackUrl=<encoded path and query>`.
 * @param search the URL's query including its leading `?`, or "".
 */
export function loginRedirectPath(pathname: string, search: string): string {
  return `/login?callbackUrl=${encodeURIComponent(pathname + search)}`;
}
