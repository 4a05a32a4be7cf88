import type { Metadata } from "next";
import Link from "next/link";
import { CountersignForm, DeclareSingleSignerForm, RequestBreakGlassForm } from "@/components/signoff/break-glass-forms";
import { Badge, GateBadge, VerdictBadge } from "@/components/ui/badges";
import { Definition, Panel } from "@/components/ui/panel";
import { getDb } from "@/db/client";
import { getSignOffState, listSecurityAvailability } from "@/db/queries/signoff";
import { breakGlassAllowed, securityUnavailableSince, SLOT_LABELS } from "@/lib/signoff/break-glass";
import { requireAuditPage } from "@/lib/server/project-auth";
import { formatUtcMinute } from "@/lib/format-time";

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Break-glass · ${(await params).slug}` };
}

const STATE_TEXT = {
  not_allowed: "Not allowed",
  awaiting_countersign: "Waiting for countersignatures",
  escalated_to_cto: "Escalated to the CTO: only one signer",
  granted: "Granted: gate EXCEPTION",
} as const;

/** Break-glass (seed 000): the request, who has countersigned, what is still needed, and the gate. */
export default async function BreakGlassPage({ params }: Props) {
  const { slug } = await params;
  const { user, audit } = await requireAuditPage(slug, `/audits/${slug}/break-glass`);
  const db = getDb();
  const now = new Date();
  const [state, security] = await Promise.all([getSignOffState(db, { audit, now }), listSecurityAvailability(db)]);
  const since = securityUnavailableSince(security);
  const bg = state.breakGlass;
  const canSign = user.roles.some((r) => r === "approver" || r === "security");
  const openSlots = (Object.keys(SLOT_LABELS) as (keyof typeof SLOT_LABELS)[]).filter((s) => !bg?.signatures.some((c) => c.slot === s)).map((s) => ({ value: s, label: SLOT_LABELS[s] }));
  const alreadySigned = bg?.signatures.some((c) => c.signerId === user.id) ?? false;

  return (
    <div className="space-y-5">
      <div>
        <Link href={`/audits/${slug}`} className="text-sm text-indigo-700 hover:underline">
          ← {audit.title}
        </Link>
        <h1 className="mt-1 text-2xl font-semibold">Break-glass exception</h1>
        <p className="font-mono text-sm text-slate-500">{audit.slug}</p>
      </div>

      <Panel title="Why this is needed" id="why">
        <div className="flex flex-wrap items-center gap-3 text-sm">
          <span>Verdict</span>
          <VerdictBadge verdict={state.snapshot.verdict} />
          <span>gate in force</span>
          <GateBadge gateState={state.gateState} />
        </div>
        <p className="text-sm text-slate-700">
          When security is unavailable for more than 4 hours and the impact is critical, two independent authorized signers (recommended: one technical owner and one
          compliance/security approver) may countersign an EXCEPTION. A retrospective security audit is then due within 5 business days.
        </p>
        <div className="text-sm">
          <h3 className="font-medium">Security availability</h3>
          {security.length === 0 ? (
            <p className="text-slate-600">Nobody holds the security role.</p>
          ) : (
            <ul className="mt-1 space-y-1" data-testid="security-availability">
              {security.map((u) => (
                <li key={u.id}>
                  {u.name}: {u.available ? <Badge tone="green">available</Badge> : <Badge tone="red">unavailable</Badge>} since {formatUtcMinute(u.since)}
                </li>
              ))}
            </ul>
          )}
          <p className="mt-1 text-slate-600">
            {since === null
              ? "Security is available: ask them instead of breaking glass."
              : breakGlassAllowed({ impact: "critical", securityUnavailableSince: since, now })
                ? "Security has been unavailable for more than 4 hours: break-glass is allowed for a critical impact."
                : `Security is unavailable since ${formatUtcMinute(since)}; break-glass becomes possible after 4 hours.`}
          </p>
        </div>
      </Panel>

      {!bg ? (
        <Panel title="Request" id="request">
          {user.roles.includes("operator") && !audit.closedAt ? <RequestBreakGlassForm slug={slug} /> : <p className="text-sm text-slate-600">No break-glass request. An operator can open one.</p>}
        </Panel>
      ) : (
        <>
          <Panel title="What is being approved" id="request">
            <p className="text-sm" data-testid="break-glass-state">
              <Badge tone={bg.state === "granted" ? "green" : bg.state === "escalated_to_cto" ? "red" : "amber"}>{STATE_TEXT[bg.state]}</Badge>
            </p>
            <div className="grid gap-3 text-sm sm:grid-cols-2">
              <Definition label="Impact" value={bg.request.impact} />
              <Definition label="Requested" value={formatUtcMinute(bg.request.createdAt)} />
              <Definition label="Business justification" value={bg.request.justification} />
              <Definition label="Security unavailable since" value={bg.request.securityUnavailableSince ? formatUtcMinute(bg.request.securityUnavailableSince) : "—"} />
              <Definition label="Data team lead" value={bg.request.contacts.data_team_lead} />
              <Definition label="Compliance officer" value={bg.request.contacts.compliance_officer} />
              <Definition label="CTO escalation" value={bg.request.contacts.cto_escalation} />
              <Definition label="Verdict snapshot hash" value={state.hash} mono />
            </div>
            {bg.state === "escalated_to_cto" && (
              <p className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="cto-escalation">
                Only one signer could be found: the exception attempt is recorded and escalated to the CTO ({bg.request.contacts.cto_escalation}). The gate stays BLOCKED.
              </p>
            )}
            {bg.request.retrospectiveDue && (
              <p className={`rounded-md px-3 py-2 text-sm ${bg.retrospectiveOverdue ? "bg-red-50 text-red-800" : "bg-purple-50 text-purple-900"}`} data-testid="retrospective">
                Retrospective security audit {bg.retrospectiveOverdue ? "overdue since" : "due"} {bg.request.retrospectiveDue}.
              </p>
            )}
          </Panel>

          <Panel title="Who has countersigned" id="countersigned">
            {bg.signatures.length === 0 ? (
              <p className="text-sm text-slate-600">Nobody yet: two independent signers are needed.</p>
            ) : (
              <ul className="space-y-2 text-sm" data-testid="countersignatures">
                {bg.signatures.map((c) => (
                  <li key={c.id} className="rounded-md border border-slate-200 p-3">
                    <strong>{c.signer}</strong> as {SLOT_LABELS[c.slot].toLowerCase()} · {formatUtcMinute(c.createdAt)}
                    <p>{c.statement}</p>
                  </li>
                ))}
              </ul>
            )}
            {bg.pairWarning && (
              <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="pair-warning">
                {bg.pairWarning}
              </p>
            )}
            {bg.state === "awaiting_countersign" && (
              <p className="text-sm text-slate-700" data-testid="still-needed">
                Still needed: {2 - bg.signatures.length} countersignature{bg.signatures.length === 1 ? "" : "s"} ({openSlots.map((s) => s.label.toLowerCase()).join(", ")}).
              </p>
            )}
            {canSign && !audit.closedAt && (bg.state === "awaiting_countersign" || alreadySigned) && (
              <CountersignForm
                slug={slug}
                openSlots={openSlots}
                doneNote={
                  !alreadySigned ? null : bg.state === "awaiting_countersign" ? "You have countersigned; the other slot needs a different person." : "You have countersigned; no further signature is needed from you."
                }
              />
            )}
            {bg.state === "awaiting_countersign" && bg.signatures.length === 1 && !audit.closedAt && <DeclareSingleSignerForm slug={slug} />}
          </Panel>
        </>
      )}
    </div>
  );
}
