/**
 * The approval chain as written into decision_replay_packet.json and closure_gate_status.json
 * (seed 000 "Destructive Mutation Clearance": "Document approval chain in
 * decision_replay_packet.json"; "Break-Glass Escalation": "Both signers countersign in
 * decision_replay_packet.json").
 */
import type { BundleInput } from "./input";

/**
 * Every signature and countersignature on the audit, in the order they were recorded:
 * `sign_offs` (each approver signature on a verdict snapshot hash, with its status valid / stale /
 * revoked), `break_glass` (the request with its justification, emergency contacts, state and both
 * countersignatures with their slots), `waivers` (HMAC-SHA256 waiver records with their hex
 * signature and status) and `two_person_approvals`. Instants are ISO UTC strings. Pure.
 */
export function approvalChain(input: BundleInput) {
  const { signOff } = input;
  const bg = signOff.breakGlass;
  return {
    snapshot_hash: signOff.snapshotHash,
    valid_sign_offs: signOff.validSignOffs,
    sign_offs: signOff.signatures.map((s) => ({
      id: s.id,
      signer: s.signer,
      snapshot_hash: s.snapshotHash,
      statement: s.statement,
      signed_at: s.createdAt,
      status: s.status,
      revoked_at: s.revokedAt,
      revoke_reason: s.revokeReason,
    })),
    break_glass: bg
      ? {
          requested_by: bg.requestedBy,
          requested_at: bg.createdAt,
          impact: bg.impact,
          justification: bg.justification,
          emergency_contacts: bg.contacts,
          allowed_at_request: bg.allowed,
          security_unavailable_since: bg.securityUnavailableSince,
          state: bg.state,
          single_signer_declared_at: bg.singleSignerDeclaredAt,
          granted_at: bg.grantedAt,
          retrospective_due: bg.retrospectiveDue,
          pair_warning: bg.pairWarning,
          countersignatures: bg.countersignatures.map((c) => ({ signer: c.signer, roles: c.roles, slot: c.slot, statement: c.statement, signed_at: c.createdAt })),
        }
      : null,
    destructive_clearance: {
      required: signOff.destructive.required,
      cleared: signOff.destructive.cleared,
      waivers: signOff.destructive.waivers.map((w) => ({
        waiver_id: w.waiverId,
        record: w.record,
        signature: w.signature,
        key_id: w.keyId,
        recorded_by: w.recordedBy,
        recorded_at: w.createdAt,
        revoked_at: w.revokedAt,
        status: w.status,
      })),
      two_person_approvals: signOff.destructive.approvals.map((a) => ({ approver: a.approver, roles: a.roles, statement: a.statement, degraded: a.degraded, approved_at: a.createdAt })),
    },
  };
}
