/**
 * HMAC-SHA256 waivers: signed clearance records for a destructive or irreversible remediation
 * (seed 000 "Destructive Mutation Clearance": "Verified signed clearance record (HMAC-SHA256
 * waiver)"). The signature is HMAC-SHA256 (hex) over the record's RFC 8785 canonical JSON, with a
 * secret chosen by the record's key id, so keys can rotate.
 */
import canonicalize from "canonicalize";
import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";

const isoInstant = z.iso.datetime({ offset: true, error: "must be an ISO-8601 timestamp" });

export const waiverRecordSchema = z.strictObject({
  waiver_id: z.string().trim().min(1).max(100),
  audit_slug: z.string().trim().min(1).max(200),
  scope: z.string().trim().min(1).max(2_000),
  issuer: z.string().trim().min(1).max(200),
  issued_at: isoInstant,
  expires_at: isoInstant,
  key_id: z.string().trim().min(1).max(100),
});
export type WaiverRecord = z.output<typeof waiverRecordSchema>;

export type WaiverFailure = "malformed" | "unknown_key" | "bad_signature" | "wrong_audit" | "revoked" | "not_yet_valid" | "expired";
export type WaiverCheck = { ok: true; record: WaiverRecord } | { ok: false; code: WaiverFailure; message: string };

function canonical(record: WaiverRecord): string {
  return canonicalize(record)!;
}

/** HMAC-SHA256 (64 hex) of the record's canonical JSON under `secret`. */
export function signWaiver(record: WaiverRecord, secret: string): string {
  return createHmac("sha256", secret).update(canonical(record)).digest("hex");
}

/** True when at least one waiver key is configured; without one the app offers two-person approval (degraded mode). */
export function waiverKeysConfigured(keys: Record<string, string>): boolean {
  return Object.keys(keys).length > 0;
}

/**
 * Verifies a waiver against the configured keys and this audit. Checks, in order: the record's
 * shape (malformed), its key id (unknown_key), the signature in constant time (bad_signature;
 * also for a signature that is not 64 hex digits), the audit (wrong_audit), revocation (revoked),
 * and the validity window against `now` (not_yet_valid, expired; UTC instants).
 */
export function verifyWaiver(input: { record: unknown; signature: string }, ctx: { keys: Record<string, string>; auditSlug: string; now: Date; revokedWaiverIds: readonly string[] }): WaiverCheck {
  const parsed = waiverRecordSchema.safeParse(input.record);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, code: "malformed", message: `The waiver record is malformed: ${issue.path.join(".") || "record"} ${issue.message}.` };
  }
  const record = parsed.data;
  const secret = ctx.keys[record.key_id];
  if (secret === undefined) {
    const known = Object.keys(ctx.keys);
    return { ok: false, code: "unknown_key", message: known.length === 0 ? "No waiver key is configured on this server, so no waiver can be verified: use two-person approval instead." : `Unknown waiver key id "${record.key_id}".` };
  }
  const expected = Buffer.from(signWaiver(record, secret), "hex");
  const given = /^[0-9a-f]{64}$/i.test(input.signature.trim()) ? Buffer.from(input.signature.trim(), "hex") : null;
  if (!given || !timingSafeEqual(expected, given)) return { ok: false, code: "bad_signature", message: "The waiver's signature does not match its record: it was altered or signed with another key." };
  if (record.audit_slug !== ctx.auditSlug) return { ok: false, code: "wrong_audit", message: `The waiver is for audit "${record.audit_slug}", not this one.` };
  if (ctx.revokedWaiverIds.includes(record.waiver_id)) return { ok: false, code: "revoked", message: `Waiver ${record.waiver_id} has been revoked.` };
  if (ctx.now.getTime() < Date.parse(record.issued_at)) return { ok: false, code: "not_yet_valid", message: `The waiver is valid only from ${record.issued_at}.` };
  if (ctx.now.getTime() > Date.parse(record.expires_at)) return { ok: false, code: "expired", message: `The waiver expired at ${record.expires_at}.` };
  return { ok: true, record };
}

/**
 * Parses the waiver keys setting: comma-separated `keyId:base64secret` entries.
 * @throws Error naming the bad entry (missing id or secret, duplicate id, secret under 32 bytes).
 */
export function parseWaiverKeys(value: string | undefined): Record<string, string> {
  const keys: Record<string, string> = {};
  for (const entry of (value ?? "").split(",").map((e) => e.trim()).filter(Boolean)) {
    const at = entry.indexOf(":");
    const id = at > 0 ? entry.slice(0, at).trim() : "";
    const secret = at > 0 ? entry.slice(at + 1).trim() : "";
    if (!id || !secret) throw new Error(`waiver key entry "${entry.slice(0, 20)}" must look like keyId:base64secret`);
    if (id in keys) throw new Error(`waiver key id "${id}" appears twice`);
    if (Buffer.from(secret, "base64").length < 32) throw new Error(`waiver key "${id}" must be at least 32 bytes (base64-encoded)`);
    keys[id] = secret;
  }
  return keys;
}
