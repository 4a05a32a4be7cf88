/**
 * Security response headers (issue 10 "Requests and headers"): a Content-Security-Policy per kind
 * of response, and the headers every response carries (nosniff, no referrer, no framing, HSTS
 * over https). Pure: proxy.ts, next.config.ts, the shared-report page and scripts/start.ts build
 * their headers here.
 */

/** What a response is, for its Content-Security-Policy. */
export type CspKind =
  /** A Next page: scripts only from this origin or carrying the request's nonce. */
  | { kind: "page"; nonce: string; dev?: boolean; https?: boolean }
  /** The shared report (lib/share-report-html.ts): inline CSS and SVG, no script at all. */
  | { kind: "shared-report" }
  /** JSON, files and other documents that are never rendered as an app page. */
  | { kind: "document" };

const join = (directives: (string | false)[]) => directives.filter(Boolean).join("; ");

/**
 * The Content-Security-Policy header value for a response.
 * - page: `script-src 'self' 'nonce-…' 'strict-dynamic'` (Next puts the nonce on its own scripts
 *   when it finds it in the request's CSP header; 'unsafe-eval' only in `next dev`, which React
 *   needs there); styles allow 'unsafe-inline' because React `style` attributes (recharts, progress
 *   bars) cannot carry a nonce. `upgrade-insecure-requests` only when served over https.
 * - shared-report: `default-src 'none'` with inline styles and same-origin images only.
 * - document: `default-src 'none'` (a JSON or static file never runs anything).
 * All kinds: `frame-ancestors 'none'` (no other site may frame any page), `object-src 'none'`, a
 * restricted `base-uri` and `form-action`.
 * @throws Error when a page nonce is not base64 of at least 16 characters (it is pasted into the header).
 */
export function contentSecurityPolicy(opts: CspKind): string {
  if (opts.kind === "page") {
    if (!/^[A-Za-z0-9+/_-]{16,}={0,2}$/.test(opts.nonce)) throw new Error("CSP nonce must be base64 of at least 16 characters");
    return join([
      "default-src 'self'",
      `script-src 'self' 'nonce-${opts.nonce}' 'strict-dynamic'${opts.dev ? " 'unsafe-eval'" : ""}`,
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data: blob:",
      "font-src 'self'",
      "connect-src 'self'",
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "frame-ancestors 'none'",
      opts.https === true && "upgrade-insecure-requests",
    ]);
  }
  if (opts.kind === "shared-report") {
    return join(["default-src 'none'", "style-src 'unsafe-inline'", "img-src 'self' data:", "object-src 'none'", "base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'"]);
  }
  return join(["default-src 'none'", "style-src 'unsafe-inline'", "img-src 'self' data:", "object-src 'none'", "base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'", "sandbox"]);
}

/** HSTS value: one year, subdomains included (sent only over https). */
export const HSTS_VALUE = "max-age=31536000; includeSubDomains";

/**
 * The headers every response carries, given its CSP: `X-Content-Type-Options: nosniff`,
 * `Referrer-Policy: no-referrer` (a share token sits in /r/<token> URLs), `X-Frame-Options: DENY`
 * (for browsers without `frame-ancestors`), and `Strict-Transport-Security` only when `https`.
 * Header names are lower case.
 */
export function securityHeaders({ csp, https }: { csp: string; https: boolean }): Record<string, string> {
  return {
    "content-security-policy": csp,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    ...(https ? { "strict-transport-security": HSTS_VALUE } : {}),
  };
}

/**
 * Whether a request came over https: the first `X-Forwarded-Proto` value (set by the reverse proxy,
 * README "Scale out") is `https`, or else the app's public URL (NEXTAUTH_URL) is https.
 * @param forwardedProto the raw header value (may be a comma-separated list), or null/undefined.
 * @param baseUrl NEXTAUTH_URL, or null/undefined when unset.
 */
export function isHttpsRequest({ forwardedProto, baseUrl }: { forwardedProto?: string | null; baseUrl?: string | null }): boolean {
  const first = forwardedProto?.split(",")[0]?.trim().toLowerCase();
  if (first) return first === "https";
  return /^https:\/\//i.test(baseUrl ?? "");
}

/** A fresh nonce for one request: 16 random bytes, base64 (Web Crypto, so it runs anywhere). */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}
