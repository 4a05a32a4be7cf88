import { Document } from "yaml";
import type { AuditorOutput, CalibratorOutput } from "./types";

const auditorEntry = (o: AuditorOutput) => ({
  role: o.audit_role,
  model: { family: o.model.family, name: o.model.name },
  prompt_used: o.prompt_used,
  findings_by_category: { ...o.findings_by_category },
});

/**
 * The `external_audit` block to paste into the charter telemetry at finalize (seed 002 PR 2
 * "FINALIZE ... prints a YAML-formatted external_audit array block ready to paste into the
 * Charter telemetry"; issue 12 step 6), rendered with the `yaml` library.
 *
 * Shape: `external_audit:` is a list of three entries: auditor-primary and auditor-secondary
 * (role, model family/name, prompt_used, findings_by_category), then the calibrator (role, model,
 * prompt_used, findings_by_status, summary = the reconciliation summary, charter_id, finalized_at
 * as an ISO 8601 UTC timestamp, and same_family_override: { reason } when an operator accepted
 * two auditors of one family). A leading comment names the audit. Multi-line text comes out as
 * YAML block scalars; anything YAML would misread (a leading "-", ": ", "#") is quoted by the
 * library.
 * @param input the audit slug, the three valid outputs, the override (if any) and when the cycle was finalized.
 * @returns the YAML text, ending with a newline.
 */
export function externalAuditYaml(input: {
  slug: string;
  primary: AuditorOutput;
  secondary: AuditorOutput;
  calibrator: CalibratorOutput;
  override?: { reason: string } | null;
  finalizedAt: Date;
}): string {
  const { calibrator: cal } = input;
  const doc = new Document({
    external_audit: [
      auditorEntry(input.primary),
      auditorEntry(input.secondary),
      {
        role: cal.audit_role,
        model: { family: cal.model.family, name: cal.model.name },
        prompt_used: cal.prompt_used,
        findings_by_status: { ...cal.findings_by_status },
        summary: cal.summary,
        charter_id: input.slug,
        finalized_at: input.finalizedAt.toISOString(),
        ...(input.override ? { same_family_override: { reason: input.override.reason } } : {}),
      },
    ],
  });
  doc.commentBefore = ` external_audit of ${input.slug} (Countersign, schema audit-output v0)`;
  return doc.toString();
}
