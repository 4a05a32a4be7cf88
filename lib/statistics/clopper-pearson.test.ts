import { describe, expect, it } from "vitest";
import { clopperPearson, clopperPearsonUpper } from "./clopper-pearson";

/** C(n, r) as an exact BigInt. */
function choose(n: number, r: number): bigint {
  let result = 1n;
  for (let i = 1; i <= r; i++) result = (result * BigInt(n - r + i)) / BigInt(i);
  return result;
}

/** P(X ≤ k) for X ~ Binomial(n, p), by direct summation of C(n, i) p^i (1 − p)^(n−i) with exact C(n, i). */
function binomialCdf(k: number, n: number, p: number): number {
  let sum = 0;
  for (let i = 0; i <= k; i++) sum += Number(choose(n, i)) * p ** i * (1 - p) ** (n - i);
  return sum;
}

/** P(X ≥ k) for X ~ Binomial(n, p), summed directly over the upper tail (no 1 − cdf cancellation). */
function binomialUpperTail(k: number, n: number, p: number): number {
  let sum = 0;
  for (let i = k; i <= n; i++) sum += Number(choose(n, i)) * p ** i * (1 - p) ** (n - i);
  return sum;
}

describe("clopperPearson (two-sided)", () => {
  it("matches published 95% intervals to 7 decimals", () => {
    const k0 = clopperPearson({ successes: 0, trials: 10 });
    expect(k0.lower).toBe(0);
    expect(k0.upper).toBeCloseTo(0.3084971, 7);

    const k5 = clopperPearson({ successes: 5, trials: 10 });
    expect(k5.lower).toBeCloseTo(0.187086, 7);
    expect(k5.upper).toBeCloseTo(0.812914, 7);

    const k1 = clopperPearson({ successes: 1, trials: 100 });
    expect(k1.lower).toBeCloseTo(0.0002531, 7);
    expect(k1.upper).toBeCloseTo(0.0544594, 7);
  });

  // Beta quantiles from SciPy 1.17 (scipy.special.betaincinv), independent of this module.
  it.each([
    [0, 10, 0.95, 0, 0.3084971078187607],
    [5, 10, 0.95, 0.18708602844739855, 0.8129139715526015],
    [1, 100, 0.95, 0.00025314603297742086, 0.054459385392080645],
    [3, 20, 0.95, 0.032070937185463715, 0.37892682654531396],
    [2, 50, 0.99, 0.0020887248469836695, 0.1725017596918001],
    [7, 30, 0.9, 0.11498689556973873, 0.3939474225223633],
    [10, 10, 0.95, 0.6915028921812392, 1],
    [99, 100, 0.95, 0.9455406146079194, 0.9997468539670226],
    [0, 1, 0.95, 0, 0.975],
    [1, 1, 0.8, 0.09999999999999998, 1],
    [50, 1000, 0.95, 0.03733539760466178, 0.06539048791549364],
    [12, 60000, 0.95, 0.00010334705202615804, 0.00034933366075171144],
  ])("k=%s, n=%s at %s: [%s, %s] (SciPy)", (successes, trials, confidence, lower, upper) => {
    const interval = clopperPearson({ successes, trials, confidence });
    expect(Math.abs(interval.lower - lower)).toBeLessThanOrEqual(1e-13 + 1e-12 * lower);
    expect(Math.abs(interval.upper - upper)).toBeLessThanOrEqual(1e-13 + 1e-12 * upper);
  });

  it("has lower = 0 exactly when k = 0 and upper = 1 exactly when k = n", () => {
    for (const n of [1, 2, 7, 100, 5000]) {
      expect(clopperPearson({ successes: 0, trials: n }).lower).toBe(0);
      expect(clopperPearson({ successes: n, trials: n }).upper).toBe(1);
      expect(clopperPearson({ successes: 0, trials: n }).upper).toBeLessThan(1);
      expect(clopperPearson({ successes: n, trials: n }).lower).toBeGreaterThan(0);
    }
  });

  it("contains the point estimate k/n, widens with confidence and is symmetric under k ↔ n − k", () => {
    for (const n of [1, 3, 10, 41]) {
      for (let k = 0; k <= n; k++) {
        const i90 = clopperPearson({ successes: k, trials: n, confidence: 0.9 });
        const i99 = clopperPearson({ successes: k, trials: n, confidence: 0.99 });
        const mirror = clopperPearson({ successes: n - k, trials: n, confidence: 0.9 });
        expect(i90.lower).toBeLessThanOrEqual(k / n);
        expect(i90.upper).toBeGreaterThanOrEqual(k / n);
        expect(i99.lower).toBeLessThanOrEqual(i90.lower);
        expect(i99.upper).toBeGreaterThanOrEqual(i90.upper);
        expect(Math.abs(i90.lower - (1 - mirror.upper))).toBeLessThan(1e-14);
      }
    }
  });

  it("defaults to 95% confidence", () => {
    expect(clopperPearson({ successes: 4, trials: 37 })).toEqual(
      clopperPearson({ successes: 4, trials: 37, confidence: 0.95 }),
    );
  });
});

describe("clopperPearsonUpper (one-sided)", () => {
  it("k = 0, n = 100 at 95% is 1 − 0.05^(1/100) = 0.0295130", () => {
    const upper = clopperPearsonUpper({ successes: 0, trials: 100 });
    expect(upper).toBeCloseTo(0.029513, 7);
    expect(Math.abs(upper - (1 - 0.05 ** (1 / 100)))).toBeLessThan(1e-15);
  });

  it("k = 0 follows the closed form 1 − α^(1/n) (the 'rule of three' regime)", () => {
    for (const n of [1, 2, 10, 59, 300, 10_000, 1_000_000]) {
      for (const confidence of [0.8, 0.9, 0.95, 0.99]) {
        const expected = -Math.expm1(Math.log(1 - confidence) / n);
        const upper = clopperPearsonUpper({ successes: 0, trials: n, confidence });
        // Tolerance follows the documented accuracy of I_x(a, b): ~1e-17·(a + b) for huge shapes.
        expect(Math.abs(upper - expected)).toBeLessThanOrEqual((1e-13 + 1e-17 * n) * expected);
      }
    }
  });

  // Beta quantiles from SciPy 1.17 (scipy.special.betaincinv(k + 1, n − k, confidence)).
  it.each([
    [0, 10, 0.95, 0.2588655508930522],
    [2, 50, 0.95, 0.12061415542204412],
    [10, 1000, 0.99, 0.02004260590087893],
    [0, 300, 0.9, 0.0076459038678994935],
    [5, 5, 0.95, 1],
    [4, 5, 0.95, 0.9897937816869885],
    [3, 59, 0.95, 0.12620655673085027],
    [0, 1, 0.95, 0.95],
    [1, 100000, 0.95, 4.743775717386053e-5],
  ])("k=%s, n=%s at %s: %s (SciPy)", (successes, trials, confidence, expected) => {
    const upper = clopperPearsonUpper({ successes, trials, confidence });
    expect(Math.abs(upper - expected)).toBeLessThanOrEqual(1e-13 + 1e-12 * expected);
  });

  it("equals the upper end of the two-sided interval at confidence 2c − 1", () => {
    for (const [k, n] of [[0, 20], [3, 20], [19, 20], [7, 400]]) {
      const oneSided = clopperPearsonUpper({ successes: k, trials: n, confidence: 0.95 });
      const twoSided = clopperPearson({ successes: k, trials: n, confidence: 0.9 });
      expect(Math.abs(oneSided - twoSided.upper)).toBeLessThan(1e-14);
      expect(oneSided).toBeLessThan(clopperPearson({ successes: k, trials: n }).upper);
    }
  });
});

describe("cross-check against direct binomial summation", () => {
  // A second, independent method: at each bound the exact binomial tail must equal its nominal size.
  const trialsGrid = [1, 2, 3, 5, 10, 17, 30, 50, 100, 200];
  const confidences = [0.8, 0.9, 0.95, 0.99];

  it("two-sided: P(X ≤ k | upper) = α/2 and P(X ≥ k | lower) = α/2 within 1e-9", () => {
    for (const n of trialsGrid) {
      for (let k = 0; k <= n; k += n > 50 ? 7 : 1) {
        for (const confidence of confidences) {
          const alpha = 1 - confidence;
          const { lower, upper } = clopperPearson({ successes: k, trials: n, confidence });
          if (k < n) expect(Math.abs(binomialCdf(k, n, upper) - alpha / 2)).toBeLessThan(1e-9);
          if (k > 0) expect(Math.abs(binomialUpperTail(k, n, lower) - alpha / 2)).toBeLessThan(1e-9);
        }
      }
    }
  });

  it("one-sided: P(X ≤ k | upper) = α within 1e-9", () => {
    for (const n of trialsGrid) {
      for (let k = 0; k < n; k += n > 50 ? 7 : 1) {
        for (const confidence of confidences) {
          const upper = clopperPearsonUpper({ successes: k, trials: n, confidence });
          expect(Math.abs(binomialCdf(k, n, upper) - (1 - confidence))).toBeLessThan(1e-9);
        }
      }
    }
  });
});

describe("input validation", () => {
  const bad: [string, { successes: number; trials: number; confidence?: number }][] = [
    ["non-integer successes", { successes: 1.5, trials: 10 }],
    ["non-integer trials", { successes: 1, trials: 10.2 }],
    ["negative successes", { successes: -1, trials: 10 }],
    ["negative trials", { successes: 0, trials: -5 }],
    ["successes > trials", { successes: 11, trials: 10 }],
    ["trials = 0", { successes: 0, trials: 0 }],
    ["NaN successes", { successes: Number.NaN, trials: 10 }],
    ["infinite trials", { successes: 1, trials: Number.POSITIVE_INFINITY }],
    ["confidence = 0", { successes: 1, trials: 10, confidence: 0 }],
    ["confidence = 1", { successes: 1, trials: 10, confidence: 1 }],
    ["confidence < 0", { successes: 1, trials: 10, confidence: -0.1 }],
    ["confidence > 1", { successes: 1, trials: 10, confidence: 1.2 }],
    ["NaN confidence", { successes: 1, trials: 10, confidence: Number.NaN }],
  ];

  it.each(bad)("throws RangeError for %s", (_label, input) => {
    expect(() => clopperPearson(input)).toThrow(RangeError);
    expect(() => clopperPearsonUpper(input)).toThrow(RangeError);
  });
});
