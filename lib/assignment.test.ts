import { describe, expect, it } from "vitest";
import { type Assignment, assignByHand, countByReviewer, mayReviewAssigned, reassign, reviewerProgress, splitBySubgroup, splitEvenly, type AssignableUnit } from "./assignment";

const unit = (id: number, position: number, subgroup: string | null = null): AssignableUnit => ({ id, position, subgroup });
const loads = (plan: Assignment[]) => countByReviewer(plan);

describe("splitEvenly", () => {
  it("deals units round-robin in review order", () => {
    const units = [unit(13, 3), unit(10, 0), unit(12, 2), unit(11, 1), unit(14, 4)];
    expect(splitEvenly(units, [7, 8])).toEqual([
      { sampleUnitId: 10, reviewerId: 7 },
      { sampleUnitId: 11, reviewerId: 8 },
      { sampleUnitId: 12, reviewerId: 7 },
      { sampleUnitId: 13, reviewerId: 8 },
      { sampleUnitId: 14, reviewerId: 7 },
    ]);
  });

  it("balances counts to within one for any sample size and team size", () => {
    for (let n = 0; n < 30; n++) {
      for (let k = 1; k <= 5; k++) {
        const plan = splitEvenly(Array.from({ length: n }, (_, i) => unit(i, i)), Array.from({ length: k }, (_, i) => 100 + i));
        expect(plan).toHaveLength(n);
        const counts = Array.from({ length: k }, (_, i) => plan.filter((p) => p.reviewerId === 100 + i).length);
        expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
      }
    }
  });

  it("refuses no reviewers or a reviewer chosen twice", () => {
    expect(() => splitEvenly([unit(1, 0)], [])).toThrow(/at least one reviewer/);
    expect(() => splitEvenly([unit(1, 0)], [3, 3])).toThrow(/only once/);
  });
});

describe("splitBySubgroup", () => {
  const units = [
    ...Array.from({ length: 5 }, (_, i) => unit(i, i, "eu")),
    ...Array.from({ length: 3 }, (_, i) => unit(10 + i, 10 + i, "us")),
    ...Array.from({ length: 3 }, (_, i) => unit(20 + i, 20 + i, "apac")),
    unit(30, 30, null),
    unit(31, 31, null),
  ];

  it("keeps each subgroup with one reviewer, largest groups first to the least loaded", () => {
    const plan = splitBySubgroup(units, [1, 2]);
    const of = (id: number) => plan.find((p) => p.sampleUnitId === id)!.reviewerId;
    // eu (5) → 1; apac (3, before us by name) → 2; us (3) → 2 (load 3 < 5); no subgroup (2) → 1 (5 < 6).
    for (let i = 0; i < 5; i++) expect(of(i)).toBe(1);
    for (const id of [20, 21, 22, 10, 11, 12]) expect(of(id)).toBe(2);
    expect(of(30)).toBe(1);
    expect(of(31)).toBe(1);
    expect(loads(plan)).toEqual({ "1": 7, "2": 6 });
  });

  it("is deterministic whatever the input order", () => {
    expect(splitBySubgroup([...units].reverse(), [1, 2])).toEqual(splitBySubgroup(units, [1, 2]));
  });

  it("gives every unit to the only reviewer", () => {
    expect(loads(splitBySubgroup(units, [9]))).toEqual({ "9": units.length });
  });
});

describe("assignByHand", () => {
  const units = [unit(1, 0), unit(2, 1), unit(3, 2)];
  it("assigns the chosen units, once each", () => {
    expect(assignByHand(units, [3, 1, 3], 5)).toEqual([
      { sampleUnitId: 3, reviewerId: 5 },
      { sampleUnitId: 1, reviewerId: 5 },
    ]);
    expect(assignByHand(units, [2], null)).toEqual([{ sampleUnitId: 2, reviewerId: null }]);
  });

  it("names a unit that is not in the sample, and refuses an empty choice", () => {
    expect(() => assignByHand(units, [1, 99], 5)).toThrow("unit 99 is not in this audit's sample");
    expect(() => assignByHand(units, [], 5)).toThrow(/at least one unit/);
  });
});

describe("reassign", () => {
  const units = [
    { ...unit(1, 0), assignedTo: 7, reviewed: true },
    { ...unit(2, 1), assignedTo: 7, reviewed: false },
    { ...unit(3, 2), assignedTo: 8, reviewed: false },
    { ...unit(4, 3), assignedTo: 7, reviewed: false },
  ];
  it("moves only the open units of one reviewer", () => {
    expect(reassign(units, 7, 8)).toEqual([
      { sampleUnitId: 2, reviewerId: 8 },
      { sampleUnitId: 4, reviewerId: 8 },
    ]);
    expect(reassign(units, 8, null)).toEqual([{ sampleUnitId: 3, reviewerId: null }]);
  });
  it("refuses reassigning to the same reviewer", () => {
    expect(() => reassign(units, 7, 7)).toThrow(RangeError);
  });
});

describe("reviewerProgress", () => {
  it("counts assigned and reviewed per reviewer, and the unassigned units", () => {
    expect(
      reviewerProgress([
        { assignedTo: 8, reviewed: true },
        { assignedTo: 7, reviewed: false },
        { assignedTo: 7, reviewed: true },
        { assignedTo: null, reviewed: true },
        { assignedTo: null, reviewed: false },
        { assignedTo: null, reviewed: false },
      ]),
    ).toEqual({
      byReviewer: [
        { reviewerId: 7, assigned: 2, reviewed: 1 },
        { reviewerId: 8, assigned: 1, reviewed: 1 },
      ],
      unassigned: { total: 3, reviewed: 1 },
    });
  });
});

describe("mayReviewAssigned", () => {
  it("lets anyone review an unassigned unit and only the assignee an assigned one", () => {
    expect(mayReviewAssigned(null, 3)).toBe(true);
    expect(mayReviewAssigned(3, 3)).toBe(true);
    expect(mayReviewAssigned(4, 3)).toBe(false);
  });
});
