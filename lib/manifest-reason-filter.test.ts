import { describe, expect, it } from "vitest";
import { assessAudit } from "./assessment";
import { summarizeSample } from "./estimation";
import { manifestHref } from "./manifest-query";
import { manifestFilterForReason } from "./manifest-reason-filter";
import { decideVerdict } from "./verdict";

describe("manifestFilterForReason", () => {
  it("maps each reason that counts units to the filter listing them, page 1 in review order", () => {
    const base = { sort: { key: "position", dir: "asc" }, page: 1 };
    expect(manifestFilterForReason("FAILED_WITHOUT_OWNER")).toEqual({ ...base, filter: { failedWithoutOwner: true } });
    expect(manifestFilterForReason("CRITICAL_DEFECT")).toEqual({ ...base, filter: { critical: true } });
    expect(manifestFilterForReason("REVIEW_INCOMPLETE")).toEqual({ ...base, filter: { review: "unreviewed" } });
  });

  it("is null for reasons that count no units, and for unknown codes", () => {
    for (const code of ["PASS_CRITERIA_MET", "DEFECT_RATE_ABOVE_7", "DEFECT_RATE_ABOVE_3", "UNKNOWN_RATE_ABOVE_2", "REMEDIATION_OWNED", "NO_SAMPLE", "DISAGREEMENTS_OPEN", "toString", "__proto__", ""]) {
      expect(manifestFilterForReason(code)).toBeNull();
    }
  });

  it("covers the codes the verdict rules actually emit with a unit count", () => {
    const withoutOwner = decideVerdict({ criticalDefects: 0, defectRate: 0.05, unknownRate: 0, failedWithoutOwner: 1, reviewComplete: true });
    const owner = withoutOwner.reasons.find((r) => r.message.startsWith("1 failed unit has no remediation owner"))!;
    expect(manifestHref("a", manifestFilterForReason(owner.code)!)).toBe("/audits/a/sample?failedWithoutOwner=1");
    const critical = decideVerdict({ criticalDefects: 2, defectRate: 0.5, unknownRate: 0, failedWithoutOwner: 0, reviewComplete: false });
    expect(manifestHref("a", manifestFilterForReason(critical.reasons[0].code)!)).toBe("/audits/a/sample?critical=1");
    const members = Array.from({ length: 10 }, () => ({ stratum: "random" as const, finding: null, critical: false, remediationOwner: null }));
    const incomplete = assessAudit(
      { consistencyModel: "strong", stabilityExpected: "2", stabilityActual: "2", hasPopulation: true, hasSample: true },
      summarizeSample(100, members),
    );
    const counted = incomplete.reasons.find((r) => /10 of 10 sampled units/.test(r.message))!;
    expect(manifestHref("a", manifestFilterForReason(counted.code)!)).toBe("/audits/a/sample?review=unreviewed");
  });

  it("returns a fresh object each time (callers may change it)", () => {
    const a = manifestFilterForReason("CRITICAL_DEFECT")!;
    a.filter.review = "PASS";
    expect(manifestFilterForReason("CRITICAL_DEFECT")!.filter).toEqual({ critical: true });
  });
});
