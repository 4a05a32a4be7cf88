import { describe, expect, it } from "vitest";
import { compositionByReason, findingsByKind, type MetricsUnit, progressByDay, subgroupRates } from "./metrics";
import { INCLUSION_REASONS } from "./sampling";
import { clopperPearson } from "./statistics/clopper-pearson";

const u = (subgroup: string | null, finding: MetricsUnit["finding"], extra: Partial<MetricsUnit> = {}): MetricsUnit => ({ subgroup, finding, criticalKind: null, falsePositive: false, firstReviewedAt: null, ...extra });

describe("metrics", () => {
  it("rates subgroups with reviewed units, top 20 by reviewed count, with Clopper–Pearson whiskers", () => {
    const units = [u("A", "FAIL"), u("A", "PASS"), u("A", "PASS"), u("A", null), u("B", "PASS"), u("C", null), u(null, "FAIL")];
    const rows = subgroupRates(units, 0.95);
    expect(rows.map((r) => r.subgroup)).toEqual(["A", "B"]);
    expect(rows[0]).toMatchObject({ sampled: 4, reviewed: 3, defects: 1, rate: 1 / 3, ...clopperPearson({ successes: 1, trials: 3, confidence: 0.95 }) });
    const many = Array.from({ length: 30 }, (_, i) => Array.from({ length: i + 1 }, () => u(`G${String(i).padStart(2, "0")}`, "PASS"))).flat();
    const top = subgroupRates(many, 0.9);
    expect(top).toHaveLength(20);
    expect(top[0].subgroup).toBe("G29");
    expect(top[19].subgroup).toBe("G10");
  });

  it("counts findings by kind, false positives included", () => {
    const k = findingsByKind([u("A", "FAIL", { criticalKind: "target_state_missing" }), u("A", "FAIL", { falsePositive: true }), u("A", "PASS"), u("A", "UNKNOWN"), u("A", null)]);
    expect(k).toEqual({ pass: 1, fail: 2, critical: 1, unknown: 1, unreviewed: 1, falsePositives: 1, criticalKinds: { target_state_missing: 1 } });
  });

  it("accumulates first reviews by UTC day", () => {
    const at = (iso: string) => new Date(iso);
    const rows = progressByDay([u("A", "PASS", { firstReviewedAt: at("2026-11-29T23:59:59Z") }), u("A", "PASS", { firstReviewedAt: at("2026-11-30T00:00:00Z") }), u("A", "PASS", { firstReviewedAt: at("2026-11-30T10:00:00Z") }), u("A", null)]);
    expect(rows).toEqual([
      { day: "2026-11-29", reviewed: 1, total: 1 },
      { day: "2026-11-30", reviewed: 2, total: 3 },
    ]);
  });

  it("lists every inclusion reason in order, zero when absent", () => {
    expect(compositionByReason([{ reason: "random", units: 20 }], INCLUSION_REASONS)).toEqual([
      { reason: "failed_or_unknown", units: 0 },
      { reason: "random", units: 20 },
      { reason: "identity_cluster", units: 0 },
      { reason: "high_risk_subgroup", units: 0 },
    ]);
  });
});
