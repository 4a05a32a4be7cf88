/**
 * Gamma and Beta special functions for exact binomial / hypergeometric confidence bounds.
 *
 * Source: W. H. Press, S. A. Teukolsky, W. T. Vetterling, B. P. Flannery, "Numerical Recipes:
 * The Art of Scientific Computing", 3rd ed., Cambridge University Press 2007 — §6.1 (gammln),
 * §6.4 (betai / betacf), §9.4 (rtsafe: Newton–Raphson safeguarded by bisection).
 */

/** Lanczos coefficients from Numerical Recipes 3rd ed. §6.1 (g = 607/128, 14 terms). */
const LANCZOS_COEFFICIENTS = [
  57.1562356658629235, -59.5979603554754912, 14.1360979747417471, -0.491913816097620199,
  0.339946499848118887e-4, 0.465236289270485756e-4, -0.983744753048795646e-4, 0.158088703224912494e-3,
  -0.210264441724104883e-3, 0.217439618115212643e-3, -0.16431810653676389e-3, 0.844182239838527433e-4,
  -0.261908384015814087e-4, 0.368991826595316234e-5,
];
const SQRT_2PI = 2.5066282746310005;

/** Smallest magnitude allowed in the modified Lentz recurrences (NR's FPMIN). */
const TINY = 1e-300;
/** Iteration cap of the continued fraction; it needs roughly O(√max(a, b)) terms. */
const MAX_CONTINUED_FRACTION_TERMS = 100_000;
/** Iteration cap of the inverse; bisection alone reaches the smallest double in ~1,075 steps. */
const MAX_INVERSE_ITERATIONS = 2_000;
/** Relative width at which the inverse stops (a few ulps; far below the 1e-12 it promises). */
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

/** ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b). */
function logBeta(a: number, b: number): number {
  return logGamma(a) + logGamma(b) - logGamma(a + b);
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

/** I_x(a, b) for already-validated arguments, with ln B(a, b) supplied by the caller. */
function incompleteBeta(x: number, a: number, b: number, lnBeta: number): number {
  if (x === 0) return 0;
  if (x === 1) return 1;
  const front = Math.exp(a * Math.log(x) + b * Math.log1p(-x) - lnBeta);
  // The continued fraction converges fastest for x < (a + 1)/(a + b + 2); otherwise use symmetry.
  if (x < (a + 1) / (a + b + 2)) return (front * betaContinuedFraction(x, a, b)) / a;
  return 1 - (front * betaContinuedFraction(1 - x, b, a)) / b;
}

/**
 * Regularized incomplete Beta function I_x(a, b) = B(x; a, b) / B(a, b), i.e. the CDF at x of a
 * Beta(a, b) distribution. Satisfies I_x(a, b) = 1 − I_{1−x}(b, a).
 *
 * @param x point, 0 ≤ x ≤ 1.
 * @param a first shape parameter, finite and > 0.
 * @param b second shape parameter, finite and > 0.
 * @returns I_x(a, b) in [0, 1] (exactly 0 at x = 0 and 1 at x = 1); accurate to ~1e-14 absolute
 *   for moderate a, b, degrading like 1e-16·(a + b)·ln(a + b) for very large shapes.
 * @throws RangeError when x is outside [0, 1] or a, b are not finite numbers > 0;
 *   Error if the continued fraction fails to converge (not observed for a, b ≤ 1e8).
 * Source: Press et al., Numerical Recipes 3rd ed. §6.4, `betai` with `betacf` (modified Lentz).
 */
export function regularizedIncompleteBeta(x: number, a: number, b: number): number {
  assertUnitInterval("x", x);
  assertPositiveFinite("a", a);
  assertPositiveFinite("b", b);
  return incompleteBeta(x, a, b, logBeta(a, b));
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
 * @returns x in [0, 1], to a relative precision of ~1e-15 (absolute error well under 1e-12).
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
    const f = incompleteBeta(x, a, b, lnBeta) - p;
    if (f === 0) return x;
    if (f < 0) lo = x;
    else hi = x;
    let next = x - f / density(x);
    if (!(next > lo && next < hi) || Math.abs(next - x) > Math.abs(lastStep) / 2) next = lo + (hi - lo) / 2;
    lastStep = next - x;
    const tolerance = Math.max(INVERSE_RELATIVE_TOLERANCE * next, Number.MIN_VALUE);
    if (Math.abs(lastStep) <= tolerance || hi - lo <= tolerance) return next;
    x = next;
  }
  return x;
}
