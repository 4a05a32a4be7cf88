/**
 * "Show the math" (issue 9): a structured, serialisable account of how the defect and unknown
 * rates, their exact upper bounds and the verdict come out of the reviews, so that a reader can
 * recompute the verdict by hand. Pure; rates are fractions 0–1 (the `worked` strings add percentages
 * for people).
 */
import { decideWithBasis, type DecisionSettings } from "../decision-basis";
import { stratifiedRate, type SampleSummary, type StratumCounts } from "../estimation";
import { PASS_MAX_DEFECT_RATE, PASS_MAX_UNKNOWN_RATE, PASS_WITH_NOTES_MAX_DEFECT_RATE, type GateState, type Reason, type Verdict } from "../verdict";
import { hypergeometricUpperBound } from "./hypergeometric";

export type StratumInputs = StratumCounts & { unreviewed: number };

export type EstimateStep = {
  /** Census-stratum units counted exactly (reviewed FAIL, or UNKNOWN for the unknown rate). */
  censusCount: number;
  /** Random-stratum units found (FAIL / UNKNOWN) among the reviewed ones. */
  randomCount: number;
  randomReviewed: number;
  /** randomCount / randomReviewed; null while no random unit is reviewed (the stratum then adds 0). */
  randomFraction: number | null;
  /** (N − C) × randomFraction: the random stratum's estimated count among the units outside the census. */
  scaledRandom: number;
  /** censusCount + scaledRandom. */
  numerator: number;
  /** numerator / N, a fraction 0–1. */
  rate: number;
  /** The formula with the numbers in, e.g. "(2 + 990 × 3 / 100) / 1000 = 0.031700 (3.17%)". */
  worked: string;
};

export type UpperBoundStep = {
  /** Census-stratum units found (FAIL / UNKNOWN). */
  censusCount: number;
  /** Census units not reviewed yet, counted as found so the bound stays valid mid-review. */
  censusUnreviewed: number;
  randomCount: number;
  randomReviewed: number;
  /** N − C, the population the random stratum was drawn from. */
  randomPopulation: number;
  /** K_u: upper bound on the count among the N − C units. */
  Ku: number;
  /** How K_u was obtained: the hypergeometric bound, or all N − C while none is reviewed, or 0 when N = C. */
  KuMethod: "hypergeometric" | "no_random_reviews" | "no_units_outside_census";
  /** censusCount + censusUnreviewed + K_u. */
  numerator: number;
  /** min(1, numerator / N), a fraction 0–1. */
  rate: number;
  worked: string;
};

export type MethodText = { name: string; formula: string };
export type Source = { topic: string; reference: string };

export type MathExplanation = {
  confidence: number;
  basis: DecisionSettings["basis"];
  inputs: {
    /** N, units in the population. */
    populationSize: number;
    /** C, units in the census stratum (FAILED or UNKNOWN execution status). */
    censusSize: number;
    /** N − C. */
    outsideCensus: number;
    census: StratumInputs;
    random: StratumInputs;
    /** Shown for completeness: supplementary units do not enter the rates (only critical defects and owners). */
    supplementary: StratumInputs;
    criticalDefects: number;
    failedWithoutOwner: number;
    reviewComplete: boolean;
  };
  methods: { pointEstimate: MethodText; upperBound: MethodText };
  defect: { estimate: EstimateStep; upper: UpperBoundStep };
  unknown: { estimate: EstimateStep; upper: UpperBoundStep };
  /** Seed 000 "Verdict Rules" lines, fractions; all inclusive. */
  thresholds: { passDefect: number; failDefect: number; passUnknown: number };
  decision: {
    /** Which figure was held against the thresholds. */
    figure: "point estimate" | "upper bound";
    defectRate: number;
    unknownRate: number;
    verdict: Verdict;
    gateState: Exclude<GateState, "EXCEPTION">;
    reasons: Reason[];
    /** The rules in the order decideVerdict applies them (first that applies wins). */
    rules: string[];
  };
  sources: Source[];
};

const fraction = (rate: number) => `${rate.toFixed(6)} (${(rate * 100).toFixed(2)}%)`;
const stratumInputs = (c: StratumCounts): StratumInputs => ({ ...c, unreviewed: c.size - c.reviewed });

function estimateStep(N: number, C: number, censusCount: number, randomCount: number, randomReviewed: number): EstimateStep {
  const outside = N - C;
  const randomFraction = randomReviewed > 0 ? randomCount / randomReviewed : null;
  const scaledRandom = outside * (randomFraction ?? 0);
  const rate = stratifiedRate(N, C, censusCount, randomCount, randomReviewed);
  const randomPart = randomReviewed > 0 ? `${outside} × ${randomCount} / ${randomReviewed}` : `${outside} × 0 (no random unit reviewed yet)`;
  return {
    censusCount,
    randomCount,
    randomReviewed,
    randomFraction,
    scaledRandom,
    numerator: censusCount + scaledRandom,
    rate,
    worked: N > 0 ? `(${censusCount} + ${randomPart}) / ${N} = ${fraction(rate)}` : "empty population: 0",
  };
}

function upperStep(N: number, C: number, census: StratumCounts, censusCount: number, randomCount: number, randomReviewed: number, confidence: number): UpperBoundStep {
  const outside = N - C;
  const censusUnreviewed = census.size - census.reviewed;
  const KuMethod: UpperBoundStep["KuMethod"] = outside === 0 ? "no_units_outside_census" : randomReviewed === 0 ? "no_random_reviews" : "hypergeometric";
  const Ku =
    KuMethod === "no_units_outside_census"
      ? 0
      : KuMethod === "no_random_reviews"
        ? outside
        : hypergeometricUpperBound({ defects: randomCount, sampleSize: randomReviewed, populationSize: outside, confidence });
  const numerator = censusCount + censusUnreviewed + Ku;
  const rate = N > 0 ? Math.min(1, numerator / N) : 0;
  const KuText =
    KuMethod === "hypergeometric"
      ? `K_u = ${Ku} (hypergeometric, ${randomCount} found in ${randomReviewed} of ${outside}, ${Math.round(confidence * 100)}%)`
      : KuMethod === "no_random_reviews"
        ? `K_u = ${Ku} (no random unit reviewed yet: all N − C counted)`
        : "K_u = 0 (no units outside the census)";
  return {
    censusCount,
    censusUnreviewed,
    randomCount,
    randomReviewed,
    randomPopulation: outside,
    Ku,
    KuMethod,
    numerator,
    rate,
    worked: N > 0 ? `(${censusCount} + ${censusUnreviewed} + ${Ku}) / ${N} = ${fraction(rate)}; ${KuText}` : "empty population: 0",
  };
}

/**
 * Explains the estimate, the exact upper bound and the verdict of a sample summary, step by step:
 * - stratified point estimate (DESIGN.md "stratum"; Cochran 1977 §5.2):
 *   rate = (census + (N − C) × random / reviewed) / N, for defects (FAIL) and unknowns (UNKNOWN);
 * - exact stratified upper bound: (census + censusUnreviewed + K_u) / N with K_u the hypergeometric
 *   upper bound on the random stratum's count among its N − C units (Talens 2005; jfa `.qhyper`);
 * - which figure decided (the basis), the thresholds, the verdict and its reasons (`decideWithBasis`).
 * Every number a reader needs is in `inputs` and the steps, so (census + (N − C) × count / reviewed) / N
 * and (census + unreviewed + K_u) / N reproduce `estimatedDefectRate` and `defectRateUpperBound`
 * (and the unknown counterparts) exactly. Plain data: JSON.stringify round-trips it.
 *
 * @param summary sample summary (lib/estimation.ts).
 * @param settings confidence (0.90 | 0.95 | 0.99) and basis ('point_estimate' | 'upper_bound').
 * @returns MathExplanation (see its fields); rates are fractions 0–1.
 * @throws RangeError for invalid settings or an inconsistent summary.
 * Source: seed 000 "Verdict Rules"; W. G. Cochran, Sampling Techniques, 3rd ed. (1977), §5.2;
 *   E. Talens, "Statistical Auditing and the AOQL-method" (2005) and jfa (Derks et al.) `.qhyper`.
 */
export function explainEstimate(summary: SampleSummary, settings: DecisionSettings): MathExplanation {
  const decided = decideWithBasis(summary, settings);
  const { confidence, basis } = settings;
  const N = summary.populationSize;
  const C = summary.census.size;
  const { census, random } = summary;
  const level = `${Math.round(confidence * 100)}%`;
  return {
    confidence,
    basis,
    inputs: {
      populationSize: N,
      censusSize: C,
      outsideCensus: N - C,
      census: stratumInputs(census),
      random: stratumInputs(random),
      supplementary: stratumInputs(summary.supplementary),
      criticalDefects: summary.criticalDefects,
      failedWithoutOwner: summary.failedWithoutOwner,
      reviewComplete: summary.reviewed === summary.sampled,
    },
    methods: {
      pointEstimate: {
        name: "Stratified estimate (census stratum counted exactly, random stratum scaled to the units outside it)",
        formula: "rate = (census + (N − C) × random / reviewed) / N",
      },
      upperBound: {
        name: `Exact one-sided ${level} upper bound, stratified (census exact, random stratum hypergeometric)`,
        formula: "upper = min(1, (census + censusUnreviewed + K_u) / N), K_u = max{ K : P(X ≤ k | N − C, K, n) > 1 − confidence }",
      },
    },
    defect: {
      estimate: estimateStep(N, C, census.defects, random.defects, random.reviewed),
      upper: upperStep(N, C, census, census.defects, random.defects, random.reviewed, confidence),
    },
    unknown: {
      estimate: estimateStep(N, C, census.unknowns, random.unknowns, random.reviewed),
      upper: upperStep(N, C, census, census.unknowns, random.unknowns, random.reviewed, confidence),
    },
    thresholds: { passDefect: PASS_MAX_DEFECT_RATE, failDefect: PASS_WITH_NOTES_MAX_DEFECT_RATE, passUnknown: PASS_MAX_UNKNOWN_RATE },
    decision: {
      figure: basis === "upper_bound" ? "upper bound" : "point estimate",
      defectRate: decided.rates.decidingDefectRate,
      unknownRate: decided.rates.decidingUnknownRate,
      verdict: decided.verdict,
      gateState: decided.gateState,
      reasons: decided.reasons,
      rules: [
        "1. Any critical defect → FAIL at once.",
        "2. Review incomplete → INCONCLUSIVE.",
        "3. Defect rate > 7% → FAIL.",
        "4. Defect rate ≤ 3% and unknown rate ≤ 2% → PASS.",
        "5. Defect rate ≤ 7% and every failed unit has a remediation owner → PASS_WITH_NOTES.",
        "6. Otherwise → INCONCLUSIVE.",
      ],
    },
    sources: [
      { topic: "verdict thresholds and critical defects", reference: 'Seed 000, "Verdict Rules"' },
      { topic: "strata and mandatory inclusions", reference: 'Seed 000, "Sampling Policy"; DESIGN.md "stratum"' },
      { topic: "stratified point estimate", reference: "W. G. Cochran, Sampling Techniques, 3rd ed. (Wiley, 1977), §5.2" },
      {
        topic: "hypergeometric upper bound K_u",
        reference: 'E. Talens, "Statistical Auditing and the AOQL-method" (2005); jfa R package (K. Derks et al.), evaluation(method = "hypergeometric") / .qhyper',
      },
    ],
  };
}
