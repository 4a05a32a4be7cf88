import { describe, it, expect } from "vitest";
import { TRIGGER_GROUP_LABELS, TRIGGER_REASON_CODES, TRIGGER_REASONS, triggerLabel } from "./triggers";

const inGroup = (group: string) => TRIGGER_REASONS.filter((t) => t.group === group);

describe("TRIGGER_REASONS (seed 000 \"Trigger Contract\")", () => {
  it("has the 10 cues in three groups: 4 always, 3 risk, 3 governance", () => {
    expect(TRIGGER_REASONS).toHaveLength(10);
    expect(inGroup("always")).toHaveLength(4);
    expect(inGroup("risk")).toHaveLength(3);
    expect(inGroup("governance")).toHaveLength(3);
    expect(Object.keys(TRIGGER_GROUP_LABELS).sort()).toEqual(["always", "governance", "risk"]);
  });

  it("quotes the seed's cues", () => {
    expect(inGroup("always").map((t) => t.label)).toEqual([
      "Irreversible or high-impact state change affecting ≥ BULK_MUTATION_THRESHOLD scoped units",
      "Bulk user-visible state change exceeding the risk threshold",
      "Contamination-remediation lane completion",
      "User-visible correctness outcomes",
    ]);
    expect(inGroup("risk").map((t) => t.label)).toEqual([
      "Execute output includes FAILED, UNKNOWN, or exceptions",
      "Dry-run parity passed but confidence includes low/no-match or low-evidence buckets",
      "Identity-collision clusters exist",
    ]);
    expect(inGroup("governance").map((t) => t.label)).toEqual([
      "Plan closeout depends on proof-of-completion",
      "Adversarial or conflict audits flag unverified final-state assumptions",
      "Contradictory completion claims exist",
    ]);
  });

  it("has unique codes, each prefixed by its group", () => {
    expect(new Set(TRIGGER_REASON_CODES).size).toBe(TRIGGER_REASONS.length);
    expect(TRIGGER_REASON_CODES).toEqual(TRIGGER_REASONS.map((t) => t.code));
    for (const t of TRIGGER_REASONS) expect(t.code.startsWith(`${t.group}.`)).toBe(true);
  });
});

describe("triggerLabel", () => {
  it("gives the label of a known code", () => {
    expect(triggerLabel("risk.identity_collisions")).toBe("Identity-collision clusters exist");
  });

  it("falls back to the code itself when unknown", () => {
    expect(triggerLabel("retired.old_code")).toBe("retired.old_code");
    expect(triggerLabel("")).toBe("");
  });
});
