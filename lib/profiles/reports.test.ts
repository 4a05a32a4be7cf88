import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { combinedStatus, compareClaims, contentScore, coverage, lensFindingSchema, runStructuralChecks, stripSelfClaimedScores } from "./adr";
import { DEFAULT_ROLLOUT_CONFIG } from "./config";
import { importFindingsCsv } from "./findings";
import { launchVerdict, prefillCategory, signOffRefusals, standingCategorised } from "./launch-readiness";
import { cell, renderAdrReport, renderExpansionApproval, renderLaunchReport, table } from "./reports";
import { expansionDecision, type Vote } from "./rollout";

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, "fixtures", name), "utf8");
const headings = (md: string) => md.split("\n").filter((l) => l.startsWith("## ")).map((l) => l.slice(3));

describe("table cells (seed 003 MD056 pipe escape)", () => {
  it("escapes pipes, flattens newlines, shows empty as a dash", () => {
    expect(cell("`docker compose ps | grep 'Up'`")).toBe("`docker compose ps \\| grep 'Up'`");
    expect(cell("a\nb")).toBe("a b");
    expect(cell(null)).toBe("—");
    expect(table(["A", "B"], [["x|y", 1]])).toBe("| A | B |\n|---|---|\n| x\\|y | 1 |");
  });
});

describe("renderLaunchReport", () => {
  it("renders an imported audit end to end: pre-filled categories, verdict, plan, blockers", () => {
    const imported = importFindingsCsv(fixture("findings-valid.csv"));
    if (!imported.ok) throw new Error("fixture must import");
    const findings = imported.findings.map((f) => ({ ...f, category: prefillCategory(f) }));
    expect(findings.map((f) => f.category)).toEqual(["STOP_SHIP", "FIX_SOON", "ACCEPTABLE_RISK"]);
    const verdict = launchVerdict(standingCategorised(findings));
    expect(verdict).toBe("NOT_READY");
    const md = renderLaunchReport({
      title: "Checkout v2",
      slug: "shop-launch-2026-11-30",
      projectName: "shop",
      createdAt: new Date("2026-11-29T08:00:00Z"),
      generatedAt: new Date("2026-11-30T10:00:00Z"),
      snapshotHash: "a".repeat(64),
      signOffs: [
        { id: 1, signerName: "Ann", signedAt: new Date("2026-11-29T09:00:00Z"), statement: "Fine before the webhook finding", status: "stale", revokeReason: null },
        { id: 2, signerName: "Bo", signedAt: new Date("2026-11-29T09:30:00Z"), statement: "Wrong audit", status: "revoked", revokeReason: "signed the wrong audit" },
      ],
      context: { kind: "paid", realUserData: true, payments: true, acceptableFailureMode: "DOWNTIME", expectedTraffic: 5000, stopShipCriteria: ["Any payment double-charge"] },
      strictness: "HIGH",
      verdict,
      findings,
      refusals: signOffRefusals(findings),
    });
    expect(headings(md)).toEqual(["Launch Context", "Verdict", "Findings by Phase", "Remediation Plan", "Acceptable Risks", "Sign-off Blockers", "Sign-off"]);
    expect(md).toContain("Audit `shop-launch-2026-11-30` · project shop · created 2026-11-29T08:00:00Z · generated 2026-11-30T10:00:00Z");
    expect(md).toContain("**NOT READY**, gate `BLOCKED`.");
    expect(md).toContain(`Snapshot SHA-256 \`${"a".repeat(64)}\`: not signed.`);
    expect(md).toContain("| 1 | Ann | 2026-11-29T09:00:00Z | stale (signed an earlier snapshot) | Fine before the webhook finding |");
    expect(md).toContain("| 2 | Bo | 2026-11-29T09:30:00Z | revoked: signed the wrong audit | Wrong audit |");
    expect(md).toContain("### 5. Security and Abuse Audit");
    expect(md).toContain("| 1 | Stripe webhook not verified | STOP SHIP | HIGH | 2026-12-01 | alice | Verify the Stripe-Signature header | 1 |");
    expect(md).toContain("Total estimated effort: 3 person-days.");
    expect(md).toContain("| Cold start of 3 s |");
    expect(md).toContain("None: ready for sign-off.");
    expect(md).toContain("- Any payment double-charge");
  });
});

describe("renderAdrReport", () => {
  it("has the seed's report sections and shows claims next to the computed score", () => {
    const md0 = fixture("adr-valid.md").replace("## Consequences\n\n- Operators must run PostgreSQL (severity: medium).\n", "");
    const { stripped, claims } = stripSelfClaimedScores(md0);
    const structural = runStructuralChecks(stripped);
    const lensScores = { architect: 95, tech_lead: 90, security_engineer: 85, operator: 90, auditor: 92 };
    const score = contentScore(lensScores);
    const cov = coverage(lensScores);
    const lensFindings = [
      lensFindingSchema.parse({ section: "auditor", lens: "auditor", check: "A1", title: "Budget | cap has no number", severity: "MEDIUM" }),
      lensFindingSchema.parse({ section: "security_engineer", lens: "security_engineer", check: "S2", title: "Tokens logged in clear", severity: "CRITICAL", blocking: true }),
      lensFindingSchema.parse({ section: "operator", lens: "operator", check: "O1", title: "Runbook fixed already", severity: "LOW", status: "RESOLVED" }),
    ];
    const status = combinedStatus({ structuralFindings: structural.findings, contentScore: score, blockingFindings: 0, quorumMet: cov.quorumMet });
    expect(status.status).toBe("FAIL");
    const md = renderAdrReport({
      adrId: "ADR-01", version: 2, generatedAt: new Date("2026-11-30T10:00:00Z"), status: status.status, statusReasons: status.reasons, structuralStatus: structural.status,
      contentScore: score, threshold: 90, lensScores, coverage: cov, structuralFindings: structural.findings, lensFindings, claims: compareClaims(claims, score),
      supersedes: ["ADR-01.A_audit_report_v001.md"],
    });
    expect(headings(md)).toEqual([
      "Summary", "Score Calculation", "Self-Claimed Scores", "Metadata Findings", "Structural Findings", "Content Findings", "Diagram Contract Findings", "Fix Queue",
      "Recommended Next Step", "Cleanup Summary",
    ]);
    expect(md).toContain("| Combined status | FAIL |");
    expect(md).toContain("| Coverage quorum | met |");
    expect(md).toContain("| chaos engineer | 8% | did not return | — |");
    expect(md).toContain("| spec_ready_score | frontmatter line 9 | 95 | 91.5/100 | DIFFERS |");
    expect(md).toContain("STRUCT-SEC001");
    expect(md).toContain("Budget \\| cap has no number");
    expect(md).toContain("Supersedes (kept in history): ADR-01.A_audit_report_v001.md.");
    // Every standing finding is in the fix queue (seed 003 hand-off): blocking content → blocked.
    const queue = md.slice(md.indexOf("## Fix Queue"), md.indexOf("## Recommended Next Step"));
    expect(queue.slice(queue.indexOf("### manual_required"), queue.indexOf("### blocked"))).toContain("- content auditor A1: Budget | cap has no number (MEDIUM)");
    expect(queue.slice(queue.indexOf("### manual_required"))).toContain("- structural STRUCT-SEC001:");
    expect(queue.slice(queue.indexOf("### blocked"))).toContain("- content security engineer S2: Tokens logged in clear (CRITICAL)");
    expect(queue).not.toContain("Runbook fixed already");
  });
});

describe("renderExpansionApproval (seed 004 §7.1 approval_format, IMPROVEMENT 2 required_sections)", () => {
  it("has every required section, the signatures and the dissent", () => {
    const roles = DEFAULT_ROLLOUT_CONFIG.approvers;
    const votes: Vote[] = roles.slice(0, 4).map((r, i) => ({ role: r.role, approver: `Agent ${i}`, vote: i === 1 ? "NO_GO" : "GO", rationale: i === 1 ? "cache | cold" : "stable", signedAt: new Date("2026-11-30T09:00:00.000Z") }));
    const decision = expansionDecision(votes);
    const md = renderExpansionApproval({
      targetPercentage: 25, decision, votes, roles, rationale: "48 h stable", metricsSummary: "98.28% tests", securityStatus: "no new issues", riskAssessment: "cache cold start",
      conditions: ["Hold 24 h at 25%"], timestamp: new Date("2026-11-30T10:00:00Z"),
    });
    expect(headings(md)).toEqual(["Decision", "Rationale", "Metrics Summary", "Security Status", "Risk Assessment", "Signatures", "Dissent", "Timestamp", "Conditions"]);
    expect(md).toContain("**PENDING** (3 GO, 1 NO-GO, 1 pending)");
    expect(md).toContain("| Metrics validation | Agent 1 | NO-GO | cache \\| cold | 2026-11-30T09:00:00Z |");
    expect(md).toContain("| Implementation readiness | — | pending | — | — |");
    expect(md).toContain("- Agent 1 (metrics_validation): NO-GO, cache | cold");
    expect(md).toContain("2026-11-30T10:00:00Z");
  });
});
