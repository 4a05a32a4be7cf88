import { describe, expect, it } from "vitest";
import { formatUtcMinute } from "./format-time";

describe("formatUtcMinute", () => {
  it("shows UTC to the minute from a Date or an ISO string", () => {
    expect(formatUtcMinute(new Date("2026-11-30T09:15:59.999Z"))).toBe("2026-11-30 09:15 UTC");
    expect(formatUtcMinute("2026-01-02T03:04:05.000Z")).toBe("2026-01-02 03:04 UTC");
    expect(() => formatUtcMinute(new Date(Number.NaN))).toThrow(RangeError);
  });
});
