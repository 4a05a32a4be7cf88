import { describe, expect, it } from "vitest";
import { firstReviewHidden, priorReview, reviewedLabel, staleReviewMessage } from "./review-view";

const at = new Date("2026-11-30T09:15:42.123Z");
const annFail = { finding: "FAIL" as const, reviewerId: 7, reviewerName: "Ann", reviewedAt: at };

describe("priorReview", () => {
  it("is none for an unreviewed unit", () => {
    expect(priorReview({ finding: null, reviewerId: null, reviewerName: null, reviewedAt: null }, 7)).toEqual({ kind: "none" });
  });

  it("is the viewer's own review", () => {
    expect(priorReview(annFail, 7)).toEqual({ kind: "own", label: "Reviewed by you at 2026-11-30 09:15 UTC: FAIL" });
  });

  it("labels someone else's review with who, when (UTC) and the finding", () => {
    expect(priorReview(annFail, 8)).toEqual({ kind: "other", label: "Reviewed by Ann at 2026-11-30 09:15 UTC: FAIL", reviewerName: "Ann" });
  });

  it("treats a review without a known reviewer as someone else's", () => {
    expect(priorReview({ ...annFail, reviewerId: null, reviewerName: null }, 7)).toMatchObject({ kind: "other", reviewerName: "another reviewer" });
  });
});

describe("reviewedLabel", () => {
  it("leaves out an unknown time", () => {
    expect(reviewedLabel({ ...annFail, reviewedAt: null })).toBe("Reviewed by Ann: FAIL");
  });
});

describe("staleReviewMessage", () => {
  it("names who saved, when and what, and says to reload", () => {
    expect(staleReviewMessage(annFail)).toBe("Ann saved a review of this unit at 2026-11-30 09:15 UTC (FAIL) after you opened it. Your review was not saved: reload to see their review.");
  });

  it("still says to reload when the review was cleared", () => {
    expect(staleReviewMessage({ finding: null, reviewerId: null, reviewerName: null, reviewedAt: null })).toMatch(/not saved: reload/);
  });
});

describe("firstReviewHidden", () => {
  const blind = { secondReviewRequested: true, secondFinding: null, reviewedBy: 7, adjudicatedAt: null };
  const reviewer = { id: 8, roles: ["reviewer"] };

  it("hides the first review from another reviewer while the blind second review is open", () => {
    expect(firstReviewHidden(blind, reviewer)).toBe(true);
  });

  it.each([
    ["no second review requested", { ...blind, secondReviewRequested: false }, reviewer],
    ["the second review is in", { ...blind, secondFinding: "PASS" }, reviewer],
    ["adjudicated", { ...blind, adjudicatedAt: at }, reviewer],
    ["no first review yet", { ...blind, reviewedBy: null }, reviewer],
    ["the viewer wrote the first review", blind, { id: 7, roles: ["reviewer"] }],
    ["the viewer is an operator", blind, { id: 8, roles: ["reviewer", "operator"] }],
  ])("shows it when %s", (_why, su, viewer) => {
    expect(firstReviewHidden(su, viewer)).toBe(false);
  });
});
