/**
 * Sign-off of a checklist (profile) audit (issue 13 contract "Sign-off"): the snapshot an approver
 * signs and its hash (SHA-256 over RFC 8785 canonical JSON, as lib/signoff/snapshot.ts does for
 * sampling audits), and why a signature is refused (lib/signoff/sign-off.ts rules, plus the gate
 * and the profile's own refusals). Pure.
 */
import canonicalize from "canonicalize";
import { sha256Hex } from "../checksum";
import { signOffRefusals } from "../signoff/sign-off";
import type { Reason } from "../verdict";

export type ProfileGate = "OPEN" | "CONDITIONAL_PASS" | "BLOCKED";

export type ProfileSnapshot = {
  checkSlug: string;
  profile: string;
  verdict: string;
  gate: ProfileGate;
  /** The verdict's reasons in the order given (order is part of what is signed). */
  reasons: string[];
  /** Every finding with its revision (updatedAt, or createdAt when never edited, ISO 8601 UTC). */
  findings: { id: number; revision: string }[];
};

/**
 * The snapshot as RFC 8785 canonical JSON, findings sorted by id, only the documented fields.
 * @throws TypeError when it cannot be canonicalized (e.g. a non-finite number).
 */
export function profileSnapshotJson(s: ProfileSnapshot): string {
  const exact = {
    checkSlug: String(s.checkSlug),
    profile: String(s.profile),
    verdict: String(s.verdict),
    gate: String(s.gate),
    reasons: s.reasons.map(String),
    findings: [...s.findings].map((f) => ({ id: Number(f.id), revision: String(f.revision) })).sort((a, b) => a.id - b.id),
  };
  const json = canonicalize(exact);
  if (typeof json !== "string") throw new TypeError("the profile snapshot cannot be canonicalized");
  return json;
}

/** SHA-256 (64 lowercase hex digits) of `profileSnapshotJson(s)`: what a profile sign-off signs. */
export function profileSnapshotHash(s: ProfileSnapshot): string {
  return sha256Hex(profileSnapshotJson(s));
}

export type ProfileSignOffInput = {
  signerId: number;
  /** The signer's roles in the audit's project. */
  signerRoles: readonly string[];
  auditCreatorId: number;
  gate: ProfileGate;
  /** The profile's own refusals (launch readiness: launch-readiness.ts signOffRefusals messages). */
  profileRefusals: readonly string[];
  existing: readonly { signerId: number; snapshotHash: string; revokedAt: Date | null }[];
  snapshotHash: string;
  auditClosed: boolean;
};

/**
 * Why this signer may not sign this snapshot (empty: they may), all that apply:
 * lib/signoff/sign-off.ts signOffRefusals with separation of duties always on (issue 13 contract:
 * "the audit's creator cannot sign"; no reviewers here), then GATE_BLOCKED when the gate is
 * BLOCKED ("only a CONDITIONAL_PASS or OPEN gate can be signed"), then one PROFILE_REFUSAL per
 * profile refusal. Pure.
 */
export function profileSignOffRefusals(i: ProfileSignOffInput): Reason[] {
  const out = signOffRefusals({
    signerId: i.signerId,
    signerRoles: i.signerRoles,
    auditCreatorId: i.auditCreatorId,
    reviewerIds: [],
    separationOfDuties: true,
    existing: i.existing,
    snapshotHash: i.snapshotHash,
    auditClosed: i.auditClosed,
  });
  if (i.gate === "BLOCKED") out.push({ code: "GATE_BLOCKED", message: "The gate is BLOCKED: only an OPEN or CONDITIONAL_PASS gate can be signed." });
  for (const message of i.profileRefusals) out.push({ code: "PROFILE_REFUSAL", message: `${message}.` });
  return out;
}
