import type { Metadata } from "next";
import { AdrPanel } from "@/components/profiles/adr-panel";
import { FindingForm } from "@/components/profiles/finding-forms";
import { ImportFindingsForm } from "@/components/profiles/finding-forms";
import { FindingsList } from "@/components/profiles/findings-list";
import { LaunchPhases, PHASE_SECTIONS, RemediationPlan } from "@/components/profiles/launch-sections";
import { ProfileSignOffPanel } from "@/components/profiles/profile-signoff-panel";
import { ArchiveProfileAuditForm } from "@/components/profiles/signoff-forms";
import { ProfileVerdictBadge } from "@/components/profiles/profile-verdict-badge";
import { RolloutPanel } from "@/components/profiles/rollout-panel";
import { Timeline } from "@/components/audits/timeline";
import { ShareLinks } from "@/components/share/share-links";
import { Badge, GateBadge } from "@/components/ui/badges";
import { Definition, Panel } from "@/components/ui/panel";
import { getDb } from "@/db/client";
import { listProfileAuditEvents, listProfileFindings, listProfileSignOffs } from "@/db/queries/profile-audits";
import { getRolloutOverview } from "@/db/queries/profile-rollout";
import { getProfileSnapshot } from "@/db/queries/profile-verdict";
import { listShareLinkRows } from "@/db/queries/share-links";
import { formatUtcMinute } from "@/lib/format-time";
import { ADR_LENSES } from "@/lib/profiles/config";
import { PROFILE_LABELS } from "@/lib/profiles/profile-input";
import { holdsAny } from "@/lib/project-access";
import { requireProfileAuditPage } from "@/lib/server/profile-auth";
import { createProfileShareLinkAction, republishProfileShareLinkAction, revokeProfileShareLinkAction } from "./share-actions";
import { checklistReadOnlyReason } from "@/lib/profiles/read-only";

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: (await params).slug };
}

const GENERAL_SECTIONS = [{ id: "general", label: "General" }];
const LENSES: readonly string[] = ADR_LENSES;

/**
 * A checklist audit (issue 13): header, verdict with gate and reasons, the profile's own panel
 * (ADR, rollout) or the nine phases (launch readiness) with findings, add and import findings,
 * remediation plan and report (launch readiness), sign-off, share links (operators) and the timeline.
 */
export default async function CheckPage({ params }: Props) {
  const { slug } = await params;
  const { audit, user } = await requireProfileAuditPage(slug, `/checks/${slug}`);
  const db = getDb();
  const [state, findings, signOffs, events] = await Promise.all([
    getProfileSnapshot(db, audit),
    listProfileFindings(db, { profileAuditId: audit.id }),
    listProfileSignOffs(db, { profileAuditId: audit.id }),
    listProfileAuditEvents(db, { profileAuditId: audit.id }),
  ]);
  const readOnly = checklistReadOnlyReason(audit);
  const canEdit = readOnly === null && holdsAny(user.roles, ["operator", "reviewer"]);
  const isOperator = holdsAny(user.roles, ["operator"]);
  const links = isOperator ? await listShareLinkRows(db, { profileAuditId: audit.id }, new Date()) : [];
  const isLaunch = audit.profile === "launch_readiness";
  // A rollout's verdict is about its next expansion (db/queries/profile-rollout.ts); say which one.
  const now = new Date();
  const rollout = audit.profile === "rollout" ? await getRolloutOverview(db, audit, now) : null;
  const rolloutTarget = rollout ? rollout.verdict.target : undefined;
  const context = audit.context as Record<string, unknown>;
  const general = findings.filter((f) => !LENSES.includes(f.section));

  return (
    <div className="mx-auto min-w-0 max-w-5xl space-y-6 break-words">
      <header className="space-y-2">
        <p className="text-sm text-slate-600">
          {PROFILE_LABELS[audit.profile]} · project {audit.projectName}
        </p>
        <h1 className="break-words text-2xl font-semibold">{audit.title}</h1>
        <div className="flex flex-wrap items-center gap-2">
          <code className="font-mono text-xs">{audit.slug}</code>
          {audit.closedAt && <Badge>Closed</Badge>}
          {audit.archivedAt && <Badge tone="slate">Archived</Badge>}
          {isLaunch && typeof context.strictness === "string" && <Badge tone="indigo">Strictness {context.strictness}</Badge>}
        </div>
      </header>
      {readOnly === "archived" && (
        <p className="rounded-md border border-slate-300 bg-slate-100 p-3 text-sm text-slate-800" data-testid="archived-banner">
          Archived {formatUtcMinute(audit.archivedAt!.toISOString())}: hidden from the lists and read-only.{isOperator ? " Restore it (at the end of the page) to change it." : " An operator can restore it."}
        </p>
      )}

      <Panel id="verdict" title="Verdict">
        {rolloutTarget !== undefined && (
          <p className="text-sm text-slate-600" data-testid="verdict-subject">
            {rolloutTarget === null ? "The verdict on the rollout as a whole." : `The verdict on the next expansion, to ${rolloutTarget}%: whether it may go ahead now.`}
          </p>
        )}
        <div className="flex flex-wrap items-center gap-2">
          <ProfileVerdictBadge verdict={state.verdict} />
          <GateBadge gateState={state.gate} />
        </div>
        {state.reasons.length > 0 ? (
          <ul className="list-disc pl-5 text-sm" data-testid="verdict-reasons">
            {state.reasons.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-slate-600">No reasons against.</p>
        )}
        {isLaunch && (
          <a className="inline-block text-sm font-medium text-indigo-700 underline" href={`/api/checks/${audit.slug}/report`} data-testid="report-download">
            Download the report (Markdown)
          </a>
        )}
      </Panel>

      {isLaunch && (
        <Panel id="launch-context" title="Launch context">
          <div className="grid gap-3 text-sm sm:grid-cols-3">
            <Definition label="Kind" value={String(context.kind ?? "—")} />
            <Definition label="Real user data" value={context.realUserData ? "yes" : "no"} />
            <Definition label="Payments" value={context.payments ? "yes" : "no"} />
            <Definition label="Acceptable failure mode" value={String(context.acceptableFailureMode ?? "—").replace(/_/g, " ").toLowerCase()} />
            <Definition label="Expected traffic (MAU)" value={Number(context.expectedTraffic ?? 0).toLocaleString("en-US")} />
            <Definition label="Strictness" value={String(context.strictness ?? "—")} />
          </div>
          <div className="text-sm">
            <p className="text-xs text-slate-500">Stop-ship criteria</p>
            {Array.isArray(context.stopShipCriteria) && context.stopShipCriteria.length ? (
              <ul className="list-disc pl-5">
                {(context.stopShipCriteria as string[]).map((c) => (
                  <li key={c}>{c}</li>
                ))}
              </ul>
            ) : (
              <p>None stated.</p>
            )}
          </div>
        </Panel>
      )}

      {audit.profile === "adr" && <AdrPanel audit={audit} user={user} />}
      {rollout && <RolloutPanel audit={audit} user={user} overview={rollout} now={now} />}

      {isLaunch ? (
        <LaunchPhases findings={findings} checkSlug={audit.slug} canEdit={canEdit} />
      ) : (
        <Panel id="general-findings" title="Findings">
          <FindingsList findings={general} checkSlug={audit.slug} sections={GENERAL_SECTIONS} canEdit={canEdit} prefill={false} />
        </Panel>
      )}

      {canEdit && (
        <Panel id="add-finding" title="Add a finding">
          <FindingForm checkSlug={audit.slug} sections={isLaunch ? PHASE_SECTIONS : GENERAL_SECTIONS} prefill={isLaunch} idPrefix="add" />
        </Panel>
      )}
      {canEdit && (
        <Panel id="import-findings" title="Import findings (JSON or CSV)">
          <p className="text-sm text-slate-600">All or nothing: one bad row and nothing is imported. Sections: {(isLaunch ? PHASE_SECTIONS : GENERAL_SECTIONS).map((s) => s.id).join(", ")}.</p>
          <ImportFindingsForm checkSlug={audit.slug} />
        </Panel>
      )}

      {isLaunch && (
        <Panel id="remediation" title="Remediation plan">
          <RemediationPlan findings={findings} />
        </Panel>
      )}

      <Panel id="signoff" title="Sign-off">
        <ProfileSignOffPanel audit={audit} user={user} gate={state.gate} hash={state.hash} profileRefusals={state.profileRefusals} signOffs={signOffs} />
      </Panel>

      {isOperator && (
        <Panel id="share" title="Share the report">
          <ShareLinks audit={{ name: "checkSlug", value: audit.slug }} links={links} actions={{ create: createProfileShareLinkAction, republish: republishProfileShareLinkAction, revoke: revokeProfileShareLinkAction }} />
        </Panel>
      )}

      {isOperator && (
        <Panel id="archive" title={audit.archivedAt ? "Restore" : "Archive"}>
          <p className="text-sm text-slate-600">
            {audit.archivedAt ? "Restoring brings the audit back into the lists" + (audit.closedAt ? "; it stays closed." : " and makes it writable again.") : "Archiving hides the audit from the lists (shown again with “Show archived”) and makes it read-only; its share links keep working. It can be restored."}
          </p>
          <ArchiveProfileAuditForm checkSlug={audit.slug} archived={audit.archivedAt !== null} />
        </Panel>
      )}

      <Panel id="timeline" title="Timeline">
        <Timeline events={events.map((e) => ({ id: e.id, type: e.type, payload: e.payload, createdAt: e.createdAt, actor: e.actor }))} />
        <p className="text-xs text-slate-500">Created {formatUtcMinute(audit.createdAt.toISOString())}.</p>
      </Panel>
    </div>
  );
}
