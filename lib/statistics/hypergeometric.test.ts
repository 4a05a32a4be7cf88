import { describe, expect, it } from "vitest";
import { clopperPearsonUpper } from "./clopper-pearson";
import { hypergeometricCdf, hypergeometricUpperBound, hypergeometricUpperRate } from "./hypergeometric";

/** C(n, r) as an exact BigInt (0 outside 0 ≤ r ≤ n). */
function choose(n: number, r: number): bigint {
  if (r < 0 || r > n) return 0n;
  let result = 1n;
  for (let i = 1; i <= r; i++) result = (result * BigInt(n - r + i)) / BigInt(i);
  return result;
}

/** P(X ≤ k | N, K, n) as an exact fraction: Σ C(K, i) C(N − K, n − i) over C(N, n). */
function exactCdf(k: number, N: number, K: number, n: number): { num: bigint; den: bigint } {
  let num = 0n;
  for (let i = 0; i <= k; i++) num += choose(K, i) * choose(N - K, n - i);
  return { num, den: choose(N, n) };
}

/** Exact test of P(X ≤ k | N, K, n) > 1/m (α = 1/m, e.g. m = 20 for 95% confidence). */
function exceedsAlpha(k: number, N: number, K: number, n: number, m: number): boolean {
  const { num, den } = exactCdf(k, N, K, n);
  return num * BigInt(m) > den;
}

/** Confidence levels with α = 1/m exactly. */
const LEVELS = [
  { confidence: 0.8, m: 5 },
  { confidence: 0.9, m: 10 },
  { confidence: 0.95, m: 20 },
  { confidence: 0.99, m: 100 },
];

describe("hypergeometricCdf", () => {
  it("matches exact BigInt summation for every K, n, k with N = 50", () => {
    const N = 50;
    for (const n of [0, 1, 2, 5, 10, 20, 25, 33, 49, 50]) {
      for (let K = 0; K <= N; K++) {
        for (let k = 0; k <= n; k++) {
          const { num, den } = exactCdf(k, N, K, n);
          const exact = Number(num) / Number(den); // both < 2^53, so this is correctly rounded
          expect(Math.abs(hypergeometricCdf(k, N, K, n) - exact)).toBeLessThanOrEqual(1e-15 + 1e-13 * exact);
        }
      }
    }
  });

  // Exact values from mpmath 1.3 at 60 digits (independent of this module).
  it.each([
    [0, 1_000, 10, 100, 0.34692771479200596],
    [3, 1_000, 50, 100, 0.24325285206601222],
    [5, 500, 20, 100, 0.8082554531552867],
    [290, 10_000_000, 30_000, 100_000, 0.2927053990207894],
    [310, 10_000_000, 30_000, 100_000, 0.7310884130445551],
    [0, 10_000_000, 100, 100_000, 0.3660305111038971],
    [1500, 1_000_000, 100_000, 15_000, 0.5068844434952946],
    [2, 100_000, 500, 2_000, 0.0025481268186251086],
    [60, 200, 100, 100, 0.9985570677946765],
    [20, 10_000_000, 2_901, 100_000, 0.050096855095470544],
  ])("P(X ≤ %s | N=%s, K=%s, n=%s) = %s (mpmath)", (k, N, K, n, expected) => {
    expect(Math.abs(hypergeometricCdf(k, N, K, n) - expected)).toBeLessThanOrEqual(1e-10 * expected);
  });

  it("is 1 when k ≥ min(n, K), 0 below the support, and handles n = 0, K = 0, K = N", () => {
    expect(hypergeometricCdf(5, 100, 5, 50)).toBe(1);
    expect(hypergeometricCdf(7, 100, 60, 7)).toBe(1);
    expect(hypergeometricCdf(9, 100, 95, 15)).toBe(0); // at least 15 − 5 = 10 defects must be drawn
    expect(hypergeometricCdf(0, 100, 40, 0)).toBe(1);
    expect(hypergeometricCdf(0, 100, 0, 30)).toBe(1);
    expect(hypergeometricCdf(29, 100, 100, 30)).toBe(0);
    expect(hypergeometricCdf(30, 100, 100, 30)).toBe(1);
  });

  it("is non-increasing in K", () => {
    for (const [N, n] of [
      [1_000, 100],
      [60, 59],
    ]) {
      for (const k of [0, 1, 3, 10, 50]) {
        let previous = 1;
        for (let K = 0; K <= N; K++) {
          const value = hypergeometricCdf(k, N, K, n);
          expect(value).toBeLessThanOrEqual(previous + 1e-15);
          previous = value;
        }
      }
    }
    let previous = 1;
    for (let K = 2_000; K <= 4_000; K += 50) {
      const value = hypergeometricCdf(20, 10_000_000, K, 100_000);
      expect(value).toBeLessThan(previous);
      previous = value;
    }
  });

  it.each([
    [1.5, 10, 2, 5],
    [1, 10.5, 2, 5],
    [-1, 10, 2, 5],
    [1, 10, -2, 5],
    [1, 10, 11, 5],
    [1, 10, 2, 11],
    [1, 10, Number.NaN, 5],
    [1, Number.POSITIVE_INFINITY, 2, 5],
  ])("throws RangeError for k=%s, N=%s, K=%s, n=%s", (k, N, K, n) => {
    expect(() => hypergeometricCdf(k, N, K, n)).toThrow(RangeError);
  });
});

describe("hypergeometricUpperBound", () => {
  it("satisfies the defining inequality exactly, and K_u + 1 does not (N = 50, exact BigInt)", () => {
    const N = 50;
    for (const n of [1, 2, 5, 10, 20, 30, 49, 50]) {
      for (let k = 0; k <= n; k++) {
        for (const { confidence, m } of LEVELS) {
          const bound = hypergeometricUpperBound({ defects: k, sampleSize: n, populationSize: N, confidence });
          expect(Number.isInteger(bound)).toBe(true);
          expect(bound).toBeGreaterThanOrEqual(k);
          expect(bound).toBeLessThanOrEqual(N - n + k);
          expect(exceedsAlpha(k, N, bound, n, m)).toBe(true);
          if (bound < N) expect(exceedsAlpha(k, N, bound + 1, n, m)).toBe(false);
        }
      }
    }
  });

  it("equals a linear scan over every K (N = 20 and N = 100, exact BigInt)", () => {
    for (const N of [20, 100]) {
      for (const n of [1, 3, 10, N]) {
        for (let k = 0; k <= n; k += 1 + Math.floor(n / 7)) {
          for (const { confidence, m } of LEVELS) {
            let scan = 0;
            for (let K = 0; K <= N; K++) if (exceedsAlpha(k, N, K, n, m)) scan = K;
            expect(hypergeometricUpperBound({ defects: k, sampleSize: n, populationSize: N, confidence })).toBe(scan);
          }
        }
      }
    }
  });

  // Binary search with SciPy's hypergeom.cdf, each bound then confirmed with exact mpmath CDFs at K_u
  // and K_u + 1. [0, 1, 20]: P = 1/20 exactly at K = 19, an exact tie that the definition excludes.
  it.each([
    [0, 100, 1_000, 0.95, 28],
    [0, 59, 10_000, 0.95, 493],
    [1, 100, 1_000, 0.95, 44],
    [2, 50, 500, 0.9, 49],
    [5, 200, 5_000, 0.99, 317],
    [0, 100, 100, 0.95, 0],
    [3, 100, 100, 0.95, 3],
    [10, 10, 50, 0.95, 50],
    [0, 1, 20, 0.95, 18],
    [0, 1, 100, 0.95, 94],
    [20, 100_000, 10_000_000, 0.95, 2_901],
    [0, 1_000, 10_000_000, 0.95, 29_911],
    [1000, 100_000, 10_000_000, 0.95, 105_305],
  ])("k=%s, n=%s, N=%s at %s: K_u = %s", (defects, sampleSize, populationSize, confidence, expected) => {
    expect(hypergeometricUpperBound({ defects, sampleSize, populationSize, confidence })).toBe(expected);
  });

  it("defaults to 95% confidence and grows with confidence", () => {
    const sample = { defects: 2, sampleSize: 80, populationSize: 2_000 };
    expect(hypergeometricUpperBound(sample)).toBe(hypergeometricUpperBound({ ...sample, confidence: 0.95 }));
    const bounds = LEVELS.map(({ confidence }) => hypergeometricUpperBound({ ...sample, confidence }));
    for (let i = 1; i < bounds.length; i++) expect(bounds[i]).toBeGreaterThanOrEqual(bounds[i - 1]);
  });

  const bad: [string, { defects: number; sampleSize: number; populationSize: number; confidence?: number }][] = [
    ["non-integer defects", { defects: 0.5, sampleSize: 10, populationSize: 100 }],
    ["non-integer sampleSize", { defects: 0, sampleSize: 10.1, populationSize: 100 }],
    ["non-integer populationSize", { defects: 0, sampleSize: 10, populationSize: 99.9 }],
    ["negative defects", { defects: -1, sampleSize: 10, populationSize: 100 }],
    ["negative populationSize", { defects: 0, sampleSize: 10, populationSize: -100 }],
    ["sampleSize = 0", { defects: 0, sampleSize: 0, populationSize: 100 }],
    ["sampleSize > populationSize", { defects: 0, sampleSize: 101, populationSize: 100 }],
    ["defects > sampleSize", { defects: 11, sampleSize: 10, populationSize: 100 }],
    ["NaN populationSize", { defects: 0, sampleSize: 10, populationSize: Number.NaN }],
    ["confidence = 0", { defects: 0, sampleSize: 10, populationSize: 100, confidence: 0 }],
    ["confidence = 1", { defects: 0, sampleSize: 10, populationSize: 100, confidence: 1 }],
    ["confidence > 1", { defects: 0, sampleSize: 10, populationSize: 100, confidence: 95 }],
  ];

  it.each(bad)("throws RangeError for %s", (_label, input) => {
    expect(() => hypergeometricUpperBound(input)).toThrow(RangeError);
    expect(() => hypergeometricUpperRate(input)).toThrow(RangeError);
  });
});

describe("hypergeometricUpperRate", () => {
  it("is K_u / N", () => {
    const sample = { defects: 1, sampleSize: 100, populationSize: 1_000 };
    expect(hypergeometricUpperRate(sample)).toBe(44 / 1_000);
    expect(hypergeometricUpperRate({ defects: 4, sampleSize: 4, populationSize: 9 })).toBe(1);
  });

  it("never exceeds the binomial (Clopper–Pearson one-sided) bound when k < n/2", () => {
    // Sampling without replacement is more informative (finite population correction). The ordering
    // is not universal — near k = n discreteness can flip it: k = 10, n = 11, N = 50 at 80% gives
    // 49/50 = 0.98 > 0.97992 (binomial), found by an exact-fraction search — so the grid keeps k < n/2.
    for (const N of [50, 200, 1_000, 5_000]) {
      for (const n of [1, 2, 5, 10, 30, 100, 400, N].filter((size) => size <= N)) {
        for (let k = 0; 2 * k < n; k += 1 + Math.floor(n / 15)) {
          for (const confidence of [0.9, 0.95, 0.99]) {
            const input = { defects: k, sampleSize: n, confidence };
            const rate = hypergeometricUpperRate({ ...input, populationSize: N });
            expect(rate).toBeLessThanOrEqual(clopperPearsonUpper({ successes: k, trials: n, confidence }));
          }
        }
      }
    }
    const edge = { defects: 10, sampleSize: 11, populationSize: 50, confidence: 0.8 };
    expect(hypergeometricUpperRate(edge)).toBe(0.98);
    expect(clopperPearsonUpper({ successes: 10, trials: 11, confidence: 0.8 })).toBeLessThan(0.98);
  });

  it("converges to the binomial bound as N grows (gap ≤ bound·n/N + 1/N, shrinking with N)", () => {
    for (const [k, n] of [
      [0, 100],
      [1, 100],
      [2, 50],
      [5, 1_000],
      [0, 1_000],
      [20, 100_000],
    ]) {
      const binomial = clopperPearsonUpper({ successes: k, trials: n });
      let previousGap = Number.POSITIVE_INFINITY;
      for (const N of [1e3, 1e4, 1e5, 1e6, 1e7].filter((size) => size >= n)) {
        const gap = binomial - hypergeometricUpperRate({ defects: k, sampleSize: n, populationSize: N });
        expect(gap).toBeGreaterThanOrEqual(0);
        expect(gap).toBeLessThanOrEqual((binomial * n) / N + 1 / N);
        expect(gap).toBeLessThan(previousGap);
        previousGap = gap;
      }
    }
  });
});
