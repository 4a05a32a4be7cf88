/**
 * post-production-audit-summary.md (seed 000 "Output Artifacts": "Executive summary with verdict
 * and remediation requirements"; "For FAIL verdicts, include remediation_due_at SLA and assigned
 * remediation_owner").
 */
import { criticalKindLabel } from "../review-input";
import { TIER_POLICY } from "../tiers";
import type { BundleInput } from "./input";
import { mdTable, mdText, percent } from "./markdown";

const GATE_MEANING: Record<string, string> = {
  OPEN: "Closeout allowed.",
  CONDITIONAL_PASS: "Closeout allowed with a valid approver signature on the current verdict snapshot.",
  BLOCKED: "Closeout prohibited: remediation and re-audit (FAIL) or re-run / escalation (INCONCLUSIVE) required.",
  EXCEPTION: "Break-glass exception granted by two countersigners; a retrospective security audit is due.",
};

/**
 * Builds the executive summary: audit identity, verdict, gate in force, the verdict's reasons,
 * key figures, and the remediation requirements. Every unit reviewed FAIL is listed with its
 * remediation owner and `remediation_due_at` (UTC); for a FAIL verdict a missing owner or due date
 * is written as `MISSING (required)`. Also states whether closeout is possible and why not.
 * @param input the bundle input (lib/artifacts/input.ts).
 * @returns Markdown text ending in a newline. Deterministic; no time of export is written.
 */
export function buildSummaryMarkdown(input: BundleInput): string {
  const { audit, assessment, gateState, summary, signOff } = input;
  const failed = input.units.filter((u) => u.finding === "FAIL");
  const isFail = assessment.verdict === "FAIL";
  const missing = (v: string | null) => (v === null || v.trim() === "" ? (isFail ? "MISSING (required)" : "not set") : mdText(v));
  const out: string[] = [];
  out.push(`# Post-production audit summary: ${mdText(audit.title)}\n`);
  out.push(
    mdTable(
      ["Field", "Value"],
      [
        ["Audit", `\`${audit.slug}\``],
        ["Project", mdText(audit.projectName)],
        ["Audit date", audit.auditDate],
        ["Risk tier", `${audit.riskTier} (${TIER_POLICY[audit.riskTier].label})`],
        ["Verdict", `**${assessment.verdict}**`],
        ["Gate state", `**${gateState}**`],
        ["Closed", audit.closedAt ? `${audit.closedAt} by ${mdText(audit.closedBy)}` : "no"],
      ],
    ),
  );
  out.push(`\n${mdText(audit.changeDescription)}\n`);
  out.push(`\n## Verdict: ${assessment.verdict}\n\nGate ${gateState}: ${GATE_MEANING[gateState]}\n\nReasons:\n\n`);
  out.push(assessment.reasons.map((r) => `- \`${r.code}\`: ${mdText(r.message)}\n`).join(""));
  out.push("\n## Figures\n\n");
  out.push(
    mdTable(
      ["Figure", "Value"],
      [
        ["Population units", String(input.sample?.populationSize ?? input.populationImport?.rowCount ?? 0)],
        ["Sampled units", String(summary?.sampled ?? 0)],
        ["Reviewed units", String(summary?.reviewed ?? 0)],
        ["Census stratum (FAILED/UNKNOWN)", String(summary?.census.size ?? 0)],
        ["Random stratum", String(summary?.random.size ?? 0)],
        ["Supplementary units", String(summary?.supplementary.size ?? 0)],
        ["Critical defects", String(summary?.criticalDefects ?? 0)],
        ["Estimated defect rate", percent(assessment.defectRate)],
        ["Estimated unknown rate", percent(assessment.unknownRate)],
        ["Upper 95% bound on defect rate", percent(input.upperBound)],
      ],
    ),
  );
  out.push("\n## Remediation requirements\n\n");
  if (failed.length === 0) {
    out.push("No sampled unit was reviewed FAIL: no remediation is required.\n");
  } else {
    out.push(
      isFail
        ? `Verdict FAIL: every failed unit below needs its assigned remediation_owner to fix it by remediation_due_at, then a re-audit.\n\n`
        : `${failed.length} sampled unit${failed.length === 1 ? " was" : "s were"} reviewed FAIL; each needs remediation by its owner.\n\n`,
    );
    out.push(
      mdTable(
        ["Unit", "Critical defect", "remediation_owner", "remediation_due_at", "Destructive"],
        failed.map((u) => [`\`${mdText(u.unitKey)}\``, u.criticalKind ? mdText(criticalKindLabel(u.criticalKind)) : "no", missing(u.remediationOwner), missing(u.remediationDueAt), u.remediationDestructive ? "yes" : "no"]),
      ),
    );
    if (signOff.destructive.required) {
      out.push(`\nDestructive remediation clearance: ${signOff.destructive.cleared ? "cleared (waiver or two-person approval)" : "NOT cleared: a verified waiver or two-person approval is required before closeout"}.\n`);
    }
  }
  out.push("\n## Closeout\n\n");
  out.push(
    signOff.closeoutRefusals.length === 0
      ? audit.closedAt
        ? "The audit is closed.\n"
        : "Closeout is allowed.\n"
      : signOff.closeoutRefusals.map((r) => `- \`${r.code}\`: ${mdText(r.message)}\n`).join(""),
  );
  return out.join("");
}
