/**
 * Risk tier by trigger severity (issue 9): the seed 000 "Trigger Contract" cues that the imported
 * population itself proves, and the tier they suggest. Seed 000 "Sampling Policy" sets "three tiers
 * by trigger severity" but leaves the mapping open; the mapping here is Countersign's own:
 * an always-invoke cue → tier 3, a risk-invoke cue → at least tier 2, governance only (or none) → 1.
 * Pure.
 */
import { TIER_POLICY, type RiskTier } from "./tiers";
import { TRIGGER_REASONS, type TriggerReasonCode } from "./triggers";
import type { Reason } from "./verdict";

/** Facts of an imported population (counts of units / clusters). */
export type PopulationFacts = {
  /** N, units in the population, an integer ≥ 0. */
  populationSize: number;
  /** The audit's BULK_MUTATION_THRESHOLD (seed 000 "Configuration"), a positive integer. */
  bulkMutationThreshold: number;
  /** Units whose execution status is FAILED or UNKNOWN, an integer ≥ 0. */
  failedOrUnknown: number;
  /** Identity-collision clusters (two or more units sharing an identity key), an integer ≥ 0. */
  identityClusters: number;
};

export type TriggerGroup = "always" | "risk" | "governance";

export type ProvenCue = {
  /** Trigger reason code from lib/triggers.ts (seed 000 "Trigger Contract"). */
  code: TriggerReasonCode;
  group: TriggerGroup;
  /** The seed's wording (lib/triggers.ts label). */
  label: string;
  /** What in the data proves it, e.g. "1200 units imported ≥ BULK_MUTATION_THRESHOLD 100". */
  evidence: string;
};

export type TierSuggestion = {
  /** Cues the data proves, in seed order (always before risk). */
  cues: ProvenCue[];
  suggestedTier: RiskTier;
  /** One sentence: why this tier, naming the mapping as Countersign's. */
  rationale: string;
};

/** Tier each trigger group suggests (Countersign's mapping; the seed leaves it open). */
export const TIER_FOR_GROUP: Record<TriggerGroup, RiskTier> = { always: 3, risk: 2, governance: 1 };

const labelOf = (code: TriggerReasonCode) => TRIGGER_REASONS.find((t) => t.code === code)!.label;

function assertCount(name: string, value: number, min: number): void {
  if (!Number.isSafeInteger(value) || value < min) throw new RangeError(`${name} must be an integer ≥ ${min}, got ${value}`);
}

/**
 * The trigger cues the imported population proves (seed 000 "Trigger Contract"):
 * - populationSize ≥ bulkMutationThreshold → always.high_impact_change (always-invoke; the data
 *   proves the unit count, not that the change is irreversible or high-impact);
 * - failedOrUnknown > 0 → risk.execution_failures (risk-invoke: "Execute output includes FAILED,
 *   UNKNOWN, or exceptions");
 * - identityClusters > 0 → risk.identity_collisions (risk-invoke: "Identity-collision clusters exist").
 * Governance cues are never provable from the population and are not returned.
 *
 * @param facts population facts (counts).
 * @returns the proven cues, always-invoke first; [] when none.
 * @throws RangeError when a count is not a non-negative integer or the threshold is not a positive integer.
 * Source: seed 000 "Trigger Contract"; cue codes and labels from lib/triggers.ts.
 */
export function provenTriggerCues(facts: PopulationFacts): ProvenCue[] {
  assertCount("populationSize", facts.populationSize, 0);
  assertCount("bulkMutationThreshold", facts.bulkMutationThreshold, 1);
  assertCount("failedOrUnknown", facts.failedOrUnknown, 0);
  assertCount("identityClusters", facts.identityClusters, 0);
  if (facts.failedOrUnknown > facts.populationSize) throw new RangeError("failedOrUnknown must not exceed populationSize");
  const cues: ProvenCue[] = [];
  const cue = (code: TriggerReasonCode, group: TriggerGroup, evidence: string) => cues.push({ code, group, label: labelOf(code), evidence });
  if (facts.populationSize >= facts.bulkMutationThreshold) {
    cue("always.high_impact_change", "always", `${facts.populationSize} units imported ≥ BULK_MUTATION_THRESHOLD ${facts.bulkMutationThreshold}`);
  }
  if (facts.failedOrUnknown > 0) {
    cue("risk.execution_failures", "risk", `${facts.failedOrUnknown} ${facts.failedOrUnknown === 1 ? "unit is" : "units are"} FAILED or UNKNOWN`);
  }
  if (facts.identityClusters > 0) {
    cue("risk.identity_collisions", "risk", `${facts.identityClusters} identity-collision ${facts.identityClusters === 1 ? "cluster" : "clusters"}`);
  }
  return cues;
}

/**
 * Suggests a risk tier from the cues the data proves (`provenTriggerCues`) plus, optionally, the
 * trigger reasons the operator declared: any always-invoke cue → 3; else any risk-invoke cue → 2;
 * else (governance only, or nothing) → 1. This mapping is Countersign's: seed 000 "Sampling Policy"
 * only says "three tiers by trigger severity".
 *
 * @param facts population facts (counts).
 * @param declared trigger reason codes the operator chose (lib/triggers.ts); unknown codes are ignored.
 * @returns { cues (proven by data), suggestedTier 1 | 2 | 3, rationale }.
 * @throws RangeError as `provenTriggerCues`.
 * Source: seed 000 "Trigger Contract" and "Sampling Policy"; issue 9 "Tier by trigger severity".
 */
export function suggestTier(facts: PopulationFacts, declared: readonly string[] = []): TierSuggestion {
  const cues = provenTriggerCues(facts);
  const groups = new Set<TriggerGroup>(cues.map((c) => c.group));
  for (const code of declared) {
    const reason = TRIGGER_REASONS.find((t) => t.code === code);
    if (reason) groups.add(reason.group);
  }
  const suggestedTier: RiskTier = groups.has("always") ? 3 : groups.has("risk") ? 2 : 1;
  const rationale =
    suggestedTier === 3
      ? "An always-invoke trigger holds: tier 3 (High) is suggested."
      : suggestedTier === 2
        ? "A risk-invoke trigger holds: at least tier 2 (Medium) is suggested."
        : "Only governance triggers (or none) hold: tier 1 (Low) is enough.";
  return { cues, suggestedTier, rationale: `${rationale} (Countersign's mapping of seed 000's "three tiers by trigger severity".)` };
}

/**
 * A warning when the chosen tier is lower than the suggested one, for the draw form and the report.
 *
 * @param chosen the audit's risk tier (1 | 2 | 3).
 * @param suggested from `suggestTier`.
 * @returns { code: "TIER_BELOW_SUGGESTION", message } or null when chosen ≥ suggested.
 * @throws RangeError for a tier outside 1 | 2 | 3.
 * Source: issue 9 "Tier by trigger severity"; tier labels from seed 000 "Sampling Policy".
 */
export function tierBelowSuggestion(chosen: RiskTier, suggested: RiskTier): Reason | null {
  for (const [name, tier] of [["chosen", chosen], ["suggested", suggested]] as const) {
    if (!TIER_POLICY[tier]) throw new RangeError(`${name} tier must be 1, 2 or 3, got ${String(tier)}`);
  }
  if (chosen >= suggested) return null;
  return {
    code: "TIER_BELOW_SUGGESTION",
    message: `Risk tier ${chosen} (${TIER_POLICY[chosen].label}) is below the suggested tier ${suggested} (${TIER_POLICY[suggested].label}) for the trigger cues the population shows; its random sample may be smaller than that tier would draw.`,
  };
}
