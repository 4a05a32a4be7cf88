/**
 * HMAC-SHA256 waivers: signed clearance records for a destructive or irreversible remediation
 * (seed 000 "Destructive Mutation Clearance": "Verified signed clearance record (HMAC-SHA256
 * waiver)"). The seed points to a "Waiver System" guide we do not have, so the record's format and
 * checks here are ours: the signature is HMAC-SHA256 (hex) over the record's RFC 8785 canonical
 * JSON, with a secret chosen by the record's key id, so keys can rotate.
 */
import canonicalize from "canonicalize";
import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { waiverKeysConfigured } from "./waiver-keys";

export { MIN_WAIVER_SECRET_BYTES, parseWaiverKeys, waiverKeysConfigured } from "./waiver-keys";

const utcInstant = z.iso.datetime({ error: "must be an ISO-8601 UTC timestamp ending in Z, like 2026-11-24T09:00:00Z" });
const text = (max: number) =>
  z
    .string()
    .max(max, `must be at most ${max} characters`)
    .refine((v) => v.trim().length > 0, "must not be empty");

/**
 * A waiver record: exactly these seven fields, strings, timestamps in UTC (`Z`), `expires_at`
 * after `issued_at`. Nothing is transformed (no trimming): the record's exact text is what was
 * signed.
 */
export const waiverRecordSchema = z
  .strictObject({
    waiver_id: text(100),
    audit_slug: text(200),
    scope: text(2_000),
    issuer: text(200),
    issued_at: utcInstant,
    expires_at: utcInstant,
    key_id: text(100),
  })
  .refine((r) => Date.parse(r.expires_at) > Date.parse(r.issued_at), { path: ["expires_at"], error: "must be after issued_at" });
export type WaiverRecord = z.output<typeof waiverRecordSchema>;

export type WaiverFailure = "malformed" | "unknown_key" | "bad_signature" | "wrong_audit" | "revoked" | "not_yet_valid" | "expired";
export type WaiverCheck = { ok: true; record: WaiverRecord } | { ok: false; code: WaiverFailure; message: string };
export type WaiverContext = {
  /** Secrets by key id, as configured (parseWaiverKeys). */
  keys: Readonly<Record<string, string>>;
  /** Slug of the audit the waiver is presented for. */
  auditSlug: string;
  /** The current instant. */
  now: Date;
  revokedWaiverIds: readonly string[];
};

const SIGNATURE = /^[0-9a-f]{64}$/i;

/**
 * HMAC-SHA256 of the record's RFC 8785 canonical JSON (UTF-8), as 64 lowercase hex digits.
 * The HMAC key is `secret` exactly as configured (its UTF-8 text, not its base64-decoded bytes;
 * ours: an issuer reproduces it with `openssl dgst -sha256 -hmac "$SECRET"` over the canonical JSON).
 * Signs whatever fields `record` holds; verifyWaiver accepts only the schema's seven.
 * @throws TypeError when the record cannot be canonicalized (e.g. a lone surrogate in a string).
 */
export function signWaiver(record: WaiverRecord, secret: string): string {
  return createHmac("sha256", secret).update(canonicalize(record) as string, "utf8").digest("hex");
}

const fail = (code: WaiverFailure, message: string): WaiverCheck => ({ ok: false, code, message });

/**
 * Verifies a presented waiver (record + hex signature) for an audit at `ctx.now` (UTC instants).
 * Checks in this order, the first failure wins:
 * 1. malformed: the record is not exactly the schema's shape (the message names the field);
 * 2. unknown_key: its key_id is not configured (no keys at all: the message says so and points to
 *    two-person approval);
 * 3. bad_signature: the signature is not 64 hex digits (case-insensitive, surrounding whitespace
 *    ignored) or does not match, compared in constant time (crypto.timingSafeEqual);
 * 4. wrong_audit: record.audit_slug differs from ctx.auditSlug;
 * 5. revoked: record.waiver_id is in ctx.revokedWaiverIds;
 * 6. not_yet_valid: now is before issued_at;
 * 7. expired: now is after expires_at (at exactly expires_at it is still valid).
 * An invalid `ctx.now` fails closed as not_yet_valid.
 * Returns `{ ok: true, record }` with the record as given. Throws nothing.
 */
export function verifyWaiver(input: { record: unknown; signature: string }, ctx: WaiverContext): WaiverCheck {
  const parsed = waiverRecordSchema.safeParse(input.record);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue.path.length > 0 ? issue.path.join(".") : "record";
    return fail("malformed", `The waiver record is malformed: ${where} ${issue.message}.`);
  }
  const record = parsed.data;
  if (!waiverKeysConfigured(ctx.keys)) return fail("unknown_key", "No waiver key is configured on this server, so no waiver can be verified: use two-person approval instead.");
  const secret = Object.hasOwn(ctx.keys, record.key_id) ? ctx.keys[record.key_id] : undefined;
  if (typeof secret !== "string" || secret.length === 0) return fail("unknown_key", `Unknown waiver key id "${record.key_id}": no secret with that id is configured on this server.`);

  const expected = Buffer.from(signWaiver(record, secret), "hex");
  const given = typeof input.signature === "string" && SIGNATURE.test(input.signature.trim()) ? Buffer.from(input.signature.trim(), "hex") : null;
  if (given === null || given.length !== expected.length || !timingSafeEqual(expected, given)) {
    return fail("bad_signature", "The waiver's signature does not match its record: the record was altered, signed with another key, or the signature is not 64 hex digits.");
  }
  if (record.audit_slug !== ctx.auditSlug) return fail("wrong_audit", `The waiver is for audit "${record.audit_slug}", not for "${ctx.auditSlug}".`);
  if (ctx.revokedWaiverIds.includes(record.waiver_id)) return fail("revoked", `Waiver ${record.waiver_id} has been revoked.`);
  const now = ctx.now.getTime();
  if (!(now >= Date.parse(record.issued_at))) return fail("not_yet_valid", `The waiver is not valid yet: it is valid only from ${record.issued_at}.`);
  if (!(now <= Date.parse(record.expires_at))) return fail("expired", `The waiver expired at ${record.expires_at}.`);
  return { ok: true, record };
}

export type RecordedWaiverStatus = "valid" | "expired" | "revoked";

/**
 * A waiver already verified and recorded, at `now` (UTC instants): `revoked` once revoked (whatever
 * its dates), else `expired` when `now` is after `expiresAt` (at exactly `expiresAt` still valid,
 * as in verifyWaiver), else `valid`. Only a valid waiver clears a destructive remediation at
 * closeout (seed 000 "Destructive Mutation Clearance"; expiry and revocation are ours).
 * An unparseable `expiresAt` or invalid `now` reads as expired (fail closed). Throws nothing.
 */
export function recordedWaiverStatus(w: { revokedAt: Date | null; expiresAt: string }, now: Date): RecordedWaiverStatus {
  if (w.revokedAt !== null) return "revoked";
  return now.getTime() <= Date.parse(w.expiresAt) ? "valid" : "expired";
}
