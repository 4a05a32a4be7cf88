import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { generateSigningKeyPem, keyId, parseSigningKey, signHead, type SignedHeadClaim, verifyHead } from "./signed-head";

const claim: SignedHeadClaim = { eventId: 42, headHash: "ab".repeat(32), reason: "sign_off", signedAt: "2026-11-24T03:00:00.000Z" };

describe("signed chain heads (Ed25519)", () => {
  const key = parseSigningKey(generateSigningKeyPem());

  it("a signature verifies with the matching public key", () => {
    expect(verifyHead(key.publicKey, claim, signHead(key.privateKey, claim))).toBe(true);
  });

  it.each([
    ["event id", { ...claim, eventId: 43 }],
    ["head hash", { ...claim, headHash: "cd".repeat(32) }],
    ["reason", { ...claim, reason: "closeout" as const }],
    ["time", { ...claim, signedAt: "2026-11-24T03:00:00.001Z" }],
  ])("a changed %s does not verify", (_name, changed) => {
    expect(verifyHead(key.publicKey, changed, signHead(key.privateKey, claim))).toBe(false);
  });

  it("another key's signature, or garbage, does not verify", () => {
    const other = parseSigningKey(generateSigningKeyPem());
    expect(verifyHead(key.publicKey, claim, signHead(other.privateKey, claim))).toBe(false);
    expect(verifyHead(key.publicKey, claim, "not base64 at all!")).toBe(false);
    expect(verifyHead(key.publicKey, claim, "")).toBe(false);
  });

  it("key ids are 16 hex characters, stable per key and different across keys", () => {
    expect(key.keyId).toMatch(/^[0-9a-f]{16}$/);
    expect(keyId(key.publicKey)).toBe(key.keyId);
    expect(parseSigningKey(generateSigningKeyPem()).keyId).not.toBe(key.keyId);
  });

  it("refuses a key that is not Ed25519", () => {
    const rsa = generateKeyPairSync("rsa", { modulusLength: 1024 }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    expect(() => parseSigningKey(rsa)).toThrow(/must be Ed25519, not rsa/);
  });
});
