/**
 * Expansion readiness scorecard and weighted quality scores (seed 004 §10.5 "IMPROVEMENT 5:
 * Expansion Readiness Scorecard" and §11.1 "Overall Orchestration Score"; issue 13 "Rollout
 * expansion gate"). Weighted scores are recomputed, never copied from a report.
 */
import { DEFAULT_SCORECARD_CONFIG, type ScorecardConfig, type ScorecardSection } from "./config";

export type ExpansionReadiness = "GO" | "GO_WITH_MONITORING" | "NO_GO";

/**
 * Readiness band for scorecard points (seed 004 IMPROVEMENT 5 "Scoring"): ≥ goMin (90) → GO,
 * ≥ goWithMonitoringMin (70) → GO_WITH_MONITORING, below → NO_GO. Fractional points fall in the
 * band below the next bound (89.5 → GO_WITH_MONITORING).
 * @param points 0–100.
 * @throws RangeError when points is not a finite number in [0, 100].
 */
export function expansionReadiness(points: number, config: ScorecardConfig = DEFAULT_SCORECARD_CONFIG): ExpansionReadiness {
  if (typeof points !== "number" || !Number.isFinite(points) || points < 0 || points > 100) {
    throw new RangeError(`points must be a number from 0 to 100, not ${points}`);
  }
  if (points >= config.goMin) return "GO";
  if (points >= config.goWithMonitoringMin) return "GO_WITH_MONITORING";
  return "NO_GO";
}

export type ItemResult = { id: string; met: boolean };
export type ScorecardResult = {
  points: number;
  bySection: Record<ScorecardSection, { points: number; max: number }>;
  /** Configured items with no result: counted as not met (seed 001's "default to pessimism"). */
  unanswered: string[];
  readiness: ExpansionReadiness;
};

/**
 * Scorecard points: the sum of the points of the configured items that are met (seed 004
 * IMPROVEMENT 5: technical 40, process 30, validation 30; 10 points per item). An item with no
 * result scores 0 and is listed in `unanswered`.
 * @throws RangeError for a result naming an unknown item or naming an item twice.
 */
export function scorecardPoints(results: readonly ItemResult[], config: ScorecardConfig = DEFAULT_SCORECARD_CONFIG): ScorecardResult {
  const byId = new Map<string, boolean>();
  for (const r of results) {
    if (!config.items.some((i) => i.id === r.id)) throw new RangeError(`unknown scorecard item "${r.id}"`);
    if (byId.has(r.id)) throw new RangeError(`scorecard item "${r.id}" is given twice`);
    byId.set(r.id, r.met === true);
  }
  const bySection = { technical: { points: 0, max: 0 }, process: { points: 0, max: 0 }, validation: { points: 0, max: 0 } };
  for (const item of config.items) {
    bySection[item.section].max += item.points;
    if (byId.get(item.id)) bySection[item.section].points += item.points;
  }
  const points = bySection.technical.points + bySection.process.points + bySection.validation.points;
  return {
    points,
    bySection,
    unanswered: config.items.filter((i) => !byId.has(i.id)).map((i) => i.id),
    readiness: expansionReadiness(Math.min(100, points), config),
  };
}

export type TechnicalMetrics = {
  /** Health checks that passed and that ran (seed 004: "4/5 pass"). */
  healthChecksPassed: number;
  healthChecksTotal: number;
  /** Fraction 0–1 (seed 004: 98.28 % → 0.9828). */
  testPassRate: number;
  /** Fraction 0–1. */
  errorRate: number;
  /** Milliseconds. */
  p95LatencyMs: number;
};

/**
 * The four technical items from measured values (seed 004 IMPROVEMENT 5 "Technical Readiness"):
 * health checks all passing (and at least one ran); test pass rate ≥ minTestPassRate (98 %,
 * inclusive); error rate < maxErrorRateExclusive (0.1 %); p95 latency < maxP95LatencyMsExclusive
 * (200 ms).
 * @throws RangeError for rates outside [0, 1], negative counts or latency, or passed > total.
 */
export function technicalItems(m: TechnicalMetrics, config: ScorecardConfig = DEFAULT_SCORECARD_CONFIG): ItemResult[] {
  for (const [name, rate] of [["testPassRate", m.testPassRate], ["errorRate", m.errorRate]] as const) {
    if (!(rate >= 0 && rate <= 1)) throw new RangeError(`${name} must be a fraction from 0 to 1`);
  }
  if (!(Number.isInteger(m.healthChecksPassed) && Number.isInteger(m.healthChecksTotal) && m.healthChecksPassed >= 0 && m.healthChecksPassed <= m.healthChecksTotal)) {
    throw new RangeError("health check counts must be whole numbers with 0 ≤ passed ≤ total");
  }
  if (!(m.p95LatencyMs >= 0 && Number.isFinite(m.p95LatencyMs))) throw new RangeError("p95LatencyMs must be a number ≥ 0");
  return [
    { id: "health_checks_passing", met: m.healthChecksTotal > 0 && m.healthChecksPassed === m.healthChecksTotal },
    { id: "test_pass_rate", met: m.testPassRate >= config.minTestPassRate },
    { id: "error_rate", met: m.errorRate < config.maxErrorRateExclusive },
    { id: "p95_latency", met: m.p95LatencyMs < config.maxP95LatencyMsExclusive },
  ];
}

const WEIGHT_TOLERANCE = 1e-9;

/**
 * Weighted score (issue 13; seed 004 §11.1 table): Σ weight × score / 100, with weights in percent.
 * Scores are on whatever scale the report uses (e.g. 0–10) and the result is on the same scale.
 * @throws RangeError when there are no items, a weight is negative or not finite, a score is not
 *   finite, or the weights do not sum to 100 (within 1e-9).
 */
export function weightedScore(items: readonly { weight: number; score: number }[]): number {
  if (items.length === 0) throw new RangeError("weightedScore needs at least one item");
  items.forEach((it, i) => {
    if (typeof it.weight !== "number" || !Number.isFinite(it.weight) || it.weight < 0) throw new RangeError(`item ${i + 1}: weight must be a number ≥ 0`);
    if (typeof it.score !== "number" || !Number.isFinite(it.score)) throw new RangeError(`item ${i + 1}: score must be a finite number`);
  });
  const total = items.reduce((s, it) => s + it.weight, 0);
  if (Math.abs(total - 100) > WEIGHT_TOLERANCE) throw new RangeError(`weights must sum to 100 (percent), not ${total}`);
  return items.reduce((s, it) => s + it.weight * it.score, 0) / 100;
}

export type StatedScoreCheck = { recomputed: number; stated: number; difference: number; mismatch: boolean };

/**
 * Compares a report's stated overall score with the one recomputed from its own table (issue 13
 * "the app shows the recomputed one next to it and flags a mismatch"). mismatch when
 * |stated − recomputed| > tolerance; the default 0.05 accepts a stated value that is the
 * recomputed one rounded to one decimal (how seed 004 writes scores, "6.8/10").
 * @throws RangeError from `weightedScore`, or when stated or tolerance is not finite (tolerance ≥ 0).
 */
export function compareStatedScore(stated: number, items: readonly { weight: number; score: number }[], tolerance = 0.05): StatedScoreCheck {
  if (!Number.isFinite(stated)) throw new RangeError("stated score must be a finite number");
  if (!(tolerance >= 0 && Number.isFinite(tolerance))) throw new RangeError("tolerance must be a number ≥ 0");
  const recomputed = weightedScore(items);
  const difference = stated - recomputed;
  return { recomputed, stated, difference, mismatch: Math.abs(difference) > tolerance + 1e-12 };
}
