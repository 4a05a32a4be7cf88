/**
 * What the overview's planning panel shows for an imported population (issue 9 "Planning" and
 * "Tier by trigger severity"): the seed-000 tier size next to the planned size that can
 * demonstrate a PASS under the exact upper bound, and the tier the data suggests. Pure.
 */
import type { AuditConfidence } from "./decision-basis";
import { type RiskTier, tierSampleSize } from "./sampling";
import { plannedRandomStratumSize } from "./statistics/stratum-plan";
import { suggestTier, type TierSuggestion, tierBelowSuggestion } from "./tier-suggestion";
import type { Reason } from "./verdict";

export type PlanningView = {
  populationSize: number;
  censusSize: number;
  outsideCensus: number;
  /** tierSampleSize(tier, N), capped at the units outside the census. */
  tierSize: number;
  /** plannedRandomStratumSize at 3% and the audit's confidence; null when no size can. */
  plannedSize: number | null;
  warnings: Reason[];
  suggestion: TierSuggestion;
};

/**
 * @param input counts from the population import (N, FAILED + UNKNOWN = C, identity clusters), the
 *   audit's tier, declared trigger reasons, BULK_MUTATION_THRESHOLD and confidence.
 * @returns the view; warnings: TIER_CANNOT_PASS (the tier size cannot show ≤ 3% under the upper
 *   bound even with zero defects) and TIER_BELOW_SUGGESTION (lib/tier-suggestion.ts).
 */
export function planningView(input: {
  populationSize: number;
  censusSize: number;
  identityClusters: number;
  riskTier: RiskTier;
  triggerReasons: readonly string[];
  bulkMutationThreshold: number;
  confidence: AuditConfidence;
}): PlanningView {
  const { populationSize: N, censusSize: C, confidence } = input;
  const outsideCensus = N - C;
  const tierSize = Math.min(tierSampleSize(input.riskTier, N), outsideCensus);
  const plannedSize = plannedRandomStratumSize({ populationSize: N, censusSize: C, confidence });
  const warnings: Reason[] = [];
  const level = `${Math.round(confidence * 100)}%`;
  if (plannedSize === null || tierSize < plannedSize) {
    warnings.push({
      code: "TIER_CANNOT_PASS",
      message:
        plannedSize === null
          ? `No random stratum can show a defect rate ≤ 3% under the ${level} upper bound for this population.`
          : `The tier size ${tierSize} cannot demonstrate a PASS under the ${level} upper bound even with zero defects: that needs ${plannedSize} clean random units.`,
    });
  }
  const suggestion = suggestTier({ populationSize: N, bulkMutationThreshold: input.bulkMutationThreshold, failedOrUnknown: C, identityClusters: input.identityClusters }, input.triggerReasons);
  const below = tierBelowSuggestion(input.riskTier, suggestion.suggestedTier);
  if (below) warnings.push(below);
  return { populationSize: N, censusSize: C, outsideCensus, tierSize, plannedSize, warnings, suggestion };
}
