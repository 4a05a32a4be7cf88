import { describe, expect, it } from "vitest";
import { gateTokenAccess, hashBearerToken, newApiToken } from "./api-token";
import { sha256Hex } from "./checksum";

describe("API tokens", () => {
  it("are 256-bit, prefixed, and stored only as their SHA-256", () => {
    const a = newApiToken();
    const b = newApiToken();
    expect(a.token).toMatch(/^csg_[A-Za-z0-9_-]{43}$/);
    expect(a.token).not.toBe(b.token);
    expect(a.tokenHash).toBe(sha256Hex(a.token));
    expect(a.tokenHash).not.toContain(a.token.slice(4));
  });

  it("reads a bearer header; anything else hashes to null", () => {
    const { token, tokenHash } = newApiToken();
    expect(hashBearerToken(`Bearer ${token}`)).toBe(tokenHash);
    expect(hashBearerToken(`bearer  ${token} `)).toBe(tokenHash);
    for (const bad of [null, "", token, `Basic ${token}`, `Bearer ${token.slice(0, -1)}`, `Bearer ${token}x`, "Bearer csg_" + "!".repeat(43)]) expect(hashBearerToken(bad)).toBeNull();
  });

  it("grants the gate to a live gate:read token of any project or of this one", () => {
    const live = { revokedAt: null, scope: "gate:read", projectName: null };
    expect(gateTokenAccess(live, "ledger")).toBe("ok");
    expect(gateTokenAccess({ ...live, projectName: "ledger" }, "ledger")).toBe("ok");
  });

  it("401 for no token or a revoked one, 403 for another project or scope", () => {
    const live = { revokedAt: null, scope: "gate:read", projectName: null };
    expect(gateTokenAccess(null, "ledger")).toBe("unauthorized");
    expect(gateTokenAccess({ ...live, revokedAt: new Date() }, "ledger")).toBe("unauthorized");
    expect(gateTokenAccess({ ...live, revokedAt: new Date(), projectName: "other" }, "ledger")).toBe("unauthorized");
    expect(gateTokenAccess({ ...live, projectName: "other" }, "ledger")).toBe("forbidden");
    expect(gateTokenAccess({ ...live, scope: "admin" }, "ledger")).toBe("forbidden");
  });
});
