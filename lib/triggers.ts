/**
 * Trigger reasons for an audit (seed 000 "Trigger Contract"): the cues under which an audit is
 * always invoked, risk-invoked or governance-invoked. Codes are stable; labels quote the seed.
 */
export const TRIGGER_REASONS = [
  { code: "always.high_impact_change", group: "always", label: "Irreversible or high-impact state change affecting ≥ BULK_MUTATION_THRESHOLD scoped units" },
  { code: "always.bulk_user_visible", group: "always", label: "Bulk user-visible state change exceeding the risk threshold" },
  { code: "always.contamination_remediation", group: "always", label: "Contamination-remediation lane completion" },
  { code: "always.user_visible_correctness", group: "always", label: "User-visible correctness outcomes" },
  { code: "risk.execution_failures", group: "risk", label: "Execute output includes FAILED, UNKNOWN, or exceptions" },
  { code: "risk.low_confidence_parity", group: "risk", label: "Dry-run parity passed but confidence includes low/no-match or low-evidence buckets" },
  { code: "risk.identity_collisions", group: "risk", label: "Identity-collision clusters exist" },
  { code: "governance.closeout_proof", group: "governance", label: "Plan closeout depends on proof-of-completion" },
  { code: "governance.unverified_assumptions", group: "governance", label: "Adversarial or conflict audits flag unverified final-state assumptions" },
  { code: "governance.contradictory_claims", group: "governance", label: "Contradictory completion claims exist" },
] as const;

export type TriggerReasonCode = (typeof TRIGGER_REASONS)[number]["code"];
export const TRIGGER_GROUP_LABELS = { always: "Always invoke", risk: "Risk-invoke", governance: "Governance-invoke" } as const;
export const TRIGGER_REASON_CODES = TRIGGER_REASONS.map((t) => t.code) as [TriggerReasonCode, ...TriggerReasonCode[]];

/** Human label of a trigger reason code; the code itself when unknown. */
export function triggerLabel(code: string): string {
  return TRIGGER_REASONS.find((t) => t.code === code)?.label ?? code;
}
