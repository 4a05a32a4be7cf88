/**
 * closure_gate_status.json (seed 000 "Output Artifacts": "Gate state (OPEN/BLOCKED/
 * CONDITIONAL_PASS), verdict, approval chain"; "Closure Gating": "Orchestrator closeout is
 * prohibited while closure_gate_status.json has gate_state=BLOCKED"; "Break-Glass Escalation":
 * EXCEPTION status and "@security agent availability status in closure_gate_status.json").
 */
import { releaseAllowed } from "../signoff/release";
import { approvalChain } from "./approval-chain";
import { ARTIFACT_SCHEMA_VERSION, type BundleInput } from "./input";
import { stableJson } from "./json";

/**
 * The gate status as an object (schema public/schemas/closure_gate_status.schema.json):
 * `gate_state` in force (OPEN, CONDITIONAL_PASS, BLOCKED or EXCEPTION), the verdict and the gate
 * it alone gives, whether a pipeline may release on it (`release_allowed`, lib/signoff/release.ts), whether closeout is allowed now and why not (`closeout_refusals`), whether the
 * audit is closed, the `approval_chain`, `security_availability` (each security user, available or
 * not and since when) and `exception` (break-glass details, null without a request). Pure.
 */
export function closureGateStatus(input: BundleInput) {
  const bg = input.signOff.breakGlass;
  return {
    schema_version: ARTIFACT_SCHEMA_VERSION,
    audit_slug: input.audit.slug,
    gate_state: input.gateState,
    verdict: input.assessment.verdict,
    verdict_gate_state: input.assessment.gateState,
    reasons: input.assessment.reasons,
    release_allowed: releaseAllowed(input.gateState, input.signOff.validSignOffs),
    closeout_allowed: input.signOff.closeoutRefusals.length === 0 && input.audit.closedAt === null,
    closeout_refusals: input.signOff.closeoutRefusals,
    closed_at: input.audit.closedAt,
    closed_by: input.audit.closedBy,
    snapshot_hash: input.signOff.snapshotHash,
    approval_chain: approvalChain(input),
    security_availability: input.securityAvailability.map((u) => ({ name: u.name, email: u.email, available: u.available, since: u.since })),
    exception: bg
      ? {
          state: bg.state,
          impact: bg.impact,
          justification: bg.justification,
          security_unavailable_since: bg.securityUnavailableSince,
          granted_at: bg.grantedAt,
          retrospective_due: bg.retrospectiveDue,
          escalated_to_cto: bg.state === "escalated_to_cto" ? bg.contacts.cto_escalation : null,
          countersigners: bg.countersignatures.map((c) => ({ signer: c.signer, slot: c.slot })),
        }
      : null,
  };
}

/** closure_gate_status.json text (deterministic JSON). */
export function buildClosureGateStatusJson(input: BundleInput): string {
  return stableJson(closureGateStatus(input));
}
