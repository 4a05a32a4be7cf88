/**
 * Markdown renderers of the three profiles' documents (issue 13): the production readiness report
 * (seed 001 Phase 9, `prod-audit-YYYY-MM-DD.md`), the ADR audit report (seed 003 "Combined Report
 * Format", `ADR-NN.A_audit_report_vNNN.md`) and the expansion approval document (seed 004 §7.1
 * approval_format and IMPROVEMENT 2 required_sections, `{PERCENTAGE}_EXPANSION_APPROVAL.md`).
 * Pure: every value comes from the input, timestamps are rendered in UTC (ISO 8601).
 */
import type { AdrConfig, Lens } from "./config";
import { ADR_LENSES, DEFAULT_ADR_CONFIG } from "./config";
import type { ClaimComparison, CombinedStatus, Coverage, LensFinding, StructuralFinding } from "./adr";
import type { Finding } from "./findings";
import { PHASES, launchGate, remediationPlan, type LaunchContext, type LaunchVerdict, type SignOffRefusal, type Strictness } from "./launch-readiness";
import type { ExpansionDecision, Vote } from "./rollout";

/**
 * A table cell: pipes escaped (seed 003 "Table-pipe escape (MD056)": `\|`, also inside code
 * spans), line breaks flattened to spaces, empty values shown as "—".
 */
export function cell(value: string | number | null | undefined): string {
  if (value == null || value === "") return "—";
  return String(value).replace(/\r?\n/g, " ").replace(/\|/g, "\\|");
}

/** A Markdown table; every cell goes through `cell`. */
export function table(headers: readonly string[], rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  const line = (cells: readonly (string | number | null | undefined)[]) => `| ${cells.map(cell).join(" | ")} |`;
  return [line(headers), `|${headers.map(() => "---").join("|")}|`, ...rows.map(line)].join("\n");
}

const utc = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, "Z");
const label = (s: string) => s.replace(/_/g, " ");

// ---------------------------------------------------------------- production readiness

/** A signature on a checklist audit as the report lists it; `status` against the current snapshot hash. */
export type ReportSignOff = { id: number; signerName: string; signedAt: Date; statement: string; status: "valid" | "stale" | "revoked"; revokeReason: string | null };

export type LaunchReportInput = {
  title: string;
  /** The audit's slug and project, and the UTC instant it was created. */
  slug: string;
  projectName: string;
  createdAt: Date;
  generatedAt: Date;
  /** SHA-256 of the verdict snapshot approvers sign now (lib/profiles/profile-signoff.ts). */
  snapshotHash: string;
  /** Every signature, oldest first (revoked ones included). */
  signOffs: readonly ReportSignOff[];
  context: LaunchContext;
  strictness: Strictness;
  verdict: LaunchVerdict;
  findings: readonly Finding[];
  refusals: readonly SignOffRefusal[];
};

/**
 * Production readiness report (seed 001 Phase 9: verdict, categorised findings per phase,
 * prioritised remediation plan with approach and effort). Sections: Launch Context, Verdict,
 * Findings by Phase, Remediation Plan, Acceptable Risks, Sign-off Blockers, Sign-off (the snapshot
 * hash and every signature with its status: valid on this snapshot, stale, or revoked).
 */
export function renderLaunchReport(input: LaunchReportInput): string {
  const { context: c } = input;
  const plan = remediationPlan(input.findings);
  const out: string[] = [
    `# Production Readiness Audit: ${input.title}`,
    "",
    `Audit \`${input.slug}\` · project ${input.projectName} · created ${utc(input.createdAt)} · generated ${utc(input.generatedAt)}`,
    "",
    "## Launch Context",
    "",
    table(["Question", "Answer"], [
      ["Launch kind", c.kind],
      ["Real user data", c.realUserData ? "yes" : "no"],
      ["Payments", c.payments ? "yes" : "no"],
      ["Acceptable failure mode", label(c.acceptableFailureMode)],
      ["Expected traffic (monthly active users)", c.expectedTraffic.toLocaleString("en-US")],
      ["Audit strictness", input.strictness],
    ]),
    "",
    "**Stop-ship criteria:**",
    "",
    ...(c.stopShipCriteria.length ? c.stopShipCriteria.map((s) => `- ${s}`) : ["- none stated"]),
    "",
    "## Verdict",
    "",
    `**${label(input.verdict)}**, gate \`${launchGate(input.verdict)}\`.`,
    "",
    table(["Category", "Standing findings"], (["STOP_SHIP", "FIX_SOON", "ACCEPTABLE_RISK"] as const).map((cat) => [label(cat), input.findings.filter((f) => f.status !== "RESOLVED" && f.category === cat).length])),
    "",
    "## Findings by Phase",
    "",
  ];
  for (const phase of PHASES) {
    const fs = input.findings.filter((f) => f.section === phase.id);
    if (!fs.length) continue;
    out.push(`### ${phase.number}. ${phase.title}`, "", table(["Title", "Severity", "Category", "Status", "Location", "Owner", "Due", "Evidence"], fs.map((f) => [f.title, f.severity, f.category && label(f.category), f.status, f.location, f.owner, f.dueDate, f.evidence])), "");
  }
  const other = input.findings.filter((f) => !PHASES.some((p) => p.id === f.section));
  if (other.length) out.push("### Other", "", table(["Section", "Title", "Severity", "Category", "Status"], other.map((f) => [f.section, f.title, f.severity, f.category && label(f.category), f.status])), "");
  if (!input.findings.length) out.push("No findings.", "");
  out.push("## Remediation Plan", "");
  if (plan.items.length) {
    out.push(table(["#", "Issue", "Category", "Severity", "Due", "Owner", "Approach", "Effort (person-days)"], plan.items.map((i) => [i.rank, i.title, label(i.category), i.severity, i.dueDate, i.owner, i.approach, i.effortDays])), "");
    out.push(`Total estimated effort: ${plan.totalEffortDays} person-days${plan.itemsWithoutEstimate ? ` (${plan.itemsWithoutEstimate} item${plan.itemsWithoutEstimate > 1 ? "s" : ""} without an estimate)` : ""}.`, "");
  } else out.push("Nothing to remediate.", "");
  const risks = input.findings.filter((f) => f.status !== "RESOLVED" && f.category === "ACCEPTABLE_RISK");
  out.push("## Acceptable Risks", "", risks.length ? table(["Risk", "Workaround / evidence", "Owner"], risks.map((f) => [f.title, f.approach ?? f.evidence, f.owner])) : "None.", "");
  out.push("## Sign-off Blockers", "", input.refusals.length ? input.refusals.map((r) => `- ${r.message}`).join("\n") : "None: ready for sign-off.", "");
  const valid = input.signOffs.filter((x) => x.status === "valid").length;
  out.push("## Sign-off", "", `Snapshot SHA-256 \`${input.snapshotHash}\`: ${valid ? `signed by ${valid} approver${valid > 1 ? "s" : ""}` : "not signed"}.`, "");
  if (input.signOffs.length) {
    out.push(table(["#", "Signer", "Signed (UTC)", "Status", "Statement"], input.signOffs.map((x) => [x.id, x.signerName, utc(x.signedAt), x.status === "revoked" ? `revoked: ${x.revokeReason ?? ""}` : x.status === "stale" ? "stale (signed an earlier snapshot)" : "valid", x.statement])), "");
  }
  return out.join("\n");
}

// ---------------------------------------------------------------- ADR audit report

export type AdrReportInput = {
  adrId: string;
  version: number;
  generatedAt: Date;
  status: CombinedStatus;
  statusReasons: readonly string[];
  structuralStatus: "PASS" | "FAIL";
  contentScore: number | null;
  threshold: number;
  lensScores: Partial<Record<Lens, number>>;
  coverage: Coverage;
  structuralFindings: readonly StructuralFinding[];
  lensFindings: readonly LensFinding[];
  claims: readonly ClaimComparison[];
  /** Earlier report files this one supersedes (kept in history). */
  supersedes: readonly string[];
  config?: AdrConfig;
};

const score = (n: number | null) => (n == null ? "n/a" : `${Math.round(n * 10) / 10}/100`);

/**
 * ADR audit report with the seed 003 "Combined Report Format" sections: Summary (ID, timestamp,
 * overall status, structural status, content score, coverage) · Score Calculation (lens weights ×
 * scores, threshold compare) · Self-Claimed Scores · Metadata Findings · Structural Findings ·
 * Content Findings · Diagram Contract Findings · Fix Queue (auto_fixable / manual_required /
 * blocked; structural findings by fix class, standing content findings manual_required or blocked) · Recommended Next Step · Cleanup Summary.
 */
export function renderAdrReport(input: AdrReportInput): string {
  const config = input.config ?? DEFAULT_ADR_CONFIG;
  const metadata = input.structuralFindings.filter((f) => f.code.startsWith("VALID-"));
  const structural = input.structuralFindings.filter((f) => !f.code.startsWith("VALID-") && !f.code.startsWith("DIAGRAM-"));
  const diagram = input.structuralFindings.filter((f) => f.code.startsWith("DIAGRAM-"));
  const structRows = (fs: readonly StructuralFinding[]) => fs.map((f) => [f.code, f.severity, f.line, f.section, f.message]);
  const out: string[] = [
    `# ${input.adrId} Audit Report v${String(input.version).padStart(3, "0")}`,
    "",
    "## Summary",
    "",
    table(["Field", "Value"], [
      ["ADR", input.adrId],
      ["Timestamp (UTC)", utc(input.generatedAt)],
      ["Combined status", label(input.status)],
      ["Structural status", input.structuralStatus],
      ["Content score", score(input.contentScore)],
      ["Coverage quorum", input.coverage.quorumMet ? "met" : "low_confidence"],
      ["Returned lens weight", `${input.coverage.returnedWeight}%`],
    ]),
    "",
    ...(input.statusReasons.length ? [...input.statusReasons.map((r) => `- ${r}`), ""] : []),
    "## Score Calculation",
    "",
    table(["Lens", "Weight", "Score", "Weighted"], ADR_LENSES.map((l) => {
      const s = input.lensScores[l];
      return [label(l), `${config.lensWeights[l]}%`, s ?? "did not return", s == null ? null : Math.round(config.lensWeights[l] * s) / 100];
    })),
    "",
    `Content score = Σ weight × score / Σ returned weight = ${score(input.contentScore)}; threshold ${input.threshold}: ${input.contentScore == null ? "not computed" : input.contentScore >= input.threshold ? "met" : "not met"}.`,
    ...(input.coverage.missingLenses.length ? ["", `Lenses that did not return: ${input.coverage.missingLenses.map(label).join(", ")}.`] : []),
    "",
    "## Self-Claimed Scores",
    "",
    input.claims.length
      ? table(["Field", "Where", "Claimed", "Computed", "Flag"], input.claims.map((c) => [c.field, `${c.location} line ${c.line}`, c.value, score(c.computed), c.differs ? "DIFFERS" : "matches"]))
      : "None claimed.",
    "",
    "## Metadata Findings",
    "",
    metadata.length ? table(["Code", "Severity", "Line", "Section", "Finding"], structRows(metadata)) : "None.",
    "",
    "## Structural Findings",
    "",
    structural.length ? table(["Code", "Severity", "Line", "Section", "Finding"], structRows(structural)) : "None.",
    "",
    "## Content Findings",
    "",
    input.lensFindings.length
      ? table(["Lens", "Check", "Title", "Severity", "Blocking", "Status", "Location"], input.lensFindings.map((f) => [label(f.lens), f.check, f.title, f.severity, f.blocking ? "yes" : "no", f.status, f.location]))
      : "None.",
    "",
    "## Diagram Contract Findings",
    "",
    diagram.length ? table(["Code", "Severity", "Line", "Section", "Finding"], structRows(diagram)) : "None.",
    "",
    "## Fix Queue",
    "",
  ];
  // Seed 003 "Hand-off to doc-adr-fixer": every finding goes to the queue, structural ones by
  // their fix class, standing content (lens) findings as manual_required, or blocked when blocking.
  const content = input.lensFindings.filter((f) => f.status !== "RESOLVED");
  for (const fix of ["auto_fixable", "manual_required", "blocked"] as const) {
    const items = [
      ...input.structuralFindings.filter((f) => f.fix === fix).map((f) => `- structural ${f.code}: ${f.message}`),
      ...content.filter((f) => (f.blocking ? "blocked" : "manual_required") === fix).map((f) => `- content ${label(f.lens)} ${f.check}: ${f.title} (${f.severity}${f.location ? `, ${f.location}` : ""})`),
    ];
    out.push(`### ${fix}`, "", items.length ? items.join("\n") : "None.", "");
  }
  const next =
    input.status === "PASS" ? "Proceed to SPEC generation." : input.status === "LOW_CONFIDENCE" ? "Human review: too few lenses returned to trust the content score." : "Run the fix cycle on the fix queue, then audit again.";
  out.push("## Recommended Next Step", "", next, "", "## Cleanup Summary", "");
  out.push(input.supersedes.length ? `Supersedes (kept in history): ${input.supersedes.join(", ")}.` : "First report for this ADR.", "");
  return out.join("\n");
}

// ---------------------------------------------------------------- expansion approval

export type ApprovalInput = {
  targetPercentage: number;
  decision: ExpansionDecision;
  votes: readonly Vote[];
  /** Role id → label, in the configured order. */
  roles: readonly { role: string; label: string }[];
  rationale: string;
  metricsSummary: string;
  securityStatus: string;
  riskAssessment: string;
  conditions: readonly string[];
  timestamp: Date;
};

/**
 * Expansion approval document (seed 004 §7.1 approval_format and IMPROVEMENT 2 required_sections):
 * Decision, Rationale, Metrics Summary, Security Status, Risk Assessment, Signatures (every
 * configured role, its vote and rationale; unsigned roles shown as pending), Dissent, Timestamp,
 * Conditions.
 */
export function renderExpansionApproval(input: ApprovalInput): string {
  const byRole = new Map(input.votes.map((v) => [v.role, v]));
  const decision = input.decision.decision === "NO_GO" ? "NO-GO" : input.decision.decision;
  return [
    `# ${input.targetPercentage}% Expansion Approval`,
    "",
    "## Decision",
    "",
    `**${decision}** (${input.decision.goVotes} GO, ${input.decision.noGoVotes} NO-GO${input.decision.missingRoles.length ? `, ${input.decision.missingRoles.length} pending` : ""})`,
    "",
    "## Rationale",
    "",
    input.rationale.trim() || "—",
    "",
    "## Metrics Summary",
    "",
    input.metricsSummary.trim() || "—",
    "",
    "## Security Status",
    "",
    input.securityStatus.trim() || "—",
    "",
    "## Risk Assessment",
    "",
    input.riskAssessment.trim() || "—",
    "",
    "## Signatures",
    "",
    table(["Role", "Approver", "Vote", "Rationale", "Signed (UTC)"], input.roles.map((r) => {
      const v = byRole.get(r.role);
      return v ? [r.label, v.approver, v.vote === "NO_GO" ? "NO-GO" : "GO", v.rationale, v.signedAt ? utc(v.signedAt) : null] : [r.label, null, "pending", null, null];
    })),
    "",
    "## Dissent",
    "",
    input.decision.dissent.length ? input.decision.dissent.map((v) => `- ${v.approver} (${v.role}): ${v.vote === "NO_GO" ? "NO-GO" : "GO"}, ${v.rationale}`).join("\n") : "None.",
    "",
    "## Timestamp",
    "",
    utc(input.timestamp),
    "",
    "## Conditions",
    "",
    input.conditions.length ? input.conditions.map((c) => `- ${c}`).join("\n") : "None.",
    "",
  ].join("\n");
}
