import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, HSTS_VALUE, isHttpsRequest, newNonce, securityHeaders } from "./security-headers";

const directives = (csp: string) => new Map(csp.split("; ").map((d) => [d.split(" ")[0], d.split(" ").slice(1).join(" ")]));

describe("contentSecurityPolicy", () => {
  const nonce = "AAAAAAAAAAAAAAAAAAAAAA==";

  it("page: scripts only from self or with the nonce, strict-dynamic, no unsafe-inline script, no framing", () => {
    const d = directives(contentSecurityPolicy({ kind: "page", nonce }));
    expect(d.get("script-src")).toBe(`'self' 'nonce-${nonce}' 'strict-dynamic'`);
    expect(d.get("frame-ancestors")).toBe("'none'");
    expect(d.get("object-src")).toBe("'none'");
    expect(d.get("base-uri")).toBe("'self'");
    expect(d.get("form-action")).toBe("'self'");
    expect(d.get("style-src")).toBe("'self' 'unsafe-inline'");
    expect(d.has("upgrade-insecure-requests")).toBe(false);
  });

  it("page: 'unsafe-eval' only in development, upgrade-insecure-requests only over https", () => {
    expect(directives(contentSecurityPolicy({ kind: "page", nonce, dev: true })).get("script-src")).toContain("'unsafe-eval'");
    expect(contentSecurityPolicy({ kind: "page", nonce })).not.toContain("unsafe-eval");
    expect(directives(contentSecurityPolicy({ kind: "page", nonce, https: true })).has("upgrade-insecure-requests")).toBe(true);
  });

  it("page: refuses a nonce that could break out of the header", () => {
    expect(() => contentSecurityPolicy({ kind: "page", nonce: "abc' 'unsafe-inline" })).toThrow(/nonce/);
    expect(() => contentSecurityPolicy({ kind: "page", nonce: "short" })).toThrow(/nonce/);
  });

  it("shared report and documents: nothing may run, inline CSS allowed, no framing", () => {
    for (const kind of ["shared-report", "document"] as const) {
      const d = directives(contentSecurityPolicy({ kind }));
      expect(d.get("default-src")).toBe("'none'");
      expect(d.has("script-src")).toBe(false);
      expect(d.get("style-src")).toBe("'unsafe-inline'");
      expect(d.get("frame-ancestors")).toBe("'none'");
      expect(d.get("form-action")).toBe("'none'");
    }
  });
});

describe("securityHeaders", () => {
  it("sets nosniff, no referrer, DENY framing and the CSP; HSTS only over https", () => {
    const h = securityHeaders({ csp: "default-src 'none'", https: false });
    expect(h).toEqual({ "content-security-policy": "default-src 'none'", "x-content-type-options": "nosniff", "referrer-policy": "no-referrer", "x-frame-options": "DENY" });
    expect(securityHeaders({ csp: "x", https: true })["strict-transport-security"]).toBe(HSTS_VALUE);
  });
});

describe("isHttpsRequest", () => {
  it("trusts the first X-Forwarded-Proto value, else the public URL's scheme", () => {
    expect(isHttpsRequest({ forwardedProto: "https" })).toBe(true);
    expect(isHttpsRequest({ forwardedProto: "HTTPS, http" })).toBe(true);
    expect(isHttpsRequest({ forwardedProto: "http", baseUrl: "https://countersign.example.org" })).toBe(false);
    expect(isHttpsRequest({ forwardedProto: null, baseUrl: "https://countersign.example.org" })).toBe(true);
    expect(isHttpsRequest({ baseUrl: "http://localhost:3000" })).toBe(false);
    expect(isHttpsRequest({})).toBe(false);
  });
});

describe("newNonce", () => {
  it("gives a fresh base64 nonce of 16 bytes each time, accepted by the page CSP", () => {
    const a = newNonce();
    expect(a).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(newNonce()).not.toBe(a);
    expect(contentSecurityPolicy({ kind: "page", nonce: a })).toContain(`'nonce-${a}'`);
  });
});
