import { describe, expect, it } from "vitest";
import { parseLogLevel, redactPath, safeError } from "./logger";

describe("redactPath", () => {
  it("drops the query string and fragment", () => {
    expect(redactPath("/audits/a-2030-01-01?page=2&q=secret#x")).toBe("/audits/a-2030-01-01");
    expect(redactPath("/login?callbackUrl=%2Fadmin")).toBe("/login");
  });

  it("redacts the share token of /r/<token> and below", () => {
    expect(redactPath("/r/abcDEF123_-xyz")).toBe("/r/[redacted]");
    expect(redactPath("/r/abcDEF123/snapshot.json?x=1")).toBe("/r/[redacted]/snapshot.json");
    expect(redactPath("//r//abc")).toBe("//r//[redacted]");
    expect(redactPath("/%72/abc")).toBe("/%72/[redacted]");
    expect(redactPath("http://host:3000/r/abc?x")).toBe("/r/[redacted]");
  });

  it("keeps other paths, including ones that merely contain r", () => {
    expect(redactPath("/api/audits/r/bundle")).toBe("/api/audits/r/bundle");
    expect(redactPath("/reports/abc")).toBe("/reports/abc");
    expect(redactPath("/r")).toBe("/r");
    expect(redactPath(undefined)).toBe("/");
    expect(redactPath("*")).toBe("/*");
  });

  it("cuts very long paths", () => {
    const out = redactPath(`/${"a".repeat(5000)}`);
    expect(out.length).toBe(1025);
    expect(out.endsWith("…")).toBe(true);
  });
});

describe("parseLogLevel", () => {
  it("defaults to info and accepts pino's levels in any case", () => {
    expect(parseLogLevel(undefined)).toBe("info");
    expect(parseLogLevel(" ")).toBe("info");
    expect(parseLogLevel("DEBUG")).toBe("debug");
    expect(parseLogLevel("silent")).toBe("silent");
  });
  it("refuses anything else, naming LOG_LEVEL", () => {
    expect(() => parseLogLevel("verbose")).toThrow(/LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent/);
  });
});

describe("safeError", () => {
  it("keeps name, code, message and stack frames, and cuts query parameters", () => {
    const cause = Object.assign(new Error("UNIQUE constraint failed: users.email"), { code: "SQLITE_CONSTRAINT_UNIQUE" });
    const e = new Error('Failed query: insert into "users" ("email", "password_hash") values (?, ?)\nparams: a@b.c,$argon2id$secret', { cause });
    const out = safeError(e);
    expect(out.message).toBe('Failed query: insert into "users" ("email", "password_hash") values (?, ?)');
    expect(JSON.stringify(out)).not.toContain("argon2id");
    expect(out.stack).toMatch(/^\s+at /);
    expect(out.cause).toMatchObject({ type: "Error", code: "SQLITE_CONSTRAINT_UNIQUE", message: "UNIQUE constraint failed: users.email" });
  });
  it("describes non-errors without their content", () => {
    expect(safeError({ password: "x" })).toEqual({ message: "object" });
  });
});
