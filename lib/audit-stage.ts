/**
 * Where an audit stands (issue 11 "Across audits"): the audit list shows and filters by it
 * instead of INCONCLUSIVE/BLOCKED for every unfinished audit. Pure.
 */
import { z } from "zod";
import { stabilityPasses } from "./assessment";
import { firstValue, type SearchParamValue } from "./pagination";

/** The stages in the order an audit passes them. */
export const STAGES = ["preflight", "import", "sample", "review", "verdict"] as const;
export type StageName = (typeof STAGES)[number];

/** A stage; `review` carries its progress (units with a settled finding of the sampled units). */
export type Stage = { name: Exclude<StageName, "review"> } | { name: "review"; reviewed: number; sampled: number };

/** Labels for the list and its filter. */
export const STAGE_LABELS: Record<StageName, string> = {
  preflight: "Waiting for pre-flight",
  import: "Waiting for import",
  sample: "Waiting for sample",
  review: "In review",
  verdict: "Verdict",
};

/** What auditStage reads: a subset of db/queries/report.ts AuditReport (which satisfies it). */
export type StageInput = {
  audit: { consistencyModel: string; sotExpectedResult: string; stabilityActualResult: string | null };
  populationImport: object | null;
  sample: object | null;
  /** `reviewed` counts settled findings only (open double-review disagreements are not reviewed). */
  summary: { reviewed: number; sampled: number } | null;
  openDisagreements: number;
};

/**
 * The stage of an audit, first unmet step first, in the order of lib/assessment.ts auditBlockers:
 * - an eventual-consistency audit is at `verdict`: it is blocked for good (seed 000
 *   "Applicability"), nothing an operator does moves it on;
 * - `preflight` while the identity stability test has no passing result (not run, or failed:
 *   the audit is halted until a passing result; seed 000 "Entity Identity Stability Check");
 * - `import` without a population, `sample` without a drawn sample;
 * - `review` while some sampled unit has no settled finding (issue 11: an open double-review
 *   disagreement is not settled), with `reviewed` of `sampled`;
 * - `verdict` when every sampled unit is settled.
 */
export function auditStage(report: StageInput): Stage {
  const { audit, populationImport, sample, summary } = report;
  if (audit.consistencyModel === "eventual") return { name: "verdict" };
  if (!stabilityPasses(audit.sotExpectedResult, audit.stabilityActualResult)) return { name: "preflight" };
  if (!populationImport) return { name: "import" };
  if (!sample || !summary) return { name: "sample" };
  if (summary.reviewed < summary.sampled || report.openDisagreements > 0) return { name: "review", reviewed: summary.reviewed, sampled: summary.sampled };
  return { name: "verdict" };
}

/** Short text for a stage: "In review (3 of 20)". */
export function stageLabel(stage: Stage): string {
  return stage.name === "review" ? `${STAGE_LABELS.review} (${stage.reviewed} of ${stage.sampled})` : STAGE_LABELS[stage.name];
}

/**
 * The `?stage=` filter of the audit list: one of STAGES, or undefined (no filter) for anything
 * else (absent, empty, unknown; the first of repeated values counts). Never fails, like
 * lib/pagination.ts pageParamSchema.
 */
export const stageParamSchema = z.preprocess(firstValue, z.enum(STAGES).optional().catch(undefined));

/** Parses the `?stage=` search param (see stageParamSchema). */
export function parseStageParam(value: SearchParamValue): StageName | undefined {
  return stageParamSchema.parse(value);
}

/** The `?archived=` flag of the audit list: "1" shows archived audits too; anything else hides them. */
export function parseArchivedParam(value: SearchParamValue): boolean {
  return firstValue(value) === "1";
}
