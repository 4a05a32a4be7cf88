import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { buildSampleManifestCsv, buildSampleVerdictsCsv, MANIFEST_COLUMNS, VERDICT_COLUMNS } from "./sample-csv";
import { fixtureBundleInput, fixturePopulation } from "./testing";

const rows = (text: string) => parse(text, { columns: true }) as Record<string, string>[];

describe("sample_manifest.csv", () => {
  it("lists every sampled unit with its stratum, inclusion reasons and tier", () => {
    const input = fixtureBundleInput({ population: fixturePopulation(40, 2) });
    const text = buildSampleManifestCsv(input);
    expect(text.split("\r\n")[0]).toBe(MANIFEST_COLUMNS.join(","));
    const r = rows(text);
    expect(r).toHaveLength(input.units.length);
    expect(r[0]).toMatchObject({ position: "0", unit_key: "u0", execution_status: "FAILED", stratum: "census", inclusion_reasons: "failed_or_unknown", risk_tier: "1", tier_label: "Low" });
    expect(r.filter((x) => x.stratum === "random")).toHaveLength(20);
  });

  it("neutralises unit keys that look like formulas", () => {
    const input = fixtureBundleInput({ unitKeyOverride: { 0: "=cmd|' /C calc'!A0", 1: "@SUM(1)" } });
    const r = rows(buildSampleManifestCsv(input));
    expect(r[0].unit_key).toBe("'=cmd|' /C calc'!A0");
    expect(r[1].unit_key).toBe("'@SUM(1)");
  });
});

describe("sample_verdicts.csv", () => {
  it("has PASS/FAIL/UNKNOWN per row, UNREVIEWED while unreviewed, and a boolean confirmed_false_positives column", () => {
    const input = fixtureBundleInput({
      population: fixturePopulation(40, 1),
      findings: { 0: { finding: "PASS", falsePositive: true }, 1: { finding: "FAIL", critical: "target_state_not_persisted" }, 2: { finding: "UNKNOWN" }, 3: { finding: null } },
    });
    const text = buildSampleVerdictsCsv(input);
    expect(text.split("\r\n")[0]).toBe(VERDICT_COLUMNS.join(","));
    const r = rows(text);
    expect(r.slice(0, 4).map((x) => x.verdict)).toEqual(["PASS", "FAIL", "UNKNOWN", "UNREVIEWED"]);
    expect(r[0]).toMatchObject({ confirmed_false_positives: "true", critical_defect: "false" });
    expect(r[1]).toMatchObject({ confirmed_false_positives: "false", critical_defect: "true", critical_defect_kind: "target_state_not_persisted", remediation_owner: "data-team", remediation_due_at: "2027-01-11T09:00:00.000Z" });
    expect(r[3]).toMatchObject({ reviewed_by: "", reviewed_at: "", review_revision: "" });
    expect(new Set(r.map((x) => x.confirmed_false_positives))).toEqual(new Set(["true", "false"]));
  });

  it("neutralises a remediation owner starting with -", () => {
    const input = fixtureBundleInput({ findings: { 0: { finding: "FAIL", owner: "-team" } } });
    expect(rows(buildSampleVerdictsCsv(input))[0].remediation_owner).toBe("'-team");
  });
});
