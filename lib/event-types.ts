/**
 * The event catalogue: every kind of entry the hash-chained event log holds, with the payload it
 * carries (DESIGN.md "event log"). `appendEvent` (db/events.ts) accepts only these, so a typo in a
 * type or a missing payload field is a compile error, not a silent gap in the audit trail.
 */
import type { Role } from "./roles";

type Finding = "PASS" | "FAIL" | "UNKNOWN";

export type EventCatalogue = {
  "user.created": { userId: number; email: string; roles: Role[] };
  "user.roles_changed": { userId: number; roles: Role[] };
  /** A user changed their own password (issue 10); their other sessions end. */
  "user.password_changed": { userId: number };
  /** An admin set a new password for a user (issue 10); the user's sessions end. */
  "user.password_reset": { userId: number };
  "user.deactivated": { userId: number };
  "user.reactivated": { userId: number };
  /** A sign-out ended every session of the user (issue 10). */
  "user.signed_out": { userId: number };
  "audit.created": { slug: string; riskTier: number; consistencyModel: "strong" | "bounded_staleness" | "eventual" };
  /** The identity stability pre-flight (seed 000 "Entity Identity Stability Check"); failed attempts are kept. */
  "audit.stability_recorded": { passed: boolean; actualResult: string };
  "population.imported": { fileName: string; sha256: string; rowCount: number; populationChecksum: string };
  "sample.drawn": { seed: string; populationChecksum: string; sampled: number; censusSize: number; randomSize: number };
  "review.saved": {
    sampleUnitId: number;
    finding: Finding;
    criticalKind: string | null;
    falsePositive: boolean;
    remediationOwner: string | null;
    note: string | null;
  };
  "share_link.created": { shareLinkId: number; expiresAt: string };
  "share_link.revoked": { shareLinkId: number };
  "audit.decision_settings_changed": { confidencePercent: number; decisionBasis: string };
  "share_link.republished": { shareLinkId: number; snapshotHash: string };
  "api_token.created": { apiTokenId: number; name: string; scope: string; projectName: string | null };
  "api_token.revoked": { apiTokenId: number };
  "project.created": { projectId: number; name: string };
  "project.member_roles_changed": { projectId: number; project: string; userId: number; roles: string[] };
  "remediation.updated": { sampleUnitId: number; dueAt: string | null; destructive: boolean };
  "signoff.requested": { requestId: number; approverId: number | null; deadline: string | null };
  "signoff.signed": { signOffId: number; snapshotHash: string; statement: string };
  "signoff.revoked": { signOffId: number; reason: string };
  "audit.closed": { gateState: string; verdict: string; snapshotHash: string };
  "security.availability_changed": { userId: number; available: boolean; since: string };
  "break_glass.requested": { requestId: number; impact: string; justification: string; securityUnavailableSince: string | null };
  "break_glass.countersigned": { requestId: number; slot: "technical_owner" | "compliance_security"; statement: string };
  "break_glass.single_signer_declared": { requestId: number; ctoEscalation: string };
  "break_glass.granted": { requestId: number; retrospectiveDue: string };
  "waiver.recorded": { waiverId: string; keyId: string; scope: string; expiresAt: string };
  "waiver.revoked": { waiverId: string; reason: string };
  "two_person.approved": { approvalId: number; degraded: boolean };
  /** Evidence attached to a sampled unit (issue 11): a stored file (by SHA-256) or a link. */
  "evidence.added": { evidenceId: number; sampleUnitId: number; kind: "file" | "link"; name: string; sha256: string | null; mediaType: string | null; sizeBytes: number | null; url: string | null };
  /** Evidence removed with a reason; the row stays, marked removed (issue 11). */
  "evidence.removed": { evidenceId: number; sampleUnitId: number; reason: string };
};

export type EventType = keyof EventCatalogue;
export type EventPayload<T extends EventType> = EventCatalogue[T];

