import { describe, expect, it } from "vitest";
import { MIN_WAIVER_SECRET_BYTES, parseWaiverKeys, waiverKeysConfigured } from "./waiver-keys";

const SECRET = Buffer.alloc(32, 7).toString("base64");

describe("waiverKeysConfigured", () => {
  it("is false with no keys (degraded mode: two-person approval only)", () => {
    expect(waiverKeysConfigured({})).toBe(false);
    expect(waiverKeysConfigured(parseWaiverKeys(undefined))).toBe(false);
    expect(waiverKeysConfigured({ k1: "" })).toBe(false);
  });
  it("is true with one key", () => {
    expect(waiverKeysConfigured({ k1: SECRET })).toBe(true);
  });
});

describe("parseWaiverKeys", () => {
  const forty = Buffer.alloc(40, 1).toString("base64");

  it("parses keyId:base64secret entries, ignoring spaces and empty entries", () => {
    expect(parseWaiverKeys(` k2024:${SECRET} , k2025:${forty},`)).toEqual({ k2024: SECRET, k2025: forty });
  });

  it("gives no keys for an unset or blank value", () => {
    expect(parseWaiverKeys(undefined)).toEqual({});
    expect(parseWaiverKeys("")).toEqual({});
    expect(parseWaiverKeys("  ")).toEqual({});
  });

  it("accepts exactly 32 bytes, padded or not, and refuses 31", () => {
    expect(MIN_WAIVER_SECRET_BYTES).toBe(32);
    const exactly32 = Buffer.alloc(32, 3).toString("base64");
    expect(exactly32.endsWith("=")).toBe(true);
    expect(parseWaiverKeys(`k:${exactly32}`)).toEqual({ k: exactly32 });
    expect(parseWaiverKeys(`k:${exactly32.replace(/=+$/, "")}`)).toEqual({ k: exactly32.replace(/=+$/, "") });
    expect(() => parseWaiverKeys(`k:${Buffer.alloc(31, 3).toString("base64")}`)).toThrow(/secret of 31 bytes; at least 32 bytes/);
  });

  it("keeps an id that would be special on a plain object", () => {
    const keys = parseWaiverKeys(`__proto__:${SECRET}`);
    expect(Object.hasOwn(keys, "__proto__")).toBe(true);
    expect(Object.getPrototypeOf(keys)).toBe(Object.prototype);
  });

  it.each([
    ["no colon", `${SECRET}`, /waiver key entry 1 must look like keyId:base64secret/],
    ["an empty id", `:${SECRET}`, /waiver key entry 1 needs a key id/],
    ["an id with spaces", `my key:${SECRET}`, /waiver key entry 1 needs a key id/],
    ["an empty secret", "k1:", /waiver key entry 1 \("k1"\) has a secret that is not base64/],
    ["a non-base64 secret", `k1:${"!".repeat(44)}`, /entry 1 \("k1"\) has a secret that is not base64/],
    ["base64url characters", `k1:${"-_".repeat(22)}`, /not base64/],
    ["misplaced padding", `k1:${SECRET.slice(0, 10)}=${SECRET.slice(10)}`, /not base64/],
    ["an impossible length", `k1:${"A".repeat(45)}`, /not base64/],
    ["a short secret in the second entry", `k1:${SECRET},k2:${Buffer.alloc(16).toString("base64")}`, /entry 2 \("k2"\) has a secret of 16 bytes/],
    ["a duplicate id", `k1:${SECRET},k1:${forty}`, /entry 2 \("k1"\) repeats a key id/],
  ])("refuses %s, naming the entry", (_name, value, message) => {
    expect(() => parseWaiverKeys(value)).toThrow(message);
  });

  it("never echoes a secret in its error", () => {
    const short = Buffer.alloc(16, 5).toString("base64");
    for (const value of [`k1:${short}`, short, `k1:${SECRET},k1:${SECRET}`]) {
      try {
        parseWaiverKeys(value);
        expect.unreachable();
      } catch (e) {
        expect((e as Error).message).not.toContain(short.slice(0, 8));
        expect((e as Error).message).not.toContain(SECRET.slice(0, 8));
      }
    }
  });
});
