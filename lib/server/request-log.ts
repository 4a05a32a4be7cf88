/**
 * One JSON log line per HTTP request (issue 10 "Operations"), written by the server of
 * scripts/start.ts around Next's handler: request id, method, redacted path, status, duration and
 * the signed-in user's id. Never the cookie, the query string or the body.
 */
import { randomUUID } from "node:crypto";
import type http from "node:http";
import { RequestCookies } from "next/dist/server/web/spec-extension/cookies";
import { getToken } from "next-auth/jwt";
import type { Logger } from "./logger";
import { redactPath } from "./logger";

/** Header carrying the request id, in and out. */
export const REQUEST_ID_HEADER = "x-request-id";

/**
 * The incoming request id when it is well formed (1–128 characters of letters, digits and
 * `.` `_` `:` `-`, as proxies and UUIDs write them), else null: a new id is then generated.
 */
export function acceptRequestId(raw: string | string[] | undefined): string | null {
  const value = Array.isArray(raw) ? raw[0] : raw;
  return value !== undefined && /^[A-Za-z0-9._:-]{1,128}$/.test(value) ? value : null;
}

/**
 * The user id in the request's next-auth session cookie (`uid`, else `sub`), decrypted with
 * `secret`; null without a cookie or when it does not decrypt (expired, forged, other secret).
 * Only the id is kept. Says nothing about whether the session is still valid: pages decide that.
 */
export async function sessionUserId(req: Pick<http.IncomingMessage, "headers">, secret: string): Promise<number | null> {
  const cookie = req.headers.cookie;
  if (!cookie || !cookie.includes("next-auth.session-token")) return null;
  const cookies = new RequestCookies(new Headers({ cookie }));
  const secureCookie = cookies.has("__Secure-next-auth.session-token") || cookies.has("__Secure-next-auth.session-token.0");
  // headers: {} so that getToken never reads an Authorization header (API tokens travel there).
  const token = await getToken({ req: { cookies, headers: {} } as never, secret, secureCookie, logger: { error() {}, warn() {}, debug() {} } as never }).catch(() => null);
  const id = Number(token?.uid ?? token?.sub);
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}

export type RequestLogOptions = {
  logger: Logger;
  /** The signed-in user's id for a request, or null (default: none). */
  userId?: (req: http.IncomingMessage) => Promise<number | null>;
  /** Clock in ms (tests). */
  now?: () => number;
};

/**
 * Wraps a Node request handler: gives every request an id (a well-formed incoming `x-request-id`,
 * else a new UUID), sets it on the request's headers (for the handlers) and as the
 * `x-request-id` response header, and when the response is finished (or the client went away)
 * logs at info `{ reqId, method, path, status, durationMs, userId }` with message "request"
 * (`aborted: true` when the connection closed first). durationMs: ms from arrival to the end,
 * rounded to 0.1 ms.
 */
export function withRequestLog(handler: (req: http.IncomingMessage, res: http.ServerResponse) => void, options: RequestLogOptions): (req: http.IncomingMessage, res: http.ServerResponse) => void {
  const { logger, userId = async () => null, now = () => performance.now() } = options;
  return (req, res) => {
    const started = now();
    const reqId = acceptRequestId(req.headers[REQUEST_ID_HEADER]) ?? randomUUID();
    req.headers[REQUEST_ID_HEADER] = reqId;
    res.setHeader(REQUEST_ID_HEADER, reqId);
    let logged = false;
    const log = (aborted: boolean) => {
      if (logged) return;
      logged = true;
      const durationMs = Math.round((now() - started) * 10) / 10;
      const line = { reqId, method: req.method, path: redactPath(req.url), status: res.statusCode, durationMs };
      userId(req).then(
        (uid) => logger.info({ ...line, userId: uid, ...(aborted ? { aborted } : {}) }, "request"),
        () => logger.info({ ...line, userId: null, ...(aborted ? { aborted } : {}) }, "request"),
      );
    };
    res.once("finish", () => log(false));
    res.once("close", () => log(!res.writableFinished));
    handler(req, res);
  };
}
