import { describe, expect, it } from "vitest";
import { sessionIsCurrent } from "./session-version";

describe("sessionIsCurrent (issue 10)", () => {
  const active = { sessionVersion: 3, deactivatedAt: null };

  it("holds while the version is the stored one", () => {
    expect(sessionIsCurrent(active, 3)).toBe(true);
  });

  it.each([2, 4, "3", undefined, null, 3.5, Number.NaN])("is refused with the version %j", (v) => {
    expect(sessionIsCurrent(active, v)).toBe(false);
  });

  it("is refused for a deactivated or missing user", () => {
    expect(sessionIsCurrent({ sessionVersion: 3, deactivatedAt: new Date("2026-01-01T00:00:00Z") }, 3)).toBe(false);
    expect(sessionIsCurrent(null, 3)).toBe(false);
  });
});
