import type { EventType } from "@/lib/event-types";
import { formatUtcMinute } from "@/lib/format-time";

const LABELS: Partial<Record<EventType, string>> = {
  "user.created": "User added",
  "user.roles_changed": "Roles changed",
  "user.password_changed": "Password changed",
  "user.password_reset": "Password reset by an admin",
  "user.deactivated": "User deactivated",
  "user.reactivated": "User reactivated",
  "user.signed_out": "Signed out",
  "audit.created": "Audit created",
  "audit.decision_settings_changed": "Decision basis changed",
  "audit.settings_changed": "Settings changed",
  "audit.archived": "Audit archived",
  "audit.restored": "Audit restored",
  "audit.rerun_started": "Re-audit started",
  "share_link.republished": "Share link republished",
  "api_token.created": "API token created",
  "api_token.revoked": "API token revoked",
  "project.created": "Project created",
  "project.member_roles_changed": "Project roles changed",
  "audit.stability_recorded": "Stability pre-flight recorded",
  "population.imported": "Population imported",
  "sample.drawn": "Sample drawn",
  "review.saved": "Review saved",
  "share_link.created": "Share link created",
  "share_link.revoked": "Share link revoked",
  "profile_share_link.created": "Share link created",
  "profile_share_link.revoked": "Share link revoked",
  "profile_share_link.republished": "Share link republished",
  "remediation.updated": "Remediation updated",
  "signoff.requested": "Sign-off requested",
  "signoff.signed": "Signed off",
  "signoff.revoked": "Signature revoked",
  "audit.closed": "Audit closed",
  "break_glass.requested": "Break-glass requested",
  "break_glass.countersigned": "Break-glass countersigned",
  "break_glass.single_signer_declared": "Only one signer: escalated to the CTO",
  "break_glass.granted": "Break-glass exception granted",
  "waiver.recorded": "Waiver verified and recorded",
  "waiver.revoked": "Waiver revoked",
  "two_person.approved": "Two-person approval",
  "evidence.added": "Evidence added",
  "evidence.removed": "Evidence removed",
  "external_audit.prepared": "External audit: auditor prompts prepared",
  "external_audit.output_pasted": "External audit: output pasted",
  "external_audit.override_recorded": "External audit: same-family override",
  "external_audit.calibrator_prepared": "External audit: calibrator prompt prepared",
  "external_audit.finalized": "External audit finalized",
  "external_audit.finding_linked": "External audit: finding linked to a unit",
  "external_audit.finding_decided": "External audit: disputed finding decided",
  "prompt_template.saved": "Prompt template saved",
  "profile_audit.created": "Checklist audit created",
  "profile_finding.added": "Finding added",
  "profile_finding.updated": "Finding edited",
  "profile_finding.status_changed": "Finding status changed",
  "profile_finding.imported": "Findings imported",
  "profile_audit.signed": "Signed off",
  "profile_audit.signoff_revoked": "Signature revoked",
  "profile_audit.closed": "Checklist audit closed",
  "profile_audit.archived": "Checklist audit archived",
  "profile_audit.restored": "Checklist audit restored",
  "adr.uploaded": "ADR version uploaded",
  "adr.lens_scored": "ADR lens score entered",
  "adr.lens_finding_added": "ADR lens finding added",
  "adr.review_ended": "ADR content review ended",
  "adr.report_generated": "ADR audit report generated",
  "adr.template_saved": "ADR template saved",
  "rollout.stage_reached": "Rollout stage reached",
  "rollout.checkpoint_completed": "Rollout checkpoint completed",
  "rollout.vote_recorded": "Expansion vote recorded",
  "rollout.approval_generated": "Expansion approval document generated",
  "rollout.scorecard_saved": "Expansion readiness scorecard saved",
  "rollout.quality_score_recorded": "Quality score recomputed",
  "assignment.changed": "Units assigned",
  "second_review.requested": "Second reviews requested",
  "second_review.saved": "Second review saved",
  "review.adjudicated": "Disagreement adjudicated",
};

/** One line of detail for an event, from its payload. */
function detail(type: string, p: Record<string, unknown>): string {
  switch (type) {
    case "audit.settings_changed":
      return Object.keys((p.changed as Record<string, unknown>) ?? {}).join(", ");
    case "audit.rerun_started":
      return `re-runs ${p.rerunOfSlug} (${p.units} units copied)`;
    case "audit.stability_recorded":
      return `${p.passed ? "passed" : "FAILED"} with result ${JSON.stringify(p.actualResult ?? "")}`;
    case "population.imported":
      return `${p.fileName}, ${Number(p.rowCount).toLocaleString("en-US")} units`;
    case "sample.drawn":
      return `${p.sampled} units, seed ${String(p.seed).slice(0, 8)}…`;
    case "review.saved":
      return `unit #${p.sampleUnitId}: ${p.finding}${p.criticalKind ? ` (critical: ${p.criticalKind})` : ""}`;
    case "signoff.signed":
      return `snapshot ${String(p.snapshotHash).slice(0, 12)}…: ${p.statement}`;
    case "signoff.revoked":
      return `signature #${p.signOffId}: ${p.reason}`;
    case "audit.closed":
      return `${p.verdict}, gate ${p.gateState}`;
    case "break_glass.countersigned":
      return `${String(p.slot).replace("_", " ")}: ${p.statement}`;
    case "break_glass.granted":
      return `retrospective security audit due ${p.retrospectiveDue}`;
    case "break_glass.single_signer_declared":
      return `CTO escalation: ${p.ctoEscalation}`;
    case "audit.decision_settings_changed":
      return `${p.decisionBasis === "upper_bound" ? "exact upper bound" : "point estimate"}, ${p.confidencePercent}% confidence`;
    case "waiver.revoked":
      return `${p.waiverId}: ${p.reason}`;
    case "evidence.added":
      return `unit #${p.sampleUnitId}: ${p.kind === "link" ? "link" : "file"} ${p.name}${p.sha256 ? ` (SHA-256 ${String(p.sha256).slice(0, 12)}…)` : ""}`;
    case "evidence.removed":
      return `unit #${p.sampleUnitId}, item #${p.evidenceId}: ${p.reason}`;
    case "assignment.changed":
      return `${p.units} units (${p.mode})`;
    case "second_review.requested":
      return `${p.requested} units`;
    case "second_review.saved":
      return `unit #${p.sampleUnitId}: ${p.agrees ? "agrees" : "disagrees"}`;
    case "review.adjudicated":
      return `unit #${p.sampleUnitId}: ${p.firstFinding} / ${p.secondFinding} → ${p.finding}`;
    case "external_audit.output_pasted":
      return `${p.role} v${p.version}: ${p.valid ? "valid" : `invalid (${p.errorCount} error${p.errorCount === 1 ? "" : "s"})`}`;
    case "external_audit.override_recorded":
      return `family ${p.family}: ${p.reason}`;
    case "external_audit.finding_linked":
      return `${p.role} finding ${p.findingId} → unit #${p.sampleUnitId}`;
    case "external_audit.finding_decided":
      return `${p.findingId}: ${p.decision}${p.category ? ` (${p.category})` : ""}: ${p.note}`;
    case "prompt_template.saved":
      return `${p.role} v${p.version}`;
    case "profile_finding.added":
      return `#${p.findingId} ${p.title} (${p.severity}${p.category ? `, ${String(p.category).replace(/_/g, " ")}` : ""})`;
    case "profile_finding.updated":
      return `#${p.findingId}: ${Object.keys((p.changed as Record<string, unknown>) ?? {}).join(", ")}`;
    case "profile_finding.status_changed":
      return `#${p.findingId}: ${p.from} → ${p.to}`;
    case "profile_finding.imported":
      return `${p.fileName}: ${p.rows} finding${p.rows === 1 ? "" : "s"}`;
    case "profile_audit.signed":
      return `${String(p.verdict).replace(/_/g, " ")}, gate ${p.gate}, snapshot ${String(p.snapshotHash).slice(0, 12)}…: ${p.statement}`;
    case "profile_audit.signoff_revoked":
      return `signature #${p.signOffId}: ${p.reason}`;
    case "profile_audit.closed":
      return `${String(p.verdict).replace(/_/g, " ")}, gate ${p.gate}`;
    case "adr.uploaded":
      return `${p.fileName} v${p.version}: structure ${p.structuralStatus} (${p.tier1Findings} Tier-1)`;
    case "adr.lens_scored":
      return `${String(p.lens).replace(/_/g, " ")}: ${p.score}${p.previous != null ? ` (was ${p.previous})` : ""}`;
    case "adr.lens_finding_added":
      return `${String(p.lens).replace(/_/g, " ")} ${p.checkRef}: ${p.severity}${p.blocking ? ", blocking" : ""}`;
    case "adr.report_generated":
      return `${p.fileName}: ${p.status}`;
    case "rollout.stage_reached":
      return `${p.percentage}% (${p.via === "start" ? "rollout started" : "expansion"})${p.note ? `: ${p.note}` : ""}`;
    case "rollout.checkpoint_completed":
      return `${p.checkpoint}${p.note ? `: ${p.note}` : ""}`;
    case "rollout.vote_recorded":
      return `${p.targetPercentage}%, ${String(p.role).replace(/_/g, " ")}: ${p.vote === "NO_GO" ? "NO-GO" : "GO"}, ${p.rationale}`;
    case "rollout.approval_generated":
      return `${p.fileName} v${p.version}: ${String(p.decision).replace("NO_GO", "NO-GO")}`;
    case "rollout.scorecard_saved":
      return `${p.targetPercentage}%: ${p.points} points, ${String(p.readiness).replace(/_/g, " ")}`;
    case "rollout.quality_score_recorded":
      return `${p.title}: stated ${p.stated}, recomputed ${p.recomputed}${p.mismatch ? " (mismatch)" : ""}`;
    case "waiver.recorded":
      return `${p.waiverId} (key ${p.keyId}), expires ${p.expiresAt}`;
    default:
      return "";
  }
}

export type TimelineEvent = { id: number; type: string; payload: Record<string, unknown>; createdAt: string; actor: string | null };

/**
 * The audit's own event-log entries as a timeline, newest first, failed stability attempts
 * included. Reviews of `blindUnitIds` (units awaiting a blind second review that this viewer must
 * not see the first review of) show no finding.
 */
export function Timeline({ events, blindUnitIds }: { events: TimelineEvent[]; blindUnitIds?: ReadonlySet<number> }) {
  const shown = (e: TimelineEvent) =>
    e.type === "review.saved" && blindUnitIds?.has(Number(e.payload.sampleUnitId)) ? `unit #${e.payload.sampleUnitId}: hidden until the blind second review` : detail(e.type, e.payload);
  if (events.length === 0) return <p className="text-sm text-slate-600">Nothing recorded yet.</p>;
  return (
    <ol className="space-y-2 border-l-2 border-slate-200 pl-4 text-sm" data-testid="timeline">
      {events.map((e) => (
        <li key={e.id} className="relative">
          <span className="absolute -left-[1.4rem] top-1.5 h-2.5 w-2.5 rounded-full bg-slate-400" aria-hidden />
          <div className="flex flex-wrap items-baseline gap-x-2">
            <span className="font-medium">{LABELS[e.type as EventType] ?? e.type}</span>
            <time className="text-xs text-slate-500" dateTime={e.createdAt}>
              {formatUtcMinute(e.createdAt)}
            </time>
            {e.actor && <span className="text-xs text-slate-600">by {e.actor}</span>}
          </div>
          {shown(e) && <p className="break-words text-slate-700">{shown(e)}</p>}
        </li>
      ))}
    </ol>
  );
}
