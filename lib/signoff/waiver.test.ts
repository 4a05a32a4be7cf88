import { createHash, createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { canonicalSnapshotJson, snapshotHash, type VerdictSnapshot } from "./snapshot";
import { parseWaiverKeys, signWaiver, verifyWaiver, waiverKeysConfigured, type WaiverRecord } from "./waiver";

const SECRET = Buffer.alloc(32, 7).toString("base64");
const keys = { k2026: SECRET };
const record: WaiverRecord = {
  waiver_id: "W-1",
  audit_slug: "billing-2026-11-24",
  scope: "DELETE of 12 orphaned ledger rows",
  issuer: "sam@org",
  issued_at: "2026-11-24T00:00:00Z",
  expires_at: "2026-11-30T00:00:00Z",
  key_id: "k2026",
};
const ctx = { keys, auditSlug: "billing-2026-11-24", now: new Date("2026-11-25T00:00:00Z"), revokedWaiverIds: [] };

describe("verifyWaiver", () => {
  const signature = signWaiver(record, SECRET);

  it("signs the RFC 8785 canonical JSON (keys sorted), checked against an independent HMAC", () => {
    const canonical = `{"audit_slug":"billing-2026-11-24","expires_at":"2026-11-30T00:00:00Z","issued_at":"2026-11-24T00:00:00Z","issuer":"sam@org","key_id":"k2026","scope":"DELETE of 12 orphaned ledger rows","waiver_id":"W-1"}`;
    expect(signature).toBe(createHmac("sha256", SECRET).update(canonical).digest("hex"));
  });

  it("accepts a valid waiver", () => {
    expect(verifyWaiver({ record, signature }, ctx)).toEqual({ ok: true, record });
    expect(verifyWaiver({ record, signature: signature.toUpperCase() }, ctx).ok).toBe(true);
  });

  it.each([
    ["malformed", { record: { ...record, issued_at: "last week" }, signature }, ctx, /issued_at/],
    ["malformed", { record: { ...record, extra: 1 }, signature }, ctx, /malformed/],
    ["unknown_key", { record: { ...record, key_id: "k1999" }, signature }, ctx, /Unknown waiver key id "k1999"/],
    ["unknown_key", { record, signature }, { ...ctx, keys: {} }, /No waiver key is configured/],
    ["bad_signature", { record: { ...record, scope: "DELETE of everything" }, signature }, ctx, /does not match/],
    ["bad_signature", { record, signature: signature.slice(0, 10) }, ctx, /does not match/],
    ["bad_signature", { record, signature: "zz".repeat(32) }, ctx, /does not match/],
    ["bad_signature", { record, signature: signWaiver(record, Buffer.alloc(32, 8).toString("base64")) }, ctx, /does not match/],
    ["wrong_audit", { record, signature }, { ...ctx, auditSlug: "other-2026-11-24" }, /for audit "billing-2026-11-24"/],
    ["revoked", { record, signature }, { ...ctx, revokedWaiverIds: ["W-1"] }, /W-1 has been revoked/],
    ["not_yet_valid", { record, signature }, { ...ctx, now: new Date("2026-11-23T23:59:59Z") }, /valid only from/],
    ["expired", { record, signature }, { ...ctx, now: new Date("2026-11-30T00:00:00.001Z") }, /expired at 2026-11-30/],
  ] as const)("%s", (code, input, context, message) => {
    const result = verifyWaiver(input, context);
    expect(result).toMatchObject({ ok: false, code });
    if (!result.ok) expect(result.message).toMatch(message);
  });

  it("is still valid exactly at its expiry instant", () => {
    expect(verifyWaiver({ record, signature }, { ...ctx, now: new Date("2026-11-30T00:00:00Z") }).ok).toBe(true);
  });
});

describe("parseWaiverKeys", () => {
  it("parses id:base64secret entries", () => {
    const other = Buffer.alloc(40, 1).toString("base64");
    expect(parseWaiverKeys(` k1:${SECRET} , k2:${other}`)).toEqual({ k1: SECRET, k2: other });
    expect(parseWaiverKeys(undefined)).toEqual({});
    expect(waiverKeysConfigured({})).toBe(false);
  });
  it.each([
    ["nocolon", /must look like keyId:base64secret/],
    [`k1:${Buffer.alloc(16).toString("base64")}`, /at least 32 bytes/],
    [`k1:${SECRET},k1:${SECRET}`, /appears twice/],
  ])("refuses %j", (value, message) => {
    expect(() => parseWaiverKeys(value)).toThrow(message);
  });
});

describe("snapshotHash", () => {
  const snapshot: VerdictSnapshot = {
    auditSlug: "a-2026-11-24",
    verdict: "PASS_WITH_NOTES",
    gateState: "CONDITIONAL_PASS",
    reasons: [{ code: "X", message: "m" }],
    metrics: { populationSize: 10, sampled: 2, reviewed: 2, defectRate: 0.05, unknownRate: 0, upperBound: 0.2 },
    reviews: [
      { sampleUnitId: 9, revision: 40 },
      { sampleUnitId: 3, revision: 41 },
    ],
  };

  it("is SHA-256 of the canonical JSON (independently written here)", () => {
    const canonical =
      '{"auditSlug":"a-2026-11-24","gateState":"CONDITIONAL_PASS","metrics":{"defectRate":0.05,"populationSize":10,"reviewed":2,"sampled":2,"unknownRate":0,"upperBound":0.2},"reasons":[{"code":"X","message":"m"}],"reviews":[{"revision":41,"sampleUnitId":3},{"revision":40,"sampleUnitId":9}],"verdict":"PASS_WITH_NOTES"}';
    expect(canonicalSnapshotJson(snapshot)).toBe(canonical);
    expect(snapshotHash(snapshot)).toBe(createHash("sha256").update(canonical).digest("hex"));
  });

  it("does not depend on review order, and changes with any revision", () => {
    expect(snapshotHash({ ...snapshot, reviews: [...snapshot.reviews].reverse() })).toBe(snapshotHash(snapshot));
    expect(snapshotHash({ ...snapshot, reviews: [{ sampleUnitId: 9, revision: 42 }, snapshot.reviews[1]] })).not.toBe(snapshotHash(snapshot));
  });
});
