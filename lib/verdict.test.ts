import { describe, it, expect } from "vitest";
import { stratifiedRate } from "./estimation";
import {
  decideVerdict,
  gateStateFor,
  PASS_MAX_DEFECT_RATE,
  PASS_MAX_UNKNOWN_RATE,
  PASS_WITH_NOTES_MAX_DEFECT_RATE,
  type VerdictInput,
  type VerdictResult,
} from "./verdict";

/** A complete, clean review; override what a test is about. */
const decide = (overrides: Partial<VerdictInput> = {}): VerdictResult =>
  decideVerdict({ criticalDefects: 0, defectRate: 0, unknownRate: 0, failedWithoutOwner: 0, reviewComplete: true, ...overrides });

const codes = (r: VerdictResult) => r.reasons.map((x) => x.code);

describe("gateStateFor", () => {
  it("maps verdicts to closure gates", () => {
    expect(gateStateFor("PASS")).toBe("OPEN");
    expect(gateStateFor("PASS_WITH_NOTES")).toBe("CONDITIONAL_PASS");
    expect(gateStateFor("FAIL")).toBe("BLOCKED");
    expect(gateStateFor("INCONCLUSIVE")).toBe("BLOCKED");
  });
});

describe("decideVerdict thresholds", () => {
  it("are the seed 000 values", () => {
    expect(PASS_MAX_DEFECT_RATE).toBe(0.03);
    expect(PASS_MAX_UNKNOWN_RATE).toBe(0.02);
    expect(PASS_WITH_NOTES_MAX_DEFECT_RATE).toBe(0.07);
  });
});

describe("decideVerdict: PASS", () => {
  it("passes a clean complete review with gate OPEN", () => {
    const r = decide();
    expect(r.verdict).toBe("PASS");
    expect(r.gateState).toBe("OPEN");
    expect(codes(r)).toEqual(["PASS_CRITERIA_MET"]);
  });

  it("passes at exactly 3% defects and exactly 2% unknowns (inclusive thresholds)", () => {
    expect(decide({ defectRate: 0.03, unknownRate: 0.02 }).verdict).toBe("PASS");
    expect(decide({ defectRate: 0.03 }).verdict).toBe("PASS");
    expect(decide({ unknownRate: 0.02 }).verdict).toBe("PASS");
  });

  it("passes rates that equal 3% or 2% but come from a float division", () => {
    expect(decide({ defectRate: 3 / 100 }).verdict).toBe("PASS");
    // (0 + 990 × 3/99) / 1000 = 30/1000 exactly in rationals.
    expect(stratifiedRate(1000, 10, 0, 3, 99)).toBeCloseTo(0.03, 15);
    expect(decide({ defectRate: stratifiedRate(1000, 10, 0, 3, 99) }).verdict).toBe("PASS");
    // (104 × 3/100) / 104 = 0.030000000000000002 in binary floating point: one ulp above 3%.
    const slightlyAbove3 = stratifiedRate(104, 0, 0, 3, 100);
    expect(slightlyAbove3).toBeGreaterThan(0.03);
    expect(decide({ defectRate: slightlyAbove3 }).verdict).toBe("PASS");
    // (114 × 1/50) / 114 = 0.020000000000000004: a hair above 2%.
    const slightlyAbove2 = stratifiedRate(114, 0, 0, 1, 50);
    expect(slightlyAbove2).toBeGreaterThan(0.02);
    expect(decide({ unknownRate: slightlyAbove2 }).verdict).toBe("PASS");
  });

  it("does not need remediation owners (owners are a PASS_WITH_NOTES condition)", () => {
    expect(decide({ defectRate: 0.01, failedWithoutOwner: 2 }).verdict).toBe("PASS");
  });
});

describe("decideVerdict: PASS_WITH_NOTES", () => {
  it("just above 3% defects, with every failure owned, gives PASS_WITH_NOTES and gate CONDITIONAL_PASS", () => {
    const r = decide({ defectRate: 0.0300001 });
    expect(r.verdict).toBe("PASS_WITH_NOTES");
    expect(r.gateState).toBe("CONDITIONAL_PASS");
    expect(codes(r)).toEqual(["DEFECT_RATE_ABOVE_3", "REMEDIATION_OWNED"]);
  });

  it("holds at exactly 7% defects", () => {
    expect(decide({ defectRate: 0.07 }).verdict).toBe("PASS_WITH_NOTES");
    // 7/100 scaled over N=473 lands at 0.07000000000000002 in floating point.
    const slightlyAbove7 = stratifiedRate(473, 0, 0, 7, 100);
    expect(slightlyAbove7).toBeGreaterThan(0.07);
    expect(decide({ defectRate: slightlyAbove7 }).verdict).toBe("PASS_WITH_NOTES");
  });

  it("applies when unknowns are just above 2% even with few defects", () => {
    const r = decide({ defectRate: 0.01, unknownRate: 0.0200001 });
    expect(r.verdict).toBe("PASS_WITH_NOTES");
    expect(codes(r)).toEqual(["UNKNOWN_RATE_ABOVE_2", "REMEDIATION_OWNED"]);
  });

  it("lists both notes when both rates exceed the PASS limits", () => {
    expect(codes(decide({ defectRate: 0.05, unknownRate: 0.5 }))).toEqual(["DEFECT_RATE_ABOVE_3", "UNKNOWN_RATE_ABOVE_2", "REMEDIATION_OWNED"]);
  });

  it("mentions the estimated rate and the approver signature", () => {
    const r = decide({ defectRate: 0.05 });
    expect(r.reasons[0].message).toContain("5.00%");
    expect(r.reasons.at(-1)!.message).toMatch(/approver signature/);
  });
});

describe("decideVerdict: FAIL", () => {
  it("fails just above 7% defects with gate BLOCKED", () => {
    const r = decide({ defectRate: 0.0700001 });
    expect(r.verdict).toBe("FAIL");
    expect(r.gateState).toBe("BLOCKED");
    expect(codes(r)).toEqual(["DEFECT_RATE_ABOVE_7"]);
  });

  it("fails on high defect rates even when every failure is owned", () => {
    expect(decide({ defectRate: 0.5 }).verdict).toBe("FAIL");
    expect(decide({ defectRate: 1 }).verdict).toBe("FAIL");
  });

  it("fails on any critical defect, whatever the rates", () => {
    const r = decide({ criticalDefects: 1 });
    expect(r.verdict).toBe("FAIL");
    expect(r.gateState).toBe("BLOCKED");
    expect(r.reasons).toEqual([{ code: "CRITICAL_DEFECT", message: "1 critical defect was found." }]);
    expect(decide({ criticalDefects: 4, defectRate: 0.5 }).reasons).toEqual([{ code: "CRITICAL_DEFECT", message: "4 critical defects were found." }]);
  });

  it("fails on a critical defect at once, even while review is incomplete", () => {
    const r = decide({ criticalDefects: 1, reviewComplete: false, failedWithoutOwner: 3 });
    expect(r.verdict).toBe("FAIL");
    expect(codes(r)).toEqual(["CRITICAL_DEFECT"]);
  });
});

describe("decideVerdict: INCONCLUSIVE", () => {
  it("is inconclusive while review is incomplete, whatever the rates", () => {
    for (const defectRate of [0, 0.05, 0.5]) {
      const r = decide({ reviewComplete: false, defectRate });
      expect(r.verdict).toBe("INCONCLUSIVE");
      expect(r.gateState).toBe("BLOCKED");
      expect(codes(r)).toEqual(["REVIEW_INCOMPLETE"]);
    }
  });

  it("is inconclusive above PASS limits when failed units have no remediation owner", () => {
    const r = decide({ defectRate: 0.05, failedWithoutOwner: 3 });
    expect(r.verdict).toBe("INCONCLUSIVE");
    expect(r.gateState).toBe("BLOCKED");
    expect(r.reasons).toEqual([
      { code: "DEFECT_RATE_ABOVE_3", message: expect.stringContaining("5.00%") },
      { code: "FAILED_WITHOUT_OWNER", message: "3 failed units have no remediation owner." },
    ]);
  });

  it("uses the singular for one unowned failure", () => {
    const r = decide({ unknownRate: 0.03, failedWithoutOwner: 1 });
    expect(r.verdict).toBe("INCONCLUSIVE");
    expect(r.reasons).toEqual([
      { code: "UNKNOWN_RATE_ABOVE_2", message: expect.stringContaining("3.00%") },
      { code: "FAILED_WITHOUT_OWNER", message: "1 failed unit has no remediation owner." },
    ]);
  });

  it("still fails above 7% when failed units have no owner", () => {
    expect(decide({ defectRate: 0.08, failedWithoutOwner: 5 }).verdict).toBe("FAIL");
  });
});

describe("decideVerdict: boundary table", () => {
  const cases: [string, Partial<VerdictInput>, string][] = [
    ["defect 0.03 → PASS", { defectRate: 0.03 }, "PASS"],
    ["defect 0.0300001 with owners → PASS_WITH_NOTES", { defectRate: 0.0300001 }, "PASS_WITH_NOTES"],
    ["defect 0.0300001 without owners → INCONCLUSIVE", { defectRate: 0.0300001, failedWithoutOwner: 1 }, "INCONCLUSIVE"],
    ["defect 0.07 → PASS_WITH_NOTES", { defectRate: 0.07 }, "PASS_WITH_NOTES"],
    ["defect 0.0700001 → FAIL", { defectRate: 0.0700001 }, "FAIL"],
    ["unknown 0.02 → PASS", { unknownRate: 0.02 }, "PASS"],
    ["unknown 0.0200001 → PASS_WITH_NOTES", { unknownRate: 0.0200001 }, "PASS_WITH_NOTES"],
    ["unknown 1 with defect 0 → PASS_WITH_NOTES", { unknownRate: 1 }, "PASS_WITH_NOTES"],
  ];
  for (const [name, input, verdict] of cases) {
    it(name, () => {
      const r = decide(input);
      expect(r.verdict).toBe(verdict);
      expect(r.gateState).toBe(gateStateFor(r.verdict));
      expect(r.reasons.length).toBeGreaterThan(0);
    });
  }
});

describe("decideVerdict: reason codes", () => {
  it("are stable upper-snake-case strings", () => {
    const all = new Set<string>();
    const inputs: Partial<VerdictInput>[] = [
      {},
      { criticalDefects: 1 },
      { reviewComplete: false },
      { defectRate: 0.1 },
      { defectRate: 0.05 },
      { unknownRate: 0.05, failedWithoutOwner: 2 },
    ];
    for (const input of inputs) for (const code of codes(decide(input))) all.add(code);
    expect([...all].sort()).toEqual(
      [
        "CRITICAL_DEFECT",
        "DEFECT_RATE_ABOVE_3",
        "DEFECT_RATE_ABOVE_7",
        "FAILED_WITHOUT_OWNER",
        "PASS_CRITERIA_MET",
        "REMEDIATION_OWNED",
        "REVIEW_INCOMPLETE",
        "UNKNOWN_RATE_ABOVE_2",
      ].sort(),
    );
    for (const code of all) expect(code).toMatch(/^[A-Z0-9_]+$/);
  });
});

describe("decideVerdict: input validation", () => {
  it("rejects rates outside [0, 1] or not a number", () => {
    for (const bad of [-0.0001, 1.0001, -1, 2, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => decide({ defectRate: bad }), `defectRate ${bad}`).toThrow(RangeError);
      expect(() => decide({ unknownRate: bad }), `unknownRate ${bad}`).toThrow(RangeError);
    }
  });

  it("accepts rates of exactly 0 and 1", () => {
    expect(() => decide({ defectRate: 0, unknownRate: 1 })).not.toThrow();
    expect(() => decide({ defectRate: 1, unknownRate: 0 })).not.toThrow();
  });

  it("rejects negative counts", () => {
    expect(() => decide({ criticalDefects: -1 })).toThrow(RangeError);
    expect(() => decide({ failedWithoutOwner: -1 })).toThrow(RangeError);
    expect(() => decide({ criticalDefects: Number.NaN })).toThrow(RangeError);
  });
});
