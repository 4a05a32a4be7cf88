import { describe, expect, it } from "vitest";
import { adjudicationRefusal, disagreementMessage, isOpenDisagreement, primarySaveRefusal } from "./adjudication";

const at = new Date("2031-01-01T00:00:00Z");

describe("isOpenDisagreement", () => {
  it("is true when both findings exist, differ, and no adjudication is recorded", () => {
    expect(isOpenDisagreement({ finding: "PASS", secondFinding: "FAIL", adjudicatedAt: null })).toBe(true);
    expect(isOpenDisagreement({ finding: "UNKNOWN", secondFinding: "PASS", adjudicatedAt: null })).toBe(true);
  });

  it("is false when the findings agree", () => {
    for (const f of ["PASS", "FAIL", "UNKNOWN"] as const) expect(isOpenDisagreement({ finding: f, secondFinding: f, adjudicatedAt: null })).toBe(false);
  });

  it("is false while either review is missing", () => {
    expect(isOpenDisagreement({ finding: null, secondFinding: "FAIL", adjudicatedAt: null })).toBe(false);
    expect(isOpenDisagreement({ finding: "PASS", secondFinding: null, adjudicatedAt: null })).toBe(false);
  });

  it("is false once adjudicated, whatever the adjudicated finding", () => {
    expect(isOpenDisagreement({ finding: "PASS", secondFinding: "FAIL", adjudicatedAt: at })).toBe(false);
    expect(isOpenDisagreement({ finding: "UNKNOWN", secondFinding: "FAIL", adjudicatedAt: at })).toBe(false);
  });
});

describe("adjudicationRefusal", () => {
  const pair = { primaryReviewers: [1, 2], secondReviewer: 3 };

  it("lets an operator or a third reviewer adjudicate", () => {
    expect(adjudicationRefusal(pair, 4, ["operator"])).toBeNull();
    expect(adjudicationRefusal(pair, 5, ["reviewer"])).toBeNull();
  });

  it("never lets one of the two reviewers adjudicate, even as an operator", () => {
    for (const id of [1, 2]) expect(adjudicationRefusal(pair, id, ["operator", "reviewer"])).toMatch(/someone other than its two reviewers/);
    expect(adjudicationRefusal(pair, 3, ["operator"])).toMatch(/someone other/);
  });

  it("refuses other roles", () => {
    expect(adjudicationRefusal(pair, 6, ["approver", "security"])).toMatch(/operator or reviewer role/);
    expect(adjudicationRefusal(pair, 6, [])).toMatch(/operator or reviewer role/);
  });
});

describe("disagreementMessage", () => {
  it("names the count", () => {
    expect(disagreementMessage(1)).toBe("1 double-review disagreement awaits adjudication.");
    expect(disagreementMessage(2)).toBe("2 double-review disagreements await adjudication.");
  });
});

describe("primarySaveRefusal", () => {
  it("keeps an adjudicated finding final", () => {
    expect(primarySaveRefusal({ secondReviewedBy: 2, adjudicatedAt: new Date("2026-11-30T10:00:00Z") }, 1)).toMatch(/adjudicated: its finding is final/);
  });
  it("refuses the second reviewer as the first reviewer of the same unit", () => {
    expect(primarySaveRefusal({ secondReviewedBy: 2, adjudicatedAt: null }, 2)).toMatch(/blind second review/);
  });
  it("lets anyone else save", () => {
    expect(primarySaveRefusal({ secondReviewedBy: 2, adjudicatedAt: null }, 1)).toBeNull();
    expect(primarySaveRefusal({ secondReviewedBy: null, adjudicatedAt: null }, 2)).toBeNull();
  });
});
