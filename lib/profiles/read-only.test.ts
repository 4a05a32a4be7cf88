import { describe, expect, it } from "vitest";
import { checklistReadOnlyReason } from "./read-only";

describe("checklistReadOnlyReason", () => {
  const at = new Date("2026-11-30T12:00:00Z");
  it("is null for an open audit, closed or archived otherwise, closed first when both", () => {
    expect(checklistReadOnlyReason({ closedAt: null, archivedAt: null })).toBeNull();
    expect(checklistReadOnlyReason({ closedAt: at, archivedAt: null })).toBe("closed");
    expect(checklistReadOnlyReason({ closedAt: null, archivedAt: at })).toBe("archived");
    expect(checklistReadOnlyReason({ closedAt: at, archivedAt: at })).toBe("closed");
  });
});
