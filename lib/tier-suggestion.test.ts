import { describe, expect, it } from "vitest";
import { provenTriggerCues, suggestTier, TIER_FOR_GROUP, tierBelowSuggestion, type PopulationFacts } from "./tier-suggestion";
import { TRIGGER_REASONS } from "./triggers";

const facts = (f: Partial<PopulationFacts> = {}): PopulationFacts => ({ populationSize: 50, bulkMutationThreshold: 100, failedOrUnknown: 0, identityClusters: 0, ...f });
const codes = (f: Partial<PopulationFacts>) => provenTriggerCues(facts(f)).map((c) => c.code);

describe("provenTriggerCues", () => {
  it("marks the always-invoke cue at N ≥ BULK_MUTATION_THRESHOLD (inclusive), not below", () => {
    expect(codes({ populationSize: 99 })).toEqual([]);
    expect(codes({ populationSize: 100 })).toEqual(["always.high_impact_change"]);
    expect(provenTriggerCues(facts({ populationSize: 1200 }))[0]).toEqual({
      code: "always.high_impact_change",
      group: "always",
      label: "Irreversible or high-impact state change affecting ≥ BULK_MUTATION_THRESHOLD scoped units",
      evidence: "1200 units imported ≥ BULK_MUTATION_THRESHOLD 100",
    });
  });

  it("marks the risk-invoke cues for FAILED/UNKNOWN units and identity-collision clusters", () => {
    expect(codes({ failedOrUnknown: 1 })).toEqual(["risk.execution_failures"]);
    expect(codes({ identityClusters: 2 })).toEqual(["risk.identity_collisions"]);
    expect(codes({ populationSize: 500, failedOrUnknown: 3, identityClusters: 1 })).toEqual([
      "always.high_impact_change",
      "risk.execution_failures",
      "risk.identity_collisions",
    ]);
    expect(provenTriggerCues(facts({ failedOrUnknown: 1, identityClusters: 1 })).map((c) => c.evidence)).toEqual([
      "1 unit is FAILED or UNKNOWN",
      "1 identity-collision cluster",
    ]);
  });

  it("uses the seed wording and group of lib/triggers.ts for every cue", () => {
    for (const cue of provenTriggerCues(facts({ populationSize: 500, failedOrUnknown: 3, identityClusters: 1 }))) {
      const reason = TRIGGER_REASONS.find((t) => t.code === cue.code)!;
      expect([cue.group, cue.label]).toEqual([reason.group, reason.label]);
    }
  });

  it.each([
    [{ populationSize: -1 }],
    [{ populationSize: 1.5 }],
    [{ bulkMutationThreshold: 0 }],
    [{ failedOrUnknown: -2 }],
    [{ identityClusters: Number.NaN }],
    [{ populationSize: 10, failedOrUnknown: 11 }],
  ])("throws RangeError for %o", (f) => {
    expect(() => provenTriggerCues(facts(f))).toThrow(RangeError);
  });
});

describe("suggestTier", () => {
  it("maps always → 3, risk → 2, governance only or nothing → 1 (our mapping)", () => {
    expect(TIER_FOR_GROUP).toEqual({ always: 3, risk: 2, governance: 1 });
    expect(suggestTier(facts()).suggestedTier).toBe(1);
    expect(suggestTier(facts({ failedOrUnknown: 4 })).suggestedTier).toBe(2);
    expect(suggestTier(facts({ identityClusters: 1 })).suggestedTier).toBe(2);
    expect(suggestTier(facts({ populationSize: 100 })).suggestedTier).toBe(3);
    expect(suggestTier(facts({ populationSize: 100, failedOrUnknown: 4 })).suggestedTier).toBe(3);
    expect(suggestTier(facts()).rationale).toMatch(/Countersign's mapping/);
  });

  it("takes the operator's declared trigger reasons into account, ignoring unknown codes", () => {
    expect(suggestTier(facts(), ["governance.closeout_proof"]).suggestedTier).toBe(1);
    expect(suggestTier(facts(), ["risk.low_confidence_parity"]).suggestedTier).toBe(2);
    expect(suggestTier(facts(), ["always.user_visible_correctness"]).suggestedTier).toBe(3);
    expect(suggestTier(facts(), ["nonsense"]).suggestedTier).toBe(1);
    // Declared reasons raise the tier but are not reported as proven by the data.
    expect(suggestTier(facts(), ["always.user_visible_correctness"]).cues).toEqual([]);
  });
});

describe("tierBelowSuggestion", () => {
  it("warns only when the chosen tier is lower", () => {
    expect(tierBelowSuggestion(1, 3)).toEqual({
      code: "TIER_BELOW_SUGGESTION",
      message:
        "Risk tier 1 (Low) is below the suggested tier 3 (High) for the trigger cues the population shows; its random sample may be smaller than that tier would draw.",
    });
    expect(tierBelowSuggestion(2, 3)?.code).toBe("TIER_BELOW_SUGGESTION");
    expect(tierBelowSuggestion(3, 3)).toBeNull();
    expect(tierBelowSuggestion(3, 1)).toBeNull();
    expect(tierBelowSuggestion(2, 2)).toBeNull();
  });

  it("throws RangeError for an unknown tier", () => {
    expect(() => tierBelowSuggestion(4 as never, 1)).toThrow(RangeError);
    expect(() => tierBelowSuggestion(1, 0 as never)).toThrow(RangeError);
  });
});
