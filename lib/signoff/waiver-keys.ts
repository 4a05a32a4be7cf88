/**
 * The waiver keys setting (WAIVER_KEYS) for HMAC-SHA256 waivers (lib/signoff/waiver.ts, seed 000
 * "Destructive Mutation Clearance"), kept apart from waiver.ts so that reading settings loads no
 * JSON-canonicalization code (scripts run it under tsx as CommonJS; `canonicalize` is ESM-only).
 * waiver.ts re-exports everything here.
 */

/**
 * True when at least one waiver key with a non-empty secret is configured. Without one the app
 * offers only two-person approval (degraded mode; seed 000 "Non-Blocking Limitations": "dual-approval
 * fallback is valid"). Pure; throws nothing.
 */
export function waiverKeysConfigured(keys: Readonly<Record<string, string>>): boolean {
  return Object.values(keys).some((secret) => typeof secret === "string" && secret.length > 0);
}

/** Smallest secret accepted, in bytes after base64 decoding (ours: RFC 2104 §3 discourages HMAC keys shorter than the hash output, 32 bytes for SHA-256). */
export const MIN_WAIVER_SECRET_BYTES = 32;

const KEY_ID = /^[A-Za-z0-9._-]{1,100}$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * Parses the waiver keys setting (WAIVER_KEYS): comma-separated `keyId:base64secret` entries,
 * spaces around entries and empty entries ignored, e.g. `k2024:base64secret,k2025:othersecret`.
 * Undefined or blank: no keys (`{}`, degraded mode). Key ids are letters, digits, `.`, `_`, `-`;
 * secrets standard base64, padded or not.
 * @returns secrets by key id, as written (the HMAC key is that text, see signWaiver).
 * @throws Error naming the bad entry by position and key id (never echoing a secret): no colon,
 *   an empty or ill-formed id, a secret that is not base64, under 32 bytes decoded, or a duplicate id.
 */
export function parseWaiverKeys(env: string | undefined): Record<string, string> {
  const keys = new Map<string, string>();
  (env ?? "").split(",").forEach((raw, index) => {
    const entry = raw.trim();
    if (entry === "") return;
    const at = entry.indexOf(":");
    const id = at >= 0 ? entry.slice(0, at).trim() : "";
    const name = `waiver key entry ${index + 1}${KEY_ID.test(id) ? ` ("${id}")` : ""}`;
    if (at < 0) throw new Error(`${name} must look like keyId:base64secret (no colon found)`);
    if (!KEY_ID.test(id)) throw new Error(`${name} needs a key id of letters, digits, ".", "_" or "-" before the colon`);
    const secret = entry.slice(at + 1).trim();
    const unpadded = secret.replace(/=+$/, "");
    if (!BASE64.test(secret) || (unpadded !== secret && secret.length % 4 !== 0) || unpadded.length % 4 === 1) throw new Error(`${name} has a secret that is not base64`);
    const bytes = Buffer.from(secret, "base64").length;
    if (bytes < MIN_WAIVER_SECRET_BYTES) throw new Error(`${name} has a secret of ${bytes} bytes; at least ${MIN_WAIVER_SECRET_BYTES} bytes (after base64 decoding) are needed`);
    if (keys.has(id)) throw new Error(`${name} repeats a key id given earlier`);
    keys.set(id, secret);
  });
  return Object.fromEntries(keys);
}
