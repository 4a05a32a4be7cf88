/**
 * Approver sign-off rules (seed 000 "Closure Gating": PASS_WITH_NOTES closes "with approver
 * signature"). Separation of duties is ours, after GitHub environment protection's "prevent
 * self-review": the seed only asks for "approver signature" and leaves open who may give it.
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
  existing: readonly { signerId: number; snapshotHash: string; revokedAt: Date | null }[];
  /** Hash of the snapshot being signed (lib/signoff/snapshot.ts). */
  snapshotHash: string;
  auditClosed: boolean;
};

/**
 * Why this signer may not sign this snapshot; empty when they may. All reasons that apply are
 * listed, in this order:
 * - NOT_APPROVER: the signer lacks the `approver` role (seed 000 "Closure Gating").
 * - SELF_APPROVAL_CREATOR / SELF_APPROVAL_REVIEWER: only with `separationOfDuties`, the signer
 *   created the audit / reviewed one of its units (ours, the "prevent self-review" analogue).
 * - ALREADY_SIGNED: this signer already signed this same hash, whether that signature stands or
 *   was revoked (issue 7: "Nobody signs the same snapshot twice"; a revoked signature stays on
 *   the record, and a fresh one needs a changed snapshot). A signature on an older hash does not
 *   count.
 * - AUDIT_CLOSED: the audit is closed; its signatures are final.
 * Pure; throws nothing.
 */
export function signOffRefusals(i: SignOffInput): Reason[] {
  const out: Reason[] = [];
  if (!i.signerRoles.includes("approver")) out.push({ code: "NOT_APPROVER", message: "Signing off needs the approver role." });
  if (i.separationOfDuties && i.signerId === i.auditCreatorId) out.push({ code: "SELF_APPROVAL_CREATOR", message: "You created this audit, so you cannot sign it off (separation of duties)." });
  if (i.separationOfDuties && i.reviewerIds.includes(i.signerId)) out.push({ code: "SELF_APPROVAL_REVIEWER", message: "You reviewed units of this audit, so you cannot sign it off (separation of duties)." });
  const mine = i.existing.filter((e) => e.signerId === i.signerId && e.snapshotHash === i.snapshotHash);
  if (mine.length > 0) {
    const standing = mine.some((e) => !e.revokedAt);
    out.push({
      code: "ALREADY_SIGNED",
      message: standing
        ? "You have already signed this exact snapshot; your signature still stands."
        : "You signed this exact snapshot before and revoked that signature; nobody signs the same snapshot twice, so a new signature needs a changed snapshot.",
    });
  }
  if (i.auditClosed) out.push({ code: "AUDIT_CLOSED", message: "The audit is closed; no further sign-off is possible." });
  return out;
}

export type SignatureStatus = "valid" | "stale" | "revoked";

/**
 * A stored signature against the audit's current snapshot hash (DESIGN.md "Invariants": "if the
 * reviews change afterwards, the signature no longer applies"): `revoked` when its signer revoked
 * it (whatever the hash; a missing `revokedAt` also reads as revoked, fail closed), `stale` when the snapshot changed since it was signed (it then no longer
 * satisfies the gate), otherwise `valid`. Hashes are compared exactly (both come from
 * `snapshotHash`, lowercase hex). Pure; throws nothing.
 */
export function signatureStatus(sig: { snapshotHash: string; revokedAt: Date | null }, currentHash: string): SignatureStatus {
  if (sig.revokedAt !== null) return "revoked";
  return sig.snapshotHash === currentHash ? "valid" : "stale";
}

/**
 * A sign-off request's status at `now` (UTC instants; ours, the seed has no requests):
 * `fulfilled` once a signature answered it (`fulfilledAt` set, even if after the deadline: the
 * dates show the lateness); else `expired` when `now` is strictly after `deadline` (exactly at the
 * deadline it is still open); else `open` (also when there is no deadline).
 * @throws RangeError when `now`, `deadline` or `fulfilledAt` is an invalid Date.
 */
export function signOffRequestStatus(req: { deadline: Date | null; fulfilledAt: Date | null }, now: Date): "open" | "fulfilled" | "expired" {
  for (const [name, d] of [["now", now], ["deadline", req.deadline], ["fulfilledAt", req.fulfilledAt]] as const) {
    if (d !== null && Number.isNaN(d.getTime())) throw new RangeError(`${name} is not a valid date`);
  }
  if (req.fulfilledAt !== null) return "fulfilled";
  if (req.deadline !== null && now.getTime() > req.deadline.getTime()) return "expired";
  return "open";
}
