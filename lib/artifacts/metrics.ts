/**
 * summary_metrics.json (seed 000 "Output Artifacts": "Defect rate, confidence bounds, unknown
 * rate"). Rates are fractions 0–1; counts are units.
 */
import type { StratumCounts } from "../estimation";
import { PASS_MAX_DEFECT_RATE, PASS_MAX_UNKNOWN_RATE, PASS_WITH_NOTES_MAX_DEFECT_RATE } from "../verdict";
import { TIER_POLICY } from "../tiers";
import { DEFAULT_DECISION_SETTINGS } from "../decision-basis";
import { clopperPearson } from "../statistics/clopper-pearson";
import { ARTIFACT_SCHEMA_VERSION, type BundleInput } from "./input";
import { stableJson } from "./json";

const stratum = (s: StratumCounts | undefined) => ({ size: s?.size ?? 0, reviewed: s?.reviewed ?? 0, defects: s?.defects ?? 0, unknowns: s?.unknowns ?? 0 });

/**
 * Per-subgroup counts among sampled units, with the observed defect fraction among reviewed units
 * and its two-sided Clopper–Pearson interval at `confidence` (exact binomial, Clopper & Pearson
 * 1934); sorted by reviewed count, then name. Units without a subgroup are left out. A subgroup's
 * sampled units are not a random sample of it (census and supplementary units are in), so these
 * are descriptive figures, not population estimates.
 */
function subgroupRates(units: BundleInput["units"], confidence: number) {
  const by = new Map<string, { sampled: number; reviewed: number; defects: number; unknowns: number }>();
  for (const u of units) {
    if (u.subgroup === null) continue;
    const g = by.get(u.subgroup) ?? { sampled: 0, reviewed: 0, defects: 0, unknowns: 0 };
    g.sampled++;
    if (u.finding !== null) g.reviewed++;
    if (u.finding === "FAIL") g.defects++;
    if (u.finding === "UNKNOWN") g.unknowns++;
    by.set(u.subgroup, g);
  }
  return [...by.entries()]
    .sort(([a, x], [b, y]) => y.reviewed - x.reviewed || (a < b ? -1 : a > b ? 1 : 0))
    .map(([subgroup, g]) => {
      const interval = g.reviewed > 0 ? clopperPearson({ successes: g.defects, trials: g.reviewed, confidence }) : null;
      return { subgroup, ...g, defect_fraction: g.reviewed > 0 ? g.defects / g.reviewed : null, interval_lower: interval?.lower ?? null, interval_upper: interval?.upper ?? null };
    });
}

/**
 * The figures of the verdict as an object (schema public/schemas/summary-metrics.schema.json):
 * verdict and gates, population / sampled / reviewed counts, per-stratum counts, critical defects,
 * failed units without owner, confirmed false positives, estimated defect and unknown rates
 * (lib/estimation.ts stratified estimates, null before the draw), the exact one-sided 95% upper
 * bound on the defect rate (lib/estimation.ts defectRateUpperBound), the seed 000 "Verdict Rules"
 * thresholds, and the tier policy ("Sampling Policy").
 */
export function summaryMetrics(input: BundleInput) {
  const { summary, assessment, sample, audit } = input;
  const tier = sample?.riskTier ?? audit.riskTier;
  const policy = TIER_POLICY[tier];
  return {
    schema_version: ARTIFACT_SCHEMA_VERSION,
    audit_slug: audit.slug,
    verdict: assessment.verdict,
    verdict_gate_state: assessment.gateState,
    gate_state: input.gateState,
    population_size: sample?.populationSize ?? input.populationImport?.rowCount ?? 0,
    sampled: summary?.sampled ?? 0,
    reviewed: summary?.reviewed ?? 0,
    unreviewed: summary ? summary.sampled - summary.reviewed : 0,
    strata: { census: stratum(summary?.census), random: stratum(summary?.random), supplementary: stratum(summary?.supplementary) },
    critical_defects: summary?.criticalDefects ?? 0,
    failed_without_owner: summary?.failedWithoutOwner ?? 0,
    confirmed_false_positives: input.units.filter((u) => u.falsePositive).length,
    defect_rate: assessment.defectRate,
    unknown_rate: assessment.unknownRate,
    defect_rate_upper_bound: {
      value: input.upperBound,
      confidence: assessment.rates?.confidence ?? DEFAULT_DECISION_SETTINGS.confidence,
      sided: "upper",
      method: "census stratum counted exactly (unreviewed census units as defects); random stratum by the exact hypergeometric upper bound (Talens 2005)",
    },
    unknown_rate_upper_bound: assessment.rates?.unknownUpper ?? null,
    decision_basis: assessment.rates?.basis ?? DEFAULT_DECISION_SETTINGS.basis,
    estimate_method: "stratified: (census count + (N − C) × random count / random reviewed) / N (Cochran 1977 §5.2)",
    reasons: assessment.reasons,
    subgroups: subgroupRates(input.units, assessment.rates?.confidence ?? DEFAULT_DECISION_SETTINGS.confidence),
    thresholds: { pass_max_defect_rate: PASS_MAX_DEFECT_RATE, pass_max_unknown_rate: PASS_MAX_UNKNOWN_RATE, pass_with_notes_max_defect_rate: PASS_WITH_NOTES_MAX_DEFECT_RATE },
    tier: { risk_tier: tier, label: policy.label, minimum: policy.minimum, rate: policy.rate, cap: policy.cap, tier_size: sample?.tierSize ?? null },
  };
}

/** summary_metrics.json text: `summaryMetrics` as deterministic JSON (lib/artifacts/json.ts). */
export function buildSummaryMetricsJson(input: BundleInput): string {
  return stableJson(summaryMetrics(input));
}
