import { describe, expect, it } from "vitest";
import { planningView } from "./planning-view";

const base = { populationSize: 1000, censusSize: 0, identityClusters: 0, riskTier: 1 as const, triggerReasons: [], bulkMutationThreshold: 100_000, confidence: 0.95 as const };

describe("planningView", () => {
  it("warns when the tier size cannot demonstrate a PASS under the upper bound", () => {
    const v = planningView(base);
    expect(v).toMatchObject({ tierSize: 100, plannedSize: 91, outsideCensus: 1000 });
    expect(v.warnings.map((w) => w.code)).toEqual([]);
    const small = planningView({ ...base, populationSize: 300 });
    expect(small.tierSize).toBe(30);
    expect(small.plannedSize).toBeGreaterThan(30);
    expect(small.warnings.map((w) => w.code)).toEqual(["TIER_CANNOT_PASS"]);
    expect(small.warnings[0].message).toContain(`needs ${small.plannedSize} clean random units`);
  });

  it("suggests tier 3 for a bulk change and warns when the chosen tier is lower", () => {
    const v = planningView({ ...base, bulkMutationThreshold: 500 });
    expect(v.suggestion.suggestedTier).toBe(3);
    expect(v.warnings.map((w) => w.code)).toContain("TIER_BELOW_SUGGESTION");
    expect(planningView({ ...base, bulkMutationThreshold: 500, riskTier: 3 }).warnings.map((w) => w.code)).not.toContain("TIER_BELOW_SUGGESTION");
  });

  it("suggests at least tier 2 when failed/unknown units or identity clusters exist", () => {
    expect(planningView({ ...base, censusSize: 5 }).suggestion.suggestedTier).toBe(2);
    expect(planningView({ ...base, identityClusters: 1 }).suggestion.suggestedTier).toBe(2);
  });
});
