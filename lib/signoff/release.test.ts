import { describe, expect, it } from "vitest";
import { releaseAllowed } from "./release";

describe("releaseAllowed", () => {
  it("allows OPEN and EXCEPTION whatever the sign-offs", () => {
    expect(releaseAllowed("OPEN", 0)).toBe(true);
    expect(releaseAllowed("EXCEPTION", 0)).toBe(true);
  });
  it("allows CONDITIONAL_PASS only with a valid sign-off", () => {
    expect(releaseAllowed("CONDITIONAL_PASS", 0)).toBe(false);
    expect(releaseAllowed("CONDITIONAL_PASS", 1)).toBe(true);
    expect(releaseAllowed("CONDITIONAL_PASS", 2)).toBe(true);
  });
  it("never allows BLOCKED, an unknown gate, or a nonsense count (fail closed)", () => {
    expect(releaseAllowed("BLOCKED", 5)).toBe(false);
    expect(releaseAllowed("open", 1)).toBe(false);
    expect(releaseAllowed("CONDITIONAL_PASS", Number.NaN)).toBe(false);
    expect(releaseAllowed("CONDITIONAL_PASS", 0.5)).toBe(false);
  });
});
