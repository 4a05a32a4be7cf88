import { createHash } from "node:crypto";
import { describe, it, expect } from "vitest";
import { hashShareToken, newShareToken, SHARE_TOKEN_BYTES, shareLinkState } from "./share-token";

const sha256 = (s: string) => createHash("sha256").update(s, "utf8").digest("hex");

describe("newShareToken", () => {
  it("gives a 43-character base64url token carrying 256 bits", () => {
    const { token } = newShareToken();
    expect(SHARE_TOKEN_BYTES * 8).toBe(256);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const bytes = Buffer.from(token, "base64url");
    expect(bytes).toHaveLength(32);
    expect(bytes.toString("base64url")).toBe(token);
  });

  it("gives distinct tokens across 1,000 calls", () => {
    const tokens = new Set(Array.from({ length: 1_000 }, () => newShareToken().token));
    expect(tokens.size).toBe(1_000);
  });

  it("stores the SHA-256 hex of the token, never the token itself", () => {
    for (let i = 0; i < 20; i++) {
      const { token, tokenHash } = newShareToken();
      expect(tokenHash).toBe(sha256(token));
      expect(tokenHash).toMatch(/^[0-9a-f]{64}$/);
      expect(tokenHash).not.toBe(token);
    }
  });
});

describe("hashShareToken", () => {
  it("returns the same hash newShareToken stored for a valid token", () => {
    const { token, tokenHash } = newShareToken();
    expect(hashShareToken(token)).toBe(tokenHash);
    expect(hashShareToken(token)).toBe(sha256(token));
  });

  it("hashes any 43-character base64url string", () => {
    const token = "A".repeat(21) + "_" + "-".repeat(21);
    expect(hashShareToken(token)).toBe(sha256(token));
  });

  it.each([
    ["empty", ""],
    ["too short", "A".repeat(42)],
    ["44 characters", "A".repeat(44)],
    ["padded base64", "A".repeat(43) + "="],
    ["a '/' character", "A".repeat(42) + "/"],
    ["a '+' character", "+" + "A".repeat(42)],
    ["a space", "A".repeat(21) + " " + "A".repeat(21)],
    ["a trailing newline", "A".repeat(43) + "\n"],
    ["non-ASCII", "Ä" + "A".repeat(42)],
  ])("returns null for %s", (_, token) => {
    expect(hashShareToken(token)).toBeNull();
  });
});

describe("shareLinkState", () => {
  const expiresAt = new Date("2026-06-01T12:00:00.000Z");
  const at = (iso: string) => new Date(iso);

  it("is active before expiry", () => {
    expect(shareLinkState({ expiresAt, revokedAt: null }, at("2026-06-01T11:59:59.999Z"))).toBe("active");
    expect(shareLinkState({ expiresAt, revokedAt: null }, at("2026-01-01T00:00:00Z"))).toBe("active");
  });

  it("is expired exactly at expiresAt and after", () => {
    expect(shareLinkState({ expiresAt, revokedAt: null }, at("2026-06-01T12:00:00.000Z"))).toBe("expired");
    expect(shareLinkState({ expiresAt, revokedAt: null }, at("2026-06-01T12:00:00.001Z"))).toBe("expired");
    expect(shareLinkState({ expiresAt, revokedAt: null }, at("2027-01-01T00:00:00Z"))).toBe("expired");
  });

  it("is revoked once revoked, before expiry", () => {
    expect(shareLinkState({ expiresAt, revokedAt: at("2026-05-01T00:00:00Z") }, at("2026-05-02T00:00:00Z"))).toBe("revoked");
  });

  it("reports revoked rather than expired when both apply", () => {
    expect(shareLinkState({ expiresAt, revokedAt: at("2026-05-01T00:00:00Z") }, at("2026-07-01T00:00:00Z"))).toBe("revoked");
  });
});
