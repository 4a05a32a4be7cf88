import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "./safe-redirect";

const ORIGIN = "https://countersign.example";

describe("safeRedirectPath (issue 10, open redirect)", () => {
  it.each([
    "/\\evil.example/phish",
    "/%5Cevil.example",
    "/\tevil",
    "/\t/evil.example",
    "//evil.example",
    "///evil.example",
    "/.//evil.example",
    "https://evil.example",
    "https://countersign.example.evil.example/",
    "http://countersign.example/",
    "javascript:alert(1)",
    "data:text/html,hi",
    "",
  ])("keeps %j on the app: a same-origin path or /", (value) => {
    const path = safeRedirectPath(value, ORIGIN);
    expect(path.startsWith("/")).toBe(true);
    expect(path.startsWith("//")).toBe(false);
    expect(new URL(path, ORIGIN).origin).toBe(ORIGIN);
  });

  it.each([
    ["/\\evil.example/phish", "/"],
    ["//evil.example", "/"],
    ["https://evil.example", "/"],
    ["javascript:alert(1)", "/"],
    ["/.//evil.example", "/"],
    ["/\t/evil.example", "/"],
  ])("sends %j to %j", (value, expected) => {
    expect(safeRedirectPath(value, ORIGIN)).toBe(expected);
  });

  it("reads an encoded backslash as part of the path, not as a host", () => {
    expect(safeRedirectPath("/%5Cevil.example", ORIGIN)).toBe("/%5Cevil.example");
  });

  it("drops a tab inside a path the way browsers do, staying on the app", () => {
    expect(safeRedirectPath("/\tevil", ORIGIN)).toBe("/evil");
  });

  it.each([
    ["/audits/new", "/audits/new"],
    ["/audits/x-2026-01-01?tab=review&page=2", "/audits/x-2026-01-01?tab=review&page=2"],
    ["/admin/users?q=a%2Fb#top", "/admin/users?q=a%2Fb#top"],
    ["https://countersign.example/approvals?x=1", "/approvals?x=1"],
    ["audits/new", "/audits/new"],
  ])("keeps the good path %j as %j", (value, expected) => {
    expect(safeRedirectPath(value, ORIGIN)).toBe(expected);
  });

  it("missing target, or an origin given as a full URL", () => {
    expect(safeRedirectPath(null, ORIGIN)).toBe("/");
    expect(safeRedirectPath(undefined, ORIGIN)).toBe("/");
    expect(safeRedirectPath("/approvals", `${ORIGIN}/some/base`)).toBe("/approvals");
  });
});
