import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { adrConfigOf, adrGate, adrNumberOf, evaluateAdr } from "./adr-review";
import { DEFAULT_ADR_CONFIG } from "./config";

const fixture = readFileSync(path.join(__dirname, "fixtures/adr-valid.md"), "utf8");
const ALL = { architect: 95, tech_lead: 92, chaos_engineer: 80, security_engineer: 90, operator: 88, auditor: 94 };

describe("adrConfigOf", () => {
  it("gives the defaults for an empty stored config and keeps stored keys", () => {
    expect(adrConfigOf({})).toEqual(DEFAULT_ADR_CONFIG);
    expect(adrConfigOf({ requiredSections: ["Context", "Decision"] }).requiredSections).toEqual(["Context", "Decision"]);
  });
  it("refuses an invalid stored config", () => {
    expect(() => adrConfigOf({ threshold: 120 })).toThrow();
  });
});

describe("adrNumberOf", () => {
  it("reads ADR-NN from the frontmatter title, then the first heading", () => {
    expect(adrNumberOf(fixture, { title: "ADR-01: Use PostgreSQL" })).toBe(1);
    expect(adrNumberOf("# ADR-07: Queue\n\ntext", null)).toBe(7);
    expect(adrNumberOf("# Queue\n\nsee ADR-12", {})).toBeNull(); // a reference to another ADR
    expect(adrNumberOf("# Queue\n\nno number", null)).toBeNull();
    expect(adrNumberOf("# ADR-00", null)).toBeNull();
  });
});

describe("adrGate", () => {
  it("maps PASS, LOW_CONFIDENCE and FAIL to the gate (issue 13 contract)", () => {
    expect(adrGate("PASS")).toBe("OPEN");
    expect(adrGate("LOW_CONFIDENCE")).toBe("CONDITIONAL_PASS");
    expect(adrGate("FAIL")).toBe("BLOCKED");
  });
});

describe("evaluateAdr", () => {
  it("without an ADR: FAIL and BLOCKED whatever the lens scores (no Tier-1 check has passed), no structural result", () => {
    const e = evaluateAdr({ markdown: null, lensScores: ALL, lensFindings: [], reviewEnded: false });
    expect(e).toMatchObject({ status: "FAIL", gate: "BLOCKED", structural: null, reasons: ["no ADR uploaded yet: the structural (Tier-1) checks have not run"] });
  });

  it("hides the self-claimed scores until every lens returned, and strips them from the text", () => {
    const some = evaluateAdr({ markdown: fixture, lensScores: { architect: 95, tech_lead: 92 }, lensFindings: [], reviewEnded: false });
    expect(some.structural?.status).toBe("PASS");
    expect(some.status).toBe("LOW_CONFIDENCE"); // 60 % of the weight < 70 %
    expect(some.coverage.returnedWeight).toBe(60);
    expect(some.claims).toBeNull();
    expect(some.claimCount).toBe(3);
    expect(some.stripped).not.toMatch(/spec_ready_score|SPEC-Ready Score|audit_score/);

    const all = evaluateAdr({ markdown: fixture, lensScores: ALL, lensFindings: [], reviewEnded: false });
    // (35·95 + 25·92 + 8·80 + 12·90 + 10·88 + 10·94) / 100 = 91.65
    expect(all.contentScore).toBeCloseTo(91.65, 10);
    expect(all).toMatchObject({ status: "PASS", gate: "OPEN", reviewComplete: true });
    expect(all.claims?.map((c) => [c.field, c.claimed, c.differs])).toEqual([
      ["spec_ready_score", 95, true],
      ["SPEC-Ready Score", 97, true],
      ["audit_score", 93, true],
    ]);
  });

  it("an operator ending the review reveals the claims but never turns a missed quorum into a PASS", () => {
    const e = evaluateAdr({ markdown: fixture, lensScores: { architect: 99, tech_lead: 99 }, lensFindings: [], reviewEnded: true });
    expect(e.reviewComplete).toBe(true);
    expect(e.claims).not.toBeNull();
    expect(e.status).toBe("LOW_CONFIDENCE");
  });

  it("a standing blocking lens finding fails the gate; a resolved one does not", () => {
    const blocking = { section: "security_engineer", status: "OPEN", tags: ["blocking"] };
    expect(evaluateAdr({ markdown: fixture, lensScores: ALL, lensFindings: [blocking], reviewEnded: false })).toMatchObject({ status: "FAIL", gate: "BLOCKED", blockingFindings: 1 });
    expect(evaluateAdr({ markdown: fixture, lensScores: ALL, lensFindings: [{ ...blocking, status: "RESOLVED" }], reviewEnded: false }).status).toBe("PASS");
  });

  it("a Tier-1 structural failure under the audit's template fails; the score below the threshold fails", () => {
    const config = adrConfigOf({ requiredSections: [...DEFAULT_ADR_CONFIG.requiredSections, "Security Considerations"] });
    const e = evaluateAdr({ markdown: fixture, lensScores: ALL, lensFindings: [], reviewEnded: false, config });
    expect(e.structural?.findings.map((f) => f.code)).toContain("STRUCT-SEC001");
    expect(e.status).toBe("FAIL");
    const low = evaluateAdr({ markdown: fixture, lensScores: { ...ALL, architect: 70 }, lensFindings: [], reviewEnded: false });
    expect(low.status).toBe("FAIL");
    expect(low.reasons[0]).toMatch(/below the threshold 90/);
  });
});
