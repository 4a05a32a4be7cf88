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
    case "waiver.recorded":
      return `${p.waiverId} (key ${p.keyId}), expires ${p.expiresAt}`;
    default:
      return "";
  }
}

export type TimelineEvent = { id: number; type: string; payload: Record<string, unknown>; createdAt: string; actor: string | null };

/** The audit's own event-log entries as a timeline, newest first, failed stability attempts included. */
export function Timeline({ events }: { events: TimelineEvent[] }) {
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
          {detail(e.type, e.payload) && <p className="break-words text-slate-700">{detail(e.type, e.payload)}</p>}
        </li>
      ))}
    </ol>
  );
}
