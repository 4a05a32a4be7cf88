/**
 * The random-stratum size an audit needs so that, with no defect found in it and a clean census
 * stratum, the exact upper bound on the population defect rate (lib/estimation.ts
 * `defectRateUpperBound`: (census defects + K_u) / N) is at most the PASS line (issue 9
 * "Planning"; seed 000 "Verdict Rules" 3%).
 */
import { planSampleSize } from "./planning";

/**
 * @param input.populationSize N (whole units); input.censusSize C ≤ N (FAILED/UNKNOWN units, all
 *   reviewed); input.confidence one-sided, e.g. 0.95; input.materiality fraction, default 0.03.
 * @returns the smallest random-stratum size n (0 ≤ n ≤ N − C) for which K_u / N ≤ materiality with
 *   zero defects found, i.e. planSampleSize (hypergeometric, population N − C) at materiality
 *   m × N / (N − C); 0 when nothing outside the census needs sampling; null when even reviewing
 *   all N − C units cannot show it (cannot happen with a clean census, kept for safety).
 * @throws RangeError for counts that are not whole numbers with 0 ≤ C ≤ N, or a bad confidence.
 * Source: jfa `planning(likelihood = "hypergeometric")`; Stewart (2012) §4.
 */
export function plannedRandomStratumSize(input: { populationSize: number; censusSize: number; confidence: number; materiality?: number }): number | null {
  const { populationSize: N, censusSize: C, confidence } = input;
  const materiality = input.materiality ?? 0.03;
  if (!Number.isInteger(N) || !Number.isInteger(C) || C < 0 || C > N) throw new RangeError("populationSize and censusSize must be whole numbers with 0 ≤ censusSize ≤ populationSize");
  const outside = N - C;
  if (outside === 0) return 0;
  const scaled = (materiality * N) / outside;
  if (scaled >= 1) return 0;
  try {
    return planSampleSize({ materiality: scaled, confidence, likelihood: "hypergeometric", populationSize: outside });
  } catch (e) {
    if (e instanceof RangeError && e.message.startsWith("no sample size")) return null;
    throw e;
  }
}
