import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  adrReportFileName, claimedScoreValue, combinedStatus, compareClaims, contentScore, countBlocking, coverage, effectiveThreshold, isAdrDocumentRef, isAdrElementId,
  isDecisionHeading, isScoreField, lensFindingSchema, nextReportVersion, parseAdr, runStructuralChecks, stripSelfClaimedScores,
} from "./adr";
import { DEFAULT_ADR_CONFIG, DEFAULT_ADR_TEMPLATE, adrConfigSchema } from "./config";

const valid = readFileSync(path.join(import.meta.dirname, "fixtures", "adr-valid.md"), "utf8");
const codes = (md: string, config = DEFAULT_ADR_CONFIG) => runStructuralChecks(md, config).findings.map((f) => f.code);

describe("element IDs and document references (seed 003 Tier 1)", () => {
  it.each([
    ["ADR.01.02.abcd", true], ["ADR.99.00.0f9e", true],
    ["ADR.1.02.abcd", false], ["ADR.01.02.ABCD", false], ["ADR.01.02.abc", false], ["ADR.01.02.abcde", false], ["ADR.01.02.abcg", false],
    ["ADR-01", false], ["adr.01.02.abcd", false], [" ADR.01.02.abcd", false], ["ADR.01.002.abcd", false],
  ])("isAdrElementId(%s) = %s", (id, ok) => expect(isAdrElementId(id)).toBe(ok));

  it("document references are ADR-NN", () => {
    expect(isAdrDocumentRef("ADR-01")).toBe(true);
    expect(isAdrDocumentRef("ADR-1")).toBe(false);
    expect(isAdrDocumentRef("ADR-001")).toBe(false);
    expect(isAdrDocumentRef("ADR.01")).toBe(false);
  });
});

describe("parseAdr", () => {
  it("reads frontmatter with yaml and ## sections with marked", () => {
    const p = parseAdr(valid);
    expect(p.frontmatter).toMatchObject({ document_type: "adr-document", layer: 5, status: "Accepted" });
    expect(p.frontmatterError).toBeNull();
    expect(p.sections.map((s) => s.title)).toEqual([...DEFAULT_ADR_TEMPLATE]);
    expect(p.sections.every((s) => s.hasContent)).toBe(true);
    expect(p.sections.find((s) => s.title === "Decision")?.line).toBe(26);
  });

  it("does not take headings inside fenced code, and treats placeholders and comments as empty", () => {
    const p = parseAdr("## A\n\n```md\n## Decision\n```\n\n## B\n\nTBD\n\n## C\n\n<!-- later -->\n\n### Sub\n\n## D\n\n### Sub\n\nreal text\n");
    expect(p.headings.map((h) => h.title)).toEqual(["A", "B", "C", "Sub", "D", "Sub"]);
    expect(p.sections.map((s) => [s.title, s.hasContent])).toEqual([["A", true], ["B", false], ["C", false], ["D", true]]);
  });

  it("reports a broken frontmatter instead of throwing", () => {
    const p = parseAdr("---\nstatus: [Accepted\n---\n## Decision\n\nx\n");
    expect(p.frontmatter).toBeNull();
    expect(p.frontmatterError).toBeTruthy();
  });
});

describe("runStructuralChecks", () => {
  it("passes the valid fixture with no findings", () => {
    const r = runStructuralChecks(valid);
    expect(r.findings).toEqual([]);
    expect(r.status).toBe("PASS");
  });

  it("flags malformed element IDs and document references with their lines (Tier 1)", () => {
    const md = valid.replace("ADR.01.03.1c2d Store", "ADR.1.02.abcd and ADR.01.02.ABCD Store").replace("see ADR-02", "see ADR-2");
    const r = runStructuralChecks(md);
    expect(r.status).toBe("FAIL");
    expect(r.findings.map((f) => [f.code, f.line])).toEqual([["STRUCT-ID001", 28], ["STRUCT-ID001", 28], ["STRUCT-ID002", 24]]);
    expect(r.findings[0].message).toContain('"ADR.1.02.abcd"');
    expect(r.findings[1].message).toContain('"ADR.01.02.ABCD"');
  });

  it("exactly one decision: none, two, or empty", () => {
    expect(codes(valid.replace("## Decision\n", "## Outcome\n"))).toEqual(["STRUCT-DEC001"]);
    expect(codes(valid.replace("## Consequences", "## Decision 2\n\nAlso use Redis.\n\n## Consequences"))).toEqual(["STRUCT-DEC002"]);
    expect(codes(valid.replace("ADR.01.03.1c2d Store audits in PostgreSQL 15 with one database per deployment.", "TBD"))).toEqual(["STRUCT-DEC003"]);
  });

  it.each([["Decision", true], ["3. Decision", true], ["Decision 2", true], ["Decision: use PostgreSQL", true], ["Decision — use PostgreSQL", true], ["Decision Drivers", false], ["Decision Outcome", false], ["Decision-making", false]])(
    "isDecisionHeading(%s) = %s",
    (t, ok) => expect(isDecisionHeading(t)).toBe(ok),
  );

  it("every required section present and non-empty; numbering and case do not matter", () => {
    expect(codes(valid.replace("## Consequences\n\n- Operators must run PostgreSQL (severity: medium).\n", ""))).toEqual(["STRUCT-SEC001"]);
    expect(codes(valid.replace("- Operators must run PostgreSQL (severity: medium).", ""))).toEqual(["STRUCT-SEC002"]);
    expect(codes(valid.replace("## Context", "## 2. CONTEXT"))).toEqual([]);
  });

  it("the template is data: an admin-added section is enforced", () => {
    const config = adrConfigSchema.parse({ ...DEFAULT_ADR_CONFIG, requiredSections: [...DEFAULT_ADR_TEMPLATE, "Security Considerations"] });
    const r = runStructuralChecks(valid, config);
    expect(r.findings.map((f) => [f.code, f.message])).toEqual([["STRUCT-SEC001", 'required section "## Security Considerations" is missing']]);
  });

  it("cumulative tags: missing and malformed", () => {
    expect(codes(valid.replace("- @ears: EARS.01.03.e5f6\n", ""))).toEqual(["STRUCT-TAG001"]);
    const bad = runStructuralChecks(valid.replace("@brd: BRD.01.01.a1b2", "@brd: BRD.1.01.A1B2").replace("@bdd: BDD.01.04.0789", "@bdd BDD.01.04.0789"));
    expect(bad.findings.map((f) => f.code)).toEqual(["STRUCT-TAG002", "STRUCT-TAG002"]);
    expect(bad.findings[0].message).toContain('"BRD.1.01.A1B2"');
    expect(bad.findings[1].message).toContain("no colon");
    expect(codes(valid.replace("@prd: PRD.01.02.c3d4, PRD.01.02.c3d5", "@prd: PRD.01.02.c3d4, BRD.01.02.c3d5"))).toEqual(["STRUCT-TAG002"]);
  });

  it("a disabled layer's tag is not required (config.requiredTags)", () => {
    const config = adrConfigSchema.parse({ ...DEFAULT_ADR_CONFIG, requiredTags: ["brd", "prd", "ears"] });
    expect(codes(valid.replace("- @bdd: BDD.01.04.0789\n", ""), config)).toEqual([]);
  });

  it("metadata checks use the seed's codes and are Tier 2 (advisory)", () => {
    const md = valid.replace("deliverable_type: code\n", "").replace("document_type: adr-document", "document_type: template").replace("status: Accepted", "status: Approved").replace("layer: 5", "layer: 4");
    const r = runStructuralChecks(md);
    expect(r.findings.map((f) => f.code)).toEqual(["VALID-M003", "VALID-M002", "VALID-M004", "VALID-M001"]);
    expect(r.findings.every((f) => f.tier === 2 && f.severity === "warning")).toBe(true);
    expect(r.status).toBe("PASS");
    expect(codes(valid.replace("deliverable_type: code", "deliverable_type: spreadsheet"))).toEqual(["VALID-M002"]);
    expect(codes(valid.replace("artifact_type: ADR", "artifact_type: PRD"))).toEqual(["VALID-M002"]);
    expect(codes(valid.replace("layer: 5", 'layer: "5"'))).toEqual([]);
  });

  it("no or broken frontmatter: VALID-M000 plus every missing field", () => {
    const body = valid.slice(valid.indexOf("# ADR-01"));
    expect(codes(body)).toEqual(["VALID-M000", "VALID-M003", "VALID-M002", "VALID-M002", "VALID-M004", "VALID-M001"]);
  });

  it("is deterministic", () => {
    const md = valid.replace("ADR.01.03.1c2d", "ADR.1.3.x");
    expect(runStructuralChecks(md)).toEqual(runStructuralChecks(md));
  });
});

describe("self-claimed scores (seed 003 'Do NOT echo the ADR's self-claimed SPEC-Ready score')", () => {
  it("strips frontmatter keys, field lines and table rows, and reports each claim", () => {
    const { stripped, claims } = stripSelfClaimedScores(valid);
    expect(claims).toEqual([
      { field: "spec_ready_score", value: "95", location: "frontmatter", line: 9 },
      { field: "SPEC-Ready Score", value: "97/100", location: "body", line: 20 },
      { field: "audit_score", value: "93", location: "body", line: 60 },
    ]);
    expect(stripped).not.toMatch(/score/i);
    expect(stripped).toContain("status: Accepted");
    expect(stripped).toContain("| Owner | Platform team |");
    expect(parseAdr(stripped).frontmatter).toMatchObject({ document_type: "adr-document", deliverable_type: "code" });
    expect(runStructuralChecks(stripped).findings).toEqual([]);
  });

  it("handles bold and list forms, nested keys, and leaves code blocks alone", () => {
    const md = "---\nreview:\n  readiness_score: 88\n  owner: me\n---\n- **Readiness Score:** 9.1/10\n__audit_score__ = 91%\n\n```yaml\nspec_ready_score: 1\n```\nThe score is fine.\n";
    const { stripped, claims } = stripSelfClaimedScores(md);
    expect(claims.map((c) => [c.field, c.value, c.location])).toEqual([["readiness_score", "88", "frontmatter"], ["Readiness Score", "9.1/10", "body"], ["audit_score", "91%", "body"]]);
    expect(stripped).toContain("spec_ready_score: 1");
    expect(stripped).toContain("The score is fine.");
    expect(stripped).toContain("owner: me");
  });

  it("returns the text unchanged when nothing is claimed", () => {
    const md = "---\nstatus: Accepted\n---\n## Decision\n\nx\n";
    expect(stripSelfClaimedScores(md)).toEqual({ stripped: md, claims: [] });
  });

  it("falls back to line removal when the frontmatter does not parse", () => {
    const { stripped, claims } = stripSelfClaimedScores("---\nstatus: [Accepted\nspec_ready_score: 99\n---\nbody\n");
    expect(claims).toEqual([{ field: "spec_ready_score", value: "99", location: "frontmatter", line: 3 }]);
    expect(stripped).toBe("---\nstatus: [Accepted\n---\nbody\n");
  });

  it.each([["spec_ready_score", true], ["readiness_score", true], ["audit_score", true], ["SPEC-Ready Score", true], ["score", false], ["scores", false], ["underscore", false]])("isScoreField(%s) = %s", (n, ok) =>
    expect(isScoreField(n)).toBe(ok),
  );

  it.each([["92", 92], ["92/100", 92], ["9.2/10", 92], ["92%", 92], ["high", null], ["120/100", null], ["", null]])("claimedScoreValue(%s) = %s", (v, n) => {
    const got = claimedScoreValue(v);
    if (n == null) expect(got).toBeNull();
    else expect(got).toBeCloseTo(n, 9);
  });

  it("flags claims that differ from the computed score", () => {
    const claims = stripSelfClaimedScores(valid).claims;
    const cmp = compareClaims(claims, 93.2);
    expect(cmp.map((c) => [c.field, c.claimed, c.differs])).toEqual([["spec_ready_score", 95, true], ["SPEC-Ready Score", 97, true], ["audit_score", 93, false]]);
    expect(compareClaims(claims, null).every((c) => c.differs)).toBe(true);
  });
});

describe("content score and coverage (seed 003 lens weights)", () => {
  it("weights sum to 100: architect 35, tech lead 25, chaos 8, security 12, operator 10, auditor 10", () => {
    expect(DEFAULT_ADR_CONFIG.lensWeights).toEqual({ architect: 35, tech_lead: 25, chaos_engineer: 8, security_engineer: 12, operator: 10, auditor: 10 });
    expect(adrConfigSchema.safeParse({ ...DEFAULT_ADR_CONFIG, lensWeights: { ...DEFAULT_ADR_CONFIG.lensWeights, auditor: 11 } }).success).toBe(false);
  });

  it("is the weighted mean of all six lenses", () => {
    const all = { architect: 90, tech_lead: 80, chaos_engineer: 70, security_engineer: 100, operator: 60, auditor: 50 };
    // (35·90 + 25·80 + 8·70 + 12·100 + 10·60 + 10·50) / 100 = 80.1
    expect(contentScore(all)).toBeCloseTo(80.1, 9);
  });

  it("is the weighted mean of the lenses that returned only", () => {
    // (35·90 + 12·60) / 47 = 82.34…
    expect(contentScore({ architect: 90, security_engineer: 60 })).toBeCloseTo((35 * 90 + 12 * 60) / 47, 9);
    expect(contentScore({})).toBeNull();
    expect(contentScore({ architect: undefined })).toBeNull();
  });

  it("rejects scores outside 0–100 and unknown lenses", () => {
    expect(() => contentScore({ architect: 101 })).toThrow(RangeError);
    expect(() => contentScore({ architect: -1 })).toThrow(RangeError);
    expect(() => contentScore({ architect: Number.NaN })).toThrow(RangeError);
    expect(() => contentScore({ wizard: 50 } as never)).toThrow(/unknown lens/);
  });

  it("quorum: ≥ 70 % of the weight and the architect", () => {
    const all = { architect: 90, tech_lead: 90, chaos_engineer: 90, security_engineer: 90, operator: 90, auditor: 90 };
    expect(coverage(all)).toEqual({ returnedWeight: 100, missingLenses: [], missingRequiredLenses: [], quorumMet: true });
    const noTechLead = { ...all, tech_lead: undefined };
    expect(coverage(noTechLead)).toMatchObject({ returnedWeight: 75, quorumMet: true, missingLenses: ["tech_lead"] });
    const noTechLeadNoChaos = { ...noTechLead, chaos_engineer: undefined };
    expect(coverage(noTechLeadNoChaos)).toMatchObject({ returnedWeight: 67, quorumMet: false });
    const exactly70 = { architect: 90, tech_lead: 90, auditor: 90 };
    expect(coverage(exactly70)).toMatchObject({ returnedWeight: 70, quorumMet: true });
    const noArchitect = { ...all, architect: undefined };
    expect(coverage(noArchitect)).toMatchObject({ returnedWeight: 65, quorumMet: false, missingRequiredLenses: ["architect"] });
  });
});

describe("combinedStatus (seed 003 'Combined status')", () => {
  const ok = { structuralFindings: [], contentScore: 92, blockingFindings: 0, quorumMet: true };
  it("PASS only when Tier 1 passes, score ≥ threshold, nothing blocks and quorum is met", () => {
    expect(combinedStatus(ok)).toEqual({ status: "PASS", reasons: [] });
    expect(combinedStatus({ ...ok, contentScore: 90 }).status).toBe("PASS");
    expect(combinedStatus({ ...ok, contentScore: 89.9 })).toEqual({ status: "FAIL", reasons: ["content score 89.9 is below the threshold 90"] });
    expect(combinedStatus({ ...ok, threshold: 95 }).status).toBe("FAIL");
    expect(combinedStatus({ ...ok, blockingFindings: 1 })).toEqual({ status: "FAIL", reasons: ["1 blocking finding"] });
  });

  it("Tier-2 findings do not fail; a Tier-1 finding does", () => {
    expect(combinedStatus({ ...ok, structuralFindings: [{ tier: 2, code: "VALID-M001" }] }).status).toBe("PASS");
    expect(combinedStatus({ ...ok, structuralFindings: [{ tier: 1, code: "STRUCT-SEC001" }, { tier: 1, code: "STRUCT-SEC001" }] })).toEqual({ status: "FAIL", reasons: ["2 Tier-1 structural checks failed (STRUCT-SEC001)"] });
  });

  it("quorum not met is LOW_CONFIDENCE, never a silent PASS; definite failures stay FAIL", () => {
    expect(combinedStatus({ ...ok, contentScore: 99, quorumMet: false }).status).toBe("LOW_CONFIDENCE");
    expect(combinedStatus({ ...ok, contentScore: 40, quorumMet: false }).status).toBe("LOW_CONFIDENCE");
    expect(combinedStatus({ ...ok, contentScore: null, quorumMet: true }).status).toBe("LOW_CONFIDENCE");
    expect(combinedStatus({ ...ok, quorumMet: false, blockingFindings: 2 }).status).toBe("FAIL");
  });

  it("rejects out-of-range input", () => {
    expect(() => combinedStatus({ ...ok, threshold: 101 })).toThrow(RangeError);
    expect(() => combinedStatus({ ...ok, contentScore: 100.5 })).toThrow(RangeError);
    expect(() => combinedStatus({ ...ok, blockingFindings: -1 })).toThrow(RangeError);
  });

  it("effective threshold ignores a project value below the default (seed 003 Adaptation)", () => {
    expect(effectiveThreshold(85)).toBe(90);
    expect(effectiveThreshold(95)).toBe(95);
    expect(effectiveThreshold(null)).toBe(90);
    expect(effectiveThreshold(150)).toBe(90);
  });
});

describe("lens findings", () => {
  it("must cite a playbook check; blocking findings that stand are counted", () => {
    const base = { section: "security_engineer", title: "Open redirect unmitigated", severity: "HIGH", lens: "security_engineer" };
    expect(lensFindingSchema.safeParse({ ...base }).success).toBe(false);
    expect(lensFindingSchema.safeParse({ ...base, check: "whatever" }).success).toBe(false);
    const f1 = lensFindingSchema.parse({ ...base, check: "SE1", blocking: true });
    const f2 = lensFindingSchema.parse({ ...base, check: "beyond-checklist:least-privilege", blocking: true, status: "RESOLVED" });
    const f3 = lensFindingSchema.parse({ ...base, check: "C1" });
    expect(countBlocking([f1, f2, f3])).toBe(1);
  });
});

describe("report names and versions (seed 003 Output, Report cleanup)", () => {
  it("ADR-NN.A_audit_report_vNNN.md", () => {
    expect(adrReportFileName(1, 1)).toBe("ADR-01.A_audit_report_v001.md");
    expect(adrReportFileName(42, 123)).toBe("ADR-42.A_audit_report_v123.md");
    for (const [n, v] of [[0, 1], [100, 1], [1, 0], [1, 1000], [1.5, 1]]) expect(() => adrReportFileName(n, v)).toThrow(RangeError);
  });

  it("the next version supersedes this ADR's audit reports only", () => {
    const files = ["ADR-01.A_audit_report_v001.md", "ADR-01.A_audit_report_v003.md", "ADR-01.F_fix_report_v002.md", "ADR-02.A_audit_report_v009.md", ".drift_cache.json"];
    expect(nextReportVersion(files, 1)).toEqual({ version: 4, fileName: "ADR-01.A_audit_report_v004.md", supersedes: ["ADR-01.A_audit_report_v001.md", "ADR-01.A_audit_report_v003.md"] });
    expect(nextReportVersion([], 7)).toEqual({ version: 1, fileName: "ADR-07.A_audit_report_v001.md", supersedes: [] });
  });
});
