/**
 * The audit artifact bundle (seed 000 "Output Artifacts": "10 required outputs in
 * tmp/by-week/YYYY-Www/{audit-slug}/"), as files and as one reproducible zip.
 */
import { ZipFile } from "yazl";
import { buildAdversarialMarkdown } from "./adversarial";
import { buildCapabilityCheckJson } from "./capability";
import { buildConflictMarkdown } from "./conflict";
import { buildAuditEventsEvidence, buildPopulationImportEvidence, buildReviewEvidence } from "./evidence";
import { buildClosureGateStatusJson } from "./gate-status";
import type { BundleInput } from "./input";
import { buildSummaryMetricsJson } from "./metrics";
import { BUNDLE_FILES, type BundleFile, bundleRoot } from "./paths";
import { buildDecisionReplayPacketJson } from "./replay-packet";
import { buildSampleManifestCsv, buildSampleVerdictsCsv } from "./sample-csv";
import { buildSummaryMarkdown } from "./summary";

export type BundleEntry = { path: string; content: string };

const BUILDERS: Record<BundleFile, (input: BundleInput) => string> = {
  "post-production-audit-summary.md": buildSummaryMarkdown,
  "sample_manifest.csv": buildSampleManifestCsv,
  "sample_verdicts.csv": buildSampleVerdictsCsv,
  "summary_metrics.json": buildSummaryMetricsJson,
  "adversarial.md": buildAdversarialMarkdown,
  "conflict.md": buildConflictMarkdown,
  "evidence/population_import.json": buildPopulationImportEvidence,
  "evidence/review_evidence.json": buildReviewEvidence,
  "evidence/audit_events.json": buildAuditEventsEvidence,
  "decision_replay_packet.json": buildDecisionReplayPacketJson,
  "capability_check.json": buildCapabilityCheckJson,
  "closure_gate_status.json": buildClosureGateStatusJson,
};

/**
 * Every file of the bundle with its full path `tmp/by-week/YYYY-Www/{slug}/…` (ISO week of the
 * audit date, lib/artifacts/paths.ts) and its UTF-8 text, in the fixed BUNDLE_FILES order.
 * @throws RangeError for an audit date or slug that cannot make a safe path.
 */
export function buildBundleFiles(input: BundleInput): BundleEntry[] {
  const root = bundleRoot(input.audit);
  return BUNDLE_FILES.map((file) => ({ path: root + file, content: BUILDERS[file](input) }));
}

/**
 * The fixed modification time of every zip entry: 00:00 of the audit date. Zip (DOS) timestamps
 * have no time zone and yazl writes them from local fields, so the Date is local midnight of that
 * calendar date: the bytes are the same whatever the server's zone.
 * @param auditDate `YYYY-MM-DD`.
 */
export function bundleMtime(auditDate: string): Date {
  const [y, m, d] = auditDate.split("-").map(Number);
  const local = new Date(2000, 0, 1, 0, 0, 0, 0);
  local.setFullYear(y, m - 1, d);
  return local;
}

/**
 * Zips bundle entries reproducibly with yazl: entries in the given order, each with the same
 * `mtime`, mode 0644, deflate, DOS timestamps only (no extended-timestamp field, which would carry
 * the zone-dependent UTC instant). The same entries and mtime give the same bytes.
 * @returns the zip file's bytes.
 */
export function zipEntries(entries: readonly BundleEntry[], mtime: Date): Promise<Buffer> {
  const zip = new ZipFile();
  for (const e of entries) zip.addBuffer(Buffer.from(e.content, "utf8"), e.path, { mtime, mode: 0o100644, compress: true, forceDosTimestamp: true });
  zip.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on("data", (c: Buffer) => chunks.push(c));
    zip.outputStream.on("error", reject);
    zip.outputStream.on("end", () => resolve(Buffer.concat(chunks)));
  });
}

/**
 * The audit's artifact bundle as zip bytes: `buildBundleFiles` zipped by `zipEntries` with
 * `bundleMtime(audit date)`. Two calls on equal inputs give byte-identical zips.
 */
export function buildBundleZip(input: BundleInput): Promise<Buffer> {
  return zipEntries(buildBundleFiles(input), bundleMtime(input.audit.auditDate));
}
