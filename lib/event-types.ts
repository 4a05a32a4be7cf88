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
  /** Settings edited before the draw (issue 11): the changed fields, each with its old and new value. */
  "audit.settings_changed": { changed: Record<string, { from: unknown; to: unknown }> };
  /** Hidden from the default audit list, kept whole (issue 11). */
  "audit.archived": { slug: string };
  "audit.restored": { slug: string };
  /** A re-audit was started (issue 11): on the new audit, naming the run it repeats and the copied population. */
  "audit.rerun_started": { rerunOf: number; rerunOfSlug: string; slug: string; populationChecksum: string | null; units: number };
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
  /** Sampled units were (re)assigned to reviewers (issue 11); `byReviewer`: user id (or "none") → units. */
  "assignment.changed": { mode: "even" | "subgroup" | "hand" | "reassign"; units: number; byReviewer: Record<string, number> };
  /** Blind second reviews were requested (issue 11); `fraction` 0–1 of the units of `strata` (all when empty). */
  "second_review.requested": { fraction: number; strata: string[]; requested: number; sampleUnitIds: number[] };
  "second_review.saved": { sampleUnitId: number; finding: Finding; note: string | null; agrees: boolean };
  /** A double-review disagreement was decided; the finding becomes the unit's current review. */
  "review.adjudicated": {
    sampleUnitId: number;
    firstFinding: Finding;
    secondFinding: Finding;
    finding: Finding;
    criticalKind: string | null;
    falsePositive: boolean;
    remediationOwner: string | null;
    note: string | null;
  };
  /** Evidence attached to a sampled unit (issue 11): a stored file (by SHA-256) or a link. */
  "evidence.added": { evidenceId: number; sampleUnitId: number; kind: "file" | "link"; name: string; sha256: string | null; mediaType: string | null; sizeBytes: number | null; url: string | null };
  /** Evidence removed with a reason; the row stays, marked removed (issue 11). */
  "evidence.removed": { evidenceId: number; sampleUnitId: number; reason: string };
  /** External audit (issue 12, seed 002): both auditor prompts resolved and stored (immutable, by SHA-256). */
  "external_audit.prepared": { prompts: { role: string; documentId: number; version: number; templateId: number; sha256: string }[] };
  /** An auditor or calibrator output pasted as a new version, valid or not. */
  "external_audit.output_pasted": { documentId: number; role: string; version: number; valid: boolean; errorCount: number; sha256: string; modelFamily: string | null };
  /** Both auditors share a model family and an operator accepts it, with a reason. */
  "external_audit.override_recorded": { family: string; reason: string };
  /** The calibrator-reconciler prompt resolved with both auditor outputs embedded. */
  "external_audit.calibrator_prepared": { documentId: number; version: number; templateId: number; sha256: string; primaryDocumentId: number; secondaryDocumentId: number };
  "external_audit.finalized": { calibratorDocumentId: number; primaryDocumentId: number; secondaryDocumentId: number };
  /** An auditor finding linked to a sampled unit (machine vs human). */
  "external_audit.finding_linked": { role: string; findingId: string; sampleUnitId: number };
  /** A human decision on a finding the calibrator marked disputed. */
  "external_audit.finding_decided": { findingId: string; decision: "upheld" | "rejected"; category: string | null; note: string };
  /** An admin saved a new version of a prompt template (issue 12). */
  "prompt_template.saved": { templateId: number; role: string; version: number; sha256: string };
  /** A checklist (profile) audit created (issue 13); strictness only for launch readiness. */
  "profile_audit.created": { profileAuditId: number; slug: string; profile: "launch_readiness" | "adr" | "rollout"; projectName: string; strictness: string | null };
  /** A checklist finding entered in the UI. */
  "profile_finding.added": { profileAuditId: number; findingId: number; section: string; title: string; severity: string; category: string | null };
  /** A checklist finding edited: the changed fields, each with its old and new value. */
  "profile_finding.updated": { profileAuditId: number; findingId: number; changed: Record<string, { from: unknown; to: unknown }> };
  /** A finding's status changed (OPEN / IN_PROGRESS / RESOLVED / ACCEPTED). */
  "profile_finding.status_changed": { profileAuditId: number; findingId: number; from: string; to: string };
  /** Findings imported from a JSON or CSV file, all or nothing. */
  "profile_finding.imported": { profileAuditId: number; fileName: string; format: "json" | "csv"; rows: number; sha256: string };
  /** An approver signed the checklist audit's verdict snapshot. */
  "profile_audit.signed": { profileAuditId: number; signOffId: number; snapshotHash: string; statement: string; verdict: string; gate: string };
  "profile_audit.signoff_revoked": { profileAuditId: number; signOffId: number; reason: string };
  "profile_audit.closed": { profileAuditId: number; verdict: string; gate: string };
  /** A checklist audit archived (hidden from the default lists, read-only) or restored. */
  "profile_audit.archived": { profileAuditId: number; slug: string };
  "profile_audit.restored": { profileAuditId: number; slug: string };
  /** A checklist audit's share link created, revoked or given a new snapshot (issue 13; like share_link.*). */
  "profile_share_link.created": { profileAuditId: number; shareLinkId: number; expiresAt: string };
  "profile_share_link.revoked": { profileAuditId: number; shareLinkId: number };
  "profile_share_link.republished": { profileAuditId: number; shareLinkId: number; snapshotHash: string };
  /** ADR quality gate (issue 13, seed 003): an ADR version uploaded or pasted, with its structural result. */
  "adr.uploaded": { profileAuditId: number; documentId: number; version: number; fileName: string; sha256: string; structuralStatus: "PASS" | "FAIL"; tier1Findings: number; selfClaimedScores: number };
  /** A lens reviewer's 0–100 score (replaces that lens's earlier score, named in `previous`). */
  "adr.lens_scored": { profileAuditId: number; lens: string; score: number; previous: number | null };
  /** A lens finding citing a playbook check (profile_findings row, section = lens). */
  "adr.lens_finding_added": { profileAuditId: number; findingId: number; lens: string; checkRef: string; severity: string; blocking: boolean };
  /** An operator ended the content review before every lens returned. */
  "adr.review_ended": { profileAuditId: number; lensesReturned: string[] };
  /** A new ADR audit report version (supersedes the earlier ones, kept in history). */
  "adr.report_generated": { profileAuditId: number; documentId: number; version: number; fileName: string; sha256: string; status: string; supersedes: string[] };
  /** An admin saved the default ADR template (required sections) used by new ADR audits. */
  "adr.template_saved": { requiredSections: string[]; sha256: string };
  /** Rollout (issue 13, seed 004): a stage reached, `via` start (the first stage, recorded) or expansion (gate passed); `at` ISO UTC. */
  "rollout.stage_reached": { profileAuditId: number; percentage: number; at: string; via: "start" | "expansion"; note: string | null };
  "rollout.checkpoint_completed": { profileAuditId: number; checkpoint: string; at: string; note: string | null };
  /** One approver role's GO / NO-GO for the expansion to `targetPercentage`, with its rationale. */
  "rollout.vote_recorded": { profileAuditId: number; targetPercentage: number; role: string; vote: "GO" | "NO_GO"; rationale: string };
  "rollout.approval_generated": { profileAuditId: number; targetPercentage: number; documentId: number; version: number; fileName: string; sha256: string; decision: string };
  "rollout.scorecard_saved": { profileAuditId: number; targetPercentage: number; points: number; readiness: string; items: Record<string, number> };
  /** A report's weighted quality-score table entered; recomputed next to the stated score. */
  "rollout.quality_score_recorded": { profileAuditId: number; documentId: number; title: string; stated: number; recomputed: number; mismatch: boolean };
};

export type EventType = keyof EventCatalogue;
export type EventPayload<T extends EventType> = EventCatalogue[T];

