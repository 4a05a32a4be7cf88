import { describe, expect, it } from "vitest";
import { renderProfileSharedReport } from "./profile-share-report-html";
import { buildProfileShareSnapshot } from "./profile-share-snapshot";

const snapshot = (findings: Parameters<typeof buildProfileShareSnapshot>[0]["findings"]) =>
  buildProfileShareSnapshot({
    audit: { slug: "adr-07", title: 'ADR "07" <script>alert(1)</script>', profile: "adr", profileLabel: "ADR quality gate", projectName: "core", strictness: null },
    verdict: "FAIL",
    gate: "BLOCKED",
    reasons: ["Content score 82 < 90 & two lenses missing"],
    signOffHash: "c".repeat(64),
    findings,
    documents: [{ kind: "report", version: 2, fileName: "ADR-07.A_audit_report_v002.md", sha256: "d".repeat(64) }],
    signOffs: [],
    publishedAt: new Date("2026-06-04T12:00:00Z"),
    eventLogHeadHash: "e".repeat(64),
  });
const view = { hash: "f".repeat(64), changedSince: false, snapshotPath: "/r/tok/snapshot.json", expiresAt: "2026-06-11T12:00:00.000Z" };

describe("renderProfileSharedReport", () => {
  it("escapes every value and has no script", () => {
    const html = renderProfileSharedReport(snapshot([{ id: 1, section: "security", title: "<img src=x onerror=alert(1)>", severity: "HIGH", category: null, status: "OPEN", owner: "a&b", dueDate: null }]), view);
    expect(html).not.toMatch(/<script|<img/);
    expect(html).toContain("ADR &quot;07&quot; &lt;script&gt;");
    expect(html).toContain("Content score 82 &lt; 90 &amp; two lenses missing");
    expect(html).toContain("a&amp;b");
    expect(html).toContain("<td>5. Security and Abuse Audit</td>");
  });
  it("shows verdict, gate, counts by category or severity, documents, hashes and the download link", () => {
    const html = renderProfileSharedReport(
      snapshot([
        { id: 1, section: "architect", title: "No rollback", severity: "HIGH", category: null, status: "OPEN", owner: null, dueDate: null },
        { id: 2, section: "architect", title: "Typos", severity: "LOW", category: null, status: "RESOLVED", owner: null, dueDate: null },
        { id: 3, section: "operator", title: "No runbook", severity: "HIGH", category: null, status: "IN_PROGRESS", owner: null, dueDate: "2026-07-01" },
      ]),
      view,
    );
    expect(html).toContain('data-testid="verdict">FAIL<');
    expect(html).toContain('data-testid="gate-state">BLOCKED<');
    expect(html).toContain("3 findings: 2 HIGH (2 open) · 1 LOW (0 open)");
    expect(html).toContain("ADR-07.A_audit_report_v002.md (version 2)");
    expect(html).toContain("f".repeat(64));
    expect(html).toContain('href="/r/tok/snapshot.json"');
    expect(html).toContain("No sign-off.");
    expect(html).not.toContain('data-testid="changed-since"');
  });
  it("says when the audit changed since, and when there are no findings", () => {
    const html = renderProfileSharedReport(snapshot([]), { ...view, changedSince: true });
    expect(html).toContain('data-testid="changed-since"');
    expect(html).toContain("No findings.");
  });
});
