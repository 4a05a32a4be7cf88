/**
 * The metrics page's figures (issue 9 "Metrics page and charts"), from the sampled units as they
 * are now. Pure; rates are fractions 0–1, days are UTC calendar days (YYYY-MM-DD).
 */
import type { ReviewFinding } from "./estimation";
import type { InclusionReason } from "./sampling";
import { clopperPearson } from "./statistics/clopper-pearson";

export type MetricsUnit = {
  subgroup: string | null;
  finding: ReviewFinding | null;
  criticalKind: string | null;
  falsePositive: boolean;
  /** When the unit was first reviewed (UTC), null while unreviewed. */
  firstReviewedAt: Date | null;
};

export type SubgroupRate = { subgroup: string; sampled: number; reviewed: number; defects: number; rate: number; lower: number; upper: number };

/** How many subgroups the chart shows at most (issue 9: "top 20 by reviewed count"). */
export const TOP_SUBGROUPS = 20;

/**
 * Defect fraction by subgroup among reviewed sampled units, with the two-sided Clopper–Pearson
 * interval at `confidence` (Clopper & Pearson 1934), for subgroups with at least one reviewed unit:
 * the top 20 by reviewed count (ties by name). Descriptive: a subgroup's sampled units include
 * census and supplementary units, so these are not population estimates.
 */
export function subgroupRates(units: readonly MetricsUnit[], confidence: number): SubgroupRate[] {
  const by = new Map<string, { sampled: number; reviewed: number; defects: number }>();
  for (const u of units) {
    if (u.subgroup === null) continue;
    const g = by.get(u.subgroup) ?? { sampled: 0, reviewed: 0, defects: 0 };
    g.sampled++;
    if (u.finding !== null) g.reviewed++;
    if (u.finding === "FAIL") g.defects++;
    by.set(u.subgroup, g);
  }
  return [...by.entries()]
    .filter(([, g]) => g.reviewed > 0)
    .sort(([a, x], [b, y]) => y.reviewed - x.reviewed || (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, TOP_SUBGROUPS)
    .map(([subgroup, g]) => ({ subgroup, ...g, rate: g.defects / g.reviewed, ...clopperPearson({ successes: g.defects, trials: g.reviewed, confidence }) }));
}

/** Findings by kind: PASS, FAIL (critical and not), UNKNOWN, unreviewed, and confirmed false positives. */
export function findingsByKind(units: readonly MetricsUnit[]) {
  const out = { pass: 0, fail: 0, critical: 0, unknown: 0, unreviewed: 0, falsePositives: 0, criticalKinds: {} as Record<string, number> };
  for (const u of units) {
    if (u.finding === null) out.unreviewed++;
    else if (u.finding === "PASS") out.pass++;
    else if (u.finding === "UNKNOWN") out.unknown++;
    else {
      out.fail++;
      if (u.criticalKind) {
        out.critical++;
        out.criticalKinds[u.criticalKind] = (out.criticalKinds[u.criticalKind] ?? 0) + 1;
      }
    }
    if (u.falsePositive) out.falsePositives++;
  }
  return out;
}

/** Units reviewed per UTC day and the running total, oldest first (review progress over time). */
export function progressByDay(units: readonly MetricsUnit[]): { day: string; reviewed: number; total: number }[] {
  const perDay = new Map<string, number>();
  for (const u of units) if (u.firstReviewedAt) perDay.set(u.firstReviewedAt.toISOString().slice(0, 10), (perDay.get(u.firstReviewedAt.toISOString().slice(0, 10)) ?? 0) + 1);
  let total = 0;
  return [...perDay.keys()].sort().map((day) => {
    total += perDay.get(day)!;
    return { day, reviewed: perDay.get(day)!, total };
  });
}

/** Sampled units by inclusion reason (a unit with two reasons counts under both), in the seed's reason order. */
export function compositionByReason(counts: readonly { reason: InclusionReason; units: number }[], order: readonly InclusionReason[]): { reason: InclusionReason; units: number }[] {
  const by = new Map(counts.map((c) => [c.reason, c.units]));
  return order.map((reason) => ({ reason, units: by.get(reason) ?? 0 }));
}
