/**
 * A rate (fraction 0–1) as a percent with two decimals, the same on cards, charts and tables; a
 * non-zero rate under 0.01% keeps three significant digits so it does not read as 0. "—" for null.
 */
export function formatRate(v: number | null): string {
  if (v === null) return "—";
  return v > 0 && v < 0.0001 ? `${(v * 100).toPrecision(3)}%` : `${(v * 100).toFixed(2)}%`;
}
