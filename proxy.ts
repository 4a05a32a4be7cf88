/**
 * Next 16 proxy (formerly middleware), run before every request except static files and the API
 * (those get their headers from next.config.ts; API routes answer 401 JSON themselves). Issue 10 "Requests and headers":
 * - every response carries the security headers of lib/security-headers.ts; pages get a
 *   Content-Security-Policy with a fresh nonce, also set on the request so that Next puts it on its
 *   own scripts (pages render dynamically: the root layout reads the session);
 * - a signed-out GET of an app page is redirected (307) to /login?callbackUrl=…, checked by a valid
 *   next-auth session token; /login, /r/*, /api/* (401 JSON from the routes), /_next/*, /schemas/*
 *   and root files are public (lib/request-paths.ts). Pages still authorize the user themselves.
 * The shared report page (/r/<token>) sets its own strict headers (lib/server/shared-report.ts).
 */
import { getToken } from "next-auth/jwt";
import { type NextRequest, NextResponse } from "next/server";
import { contentSecurityPolicy, isHttpsRequest, newNonce, securityHeaders } from "@/lib/security-headers";
import { isPublicPath, isSharedReportPagePath, loginRedirectPath } from "@/lib/request-paths";
import { getSettings } from "@/lib/server/settings";

export async function proxy(request: NextRequest): Promise<NextResponse> {
  const { pathname, search } = request.nextUrl;
  if (isSharedReportPagePath(pathname)) return NextResponse.next();
  const https = isHttpsRequest({ forwardedProto: request.headers.get("x-forwarded-proto"), baseUrl: process.env.NEXTAUTH_URL });
  const nonce = newNonce();
  const csp = contentSecurityPolicy({ kind: "page", nonce, dev: process.env.NODE_ENV === "development", https });
  const headers = securityHeaders({ csp, https });

  let response: NextResponse;
  if (!isPublicPath(pathname) && (request.method === "GET" || request.method === "HEAD") && !(await hasSession(request))) {
    const [path, query] = loginRedirectPath(pathname, search).split("?");
    const target = request.nextUrl.clone();
    target.pathname = path;
    target.search = `?${query}`;
    response = NextResponse.redirect(target, 307);
  } else {
    const requestHeaders = new Headers(request.headers);
    requestHeaders.set("content-security-policy", csp);
    response = NextResponse.next({ request: { headers: requestHeaders } });
  }
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

/** True when the request carries a next-auth session token that verifies and has not expired. */
async function hasSession(request: NextRequest): Promise<boolean> {
  try {
    return (await getToken({ req: request, secret: getSettings().authSecret })) !== null;
  } catch {
    return false;
  }
}

export const config = {
  // Static files are left out: next.config.ts `headers()` gives them the same security headers.
  // The API is left out too: a proxy makes Next buffer (and cut) request bodies, and imports stream.
  matcher: ["/((?!_next/static|_next/image|favicon\\.ico|icon\\.svg|robots\\.txt|schemas/|api/).*)"],
};
