import { describe, expect, it } from "vitest";
import { inverseRegularizedIncompleteBeta, logBeta, logGamma, regularizedIncompleteBeta } from "./beta";

// Reference values from Python 3 (math.lgamma), mpmath 1.3 at 50 digits (log(beta)) and SciPy 1.17
// (scipy.special.betainc / betaincinv), computed independently of the module under test.

/** Asserts |actual − expected| ≤ tol · max(1, |expected|) (absolute near 0, relative beyond). */
function expectNear(actual: number, expected: number, tol: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(expected)));
}

/** Asserts |actual − expected| ≤ tol · |expected| (relative, for tiny values). */
function expectRelative(actual: number, expected: number, tol: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tol * Math.abs(expected));
}

const GRID = [0, 1e-9, 0.001, 0.05, 0.2, 0.37, 0.5, 0.63, 0.8, 0.95, 0.999, 1 - 1e-9, 1];
/** Points x ≥ ½, for which 1 − x is exact in floating point (Sterbenz). */
const UPPER_HALF = GRID.filter((x) => x >= 0.5);
const SHAPES = [0.01, 0.3, 1, 2.5, 10, 120, 3000];

describe("logGamma", () => {
  it.each([
    [1e-8, 18.42068073818021],
    [0.001, 6.907178885383854],
    [0.1, 2.2527126517342055],
    [0.5, 0.5723649429247004],
    [1.5, -0.12078223763524543],
    [3.7, 1.4280723266653883],
    [10, 12.801827480081467],
    [100.5, 361.4355404677776],
    [12345.678, 103959.91990554606],
    [1e7, 151180949.3694739],
  ])("lnΓ(%s) = %s", (x, expected) => {
    expectNear(logGamma(x), expected, 1e-14);
  });

  it("is 0 at 1 and 2, and ½ ln π at ½", () => {
    expect(Math.abs(logGamma(1))).toBeLessThan(1e-15);
    expect(Math.abs(logGamma(2))).toBeLessThan(1e-15);
    expectNear(logGamma(0.5), 0.5 * Math.log(Math.PI), 1e-15);
  });

  it("gives ln n! for integers (n! as an exact BigInt product)", () => {
    let factorial = 1n;
    for (let n = 1; n <= 170; n++) {
      factorial *= BigInt(n);
      expectNear(logGamma(n + 1), Math.log(Number(factorial)), 1e-14);
    }
  });

  it("satisfies the recurrence lnΓ(x + 1) = lnΓ(x) + ln x", () => {
    for (const x of [1e-6, 0.01, 0.3, 0.77, 1.2, 4.5, 33.3, 999.9, 123456.7]) {
      expectNear(logGamma(x + 1), logGamma(x) + Math.log(x), 1e-14);
    }
  });

  it.each([0, -1, -0.5, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])(
    "throws RangeError for x = %s",
    (x) => {
      expect(() => logGamma(x)).toThrow(RangeError);
    },
  );
});

describe("logBeta", () => {
  it.each([
    [1, 1e7, -16.11809565095832],
    [0.5, 0.5, 1.1447298858494002],
    [3, 7, -5.529429087511423],
    [9.99, 10, -13.729038816824689],
    [10, 10, -13.736229227036555],
    [2, 1e5, -23.025860929890456],
    [101, 99900, -799.0155794804236],
    [1e5, 9.9e6, -560020.1760466713],
    [5e6, 5e6, -6931478.252561539],
    [0.01, 3000, 4.519417852455352],
    [1e-5, 1e-5, 12.206072645365683],
  ])("ln B(%s, %s) = %s (mpmath)", (a, b, expected) => {
    expectNear(logBeta(a, b), expected, 1e-15);
  });

  it("is symmetric and equals −ln(n + 1) − ln C(n, r) at integers", () => {
    expect(logBeta(2.5, 40)).toBe(logBeta(40, 2.5));
    expectNear(logBeta(1, 1e7), -Math.log(1e7), 1e-16); // the naive ln Γ difference loses ~8 digits here
    expectNear(logBeta(3, 98), -Math.log(100) - Math.log(4851), 1e-15); // C(100, 2) = 4851
  });

  it.each([
    [0, 1],
    [1, -1],
    [Number.NaN, 1],
    [1, Number.POSITIVE_INFINITY],
  ])("throws RangeError for a = %s, b = %s", (a, b) => {
    expect(() => logBeta(a, b)).toThrow(RangeError);
  });
});

describe("regularizedIncompleteBeta", () => {
  it("I_0.5(2, 3) = 11/16", () => {
    expectNear(regularizedIncompleteBeta(0.5, 2, 3), 0.6875, 1e-15);
  });

  it.each([
    [0.3, 0.5, 0.5, 0.36901011956554536],
    [0.01, 1, 100, 0.6339676587267705],
    [0.9, 50, 5, 0.361447139727378],
    [0.2, 0.001, 0.001, 0.4993079178753193],
    [0.999, 200, 0.5, 0.5272441070252349],
    [0.1, 3, 97, 0.9978783672740409],
    [0.05, 10, 1000, 0.9999999999996424],
    [0.7, 0.3, 4, 0.9987865278280111],
    [1e-6, 0.2, 0.8, 0.05902538539640919],
    [0.5, 500, 500, 0.5],
    [0.52, 500, 500, 0.897082472693004],
  ])("I_%s(%s, %s) = %s (SciPy)", (x, a, b, expected) => {
    expectNear(regularizedIncompleteBeta(x, a, b), expected, 1e-13);
  });

  it("stays accurate for one huge shape: I_x(1, n) = 1 − (1 − x)^n at n = 10^7", () => {
    // Differencing ln Γ(10^7) values would cost ~4e-8 here; ln B keeps it near the 1e-10 float64 limit.
    for (const x of [1e-9, 1e-8, 5e-8, 1e-7, 3e-7, 1e-6]) {
      expectNear(regularizedIncompleteBeta(x, 1, 1e7), -Math.expm1(1e7 * Math.log1p(-x)), 1e-10);
    }
  });

  it("I_x(1, 1) = x", () => {
    for (const x of GRID) expectNear(regularizedIncompleteBeta(x, 1, 1), x, 1e-15);
  });

  it("I_x(a, 1) = x^a and I_x(1, b) = 1 − (1 − x)^b", () => {
    for (const s of SHAPES) {
      for (const x of GRID) {
        expectNear(regularizedIncompleteBeta(x, s, 1), x ** s, 1e-13);
        expectNear(regularizedIncompleteBeta(x, 1, s), 1 - (1 - x) ** s, 1e-13);
      }
    }
  });

  it("is symmetric: I_x(a, b) = 1 − I_{1−x}(b, a)", () => {
    for (const a of SHAPES) {
      for (const b of SHAPES) {
        for (const x of UPPER_HALF) {
          const y = 1 - x; // exact, so (x, y) is a true complementary pair
          expectNear(regularizedIncompleteBeta(x, a, b), 1 - regularizedIncompleteBeta(y, b, a), 1e-13);
          expectNear(regularizedIncompleteBeta(y, a, b), 1 - regularizedIncompleteBeta(x, b, a), 1e-13);
        }
      }
    }
  });

  it("is 0 at x = 0, 1 at x = 1, and non-decreasing in x", () => {
    for (const a of SHAPES) {
      for (const b of SHAPES) {
        expect(regularizedIncompleteBeta(0, a, b)).toBe(0);
        expect(regularizedIncompleteBeta(1, a, b)).toBe(1);
        let previous = 0;
        for (const x of GRID) {
          const value = regularizedIncompleteBeta(x, a, b);
          expect(value).toBeGreaterThanOrEqual(previous - 1e-15);
          expect(value).toBeLessThanOrEqual(1);
          previous = value;
        }
      }
    }
  });

  it("converges for very large shape parameters", () => {
    // Normal approximation: Beta(s, s) has mean ½ and sd ≈ 1/(2√(2s)); 0.3/√s is ≈ 0.849 sd above.
    for (const s of [1e5, 1e6, 1e7]) {
      expectNear(regularizedIncompleteBeta(0.5, s, s), 0.5, 1e-9);
      expect(regularizedIncompleteBeta(0.5 + 0.3 / Math.sqrt(s), s, s)).toBeCloseTo(0.80193, 4);
    }
  });

  it.each([
    [-0.1, 1, 1],
    [1.1, 1, 1],
    [Number.NaN, 1, 1],
    [0.5, 0, 1],
    [0.5, 1, 0],
    [0.5, -2, 1],
    [0.5, 1, Number.NaN],
    [0.5, Number.POSITIVE_INFINITY, 1],
  ])("throws RangeError for x = %s, a = %s, b = %s", (x, a, b) => {
    expect(() => regularizedIncompleteBeta(x, a, b)).toThrow(RangeError);
  });
});

describe("inverseRegularizedIncompleteBeta", () => {
  it.each([
    [0.025, 1, 10, 0.0025285785444617848],
    [0.5, 2, 3, 0.3857275681323895],
    [1e-10, 2, 3, 4.082494015808333e-6],
    [0.9, 0.5, 0.5, 0.9755282581475768],
    [0.3, 0.01, 0.01, 6.42811993571847e-23],
    [0.95, 11, 90, 0.16371762327581477],
    [0.999999, 0.5, 300, 0.039127303157246975],
    [0.05, 1, 1e7, 5.129329425600043e-9],
    [0.995, 1000, 3, 0.9996625309708539],
  ])("I⁻¹_%s(%s, %s) = %s (SciPy)", (p, a, b, expected) => {
    expectRelative(inverseRegularizedIncompleteBeta(p, a, b), expected, 1e-12);
  });

  it("returns the endpoints for p = 0 and p = 1", () => {
    expect(inverseRegularizedIncompleteBeta(0, 3, 4)).toBe(0);
    expect(inverseRegularizedIncompleteBeta(1, 3, 4)).toBe(1);
  });

  it("brackets the root: I just below x is ≤ p and I just above x is ≥ p (to rounding of I)", () => {
    const probabilities = [1e-12, 1e-6, 0.005, 0.025, 0.05, 0.3, 0.5, 0.7, 0.95, 0.975, 0.995, 1 - 1e-9];
    const nearOne = 1 - Number.EPSILON / 2; // the largest double below 1
    for (const a of SHAPES) {
      for (const b of SHAPES) {
        for (const p of probabilities) {
          const x = inverseRegularizedIncompleteBeta(p, a, b);
          if (regularizedIncompleteBeta(Number.MIN_VALUE, a, b) >= p) {
            expect(x).toBeLessThan(1e-300); // true quantile is below the smallest double
          } else if (regularizedIncompleteBeta(nearOne, a, b) <= p) {
            expect(x).toBeGreaterThan(1 - 1e-14); // true quantile is closer to 1 than any double
          } else {
            expect(regularizedIncompleteBeta(x * (1 - 1e-13), a, b)).toBeLessThanOrEqual(p + 1e-15);
            expect(regularizedIncompleteBeta(Math.min(1, x * (1 + 1e-13)), a, b)).toBeGreaterThanOrEqual(p - 1e-15);
          }
        }
      }
    }
  });

  it("inverts I_x(a, b) in both directions to ~1e-12 where the problem is well conditioned", () => {
    for (const a of SHAPES) {
      for (const b of SHAPES) {
        for (const p of [0.005, 0.025, 0.05, 0.3, 0.5, 0.7, 0.95, 0.975, 0.995]) {
          const x = inverseRegularizedIncompleteBeta(p, a, b);
          // Near 1 the density can exceed 1e4, so one ulp of x moves I by more than 1e-12.
          if (x > 1e-300 && x < 0.999) expectNear(regularizedIncompleteBeta(x, a, b), p, 1e-12);
        }
        for (const x of [0.01, 0.2, 0.5, 0.8, 0.99]) {
          const p = regularizedIncompleteBeta(x, a, b);
          if (p > 1e-6 && p < 1 - 1e-6) expectNear(inverseRegularizedIncompleteBeta(p, a, b), x, 1e-10);
        }
      }
    }
  });

  it.each([
    [-0.01, 1, 1],
    [1.01, 1, 1],
    [Number.NaN, 1, 1],
    [0.5, 0, 1],
    [0.5, 1, -1],
    [0.5, Number.NaN, 1],
    [0.5, 1, Number.POSITIVE_INFINITY],
  ])("throws RangeError for p = %s, a = %s, b = %s", (p, a, b) => {
    expect(() => inverseRegularizedIncompleteBeta(p, a, b)).toThrow(RangeError);
  });
});
