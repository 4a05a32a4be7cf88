/**
 * Header checks for the population upload route (issue 10 "Requests and headers"), done before a
 * byte of the body is read. Pure: the route passes the header values and the settings.
 */

/** Media types the import route accepts as the raw request body (parameters such as charset allowed). */
export const IMPORT_CONTENT_TYPES = ["text/csv", "application/x-ndjson", "application/jsonl", "text/plain"] as const;

export type UploadRefusal = { status: 403 | 411 | 413 | 415; message: string };

export type UploadHeaders = {
  /** The Origin header, or null when absent. */
  origin: string | null;
  /** The Host header (or X-Forwarded-Host behind a proxy), or null. */
  host: string | null;
  contentType: string | null;
  /** The Content-Length header as sent, or null (a chunked body). */
  contentLength: string | null;
};

/**
 * Checks an upload's Origin, Content-Type and Content-Length.
 * - Origin: a browser sends it on every POST; it must be the app's origin (`baseUrl`, i.e.
 *   NEXTAUTH_URL) or the request's own host (what Next's server actions compare with). "null" and
 *   any other origin get 403. A missing Origin is allowed, as server actions allow it: browsers
 *   always send Origin on a POST, so only a non-browser client omits it, and such a client cannot
 *   be driven by another site (no CSRF); it still needs a valid session.
 * - Content-Type: one of IMPORT_CONTENT_TYPES (415 otherwise; multipart/form-data gets a message
 *   saying to send the file as the request body).
 * - Content-Length: when present, a whole number (411 otherwise) of at most `maxBytes` (413).
 *   Absent (a chunked body): the import enforces the limit while streaming.
 * @param maxBytes the largest body accepted, in bytes.
 * @returns null when the request may proceed, else the HTTP status and a message for the user.
 */
export function checkUploadHeaders(h: UploadHeaders, { baseUrl, maxBytes }: { baseUrl: string; maxBytes: number }): UploadRefusal | null {
  if (h.origin !== null && !sameOrigin(h.origin, baseUrl, h.host)) {
    return { status: 403, message: "This upload comes from another site (its Origin is not this app); it was refused." };
  }
  const type = (h.contentType ?? "").split(";")[0].trim().toLowerCase();
  if (type === "multipart/form-data") {
    return { status: 415, message: "Send the file as the request body, not as a form upload (multipart/form-data), with Content-Type text/csv or application/x-ndjson." };
  }
  if (!(IMPORT_CONTENT_TYPES as readonly string[]).includes(type)) {
    return { status: 415, message: `Content-Type ${type === "" ? "is missing" : `"${type}" is not accepted`}: send the file as the request body with Content-Type ${IMPORT_CONTENT_TYPES.join(", ")}.` };
  }
  if (h.contentLength !== null) {
    const length = h.contentLength.trim();
    if (!/^\d+$/.test(length)) return { status: 411, message: "Content-Length must be a whole number of bytes." };
    if (Number(length) > maxBytes) return { status: 413, message: tooLargeMessage(maxBytes) };
  }
  return null;
}

/** The message for a body over the limit (also used when a chunked body passes it while streaming). */
export function tooLargeMessage(maxBytes: number): string {
  return `The file is larger than the ${formatMiB(maxBytes)} limit; nothing was imported.`;
}

const formatMiB = (bytes: number) => (bytes < 1024 * 1024 ? `${bytes.toLocaleString("en-US")}-byte` : `${Number((bytes / 1024 / 1024).toFixed(2))} MiB`);

/**
 * Whether an Origin header names this app: the origin of `baseUrl` (NEXTAUTH_URL) or the request's
 * own `host` (Host / X-Forwarded-Host). "null" and unparsable origins are never this app. Also
 * used by the evidence upload route (issue 11).
 */
export function sameOrigin(origin: string, baseUrl: string, host: string | null): boolean {
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false; // "null" (sandboxed frames, file: pages) and garbage
  }
  if (parsed.origin === "null") return false;
  if (parsed.origin === new URL(baseUrl).origin) return true;
  return host !== null && parsed.host === host.trim().toLowerCase();
}
