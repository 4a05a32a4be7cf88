import { describe, expect, it } from "vitest";
import { cohensKappa, confusionMatrix } from "./agreement";

/**
 * Literal fixtures, each computed independently of this module:
 * - "Wikipedia": the worked examples of https://en.wikipedia.org/wiki/Cohen%27s_kappa (section
 *   "Examples": κ = 0.4 for the 50 grant proposals; "Same percentages but different numbers":
 *   κ = 0.1304 and 0.2593).
 * - "Fraction": exact rationals computed with Python's fractions.Fraction from the definition
 *   κ = (p_o − p_e)/(1 − p_e) (p_o = F(Σ n_ii, n), p_e = F(Σ n_i·n_·i, n²)); the fraction is the literal.
 * - "hand": p_o and p_e worked out by hand, shown in the comment.
 */
const FIXTURES: { source: string; matrix: number[][]; kappa: number }[] = [
  { source: "Wikipedia, 50 proposals (p_o 0.7, p_e 0.5)", matrix: [[20, 5], [10, 15]], kappa: 0.4 },
  { source: "Wikipedia, same percentages, first table (3/23)", matrix: [[45, 15], [25, 15]], kappa: 3 / 23 },
  { source: "Wikipedia, same percentages, second table (7/27)", matrix: [[25, 35], [5, 35]], kappa: 7 / 27 },
  // sklearn's cohen_kappa_score docstring labels: y1 = [neg, pos, neg, neu, pos], y2 = [neg, pos, neg, neu, neg],
  // categories (neg, neu, pos) → p_o = 4/5, p_e = (2·3 + 1·1 + 2·1)/25 = 9/25, κ = 0.44/0.64 = 0.6875 (hand).
  { source: "hand, 3 categories (11/16)", matrix: [[2, 0, 0], [0, 1, 0], [1, 0, 1]], kappa: 0.6875 },
  { source: "Fraction, 3 × 3 (767/1307)", matrix: [[10, 3, 1], [2, 15, 4], [0, 2, 8]], kappa: 767 / 1307 },
  { source: "Fraction, 3 × 3 (29/59)", matrix: [[88, 14, 18], [10, 40, 10], [2, 6, 12]], kappa: 29 / 59 },
  { source: "hand, total disagreement on a balanced 2 × 2 (p_o 0, p_e 0.5)", matrix: [[0, 5], [5, 0]], kappa: -1 },
  { source: "hand, all units off the diagonal in one cell (p_o 0, p_e 0)", matrix: [[0, 7], [0, 0]], kappa: 0 },
];

describe("cohensKappa: independently computed values", () => {
  for (const f of FIXTURES) {
    it(f.source, () => expect(cohensKappa(f.matrix)).toBeCloseTo(f.kappa, 12));
  }

  it("is 1 for perfect agreement spread over several categories", () => {
    expect(cohensKappa([[3, 0, 0], [0, 4, 0], [0, 0, 5]])).toBe(1);
  });

  it("is 1 when both reviewers put every unit in one and the same category (p_e = 1)", () => {
    expect(cohensKappa([[0, 0, 0], [0, 7, 0], [0, 0, 0]])).toBe(1);
    expect(cohensKappa([[9]])).toBe(1);
    expect(cohensKappa([[0, 0], [0, 1]])).toBe(1);
  });

  it("does not depend on which reviewer is the row (transpose)", () => {
    for (const f of FIXTURES) {
      const t = f.matrix[0].map((_, j) => f.matrix.map((row) => row[j]));
      expect(cohensKappa(t)).toBeCloseTo(f.kappa, 12);
    }
  });

  it("does not depend on the scale of the counts", () => {
    expect(cohensKappa([[200, 50], [100, 150]])).toBeCloseTo(0.4, 12);
  });
});

describe("cohensKappa: input validation", () => {
  it("rejects an empty matrix", () => {
    expect(() => cohensKappa([])).toThrow(RangeError);
  });

  it("rejects a non-square matrix", () => {
    expect(() => cohensKappa([[1, 2, 3], [4, 5, 6]])).toThrow(/square/);
    expect(() => cohensKappa([[1, 2], [3]])).toThrow(/row 1/);
    expect(() => cohensKappa([[]])).toThrow(RangeError);
  });

  it("rejects negative and non-finite entries, naming the cell", () => {
    expect(() => cohensKappa([[1, -1], [0, 1]])).toThrow(/\[0\]\[1\]/);
    expect(() => cohensKappa([[1, 0], [Number.NaN, 1]])).toThrow(/\[1\]\[0\]/);
    expect(() => cohensKappa([[Number.POSITIVE_INFINITY, 0], [0, 1]])).toThrow(RangeError);
  });

  it("rejects a matrix whose total is 0 (κ undefined) with a RangeError, not NaN", () => {
    expect(() => cohensKappa([[0, 0], [0, 0]])).toThrow(/total is 0/);
  });
});

/** A second method: p_o and p_e counted straight from paired labels, no matrix. */
function kappaFromLabels(first: string[], second: string[]): number {
  const n = first.length;
  const po = first.filter((a, i) => a === second[i]).length / n;
  const categories = [...new Set([...first, ...second])];
  const pe = categories.reduce((s, c) => s + (first.filter((x) => x === c).length / n) * (second.filter((x) => x === c).length / n), 0);
  return pe === 1 ? 1 : (po - pe) / (1 - pe);
}

describe("cohensKappa cross-checked against paired labels", () => {
  const categories = ["PASS", "FAIL", "UNKNOWN"];
  it("agrees with κ counted from the labels on 200 pseudo-random pairings", () => {
    let state = 12345;
    const next = () => ((state = (state * 1103515245 + 12345) % 2 ** 31), state / 2 ** 31);
    for (let trial = 0; trial < 200; trial++) {
      const n = 1 + Math.floor(next() * 40);
      const first = Array.from({ length: n }, () => categories[Math.floor(next() * 3)]);
      // Mostly agreeing second reviews, so κ spans the whole range.
      const second = first.map((a) => (next() < 0.7 ? a : categories[Math.floor(next() * 3)]));
      expect(cohensKappa(confusionMatrix(first, second, categories))).toBeCloseTo(kappaFromLabels(first, second), 10);
    }
  });

  it("builds the matrix with rows for the first review and columns for the second", () => {
    expect(confusionMatrix(["PASS", "FAIL", "FAIL"], ["PASS", "PASS", "FAIL"], categories)).toEqual([
      [1, 0, 0],
      [1, 1, 0],
      [0, 0, 0],
    ]);
  });

  it("refuses labels outside the categories and unpaired arrays", () => {
    expect(() => confusionMatrix(["PASS"], ["MAYBE"], categories)).toThrow(/item 0: label MAYBE/);
    expect(() => confusionMatrix(["PASS"], [], categories)).toThrow(/differ in length/);
  });
});
