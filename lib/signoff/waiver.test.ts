import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import * as keysModule from "./waiver-keys";
import { MIN_WAIVER_SECRET_BYTES, parseWaiverKeys, recordedWaiverStatus, signWaiver, verifyWaiver, waiverKeysConfigured, waiverRecordSchema, type WaiverContext, type WaiverRecord } from "./waiver";

const SECRET = Buffer.alloc(32, 7).toString("base64");
const OTHER_SECRET = Buffer.alloc(32, 8).toString("base64");
const record: WaiverRecord = {
  waiver_id: "W-1",
  audit_slug: "billing-2026-11-24",
  scope: "DELETE of 12 orphaned ledger rows",
  issuer: "sam@org",
  issued_at: "2026-11-24T00:00:00Z",
  expires_at: "2026-11-30T00:00:00Z",
  key_id: "k2026",
};
const ctx: WaiverContext = { keys: { k2025: OTHER_SECRET, k2026: SECRET }, auditSlug: "billing-2026-11-24", now: new Date("2026-11-25T00:00:00Z"), revokedWaiverIds: [] };
// Written by hand: keys sorted, no whitespace (RFC 8785).
const CANONICAL =
  '{"audit_slug":"billing-2026-11-24","expires_at":"2026-11-30T00:00:00Z","issued_at":"2026-11-24T00:00:00Z","issuer":"sam@org","key_id":"k2026","scope":"DELETE of 12 orphaned ledger rows","waiver_id":"W-1"}';
const signature = signWaiver(record, SECRET);

const check = (input: { record: unknown; signature: string }, context: Partial<WaiverContext> = {}) => verifyWaiver(input, { ...ctx, ...context });

describe("signWaiver", () => {
  it("is HMAC-SHA256 hex, keyed with the secret text, over the hand-written canonical JSON", () => {
    expect(signature).toBe(createHmac("sha256", Buffer.from(SECRET, "utf8")).update(CANONICAL).digest("hex"));
    expect(signature).toMatch(/^[0-9a-f]{64}$/);
  });

  it("does not depend on key order", () => {
    const reordered = Object.fromEntries(Object.entries(record).reverse()) as WaiverRecord;
    expect(signWaiver(reordered, SECRET)).toBe(signature);
  });

  it("changes with the secret and with any field", () => {
    expect(signWaiver(record, OTHER_SECRET)).not.toBe(signature);
    for (const key of Object.keys(record) as (keyof WaiverRecord)[]) {
      expect(signWaiver({ ...record, [key]: `${record[key]}x` }, SECRET)).not.toBe(signature);
    }
  });
});

describe("waiverRecordSchema", () => {
  it("accepts the record and fractional seconds", () => {
    expect(waiverRecordSchema.safeParse(record).success).toBe(true);
    expect(waiverRecordSchema.safeParse({ ...record, issued_at: "2026-11-24T00:00:00.123Z" }).success).toBe(true);
  });
});

describe("verifyWaiver", () => {
  it("accepts a valid waiver and returns the record as given", () => {
    expect(check({ record, signature })).toEqual({ ok: true, record });
  });

  it("keeps the record exactly as signed (no trimming)", () => {
    const spaced = { ...record, scope: "  DELETE of 12 rows  " };
    expect(check({ record: spaced, signature: signWaiver(spaced, SECRET) })).toEqual({ ok: true, record: spaced });
    expect(check({ record: { ...spaced, scope: "DELETE of 12 rows" }, signature: signWaiver(spaced, SECRET) })).toMatchObject({ ok: false, code: "bad_signature" });
  });

  it("accepts an upper-case signature and surrounding whitespace", () => {
    expect(check({ record, signature: signature.toUpperCase() }).ok).toBe(true);
    expect(check({ record, signature: ` ${signature}\n` }).ok).toBe(true);
  });

  it("picks the secret by key id (rotation)", () => {
    const old = { ...record, key_id: "k2025" };
    expect(check({ record: old, signature: signWaiver(old, OTHER_SECRET) }).ok).toBe(true);
    expect(check({ record: old, signature: signWaiver(old, SECRET) })).toMatchObject({ ok: false, code: "bad_signature" });
  });

  it("is valid from exactly issued_at to exactly expires_at", () => {
    expect(check({ record, signature }, { now: new Date("2026-11-24T00:00:00.000Z") }).ok).toBe(true);
    expect(check({ record, signature }, { now: new Date("2026-11-30T00:00:00.000Z") }).ok).toBe(true);
  });

  it.each([
    ["malformed", "not an object", { record: "W-1", signature }, {}, /malformed: record/],
    ["malformed", "null", { record: null, signature }, {}, /malformed/],
    ["malformed", "a missing field", { record: { ...record, scope: undefined }, signature }, {}, /malformed: scope/],
    ["malformed", "an empty scope", { record: { ...record, scope: "   " }, signature }, {}, /malformed: scope must not be empty/],
    ["malformed", "a number for a string", { record: { ...record, waiver_id: 1 }, signature }, {}, /malformed: waiver_id/],
    ["malformed", "a non-ISO time", { record: { ...record, issued_at: "last week" }, signature }, {}, /malformed: issued_at must be an ISO-8601 UTC timestamp/],
    ["malformed", "a time with an offset, not UTC", { record: { ...record, expires_at: "2026-11-30T00:00:00+01:00" }, signature }, {}, /malformed: expires_at must be an ISO-8601 UTC/],
    ["malformed", "a date without a time", { record: { ...record, expires_at: "2026-11-30" }, signature }, {}, /malformed: expires_at/],
    ["malformed", "expiry before issue", { record: { ...record, expires_at: "2026-11-23T00:00:00Z" }, signature }, {}, /malformed: expires_at must be after issued_at/],
    ["malformed", "expiry equal to issue", { record: { ...record, expires_at: record.issued_at }, signature }, {}, /expires_at must be after issued_at/],
    ["malformed", "an extra field", { record: { ...record, extra: 1 }, signature }, {}, /malformed/],
    ["unknown_key", "an unknown key id", { record: { ...record, key_id: "k1999" }, signature }, {}, /Unknown waiver key id "k1999"/],
    ["unknown_key", "a prototype property as key id", { record: { ...record, key_id: "constructor" }, signature }, {}, /Unknown waiver key id "constructor"/],
    ["unknown_key", "no keys configured", { record, signature }, { keys: {} }, /No waiver key is configured.*two-person approval/],
    ["unknown_key", "only an empty secret configured", { record, signature }, { keys: { k2026: "" } }, /No waiver key is configured/],
    ["bad_signature", "an altered record", { record: { ...record, scope: "DELETE of everything" }, signature }, {}, /does not match its record/],
    ["bad_signature", "an extended expiry", { record: { ...record, expires_at: "2027-11-30T00:00:00Z" }, signature }, {}, /does not match/],
    ["bad_signature", "a truncated signature", { record, signature: signature.slice(0, 62) }, {}, /does not match/],
    ["bad_signature", "a signature one digit long", { record, signature: `${signature}0` }, {}, /does not match/],
    ["bad_signature", "a non-hex signature of the right length", { record, signature: "zz".repeat(32) }, {}, /does not match/],
    ["bad_signature", "an empty signature", { record, signature: "" }, {}, /does not match/],
    ["bad_signature", "a base64 signature", { record, signature: Buffer.from(signature, "hex").toString("base64") }, {}, /not 64 hex digits/],
    ["bad_signature", "another key's signature", { record, signature: signWaiver(record, OTHER_SECRET) }, {}, /signed with another key/],
    ["bad_signature", "one flipped bit", { record, signature: (signature[0] === "0" ? "1" : "0") + signature.slice(1) }, {}, /does not match/],
    ["wrong_audit", "another audit", { record, signature }, { auditSlug: "other-2026-11-24" }, /for audit "billing-2026-11-24", not for "other-2026-11-24"/],
    ["revoked", "a revoked id", { record, signature }, { revokedWaiverIds: ["W-0", "W-1"] }, /Waiver W-1 has been revoked/],
    ["not_yet_valid", "1 ms before issue", { record, signature }, { now: new Date("2026-11-23T23:59:59.999Z") }, /not valid yet: it is valid only from 2026-11-24T00:00:00Z/],
    ["expired", "1 ms after expiry", { record, signature }, { now: new Date("2026-11-30T00:00:00.001Z") }, /expired at 2026-11-30T00:00:00Z/],
  ] as const)("%s: %s", (code, _name, input, context, message) => {
    const result = check(input, context);
    expect(result).toMatchObject({ ok: false, code });
    if (!result.ok) expect(result.message).toMatch(message);
  });

  it("fails closed on an invalid now", () => {
    expect(check({ record, signature }, { now: new Date(NaN) })).toMatchObject({ ok: false, code: "not_yet_valid" });
  });

  it.each([
    ["malformed before unknown key", { record: { ...record, key_id: "nope", scope: "" }, signature }, { keys: {} }, "malformed"],
    ["unknown key before bad signature", { record: { ...record, key_id: "nope" }, signature: "x" }, {}, "unknown_key"],
    ["bad signature before wrong audit", { record, signature: "x" }, { auditSlug: "other" }, "bad_signature"],
    ["wrong audit before revoked", { record, signature }, { auditSlug: "other", revokedWaiverIds: ["W-1"] }, "wrong_audit"],
    ["revoked before not yet valid", { record, signature }, { revokedWaiverIds: ["W-1"], now: new Date("2020-01-01T00:00:00Z") }, "revoked"],
    ["revoked before expired", { record, signature }, { revokedWaiverIds: ["W-1"], now: new Date("2030-01-01T00:00:00Z") }, "revoked"],
  ] as const)("checks in order: %s", (_name, input, context, code) => {
    expect(check(input, context)).toMatchObject({ ok: false, code });
  });
});

describe("re-exports from waiver-keys.ts", () => {
  it("are the same functions", () => {
    expect(parseWaiverKeys).toBe(keysModule.parseWaiverKeys);
    expect(waiverKeysConfigured).toBe(keysModule.waiverKeysConfigured);
    expect(MIN_WAIVER_SECRET_BYTES).toBe(keysModule.MIN_WAIVER_SECRET_BYTES);
  });

  it("verifyWaiver works with keys from parseWaiverKeys", () => {
    const keys = parseWaiverKeys(`k2026:${SECRET}`);
    expect(verifyWaiver({ record, signature }, { ...ctx, keys }).ok).toBe(true);
  });

  it("verifyWaiver sees no usable key when waiverKeysConfigured is false", () => {
    expect(waiverKeysConfigured({})).toBe(false);
    expect(verifyWaiver({ record, signature }, { ...ctx, keys: {} })).toMatchObject({ ok: false, code: "unknown_key" });
  });
});

describe("recordedWaiverStatus", () => {
  const at = (iso: string) => new Date(iso);
  it("is valid up to and including expires_at, expired one millisecond later", () => {
    expect(recordedWaiverStatus({ revokedAt: null, expiresAt: "2026-12-01T00:00:00Z" }, at("2026-12-01T00:00:00Z"))).toBe("valid");
    expect(recordedWaiverStatus({ revokedAt: null, expiresAt: "2026-12-01T00:00:00Z" }, at("2026-12-01T00:00:00.001Z"))).toBe("expired");
  });
  it("is revoked once revoked, even before it expires", () => {
    expect(recordedWaiverStatus({ revokedAt: at("2026-11-30T00:00:00Z"), expiresAt: "2099-01-01T00:00:00Z" }, at("2026-11-30T01:00:00Z"))).toBe("revoked");
  });
  it("fails closed on an unreadable expiry or an invalid now", () => {
    expect(recordedWaiverStatus({ revokedAt: null, expiresAt: "soon" }, at("2026-11-30T00:00:00Z"))).toBe("expired");
    expect(recordedWaiverStatus({ revokedAt: null, expiresAt: "2099-01-01T00:00:00Z" }, new Date(Number.NaN))).toBe("expired");
  });
});
