/**
 * sample_manifest.csv and sample_verdicts.csv (seed 000 "Output Artifacts": "Sampled records,
 * inclusion criteria, tier assignment"; "PASS/FAIL/UNKNOWN classification per sample row; must
 * include confirmed_false_positives column (boolean)").
 */
import { TIER_POLICY } from "../tiers";
import { toCsv } from "./csv";
import type { BundleInput } from "./input";

export const MANIFEST_COLUMNS = ["position", "unit_key", "execution_status", "subgroup", "identity_key", "stratum", "inclusion_reasons", "risk_tier", "tier_label"] as const;

/**
 * One row per sampled unit in review order: position (0-based), unit_key, execution_status,
 * subgroup, identity_key, stratum (census / random / supplementary), inclusion_reasons (the
 * lib/sampling.ts reasons joined with `;`, e.g. `failed_or_unknown;identity_cluster`), risk_tier
 * (1–3) and tier_label (Low / Medium / High) of the sample. Header only before the draw.
 * @returns CSV text (lib/artifacts/csv.ts `toCsv`: neutralised cells, CRLF).
 */
export function buildSampleManifestCsv(input: BundleInput): string {
  const tier = input.sample?.riskTier ?? input.audit.riskTier;
  return toCsv(
    MANIFEST_COLUMNS,
    input.units.map((u) => [u.position, u.unitKey, u.executionStatus, u.subgroup, u.identityKey, u.stratum, u.reasons.join(";"), tier, TIER_POLICY[tier].label]),
  );
}

export const VERDICT_COLUMNS = [
  "position",
  "unit_key",
  "stratum",
  "verdict",
  "critical_defect",
  "critical_defect_kind",
  "confirmed_false_positives",
  "remediation_owner",
  "remediation_due_at",
  "remediation_destructive",
  "reviewed_by",
  "reviewed_at",
  "review_revision",
] as const;

/**
 * One row per sampled unit in review order with its latest review: verdict PASS / FAIL / UNKNOWN
 * (`UNREVIEWED` while no review is saved), critical_defect (boolean: a FAIL with a critical kind),
 * critical_defect_kind (lib/review-input.ts code), confirmed_false_positives (boolean: a unit
 * flagged FAILED/UNKNOWN that the review found correct), remediation_owner, remediation_due_at
 * (ISO UTC), remediation_destructive (boolean), reviewed_by, reviewed_at (ISO UTC) and
 * review_revision (id of the review revision a sign-off snapshot covers).
 * @returns CSV text (neutralised cells, CRLF). Booleans are `true` / `false`.
 */
export function buildSampleVerdictsCsv(input: BundleInput): string {
  return toCsv(
    VERDICT_COLUMNS,
    input.units.map((u) => [
      u.position,
      u.unitKey,
      u.stratum,
      u.finding ?? "UNREVIEWED",
      u.finding === "FAIL" && u.criticalKind !== null,
      u.criticalKind,
      u.falsePositive,
      u.remediationOwner,
      u.remediationDueAt,
      u.remediationDestructive,
      u.reviewedBy,
      u.reviewedAt,
      u.revision,
    ]),
  );
}
