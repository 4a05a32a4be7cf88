import { describe, expect, it } from "vitest";
import { buildSummaryMarkdown } from "./summary";
import { fixtureBundleInput } from "./testing";

describe("buildSummaryMarkdown", () => {
  it("FAIL: verdict, reasons, and each failed unit's remediation owner and remediation_due_at", () => {
    const input = fixtureBundleInput({
      findings: {
        0: { finding: "FAIL", owner: "payments-team", dueAt: "2027-01-03T09:00:00.000Z", critical: "save_not_persisted" },
        1: { finding: "FAIL", owner: "ledger|team", dueAt: "2027-01-11T09:00:00.000Z" },
        2: { finding: "FAIL", owner: null, dueAt: null },
      },
    });
    expect(input.assessment.verdict).toBe("FAIL");
    const md = buildSummaryMarkdown(input);
    expect(md).toContain("| Verdict | **FAIL** |");
    expect(md).toContain("| Gate state | **BLOCKED** |");
    expect(md).toContain("`CRITICAL_DEFECT`");
    expect(md).toContain("remediation_owner | remediation_due_at");
    const [u0, u1, u2] = input.units;
    expect(md).toContain(`| \`${u0.unitKey}\` | Claimed save/update did not persist | payments-team | 2027-01-03T09:00:00.000Z | no |`);
    expect(md).toContain(`| \`${u1.unitKey}\` | no | ledger\\|team | 2027-01-11T09:00:00.000Z | no |`);
    expect(md).toContain(`| \`${u2.unitKey}\` | no | MISSING (required) | MISSING (required) | no |`);
  });

  it("PASS: no remediation required", () => {
    const md = buildSummaryMarkdown(fixtureBundleInput());
    expect(md).toContain("| Verdict | **PASS** |");
    expect(md).toContain("No sampled unit was reviewed FAIL: no remediation is required.");
    expect(md).toContain("Closeout is allowed.");
  });

  it("escapes Markdown in user text", () => {
    const input = fixtureBundleInput();
    input.audit.title = "Fix <script> | *bold*";
    expect(buildSummaryMarkdown(input)).toContain("# Post-production audit summary: Fix \\<script\\> \\| \\*bold\\*");
  });
});
