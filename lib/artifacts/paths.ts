/**
 * Where the artifact bundle's files go (seed 000 "Output Artifacts": "10 required outputs in
 * tmp/by-week/YYYY-Www/{audit-slug}/").
 */
import { getISOWeek, getISOWeekYear } from "date-fns";

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The ISO-8601 week of a calendar date, as `YYYY-Www` (ISO week-numbering year, week 01–53).
 * Computed on the date itself, independent of the server's time zone.
 * @param date `YYYY-MM-DD`.
 * @returns e.g. `2027-01-01` → `2026-W53`, `2026-12-28` → `2026-W53`, `2025-12-29` → `2026-W01`.
 * @throws RangeError when `date` is not an existing `YYYY-MM-DD` date.
 */
export function isoWeekFolder(date: string): string {
  const m = DATE_ONLY.exec(date);
  if (!m) throw new RangeError(`not a YYYY-MM-DD date: ${JSON.stringify(date)}`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // date-fns reads local fields: a local noon of that calendar date keeps the week on that date.
  const local = new Date(2000, 0, 1, 12);
  local.setFullYear(y, mo - 1, d);
  if (local.getFullYear() !== y || local.getMonth() !== mo - 1 || local.getDate() !== d) throw new RangeError(`not an existing date: ${date}`);
  return `${String(getISOWeekYear(local)).padStart(4, "0")}-W${String(getISOWeek(local)).padStart(2, "0")}`;
}

/**
 * The folder every file of an audit's bundle sits in: `tmp/by-week/{YYYY-Www}/{slug}/`.
 * @param audit the audit's slug and date (`YYYY-MM-DD`).
 * @throws RangeError for a bad date, or a slug that is empty or contains `/`, `\` or `..`.
 */
export function bundleRoot(audit: { slug: string; auditDate: string }): string {
  if (audit.slug === "" || /[\\/]|\.\./.test(audit.slug)) throw new RangeError(`unsafe audit slug for a path: ${JSON.stringify(audit.slug)}`);
  return `tmp/by-week/${isoWeekFolder(audit.auditDate)}/${audit.slug}/`;
}

/** The bundle's files relative to `bundleRoot`, in the fixed order they are written to the zip. */
export const BUNDLE_FILES = [
  "post-production-audit-summary.md",
  "sample_manifest.csv",
  "sample_verdicts.csv",
  "summary_metrics.json",
  "adversarial.md",
  "conflict.md",
  "evidence/population_import.json",
  "evidence/review_evidence.json",
  "evidence/audit_events.json",
  "decision_replay_packet.json",
  "capability_check.json",
  "closure_gate_status.json",
] as const;
export type BundleFile = (typeof BUNDLE_FILES)[number];

/** JSON Schema file (under public/schemas/) of each JSON artifact. */
export const SCHEMA_FILES: Partial<Record<BundleFile, string>> = {
  "summary_metrics.json": "summary-metrics.schema.json",
  "evidence/population_import.json": "evidence_population_import.schema.json",
  "evidence/review_evidence.json": "evidence_review_evidence.schema.json",
  "evidence/audit_events.json": "evidence_audit_events.schema.json",
  "decision_replay_packet.json": "decision_replay_packet.schema.json",
  "capability_check.json": "capability_check.schema.json",
  "closure_gate_status.json": "closure_gate_status.schema.json",
};
