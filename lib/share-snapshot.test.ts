import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { escapeHtml, renderSharedReport, renderUnavailableReport } from "./share-report-html";
import { buildShareSnapshot, serializeShareSnapshot, type ShareSnapshotInput } from "./share-snapshot";

const input: ShareSnapshotInput = {
  audit: { slug: "ledger-2026-11-30", title: "Ledger fix", changeDescription: "Backfill", projectName: "ledger", auditDate: "2026-11-30", riskTier: 1 },
  verdict: "PASS_WITH_NOTES",
  gateState: "CONDITIONAL_PASS",
  reasons: [{ code: "DEFECT_RATE_ABOVE_3", message: "Estimated defect rate 4.80% is above 3%." }],
  defectRate: 0.048,
  unknownRate: 0,
  upperBound: 0.12,
  confidence: 0.95,
  decisionBasis: "point_estimate",
  confirmedFalsePositives: 2,
  summary: {
    populationSize: 25,
    census: { size: 1, reviewed: 1, defects: 0, unknowns: 0 },
    random: { size: 20, reviewed: 20, defects: 1, unknowns: 0 },
    supplementary: { size: 0, reviewed: 0, defects: 0, unknowns: 0 },
    sampled: 21,
    reviewed: 21,
    criticalDefects: 0,
    failedWithoutOwner: 0,
  },
  sample: { seed: "ab".repeat(16), populationChecksum: "cd".repeat(32) },
  reviewers: ["Rafael", "Ada"],
  signatures: [{ signer: "Ana", status: "valid", createdAt: new Date("2026-11-30T09:00:00Z"), snapshotHash: "ef".repeat(32) }],
  math: null,
  planningWarnings: [{ code: "TIER_BELOW_SUGGESTION", message: "Risk tier 1 is below the suggested tier 2." }],
  publishedAt: new Date("2026-11-30T10:00:00Z"),
  eventLogHeadHash: "12".repeat(32),
};

describe("share snapshots", () => {
  it("hash the exact canonical JSON bytes a reader downloads", () => {
    const { json, hash } = serializeShareSnapshot(buildShareSnapshot(input));
    expect(hash).toBe(createHash("sha256").update(json, "utf8").digest("hex"));
    expect(json.startsWith('{"audit":{"auditDate":"2026-11-30"')).toBe(true); // RFC 8785: keys sorted, no whitespace
    expect(JSON.parse(json)).toMatchObject({ reviewers: ["Ada", "Rafael"], metrics: { defectRate: 0.048, upperBound95: 0.12, sampled: 21 }, strata: { random: { sampled: 20, fail: 1 } } });
  });

  it("are the same for the same report, whatever order reviewers come in; any change moves the hash", () => {
    const a = serializeShareSnapshot(buildShareSnapshot(input)).hash;
    expect(serializeShareSnapshot(buildShareSnapshot({ ...input, reviewers: ["Ada", "Rafael"] })).hash).toBe(a);
    expect(serializeShareSnapshot(buildShareSnapshot({ ...input, defectRate: 0.047 })).hash).not.toBe(a);
    expect(serializeShareSnapshot(buildShareSnapshot({ ...input, publishedAt: new Date("2026-11-30T10:00:01Z") })).hash).not.toBe(a);
  });

  it("render without a sample, and escape every text they print", () => {
    const s = buildShareSnapshot({ ...input, audit: { ...input.audit, title: `<script>alert("x")</script>` }, summary: null, sample: null, defectRate: null, upperBound: null, unknownRate: null });
    const html = renderSharedReport(s, { hash: "00", changedSince: true, snapshotPath: "/r/t/snapshot.json", expiresAt: "2026-12-07T10:00:00.000Z" });
    expect(html).not.toContain("<script>");
    expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(html).toContain("No sample has been drawn.");
    expect(html).toContain('data-testid="changed-since"');
    expect(html).toContain("@media print");
    expect(html).toContain("TIER_BELOW_SUGGESTION");
    expect(escapeHtml(`&<>"'`)).toBe("&amp;&lt;&gt;&quot;&#39;");
    expect(renderUnavailableReport()).toContain("This report link is not available");
  });
});
