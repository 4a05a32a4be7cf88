import { describe, expect, it } from "vitest";
import { auditorAgreement, machineVsHuman, type FindingLink } from "./agreement";
import { fixtureText } from "./fixtures";
import type { AuditorOutput, CalibratorOutput } from "./types";

const primary = () => JSON.parse(fixtureText("auditor-primary")) as AuditorOutput;
const secondary = () => JSON.parse(fixtureText("auditor-secondary")) as AuditorOutput;
const calibrator = () => JSON.parse(fixtureText("calibrator")) as CalibratorOutput;

describe("auditorAgreement", () => {
  it("pairs the agreed and disputed findings of the fixture and computes kappa by hand", () => {
    const r = auditorAgreement(calibrator(), primary(), secondary());
    expect(r.matched).toEqual([
      { primaryId: "P-1", secondaryId: "S-1", primaryCategory: "implementation_gap", secondaryCategory: "implementation_gap" },
      { primaryId: "P-2", secondaryId: "S-3", primaryCategory: "real_debt", secondaryCategory: "implementation_gap" },
      { primaryId: "P-3", secondaryId: "S-4", primaryCategory: "hallucination", secondaryCategory: "hallucination" },
    ]);
    // rows primary, columns secondary: hallucination, implementation_gap, real_debt, false_positive
    expect(r.confusion).toEqual([
      [1, 0, 0, 0],
      [0, 1, 0, 0],
      [0, 1, 0, 0],
      [0, 0, 0, 0],
    ]);
    // n = 3, agreements 2; row sums (1,1,1,0), column sums (1,2,0,0): chance Σ = 1·1 + 1·2 = 3;
    // κ = (3·2 − 3) / (3² − 3) = 3/6.
    expect(r.kappa).toBeCloseTo(0.5, 12);
  });

  it("leaves out unique and rejected findings and groupings with no one-to-one pair", () => {
    const cal = calibrator();
    cal.reconciled_findings[0].covers["auditor-primary"].push("P-4"); // R-1 now 2 primary ids : 1 secondary id
    const r = auditorAgreement(cal, primary(), secondary());
    expect(r.matched.map((m) => m.primaryId)).toEqual(["P-2", "P-3"]);
    expect(r.confusion.flat().reduce((a, b) => a + b, 0)).toBe(2);
    // one pair agrees (hallucination), one does not: p_o = 1/2, p_e = (1·1 + 1·0)/4 = 1/4 → κ = 1/3
    expect(r.kappa).toBeCloseTo(1 / 3, 12);
  });

  it("gives kappa 1 when every matched pair agrees, and null when nothing matched", () => {
    const agreeing = calibrator();
    agreeing.reconciled_findings = agreeing.reconciled_findings.filter((f) => f.id !== "R-2");
    expect(auditorAgreement(agreeing, primary(), secondary()).kappa).toBe(1);

    const none = calibrator();
    none.reconciled_findings = none.reconciled_findings.filter((f) => f.status !== "agreed" && f.status !== "disputed");
    const r = auditorAgreement(none, primary(), secondary());
    expect(r).toEqual({ matched: [], confusion: [[0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0]], kappa: null });
  });
});

describe("machineVsHuman", () => {
  const link = (role: FindingLink["role"], category: FindingLink["category"], humanFinding: FindingLink["humanFinding"], findingId = "F"): FindingLink => ({ role, findingId, category, humanFinding });

  it("maps categories to defect / no defect and human FAIL / PASS, per auditor", () => {
    const r = machineVsHuman([
      link("auditor-primary", "implementation_gap", "FAIL"), // defect / defect
      link("auditor-primary", "real_debt", "FAIL"), // defect / defect
      link("auditor-primary", "real_debt", "PASS"), // defect / no defect
      link("auditor-primary", "false_positive", "PASS"), // no defect / no defect
      link("auditor-primary", "hallucination", "FAIL"), // no defect / defect
      link("auditor-secondary", "real_debt", "FAIL"),
      link("auditor-secondary", "hallucination", "PASS"),
    ]);
    expect(r["auditor-primary"].confusion).toEqual([
      [2, 1],
      [1, 1],
    ]);
    expect(r["auditor-primary"].n).toBe(5);
    // n = 5, agreements 3; rows (3,2), columns (3,2): chance Σ = 9 + 4 = 13; κ = (15 − 13) / (25 − 13) = 1/6
    expect(r["auditor-primary"].kappa).toBeCloseTo(1 / 6, 12);
    expect(r["auditor-secondary"]).toEqual({ confusion: [[1, 0], [0, 1]], kappa: 1, n: 2 });
  });

  it("leaves out UNKNOWN and unreviewed units, giving null kappa when nothing is left", () => {
    const r = machineVsHuman([link("auditor-primary", "real_debt", "UNKNOWN"), link("auditor-primary", "real_debt", null), link("auditor-secondary", "real_debt", "FAIL")]);
    expect(r["auditor-primary"]).toEqual({ confusion: [[0, 0], [0, 0]], kappa: null, n: 0 });
    expect(r["auditor-secondary"].n).toBe(1);
    expect(machineVsHuman([])).toEqual({
      "auditor-primary": { confusion: [[0, 0], [0, 0]], kappa: null, n: 0 },
      "auditor-secondary": { confusion: [[0, 0], [0, 0]], kappa: null, n: 0 },
    });
  });
});
