import { describe, it, expect } from "vitest";
import { estimatedDefectRate, estimatedUnknownRate, stratifiedRate, summarizeSample, type ReviewedMember, type ReviewFinding } from "./estimation";
import type { Stratum } from "./sampling";

const member = (stratum: Stratum, finding: ReviewFinding | null, extra: Partial<ReviewedMember> = {}): ReviewedMember => ({
  stratum,
  finding,
  critical: false,
  remediationOwner: finding === "FAIL" ? "owner@example.com" : null,
  ...extra,
});

/** `n` copies of a member. */
const times = (n: number, m: ReviewedMember): ReviewedMember[] => Array.from({ length: n }, () => ({ ...m }));

describe("summarizeSample", () => {
  it("counts size, reviewed, defects and unknowns per stratum", () => {
    const members = [
      ...times(3, member("census", "FAIL")),
      ...times(2, member("census", "UNKNOWN")),
      ...times(4, member("census", "PASS")),
      ...times(1, member("census", null)),
      ...times(90, member("random", "PASS")),
      ...times(5, member("random", "FAIL")),
      ...times(2, member("random", "UNKNOWN")),
      ...times(3, member("random", null)),
      ...times(1, member("supplementary", "FAIL")),
      ...times(1, member("supplementary", "PASS")),
      ...times(2, member("supplementary", null)),
    ];
    const s = summarizeSample(1000, members);
    expect(s.populationSize).toBe(1000);
    expect(s.census).toEqual({ size: 10, reviewed: 9, defects: 3, unknowns: 2 });
    expect(s.random).toEqual({ size: 100, reviewed: 97, defects: 5, unknowns: 2 });
    expect(s.supplementary).toEqual({ size: 4, reviewed: 2, defects: 1, unknowns: 0 });
    expect(s.sampled).toBe(114);
    expect(s.reviewed).toBe(108);
    expect(s.criticalDefects).toBe(0);
    expect(s.failedWithoutOwner).toBe(0);
  });

  it("returns zero counts for an empty sample", () => {
    const zero = { size: 0, reviewed: 0, defects: 0, unknowns: 0 };
    expect(summarizeSample(0, [])).toEqual({
      populationSize: 0,
      census: zero,
      random: zero,
      supplementary: zero,
      sampled: 0,
      reviewed: 0,
      criticalDefects: 0,
      failedWithoutOwner: 0,
    });
  });

  it("counts critical defects in every stratum, supplementary included", () => {
    const s = summarizeSample(500, [
      member("census", "FAIL", { critical: true }),
      member("random", "FAIL", { critical: true }),
      member("supplementary", "FAIL", { critical: true }),
      member("random", "FAIL"),
    ]);
    expect(s.criticalDefects).toBe(3);
  });

  it("does not count a critical flag on a unit that is not reviewed yet", () => {
    expect(summarizeSample(10, [member("random", null, { critical: true })]).criticalDefects).toBe(0);
  });

  it("counts FAIL units without a remediation owner (missing, empty or blank) in every stratum", () => {
    const s = summarizeSample(500, [
      member("census", "FAIL", { remediationOwner: null }),
      member("random", "FAIL", { remediationOwner: "" }),
      member("supplementary", "FAIL", { remediationOwner: "   " }),
      member("random", "FAIL", { remediationOwner: "alice" }),
      member("random", "FAIL", { remediationOwner: "  bob  " }),
    ]);
    expect(s.failedWithoutOwner).toBe(3);
  });

  it("does not require owners for PASS, UNKNOWN or unreviewed units", () => {
    const s = summarizeSample(100, [member("random", "PASS"), member("random", "UNKNOWN"), member("census", null)]);
    expect(s.failedWithoutOwner).toBe(0);
  });
});

describe("stratifiedRate", () => {
  it("worked example: N=1000, C=10 with 2 census defects, 3 of 100 random defects → 0.0317", () => {
    // (2 + 990 × 3/100) / 1000 = (2 + 29.7) / 1000 = 0.0317
    expect(stratifiedRate(1000, 10, 2, 3, 100)).toBeCloseTo(0.0317, 12);
  });

  it("worked example: no census stratum reduces to the random-stratum proportion", () => {
    // (0 + 500 × 2/50) / 500 = 0.04
    expect(stratifiedRate(500, 0, 0, 2, 50)).toBeCloseTo(0.04, 12);
    expect(stratifiedRate(1234, 0, 0, 7, 100)).toBeCloseTo(0.07, 12);
  });

  it("worked example: N=200, C=20 with 5 census hits, 1 of 35 random → (5 + 180/35)/200", () => {
    // 180/35 = 5.142857…; (5 + 5.142857…)/200 = 0.050714…
    expect(stratifiedRate(200, 20, 5, 1, 35)).toBeCloseTo((5 + 180 / 35) / 200, 12);
    expect(stratifiedRate(200, 20, 5, 1, 35)).toBeCloseTo(0.0507142857, 9);
  });

  it("counts the census stratum exactly when the whole population is census", () => {
    // N − C = 0: the random stratum carries no weight.
    expect(stratifiedRate(40, 40, 6, 0, 0)).toBeCloseTo(6 / 40, 12);
    expect(stratifiedRate(40, 40, 6, 3, 3)).toBeCloseTo(6 / 40, 12);
  });

  it("contributes nothing from the random stratum while none of it is reviewed", () => {
    expect(stratifiedRate(1000, 10, 2, 0, 0)).toBeCloseTo(2 / 1000, 12);
  });

  it("scales the random fraction to the units outside the census, not to N", () => {
    // Half the population is census with no defects; every reviewed random unit fails.
    expect(stratifiedRate(100, 50, 0, 10, 10)).toBeCloseTo(0.5, 12);
  });

  it("spans 0 to 1", () => {
    expect(stratifiedRate(1000, 10, 0, 0, 100)).toBe(0);
    expect(stratifiedRate(1000, 10, 10, 100, 100)).toBeCloseTo(1, 12);
  });

  it("returns 0 for an empty population", () => {
    expect(stratifiedRate(0, 0, 0, 0, 0)).toBe(0);
    expect(stratifiedRate(-5, 0, 0, 0, 0)).toBe(0);
  });
});

describe("estimatedDefectRate and estimatedUnknownRate", () => {
  /** N=1000: 10 census units (2 FAIL, 1 UNKNOWN), 100 random units (3 FAIL, 2 UNKNOWN). */
  const base = (): ReviewedMember[] => [
    ...times(2, member("census", "FAIL")),
    ...times(1, member("census", "UNKNOWN")),
    ...times(7, member("census", "PASS")),
    ...times(3, member("random", "FAIL")),
    ...times(2, member("random", "UNKNOWN")),
    ...times(95, member("random", "PASS")),
  ];

  it("apply the stratified formula to the summary", () => {
    const s = summarizeSample(1000, base());
    expect(estimatedDefectRate(s)).toBeCloseTo((2 + 990 * 0.03) / 1000, 12); // 0.0317
    expect(estimatedUnknownRate(s)).toBeCloseTo((1 + 990 * 0.02) / 1000, 12); // 0.0208
  });

  it("leave supplementary units out of the estimates, but keep their critical defects and missing owners", () => {
    const withSupplementary = [
      ...base(),
      member("supplementary", "FAIL", { critical: true, remediationOwner: null }),
      member("supplementary", "FAIL"),
      member("supplementary", "UNKNOWN"),
    ];
    const plain = summarizeSample(1000, base());
    const s = summarizeSample(1000, withSupplementary);
    expect(estimatedDefectRate(s)).toBe(estimatedDefectRate(plain));
    expect(estimatedUnknownRate(s)).toBe(estimatedUnknownRate(plain));
    expect(s.criticalDefects).toBe(1);
    expect(s.failedWithoutOwner).toBe(1);
    expect(s.supplementary).toEqual({ size: 3, reviewed: 3, defects: 2, unknowns: 1 });
  });

  it("ignore unreviewed random units in the random fraction", () => {
    // 3 FAIL of 50 reviewed; 50 more random units not reviewed yet.
    const s = summarizeSample(1000, [...times(3, member("random", "FAIL")), ...times(47, member("random", "PASS")), ...times(50, member("random", null))]);
    expect(estimatedDefectRate(s)).toBeCloseTo(0.06, 12);
  });

  it("are 0 for an empty population", () => {
    const s = summarizeSample(0, []);
    expect(estimatedDefectRate(s)).toBe(0);
    expect(estimatedUnknownRate(s)).toBe(0);
  });
});
