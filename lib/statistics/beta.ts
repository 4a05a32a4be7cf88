/**
 * Gamma and Beta special functions for exact binomial / hypergeometric confidence bounds.
 *
 * Source: W. H. Press, S. A. Teukolsky, W. T. Vetterling, B. P. Flannery, "Numerical Recipes:
 * The Art of Scientific Computing", 3rd ed., Cambridge University Press 2007 — §6.1 (gammln),
 * §6.4 (betai / betacf), §9.4 (rtsafe: Newton–Raphson safeguarded by bisection). ln B(a, b) for
 * large arguments follows R's nmath `lbeta` (Stirling series with the remainder kept separately).
 */

/** Lanczos coefficients from Numerical Recipes 3rd ed. §6.1 (g = 607/128, 14 terms). */
const LANCZOS_COEFFICIENTS = [
  57.1562356658629235, -59.5979603554754912, 14.1360979747417471, -0.491913816097620199,
  0.339946499848118887e-4, 0.465236289270485756e-4, -0.983744753048795646e-4, 0.158088703224912494e-3,
  -0.210264441724104883e-3, 0.217439618115212643e-3, -0.16431810653676389e-3, 0.844182239838527433e-4,
  -0.261908384015814087e-4, 0.368991826595316234e-5,
];
const SQRT_2PI = 2.5066282746310005;
const LN_SQRT_2PI = 0.9189385332046728;
/** B₂ₖ / (2k(2k − 1)), k = 1…8: coefficients of the Stirling series for ln Γ (A&S 6.1.41). */
const STIRLING_COEFFICIENTS = [1 / 12, -1 / 360, 1 / 1260, -1 / 1680, 1 / 1188, -691 / 360360, 1 / 156, -3617 / 122400];

/** Smallest magnitude allowed in the modified Lentz recurrences (NR's FPMIN). */
const TINY = 1e-300;
/** Iteration cap of the continued fraction; it needs roughly O(√max(a, b)) terms. */
const MAX_CONTINUED_FRACTION_TERMS = 100_000;
/** Iteration cap of the inverse; bisection alone reaches the smallest double in ~1,075 steps. */
const MAX_INVERSE_ITERATIONS = 2_000;
/**
 * The inverse stops when its step or bracket is below this fraction of min(x, 1 − x) (so quantiles
 * near 1 are resolved in 1 − x), but never asks for less than about one ulp of x.
 */
const INVERSE_RELATIVE_TOLERANCE = 1e-15;

function assertPositiveFinite(name: string, value: number): void {
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`${name} must be a finite number > 0, got ${value}`);
}

function assertUnitInterval(name: string, value: number): void {
  if (!Number.isFinite(value) || value < 0 || value > 1) throw new RangeError(`${name} must be in [0, 1], got ${value}`);
}

/**
 * Natural logarithm of the Gamma function, ln Γ(x), by the Lanczos approximation.
 *
 * @param x any finite real > 0.
 * @returns ln Γ(x); relative error ≲ 1e-15 for x ≲ 100 and absolute error ≲ 1e-16·x·ln x
 *   beyond that (the limit of float64 for a result of that size). ln Γ(n + 1) = ln n!.
 * @throws RangeError when x is not a finite number > 0.
 * Source: Press et al., Numerical Recipes 3rd ed. §6.1, `gammln`.
 */
export function logGamma(x: number): number {
  assertPositiveFinite("x", x);
  let t = x + 5.2421875; // g + 1/2
  t = (x + 0.5) * Math.log(t) - t;
  let series = 0.999999999999997092;
  for (let j = 0; j < LANCZOS_COEFFICIENTS.length; j++) series += LANCZOS_COEFFICIENTS[j] / (x + j + 1);
  return t + Math.log((SQRT_2PI * series) / x);
}

/**
 * Stirling-series remainder c(x) = ln Γ(x) − [(x − ½) ln x − x + ½ ln 2π] for x ≥ 10:
 * Σ B₂ₖ / (2k(2k − 1) x^(2k−1)), k = 1…8; the first omitted term is < 2e-18 at x = 10.
 */
function stirlingRemainder(x: number): number {
  const inverseSquare = 1 / (x * x);
  let sum = 0;
  for (let k = STIRLING_COEFFICIENTS.length - 1; k >= 0; k--) sum = sum * inverseSquare + STIRLING_COEFFICIENTS[k];
  return sum / x;
}

/**
 * Natural logarithm of the Beta function, ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b).
 *
 * When an argument is ≥ 10 the Stirling terms are combined analytically, so the huge ln Γ values
 * cancel before rounding: e.g. ln B(1, 10^7) = −ln 10^7 comes out to full precision, where the
 * naive difference of two ln Γ ≈ 1.5e8 values would lose ~8 digits.
 *
 * @param a finite number > 0.
 * @param b finite number > 0.
 * @returns ln B(a, b); absolute error ≲ 1e-15·(1 + m·|ln(m/(a + b))|) with m = min(a, b).
 * @throws RangeError when a or b is not a finite number > 0.
 * Source: R Core Team, nmath `lbeta.c` (after W. Fullerton's SLATEC `dlbeta`); Stirling series as
 *   in Abramowitz & Stegun 6.1.41.
 */
export function logBeta(a: number, b: number): number {
  assertPositiveFinite("a", a);
  assertPositiveFinite("b", b);
  const p = Math.min(a, b);
  const q = Math.max(a, b);
  const sum = p + q;
  if (p >= 10) {
    const remainder = stirlingRemainder(p) + stirlingRemainder(q) - stirlingRemainder(sum);
    return -0.5 * Math.log(q) + LN_SQRT_2PI + remainder + (p - 0.5) * Math.log(p / sum) + q * Math.log1p(-p / sum);
  }
  if (q >= 10) {
    const remainder = stirlingRemainder(q) - stirlingRemainder(sum);
    return logGamma(p) + remainder + p - p * Math.log(sum) + (q - 0.5) * Math.log1p(-p / sum);
  }
  return logGamma(p) + logGamma(q) - logGamma(sum);
}

/** Continued fraction for I_x(a, b) by the modified Lentz method (NR 3rd ed. §6.4, `betacf`). */
function betaContinuedFraction(x: number, a: number, b: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  const clamp = (v: number) => (Math.abs(v) < TINY ? TINY : v);
  let c = 1;
  let d = 1 / clamp(1 - (qab * x) / qap);
  let h = d;
  for (let m = 1; m <= MAX_CONTINUED_FRACTION_TERMS; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 / clamp(1 + aa * d);
    c = clamp(1 + aa / c);
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 / clamp(1 + aa * d);
    c = clamp(1 + aa / c);
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) <= Number.EPSILON) return h;
  }
  throw new Error(`incomplete beta continued fraction did not converge for a=${a}, b=${b}, x=${x}`);
}

/**
 * [I_x(a, b), 1 − I_x(a, b)] for already-validated arguments, with ln B(a, b) supplied by the
 * caller. The continued fraction converges fastest for x < (a + 1)/(a + b + 2), so it yields the
 * lower tail there and, by symmetry, the upper tail above; the other is its complement. The directly
 * computed tail keeps full relative precision even when it is tiny.
 */
function incompleteBetaTails(x: number, a: number, b: number, lnBeta: number): [number, number] {
  if (x === 0) return [0, 1];
  if (x === 1) return [1, 0];
  const front = Math.exp(a * Math.log(x) + b * Math.log1p(-x) - lnBeta);
  if (x < (a + 1) / (a + b + 2)) {
    const lower = (front * betaContinuedFraction(x, a, b)) / a;
    return [lower, 1 - lower];
  }
  const upper = (front * betaContinuedFraction(1 - x, b, a)) / b;
  return [1 - upper, upper];
}

/**
 * Regularized incomplete Beta function I_x(a, b) = B(x; a, b) / B(a, b), i.e. the CDF at x of a
 * Beta(a, b) distribution. Satisfies I_x(a, b) = 1 − I_{1−x}(b, a).
 *
 * @param x point, 0 ≤ x ≤ 1.
 * @param a first shape parameter, finite and > 0.
 * @param b second shape parameter, finite and > 0.
 * @returns I_x(a, b) in [0, 1] (exactly 0 at x = 0 and 1 at x = 1). Absolute error ≲ 1e-14 for
 *   shapes up to ~10^3, growing roughly like 1e-17·(a + b) beyond (≈ 1e-10 at a + b = 10^7), the
 *   limit of the continued fraction in float64.
 * @throws RangeError when x is outside [0, 1] or a, b are not finite numbers > 0;
 *   Error if the continued fraction fails to converge (not observed for a, b ≤ 10^9).
 * Source: Press et al., Numerical Recipes 3rd ed. §6.4, `betai` with `betacf` (modified Lentz).
 */
export function regularizedIncompleteBeta(x: number, a: number, b: number): number {
  assertUnitInterval("x", x);
  assertPositiveFinite("a", a);
  assertPositiveFinite("b", b);
  return incompleteBetaTails(x, a, b, logBeta(a, b))[0];
}

/**
 * Inverse of the regularized incomplete Beta function: the x in [0, 1] with I_x(a, b) = p, i.e.
 * the p-quantile of a Beta(a, b) distribution.
 *
 * Solved by Newton–Raphson on I_x(a, b) − p, safeguarded by bisection: a bracket [lo, hi] with
 * I_lo ≤ p ≤ I_hi is kept, and any Newton step that leaves it or fails to halve the previous step
 * is replaced by a bisection step, so convergence is guaranteed (I is monotone in x).
 *
 * @param p probability, 0 ≤ p ≤ 1 (p = 0 returns 0, p = 1 returns 1).
 * @param a first shape parameter, finite and > 0.
 * @param b second shape parameter, finite and > 0.
 * @returns x in [0, 1], bracketed to within 1e-15·min(x, 1 − x) or a couple of ulps, whichever is
 *   larger (so absolute error ≤ 1e-15, well under 1e-12, beyond the conditioning of I itself).
 *   A quantile outside float64 range (e.g. p = 1e-12, a = 0.01 has x ≈ 1e-1200) comes back as the
 *   nearest representable value.
 * @throws RangeError when p is outside [0, 1] or a, b are not finite numbers > 0.
 * Source: Press et al., Numerical Recipes 3rd ed. §9.4 (`rtsafe`) applied to §6.4 (`betai`).
 */
export function inverseRegularizedIncompleteBeta(p: number, a: number, b: number): number {
  assertUnitInterval("p", p);
  assertPositiveFinite("a", a);
  assertPositiveFinite("b", b);
  if (p === 0) return 0;
  if (p === 1) return 1;

  const lnBeta = logBeta(a, b);
  const density = (x: number) => Math.exp((a - 1) * Math.log(x) + (b - 1) * Math.log1p(-x) - lnBeta);
  let lo = 0;
  let hi = 1;
  let x = a / (a + b); // the mean: always strictly inside (0, 1)
  let lastStep = 1;
  for (let i = 0; i < MAX_INVERSE_ITERATIONS; i++) {
    // f = I_x − p, taken as (1 − p) − (1 − I_x) when p > ½ (1 − p is then exact) so that quantiles
    // near 1 resolve the small upper tail rather than differences of numbers close to 1.
    const [lower, upper] = incompleteBetaTails(x, a, b, lnBeta);
    const f = p <= 0.5 ? lower - p : 1 - p - upper;
    if (f === 0) return x;
    if (f < 0) lo = x;
    else hi = x;
    let next = x - f / density(x);
    if (!(next > lo && next < hi) || Math.abs(next - x) > Math.abs(lastStep) / 2) next = lo + (hi - lo) / 2;
    lastStep = next - x;
    const tolerance = Math.max(
      INVERSE_RELATIVE_TOLERANCE * Math.min(next, 1 - next),
      Number.EPSILON * next,
      Number.MIN_VALUE,
    );
    if (Math.abs(lastStep) <= tolerance || hi - lo <= tolerance) return next;
    x = next;
  }
  return x;
}
