/**
 * Shared vocabulary of the external-audit cycle (seed 002 "audit prompt templates + output
 * schema", issue 12 "Dual AI auditors and a calibrator"): roles, categories, statuses, the shape
 * of the outputs the operator pastes back, and the prompt placeholders. Each list is declared
 * once `as const`; the JSON Schema in public/schemas/audit-output.schema.v0.json uses the same
 * values.
 */

/** The two auditors: two models of different families review the same material (seed 002). */
export const AUDITOR_ROLES = ["auditor-primary", "auditor-secondary"] as const;
export type AuditorRole = (typeof AUDITOR_ROLES)[number];

/** Roles that paste an output; `audit_role` of the output JSON, the schema's discriminator. */
export const OUTPUT_ROLES = [...AUDITOR_ROLES, "calibrator"] as const;
export type OutputRole = (typeof OUTPUT_ROLES)[number];

/** Roles of the prompt templates; the calibrator's template is the calibrator-reconciler. */
export const TEMPLATE_ROLES = [...AUDITOR_ROLES, "calibrator-reconciler"] as const;
export type TemplateRole = (typeof TEMPLATE_ROLES)[number];

/**
 * Finding categories, in this order wherever a matrix is indexed by category (CATEGORY order).
 * Seed 002: the same vocabulary as `external_audit` in the charter telemetry.
 */
export const CATEGORIES = ["hallucination", "implementation_gap", "real_debt", "false_positive"] as const;
export type Category = (typeof CATEGORIES)[number];

export const SEVERITIES = ["critical", "high", "medium", "low", "info"] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Status the calibrator gives each reconciled finding (seed 002, issue 12 step 5). */
export const RECONCILED_STATUSES = ["agreed", "disputed", "unique_primary", "unique_secondary", "rejected"] as const;
export type ReconciledStatus = (typeof RECONCILED_STATUSES)[number];

/** The 12 placeholders a template may use (seed 002 PR 2, issue 12 "Prompts"). */
export const PLACEHOLDERS = [
  "charter_id",
  "charter_title",
  "charter_path",
  "charter_content",
  "git_range",
  "git_diff",
  "ailog_paths",
  "ailog_contents",
  "audit_role",
  "schema_path",
  "auditor_primary_findings",
  "auditor_secondary_findings",
] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

/** Where the schema is published (served from public/), the usual value of {{schema_path}}. */
export const SCHEMA_PATH = "/schemas/audit-output.schema.v0.json";
export const SCHEMA_VERSION = "v0";

export type Model = { family: string; name: string };

/** One auditor finding. `id` is unique within its output. */
export type Finding = {
  id: string;
  category: Category;
  severity: Severity;
  title: string;
  evidence: string;
  location: string;
};

/** An auditor's answer (audit_role auditor-primary or auditor-secondary). */
export type AuditorOutput = {
  audit_role: AuditorRole;
  schema_version: typeof SCHEMA_VERSION;
  charter_id: string;
  model: Model;
  prompt_used: string;
  summary: string;
  findings: Finding[];
  findings_by_category: Record<Category, number>;
};

/** One finding of the calibrator: its status and the auditor finding ids it stands for. */
export type ReconciledFinding = {
  id: string;
  status: ReconciledStatus;
  category: Category;
  severity: Severity;
  title: string;
  rationale: string;
  covers: Record<AuditorRole, string[]>;
};

/** The calibrator's answer (audit_role calibrator); `summary` is the reconciliation summary. */
export type CalibratorOutput = {
  audit_role: "calibrator";
  schema_version: typeof SCHEMA_VERSION;
  charter_id: string;
  model: Model;
  prompt_used: string;
  summary: string;
  auditors_reconciled: { audit_role: AuditorRole; model: Model }[];
  reconciled_findings: ReconciledFinding[];
  findings_by_status: Record<ReconciledStatus, number>;
};

/**
 * A problem with a pasted output. `path` is a JSON pointer into the document ("" for the whole
 * document, e.g. "/findings_by_category/real_debt"); `message` is a complete plain-words
 * sentence that starts with that path, so a list of messages can be shown as is.
 */
export type DocumentError = { path: string; message: string };
