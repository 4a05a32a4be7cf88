import { describe, expect, it } from "vitest";
import { clopperPearsonUpper } from "./clopper-pearson";
import { hypergeometricUpperBound } from "./hypergeometric";
import { MAX_BINOMIAL_SAMPLE_SIZE, planningUpperBound, planSampleSize, smallestSatisfying } from "./planning";

// Independent checks, none of which uses lib/statistics:
// - binomial: the Clopper–Pearson upper bound p_U solves P(X ≤ k | n, p_U) = α and P(X ≤ k | n, p)
//   falls as p grows, so p_U ≤ m ⇔ P(X ≤ k | n, m) ≤ α. With m and α rational that is decided
//   EXACTLY below by BigInt sums of C(n, i) a^i (b − a)^(n − i) (m = a/b);
// - hypergeometric: K_u = max{K : P(X ≤ k | N, K, n) > α} and the CDF falls as K grows, so
//   K_u / N ≤ m ⇔ K_u ≤ ⌊mN⌋ ⇔ P(X ≤ k | N, ⌊mN⌋ + 1, n) ≤ α, again decided exactly by BigInt sums;
// - a float bisection on p of the directly summed binomial CDF, compared with clopperPearsonUpper.
// The planned sizes were also computed outside this repository two ways: Python's fractions
// (exact, as here) and SciPy 1.17 `beta.ppf(conf, k + 1, n − k)` (binomial), with identical results.

type Ratio = { num: bigint; den: bigint };
const ratio = (num: number, den: number): Ratio => ({ num: BigInt(num), den: BigInt(den) });

/** C(n, r) as an exact BigInt (0 outside 0 ≤ r ≤ n). */
function choose(n: number, r: number): bigint {
  if (r < 0 || r > n) return 0n;
  let result = 1n;
  for (let i = 1; i <= r; i++) result = (result * BigInt(n - r + i)) / BigInt(i);
  return result;
}

/** Exact test P(X ≤ k | n, p = m) ≤ α for X ~ Binomial(n, m). */
function binomialCdfAtMost(k: number, n: number, m: Ratio, alpha: Ratio): boolean {
  let sum = 0n;
  for (let i = 0; i <= k; i++) sum += choose(n, i) * m.num ** BigInt(i) * (m.den - m.num) ** BigInt(n - i);
  return sum * alpha.den <= alpha.num * m.den ** BigInt(n);
}

/** Exact test P(X ≤ k | N, K, n) ≤ α for the hypergeometric distribution. */
function hypergeometricCdfAtMost(k: number, N: number, K: number, n: number, alpha: Ratio): boolean {
  let num = 0n;
  for (let i = 0; i <= k; i++) num += choose(K, i) * choose(N - K, n - i);
  return num * alpha.den <= alpha.num * choose(N, n);
}

/** Binomial upper bound ≤ m, decided exactly. */
const binomialReaches = (k: number, n: number, m: Ratio, alpha: Ratio) => binomialCdfAtMost(k, n, m, alpha);
/** Hypergeometric K_u / N ≤ m, decided exactly (K_u ≤ ⌊mN⌋). */
function hypergeometricReaches(k: number, n: number, N: number, m: Ratio, alpha: Ratio): boolean {
  const maxK = Number((m.num * BigInt(N)) / m.den);
  return maxK + 1 > N || hypergeometricCdfAtMost(k, N, maxK + 1, n, alpha);
}

/** P(X ≤ k | n, p), summed directly in floating point. */
function binomialCdf(k: number, n: number, p: number): number {
  let sum = 0;
  for (let i = 0; i <= k; i++) sum += Number(choose(n, i)) * p ** i * (1 - p) ** (n - i);
  return sum;
}

/** The p with P(X ≤ k | n, p) = α, by plain bisection (the CDF is decreasing in p). */
function bisectUpper(k: number, n: number, alpha: number): number {
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (binomialCdf(k, n, mid) > alpha) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

describe("smallestSatisfying", () => {
  it("finds the first true of a monotone predicate, or null", () => {
    for (const threshold of [0, 1, 2, 3, 7, 8, 100, 1023, 1024, 1025]) {
      expect(smallestSatisfying(0, 2000, (n) => n >= threshold)).toBe(threshold);
    }
    expect(smallestSatisfying(5, 10, () => true)).toBe(5);
    expect(smallestSatisfying(5, 10, () => false)).toBeNull();
    expect(smallestSatisfying(5, 4, () => true)).toBeNull();
    expect(smallestSatisfying(5, 10, (n) => n >= 10)).toBe(10);
  });

  it("probes O(log n) points, not a linear scan", () => {
    let probes = 0;
    expect(smallestSatisfying(1, 1e9, (n) => (probes++, n >= 123_456_789))).toBe(123_456_789);
    expect(probes).toBeLessThan(70);
  });
});

describe("planningUpperBound is monotone non-increasing in n for fixed k (what the search relies on)", () => {
  it("binomial", () => {
    for (const k of [0, 1, 2, 5]) {
      for (const confidence of [0.9, 0.95, 0.99]) {
        let previous = 1;
        for (let n = Math.max(1, k); n <= 400; n++) {
          const bound = planningUpperBound("binomial", k, n, confidence);
          expect(bound).toBeLessThanOrEqual(previous);
          previous = bound;
        }
      }
    }
  });

  it("hypergeometric", () => {
    for (const N of [60, 500]) {
      for (const k of [0, 1, 3]) {
        let previous = 1;
        for (let n = Math.max(1, k); n <= N; n += N === 60 ? 1 : 7) {
          const bound = planningUpperBound("hypergeometric", k, n, 0.95, N);
          expect(bound).toBeLessThanOrEqual(previous);
          previous = bound;
        }
      }
    }
  });
});

describe("planSampleSize: binomial", () => {
  // [materiality as a/b, confidence as 1 − α with α = c/d, expected defects, planned n]
  it.each([
    [3, 100, 0.95, 1, 20, 0, 99],
    [5, 100, 0.95, 1, 20, 0, 59],
    [1, 100, 0.95, 1, 20, 0, 299],
    [5, 100, 0.95, 1, 20, 1, 93],
    [5, 100, 0.95, 1, 20, 2, 124],
    [5, 100, 0.9, 1, 10, 0, 45],
    [5, 100, 0.99, 1, 100, 0, 90],
    [3, 100, 0.95, 1, 20, 1, 157],
    [3, 100, 0.95, 1, 20, 2, 208],
    [2, 100, 0.9, 1, 10, 1, 194],
    [3, 100, 0.99, 1, 100, 0, 152],
  ])("materiality %s/%s at %s with %s/%s risk, %s expected → %s", (a, b, confidence, c, d, expectedDefects, planned) => {
    const m = ratio(a, b);
    const alpha = ratio(c, d);
    // The expected value is the exact answer: n reaches the materiality, n − 1 does not.
    expect(binomialReaches(expectedDefects, planned, m, alpha)).toBe(true);
    expect(binomialReaches(expectedDefects, planned - 1, m, alpha)).toBe(false);
    expect(planSampleSize({ materiality: a / b, confidence, expectedDefects, likelihood: "binomial" })).toBe(planned);
  });

  it("agrees with a float bisection of the directly summed binomial CDF at the planned sizes", () => {
    for (const [k, n, confidence] of [[0, 99, 0.95], [1, 93, 0.95], [2, 124, 0.95], [0, 45, 0.9], [0, 90, 0.99], [2, 208, 0.95]]) {
      const upper = clopperPearsonUpper({ successes: k, trials: n, confidence });
      expect(Math.abs(upper - bisectUpper(k, n, 1 - confidence))).toBeLessThan(1e-9);
    }
  });

  it("defaults to 95% confidence and no expected defects", () => {
    expect(planSampleSize({ materiality: 0.03, likelihood: "binomial" })).toBe(99);
  });

  it("gives the closed form n = ⌈ln α / ln(1 − m)⌉ with no expected defects", () => {
    for (const m of [0.005, 0.01, 0.02, 0.03, 0.05, 0.1, 0.2]) {
      for (const confidence of [0.9, 0.95, 0.99]) {
        const closed = Math.ceil(Math.log(1 - confidence) / Math.log1p(-m));
        expect(planSampleSize({ materiality: m, confidence, likelihood: "binomial" })).toBe(closed);
      }
    }
  });

  it("is capped by a population size when one is given", () => {
    expect(planSampleSize({ materiality: 0.03, likelihood: "binomial", populationSize: 99 })).toBe(99);
    expect(() => planSampleSize({ materiality: 0.03, likelihood: "binomial", populationSize: 98 })).toThrow(RangeError);
  });

  it("plans very small materialities quickly (search, not a scan)", () => {
    const started = performance.now();
    const n = planSampleSize({ materiality: 1e-6, likelihood: "binomial" });
    expect(n).toBe(Math.ceil(Math.log(0.05) / Math.log1p(-1e-6)));
    expect(n).toBeLessThanOrEqual(MAX_BINOMIAL_SAMPLE_SIZE);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe("planSampleSize: hypergeometric", () => {
  // [materiality a/b, confidence, α = c/d, expected defects, N, planned n]
  it.each([
    [3, 100, 0.95, 1, 20, 0, 1000, 91],
    [5, 100, 0.95, 1, 20, 0, 1000, 56],
    [3, 100, 0.95, 1, 20, 1, 1000, 143],
    [5, 100, 0.9, 1, 10, 2, 500, 95],
    [3, 100, 0.99, 1, 100, 0, 1000, 136],
    [5, 100, 0.95, 1, 20, 0, 100, 39],
    [3, 100, 0.95, 1, 20, 0, 5000, 97],
    [1, 100, 0.95, 1, 20, 0, 300, 158],
  ])("materiality %s/%s at %s (α %s/%s), %s expected, N = %s → %s", (a, b, confidence, c, d, expectedDefects, N, planned) => {
    const m = ratio(a, b);
    const alpha = ratio(c, d);
    expect(hypergeometricReaches(expectedDefects, planned, N, m, alpha)).toBe(true);
    expect(hypergeometricReaches(expectedDefects, planned - 1, N, m, alpha)).toBe(false);
    expect(planSampleSize({ materiality: a / b, confidence, expectedDefects, likelihood: "hypergeometric", populationSize: N })).toBe(planned);
  });

  it("needs fewer units than the binomial plan for a finite population, approaching it as N grows", () => {
    const binomial = planSampleSize({ materiality: 0.03, likelihood: "binomial" });
    const sizes = [200, 1000, 5000, 100_000].map((N) => planSampleSize({ materiality: 0.03, likelihood: "hypergeometric", populationSize: N }));
    for (let i = 1; i < sizes.length; i++) expect(sizes[i]).toBeGreaterThanOrEqual(sizes[i - 1]);
    expect(sizes.at(-1)).toBeLessThanOrEqual(binomial);
    expect(binomial - sizes.at(-1)!).toBeLessThanOrEqual(1);
  });

  it("is inclusive at the materiality, unlike jfa's strict '<' (N = 1000, 3%: K_u = 30 exactly at n = 91)", () => {
    expect(hypergeometricUpperBound({ defects: 0, sampleSize: 91, populationSize: 1000 })).toBe(30);
    expect(hypergeometricUpperBound({ defects: 0, sampleSize: 90, populationSize: 1000 })).toBe(31);
    // jfa's planning() requires K_u / N < 3%, i.e. K_u ≤ 29: first reached at n = 94.
    expect(hypergeometricUpperBound({ defects: 0, sampleSize: 93, populationSize: 1000 })).toBe(30);
    expect(hypergeometricUpperBound({ defects: 0, sampleSize: 94, populationSize: 1000 })).toBe(29);
  });

  it("can take the whole population, and throws when even that cannot reach the materiality", () => {
    // N = 10 at 5%: ⌊0.5⌋ = 0 defects allowed, so only a census (K_u = k = 0) reaches it.
    expect(planSampleSize({ materiality: 0.05, likelihood: "hypergeometric", populationSize: 10 })).toBe(10);
    // 2 expected defects in 30 units is 6.7% > 5% even in a census.
    expect(() => planSampleSize({ materiality: 0.05, expectedDefects: 2, likelihood: "hypergeometric", populationSize: 30 })).toThrow(RangeError);
    expect(() => planSampleSize({ materiality: 0.05, expectedDefects: 40, likelihood: "hypergeometric", populationSize: 30 })).toThrow(RangeError);
  });
});

describe("planSampleSize: input errors", () => {
  it.each([
    [{ materiality: 0, likelihood: "binomial" }],
    [{ materiality: 1, likelihood: "binomial" }],
    [{ materiality: 3, likelihood: "binomial" }],
    [{ materiality: -0.1, likelihood: "binomial" }],
    [{ materiality: Number.NaN, likelihood: "binomial" }],
    [{ materiality: 0.03, confidence: 0, likelihood: "binomial" }],
    [{ materiality: 0.03, confidence: 1, likelihood: "binomial" }],
    [{ materiality: 0.03, confidence: 95, likelihood: "binomial" }],
    [{ materiality: 0.03, expectedDefects: -1, likelihood: "binomial" }],
    [{ materiality: 0.03, expectedDefects: 1.5, likelihood: "binomial" }],
    [{ materiality: 0.03, likelihood: "hypergeometric" }],
    [{ materiality: 0.03, likelihood: "hypergeometric", populationSize: 0 }],
    [{ materiality: 0.03, likelihood: "hypergeometric", populationSize: 100.5 }],
    [{ materiality: 0.03, likelihood: "hypergeometric", populationSize: -5 }],
    [{ materiality: 0.03, likelihood: "poisson" }],
  ])("throws RangeError for %o", (input) => {
    expect(() => planSampleSize(input as never)).toThrow(RangeError);
  });
});
