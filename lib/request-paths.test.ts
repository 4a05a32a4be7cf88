import { describe, expect, it } from "vitest";
import { isPublicPath, isSharedReportPagePath, loginRedirectPath } from "./request-paths";

describe("isPublicPath", () => {
  it("lets sign-in, shared reports, API routes, Next's files, schemas and root files through without a session", () => {
    for (const p of ["/login", "/r/abc", "/r/abc/snapshot.json", "/api/health", "/api", "/_next/static/chunks/a.js", "/schemas/x.schema.json", "/icon.svg", "/robots.txt", "/favicon.ico"]) {
      expect(isPublicPath(p), p).toBe(true);
    }
  });

  it("needs a session for every app page, and matches prefixes on whole segments only", () => {
    for (const p of ["/", "/audits/x", "/audits/new", "/admin/users", "/approvals", "/security", "/loginx", "/rx", "/apix", "/nope"]) {
      expect(isPublicPath(p), p).toBe(false);
    }
  });
});

describe("isSharedReportPagePath", () => {
  it("is the shared report page, not its snapshot.json", () => {
    expect(isSharedReportPagePath("/r/tok")).toBe(true);
    expect(isSharedReportPagePath("/r/tok/snapshot.json")).toBe(false);
    expect(isSharedReportPagePath("/r/")).toBe(false);
  });
});

describe("loginRedirectPath", () => {
  it("comes back to the path and query after sign-in", () => {
    expect(loginRedirectPath("/audits/x/sample", "?page=2&review=FAIL")).toBe("/login?callbackUrl=%2Faudits%2Fx%2Fsample%3Fpage%3D2%26review%3DFAIL");
    expect(loginRedirectPath("/", "")).toBe("/login?callbackUrl=%2F");
  });
});
