import { describe, expect, it } from "vitest";
import seed004 from "./fixtures/seed-004-orchestration-score.json";
import { DEFAULT_SCORECARD_CONFIG, scorecardConfigSchema } from "./config";
import { compareStatedScore, expansionReadiness, scorecardPoints, technicalItems, weightedScore } from "./scorecard";

describe("expansionReadiness (seed 004 IMPROVEMENT 5 scoring bands)", () => {
  it.each([
    [100, "GO"], [90, "GO"], [89.99, "GO_WITH_MONITORING"], [89, "GO_WITH_MONITORING"], [70, "GO_WITH_MONITORING"],
    [69.99, "NO_GO"], [0, "NO_GO"],
  ] as const)("%s points → %s", (points, band) => expect(expansionReadiness(points)).toBe(band));

  it.each([-1, 100.01, Number.NaN, Number.POSITIVE_INFINITY])("rejects %s with a RangeError", (p) => {
    expect(() => expansionReadiness(p)).toThrow(RangeError);
  });
});

describe("scorecard items (seed 004 IMPROVEMENT 5)", () => {
  it("holds the seed's ten items: technical 40, process 30, validation 30", () => {
    const cfg = DEFAULT_SCORECARD_CONFIG;
    expect(cfg.items).toHaveLength(10);
    const by = (s: string) => cfg.items.filter((i) => i.section === s).reduce((a, i) => a + i.points, 0);
    expect([by("technical"), by("process"), by("validation")]).toEqual([40, 30, 30]);
  });

  it("sums the met items, counts unanswered items as not met and names them", () => {
    const r = scorecardPoints([
      { id: "health_checks_passing", met: true }, { id: "test_pass_rate", met: true }, { id: "error_rate", met: true }, { id: "p95_latency", met: true },
      { id: "checkpoint_report", met: true }, { id: "approval_signed", met: false }, { id: "decision_meeting", met: true },
      { id: "soak_time", met: true }, { id: "cache_performance", met: true },
    ]);
    expect(r.points).toBe(80);
    expect(r.bySection).toEqual({ technical: { points: 40, max: 40 }, process: { points: 20, max: 30 }, validation: { points: 20, max: 30 } });
    expect(r.unanswered).toEqual(["retrieval_accuracy"]);
    expect(r.readiness).toBe("GO_WITH_MONITORING");
  });

  it("rejects unknown and duplicated items", () => {
    expect(() => scorecardPoints([{ id: "vibes", met: true }])).toThrow(/unknown scorecard item "vibes"/);
    expect(() => scorecardPoints([{ id: "soak_time", met: true }, { id: "soak_time", met: false }])).toThrow(/given twice/);
  });

  it("scores the seed's 25% expansion state as NO-GO", () => {
    // Seed 004 §1–3: health checks 4/5, 98.28% tests; no checkpoint report, no approval, no
    // meeting; 1.7 h of 48 h soak; cache cold (N/A); retrieval accuracy unvalidated (0% P@10).
    // Error rate and p95 are not reported in the seed: we mark them met to show it is NO-GO even so.
    const technical = technicalItems({ healthChecksPassed: 4, healthChecksTotal: 5, testPassRate: 0.9828, errorRate: 0, p95LatencyMs: 150 });
    expect(technical).toEqual([
      { id: "health_checks_passing", met: false }, { id: "test_pass_rate", met: true }, { id: "error_rate", met: true }, { id: "p95_latency", met: true },
    ]);
    const rest = ["checkpoint_report", "approval_signed", "decision_meeting", "soak_time", "cache_performance", "retrieval_accuracy"].map((id) => ({ id, met: false }));
    const r = scorecardPoints([...technical, ...rest]);
    expect(r.points).toBe(30);
    expect(r.readiness).toBe("NO_GO");
  });

  it("applies the technical thresholds at their bounds (≥ 98%, < 0.1%, < 200 ms)", () => {
    const at = technicalItems({ healthChecksPassed: 5, healthChecksTotal: 5, testPassRate: 0.98, errorRate: 0.001, p95LatencyMs: 200 });
    expect(at.map((i) => i.met)).toEqual([true, true, false, false]);
    expect(technicalItems({ healthChecksPassed: 0, healthChecksTotal: 0, testPassRate: 1, errorRate: 0, p95LatencyMs: 1 })[0].met).toBe(false);
    expect(() => technicalItems({ healthChecksPassed: 6, healthChecksTotal: 5, testPassRate: 1, errorRate: 0, p95LatencyMs: 1 })).toThrow(RangeError);
    expect(() => technicalItems({ healthChecksPassed: 5, healthChecksTotal: 5, testPassRate: 98.28, errorRate: 0, p95LatencyMs: 1 })).toThrow(/fraction/);
  });

  it("config schema rejects points that do not sum to 100 and inverted bands", () => {
    const bad = { ...DEFAULT_SCORECARD_CONFIG, items: DEFAULT_SCORECARD_CONFIG.items.slice(1) };
    expect(scorecardConfigSchema.safeParse(bad).success).toBe(false);
    expect(scorecardConfigSchema.safeParse({ ...DEFAULT_SCORECARD_CONFIG, goWithMonitoringMin: 95 }).success).toBe(false);
    expect(scorecardConfigSchema.safeParse(DEFAULT_SCORECARD_CONFIG).success).toBe(true);
  });
});

describe("weightedScore", () => {
  it("returns Σ weight × score / 100", () => {
    expect(weightedScore([{ weight: 50, score: 8 }, { weight: 50, score: 6 }])).toBe(7);
    expect(weightedScore([{ weight: 100, score: 42 }])).toBe(42);
  });

  it("tolerates float noise in the weight sum but nothing more", () => {
    expect(weightedScore([{ weight: 33.3333333333, score: 3 }, { weight: 33.3333333333, score: 3 }, { weight: 33.3333333334, score: 3 }])).toBeCloseTo(3, 9);
    expect(() => weightedScore([{ weight: 60, score: 1 }, { weight: 39.9, score: 1 }])).toThrow(/sum to 100/);
    expect(() => weightedScore([{ weight: 60, score: 1 }, { weight: 41, score: 1 }])).toThrow(RangeError);
  });

  it("rejects empty lists, negative or non-finite weights and non-finite scores", () => {
    expect(() => weightedScore([])).toThrow(RangeError);
    expect(() => weightedScore([{ weight: -10, score: 1 }, { weight: 110, score: 1 }])).toThrow(/weight/);
    expect(() => weightedScore([{ weight: 100, score: Number.NaN }])).toThrow(/score/);
    expect(() => weightedScore([{ weight: Number.POSITIVE_INFINITY, score: 1 }])).toThrow(RangeError);
  });
});

describe("seed 004 §11.1 Overall Orchestration Score table", () => {
  const items = seed004.rows.map((r) => ({ weight: r.weight, score: r.score }));

  it("each row's stated weighted score is right", () => {
    for (const r of seed004.rows) expect((r.weight * r.score) / 100).toBeCloseTo(r.statedWeighted, 9);
  });

  it("but the table sums to 5.475/10, not the stated 6.8/10: flagged as a mismatch", () => {
    // What we found: 1.1 + 0.675 + 0.7 + 0.75 + 1.05 + 1.2 = 5.475. The seed states
    // "Total Weighted Score: 6.8/10 (68%)" (and repeats 6.8 in its header and conclusion); its own
    // rows give 5.475 (54.75%), 1.325 points lower. 5.475 would also sit in a lower band of any
    // 70/90 readiness scale. The weights do sum to 100.
    const check = compareStatedScore(seed004.statedOverall, items);
    expect(check.recomputed).toBeCloseTo(5.475, 9);
    expect(check.stated).toBe(6.8);
    expect(check.difference).toBeCloseTo(1.325, 9);
    expect(check.mismatch).toBe(true);
  });

  it("a stated score that is the recomputed one rounded to one decimal is not flagged", () => {
    expect(compareStatedScore(5.5, items).mismatch).toBe(false);
    expect(compareStatedScore(5.4, items).mismatch).toBe(true);
    expect(compareStatedScore(5.6, items).mismatch).toBe(true);
    expect(compareStatedScore(6.8, items, 2).mismatch).toBe(false);
    expect(() => compareStatedScore(Number.NaN, items)).toThrow(RangeError);
  });
});
