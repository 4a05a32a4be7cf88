/**
 * capability_check.json (seed 000 "Output Artifacts": "Resolved tools/agents and degraded-mode
 * flags"; "Non-Blocking Limitations": HMAC verification may be missing, "dual-approval fallback is
 * valid"; "Break-Glass Escalation": "If only one signer available: document exception and escalate
 * to CTO").
 */
import { ARTIFACT_SCHEMA_VERSION, type BundleInput } from "./input";
import { stableJson } from "./json";

export type DegradedMode = { code: string; message: string };

/**
 * Degraded modes in force, in this order: NO_WAIVER_KEY (no HMAC waiver key configured: two-person
 * approval only), TWO_PERSON_DEGRADED (a two-person approval was recorded in degraded mode),
 * NO_SECURITY_USERS, SECURITY_UNAVAILABLE (every security user unavailable), SINGLE_BREAK_GLASS_SIGNER
 * (a break-glass request escalated to the CTO with one signer), BREAK_GLASS_AWAITING_SIGNER (fewer
 * than two countersignatures so far), SEPARATION_OF_DUTIES_OFF, EVENT_CHAIN_BROKEN. Pure.
 */
export function degradedModes(input: BundleInput): DegradedMode[] {
  const out: DegradedMode[] = [];
  const add = (code: string, message: string) => out.push({ code, message });
  const { environment: env, signOff, securityAvailability: security } = input;
  if (env.waiverKeyIds.length === 0) add("NO_WAIVER_KEY", "No HMAC waiver key is configured (WAIVER_KEYS): destructive remediation can only be cleared by two-person approval.");
  if (signOff.destructive.approvals.some((a) => a.degraded)) add("TWO_PERSON_DEGRADED", "A two-person approval was recorded in degraded mode (no waiver key).");
  if (security.length === 0) add("NO_SECURITY_USERS", "No user holds the security role: nobody can be asked for security approval.");
  else if (security.every((u) => !u.available)) add("SECURITY_UNAVAILABLE", "Every security user is marked unavailable.");
  const bg = signOff.breakGlass;
  if (bg?.state === "escalated_to_cto") add("SINGLE_BREAK_GLASS_SIGNER", `Only one break-glass signer was available: the exception is documented and escalated to the CTO (${bg.contacts.cto_escalation}); the gate stays BLOCKED.`);
  else if (bg?.state === "awaiting_countersign") add("BREAK_GLASS_AWAITING_SIGNER", `The break-glass request has ${bg.countersignatures.length} of 2 countersignatures.`);
  if (!env.separationOfDuties) add("SEPARATION_OF_DUTIES_OFF", "Separation of duties is off: the audit's creator and reviewers may sign it off.");
  if (!input.eventLog.intact) add("EVENT_CHAIN_BROKEN", "The event log's hash chain is broken.");
  return out;
}

/**
 * The capability check as an object (schema public/schemas/capability_check.schema.json): which
 * capabilities were available (database engine, waiver verification and key ids, two-person
 * approval, security users available / total, break-glass signers, event-chain verification,
 * separation of duties, sampling and statistics modules) and `degraded_modes`.
 */
export function capabilityCheck(input: BundleInput) {
  const { environment: env, securityAvailability: security, signOff } = input;
  return {
    schema_version: ARTIFACT_SCHEMA_VERSION,
    audit_slug: input.audit.slug,
    capabilities: {
      database: { engine: env.engine, migration: env.migrationId },
      waiver_verification: { available: env.waiverKeyIds.length > 0, key_ids: [...env.waiverKeyIds].sort() },
      two_person_approval: { available: true },
      security_reviewers: { total: security.length, available: security.filter((u) => u.available).length },
      break_glass: { requested: signOff.breakGlass !== null, signers: signOff.breakGlass?.countersignatures.length ?? 0, signers_required: 2 },
      event_chain_verification: { available: true, intact: input.eventLog.intact },
      separation_of_duties: env.separationOfDuties,
      sampling: "lib/sampling.ts (xoshiro128**, risk-tiered, seed 000 Sampling Policy)",
      statistics: "lib/estimation.ts (stratified estimates, exact hypergeometric upper bound)",
    },
    degraded_modes: degradedModes(input),
  };
}

/** capability_check.json text (deterministic JSON). */
export function buildCapabilityCheckJson(input: BundleInput): string {
  return stableJson(capabilityCheck(input));
}
