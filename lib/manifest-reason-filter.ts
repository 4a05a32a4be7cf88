/**
 * Which sample-manifest filter lists the units a verdict reason counts (issue 11, "Reviewing
 * without mistakes": each verdict reason that counts units, e.g. "1 failed unit has no
 * remediation owner", links to that filtered list). Pure.
 */
import { DEFAULT_MANIFEST_SORT, type ManifestFilter, type ManifestQuery } from "./manifest-query";

/**
 * Reason codes (lib/verdict.ts, lib/assessment.ts) that count sampled units, and the filter that
 * lists exactly the counted units:
 * - CRITICAL_DEFECT (verdict rule 1): reviewed FAIL with a critical kind;
 * - FAILED_WITHOUT_OWNER (rule 5): reviewed FAIL without a remediation owner;
 * - REVIEW_INCOMPLETE (assessAudit: "n of m sampled units are not reviewed yet"): unreviewed.
 * Rate reasons (DEFECT_RATE_ABOVE_*, UNKNOWN_RATE_ABOVE_2, UPPER_BOUND_*) count no units, and
 * DISAGREEMENTS_OPEN units are listed by the adjudication queue, not the manifest.
 */
const FILTERS: Readonly<Record<string, ManifestFilter>> = {
  CRITICAL_DEFECT: { critical: true },
  FAILED_WITHOUT_OWNER: { failedWithoutOwner: true },
  REVIEW_INCOMPLETE: { review: "unreviewed" },
};

/**
 * The manifest query (page 1, review order) listing the units verdict reason `code` counts, or
 * null when the reason counts no units (or the code is unknown).
 */
export function manifestFilterForReason(code: string): ManifestQuery | null {
  const filter = Object.hasOwn(FILTERS, code) ? FILTERS[code] : undefined;
  return filter ? { filter: { ...filter }, sort: { ...DEFAULT_MANIFEST_SORT }, page: 1 } : null;
}
