import { describe, expect, it } from "vitest";
import { pickForSecondReview, secondReviewRank, secondReviewRefusal, type PickableUnit, type SecondReviewTarget } from "./double-review";

const SEED = "00112233445566778899aabbccddeeff";
const units: PickableUnit[] = Array.from({ length: 40 }, (_, i) => ({ id: 100 + i, stratum: i < 5 ? "census" : i < 38 ? "random" : "supplementary" }));

describe("pickForSecondReview", () => {
  it("picks ⌈fraction × count⌉ units, the same ones every time", () => {
    const a = pickForSecondReview(units, { fraction: 0.25, strata: [], seed: SEED });
    expect(a).toHaveLength(10);
    expect(pickForSecondReview([...units].reverse(), { fraction: 0.25, strata: [], seed: SEED })).toEqual(a);
    expect(pickForSecondReview(units, { fraction: 0.01, strata: [], seed: SEED })).toHaveLength(1);
    expect(pickForSecondReview(units, { fraction: 1, strata: [], seed: SEED })).toEqual(units.map((u) => u.id));
  });

  it("picks the units with the smallest seeded hash rank", () => {
    const ranked = [...units].sort((x, y) => secondReviewRank(SEED, x.id) - secondReviewRank(SEED, y.id)).map((u) => u.id);
    expect(pickForSecondReview(units, { fraction: 0.1, strata: [], seed: SEED })).toEqual(ranked.slice(0, 4).sort((x, y) => x - y));
  });

  it("depends on the seed", () => {
    const other = "ffeeddccbbaa99887766554433221100";
    expect(pickForSecondReview(units, { fraction: 0.25, strata: [], seed: other })).not.toEqual(pickForSecondReview(units, { fraction: 0.25, strata: [], seed: SEED }));
  });

  it("is nested: a larger fraction keeps every unit a smaller one picked", () => {
    const small = pickForSecondReview(units, { fraction: 0.1, strata: [], seed: SEED });
    const large = pickForSecondReview(units, { fraction: 0.5, strata: [], seed: SEED });
    for (const id of small) expect(large).toContain(id);
  });

  it("picks only from the chosen strata", () => {
    expect(pickForSecondReview(units, { fraction: 1, strata: ["census"], seed: SEED })).toEqual([100, 101, 102, 103, 104]);
    const picked = pickForSecondReview(units, { fraction: 0.5, strata: ["census", "supplementary"], seed: SEED });
    expect(picked).toHaveLength(4);
    for (const id of picked) expect([100, 101, 102, 103, 104, 138, 139]).toContain(id);
  });

  it("refuses a fraction outside (0, 1]", () => {
    for (const f of [0, -0.1, 1.01, Number.NaN, 50]) expect(() => pickForSecondReview(units, { fraction: f, strata: [], seed: SEED })).toThrow(RangeError);
  });
});

describe("secondReviewRefusal", () => {
  const ready: SecondReviewTarget = { secondReviewRequested: true, finding: "PASS", secondFinding: null, assignedTo: 1, primaryReviewers: [1] };

  it("lets another reviewer second-review a requested, first-reviewed unit", () => {
    expect(secondReviewRefusal(ready, 2)).toBeNull();
  });

  it("refuses the primary reviewer, any earlier primary reviewer, and the assignee", () => {
    expect(secondReviewRefusal(ready, 1)).toMatch(/another reviewer/);
    expect(secondReviewRefusal({ ...ready, primaryReviewers: [1, 3] }, 3)).toMatch(/another reviewer/);
    expect(secondReviewRefusal({ ...ready, assignedTo: 4, primaryReviewers: [1] }, 4)).toMatch(/another reviewer/);
  });

  it("refuses when not requested, not first-reviewed yet, or already second-reviewed", () => {
    expect(secondReviewRefusal({ ...ready, secondReviewRequested: false }, 2)).toMatch(/No second review was requested/);
    expect(secondReviewRefusal({ ...ready, finding: null, primaryReviewers: [] }, 2)).toMatch(/first review .* not done/);
    expect(secondReviewRefusal({ ...ready, secondFinding: "FAIL" }, 2)).toMatch(/already has its second review/);
  });
});
