import { describe, it, expect } from "vitest";
import { checkReviewAgainstUnit, CRITICAL_KINDS, criticalKindLabel, reviewSchema, revisionField } from "./review-input";

const parse = (overrides: Record<string, unknown> = {}) => reviewSchema.safeParse({ sampleUnitId: "7", finding: "PASS", ...overrides });
const errorsOf = (overrides: Record<string, unknown>) => {
  const r = parse(overrides);
  expect(r.success).toBe(false);
  return r.error!.issues.map((i) => ({ field: i.path[0], message: i.message }));
};

describe("reviewSchema", () => {
  it("accepts a bare PASS finding with defaults", () => {
    expect(parse().data).toEqual({ sampleUnitId: 7, finding: "PASS", criticalKind: null, falsePositive: false, remediationOwner: null, note: null });
  });

  it.each([undefined, "", "pass", "MAYBE"])("requires a finding (%j)", (finding) => {
    expect(errorsOf({ finding })).toEqual([{ field: "finding", message: "Choose PASS, FAIL or UNKNOWN" }]);
  });

  it.each(["0", "-1", "1.5", "x"])("rejects sample unit id %j", (sampleUnitId) => {
    expect(errorsOf({ sampleUnitId }).map((e) => e.field)).toEqual(["sampleUnitId"]);
  });

  describe("critical defect kind", () => {
    it.each(CRITICAL_KINDS.map((k) => k.code))("records %s on a FAIL finding", (criticalKind) => {
      expect(parse({ finding: "FAIL", criticalKind }).data?.criticalKind).toBe(criticalKind);
    });

    it("treats an empty choice as no critical defect", () => {
      expect(parse({ finding: "FAIL", criticalKind: "" }).data?.criticalKind).toBeNull();
    });

    it.each(["PASS", "UNKNOWN"])("is refused on a %s finding, on the criticalKind field", (finding) => {
      expect(errorsOf({ finding, criticalKind: "save_not_persisted" })).toEqual([{ field: "criticalKind", message: "A critical defect needs a FAIL finding" }]);
    });

    it("rejects an unknown kind", () => {
      expect(errorsOf({ finding: "FAIL", criticalKind: "made_up" })).toEqual([{ field: "criticalKind", message: "Unknown critical defect kind" }]);
    });
  });

  describe("confirmed false positive", () => {
    it.each([
      ["on", true],
      ["true", true],
      ["false", false],
      ["", false],
      [undefined, false],
    ])("reads checkbox value %j as %s", (falsePositive, expected) => {
      expect(parse({ falsePositive }).data?.falsePositive).toBe(expected);
    });

    it("rejects other checkbox values", () => {
      expect(errorsOf({ falsePositive: "yes" }).map((e) => e.field)).toEqual(["falsePositive"]);
    });

    it.each(["FAIL", "UNKNOWN"])("is refused on a %s finding, on the falsePositive field", (finding) => {
      expect(errorsOf({ finding, falsePositive: "on" })).toEqual([{ field: "falsePositive", message: "A confirmed false positive needs a PASS finding" }]);
    });
  });

  describe("remediation owner and note", () => {
    it("are trimmed", () => {
      expect(parse({ finding: "FAIL", remediationOwner: "  alice@org ", note: "\n wrong balance \t" }).data).toMatchObject({ remediationOwner: "alice@org", note: "wrong balance" });
    });

    it.each(["", "   ", undefined])("become null when empty (%j)", (value) => {
      expect(parse({ remediationOwner: value, note: value }).data).toMatchObject({ remediationOwner: null, note: null });
    });

    it("limit the owner to 200 characters", () => {
      expect(parse({ remediationOwner: "o".repeat(200) }).success).toBe(true);
      expect(errorsOf({ remediationOwner: "o".repeat(201) })).toEqual([{ field: "remediationOwner", message: "Remediation owner is too long (max 200 characters)" }]);
    });

    it("limit the note to 5,000 characters", () => {
      expect(parse({ note: "n".repeat(5_000) }).success).toBe(true);
      expect(errorsOf({ note: "n".repeat(5_001) })).toEqual([{ field: "note", message: "Note is too long (max 5,000 characters)" }]);
    });

    it("measure length after trimming", () => {
      expect(parse({ remediationOwner: `  ${"o".repeat(200)}  ` }).success).toBe(true);
    });
  });
});

describe("checkReviewAgainstUnit", () => {
  it("refuses a false positive on a SUCCEEDED unit", () => {
    expect(checkReviewAgainstUnit({ falsePositive: true }, "SUCCEEDED")).toEqual({
      falsePositive: ["Only a unit flagged FAILED or UNKNOWN by execution can be a confirmed false positive"],
    });
  });

  it.each(["FAILED", "UNKNOWN"])("allows a false positive on a %s unit", (status) => {
    expect(checkReviewAgainstUnit({ falsePositive: true }, status)).toEqual({});
  });

  it.each(["SUCCEEDED", "FAILED", "UNKNOWN"])("has nothing to say without a false positive on a %s unit", (status) => {
    expect(checkReviewAgainstUnit({ falsePositive: false }, status)).toEqual({});
  });
});

describe("criticalKindLabel", () => {
  it("labels each critical kind as the seed words it", () => {
    expect(criticalKindLabel("target_state_not_persisted")).toBe("Expected target state did not persist in source-of-truth");
    expect(criticalKindLabel("wrong_sibling_retained")).toBe("Wrong identity-collision sibling retained while target sibling changed");
    expect(criticalKindLabel("save_not_persisted")).toBe("Claimed save/update did not persist");
  });

  it("falls back to the code when unknown", () => {
    expect(criticalKindLabel("something_else")).toBe("something_else");
  });
});

describe("revisionField", () => {
  it.each([
    ["0", 0],
    ["7", 7],
    ["123456789", 123_456_789],
  ])("reads %j as %d", (revision, expected) => {
    expect(revisionField.parse({ revision })).toEqual({ revision: expected });
  });

  it.each([undefined, "", "-1", "1.5", "x", "1234567890"])("refuses %j, on the revision field", (revision) => {
    const r = revisionField.safeParse({ revision });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path[0])).toEqual(["revision"]);
    expect(r.error!.issues[0].message).toMatch(/reload the page/);
  });

  it("combines with the review schema as the form's action does", () => {
    expect(reviewSchema.and(revisionField).parse({ sampleUnitId: "3", finding: "FAIL", revision: "2" })).toMatchObject({ sampleUnitId: 3, finding: "FAIL", revision: 2 });
  });
});
