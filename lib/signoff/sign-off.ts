/**
 * Approver sign-off rules (seed 000 "Closure Gating": PASS_WITH_NOTES closes "with approver
 * signature"; GitHub environment protection's "prevent self-review" for separation of duties).
 */
import type { Reason } from "../verdict";

export type SignOffInput = {
  signerId: number;
  signerRoles: readonly string[];
  auditCreatorId: number;
  /** Users who saved any review of the audit's sample. */
  reviewerIds: readonly number[];
  /** Setting (on by default): the audit's creator and its reviewers cannot sign it. */
  separationOfDuties: boolean;
  /** Every signature on the audit so far, revoked ones included. */
  existing: readonly { signerId: number; snapshotHash: string }[];
  /** Hash of the snapshot being signed (lib/signoff/snapshot.ts). */
  snapshotHash: string;
  auditClosed: boolean;
};

/**
 * Why this signer may not sign this snapshot; empty when they may.
 * Codes: NOT_APPROVER, SELF_APPROVAL_CREATOR, SELF_APPROVAL_REVIEWER (only with separation of
 * duties), ALREADY_SIGNED (the same signer on the same snapshot hash, even if they revoked it:
 * nobody signs the same snapshot twice), AUDIT_CLOSED.
 */
export function signOffRefusals(i: SignOffInput): Reason[] {
  const out: Reason[] = [];
  if (!i.signerRoles.includes("approver")) out.push({ code: "NOT_APPROVER", message: "Signing off needs the approver role." });
  if (i.separationOfDuties && i.signerId === i.auditCreatorId) out.push({ code: "SELF_APPROVAL_CREATOR", message: "You created this audit, so you cannot sign it off (separation of duties)." });
  if (i.separationOfDuties && i.reviewerIds.includes(i.signerId)) out.push({ code: "SELF_APPROVAL_REVIEWER", message: "You reviewed units of this audit, so you cannot sign it off (separation of duties)." });
  if (i.existing.some((e) => e.signerId === i.signerId && e.snapshotHash === i.snapshotHash)) out.push({ code: "ALREADY_SIGNED", message: "You have already signed this exact snapshot." });
  if (i.auditClosed) out.push({ code: "AUDIT_CLOSED", message: "The audit is closed." });
  return out;
}

export type SignatureStatus = "valid" | "stale" | "revoked";

/**
 * A stored signature against the audit's current snapshot hash: revoked when its signer revoked
 * it, stale when anything in the snapshot changed since (it then no longer satisfies the gate),
 * otherwise valid.
 */
export function signatureStatus(sig: { snapshotHash: string; revokedAt: Date | null }, currentHash: string): SignatureStatus {
  if (sig.revokedAt) return "revoked";
  return sig.snapshotHash === currentHash ? "valid" : "stale";
}

/**
 * A sign-off request: fulfilled once a valid signature answers it; expired when `now` is past the
 * deadline (exactly at the deadline it is still open); otherwise open. Times are UTC instants.
 */
export function signOffRequestStatus(req: { deadline: Date | null; fulfilled: boolean }, now: Date): "open" | "fulfilled" | "expired" {
  if (req.fulfilled) return "fulfilled";
  if (req.deadline && now.getTime() > req.deadline.getTime()) return "expired";
  return "open";
}
