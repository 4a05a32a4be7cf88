import type { Metadata } from "next";
import { ReasonList } from "@/components/ui/reason-list";
import Link from "next/link";
import { CloseAuditForm, RemediationForm, RequestSignOffForm, RevokeSignOffForm, RevokeWaiverForm, SignOffForm, TwoPersonForm, WaiverForm } from "@/components/signoff/forms";
import { Badge, GateBadge, VerdictBadge } from "@/components/ui/badges";
import { Definition, Panel } from "@/components/ui/panel";
import { getDb } from "@/db/client";
import { getReviewerIds, getSignOffState, listRemediation } from "@/db/queries/signoff";
import { listUsers } from "@/db/queries/users";
import { remediationStatus } from "@/lib/signoff/remediation";
import { signOffRefusals } from "@/lib/signoff/sign-off";
import { waiverKeysConfigured } from "@/lib/signoff/waiver-keys";
import { requireAuditPage } from "@/lib/server/project-auth";
import { getSettings } from "@/lib/server/settings";
import { formatUtcMinute } from "@/lib/format-time";

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Sign-off · ${(await params).slug}` };
}

const pct = (v: number | null) => (v === null ? "—" : `${(v * 100).toFixed(2)}%`);
const STATUS_TONE = { valid: "green", stale: "amber", revoked: "slate" } as const;

/** The approver screen: what is being approved, why, the evidence, who has signed, what is still needed, and the exact hash. */
export default async function SignOffPage({ params }: Props) {
  const { slug } = await params;
  const { user, audit } = await requireAuditPage(slug, `/audits/${slug}/signoff`);
  const db = getDb();
  const now = new Date();
  const [state, remediation, reviewerIds, users] = await Promise.all([getSignOffState(db, { audit, now }), listRemediation(db, { auditId: audit.id }), getReviewerIds(db, { auditId: audit.id }), listUsers(db)]);
  const { snapshot, hash, json } = state;
  const settings = getSettings();
  const isOperator = user.roles.includes("operator");
  const mySignRefusals = signOffRefusals({
    signerId: user.id,
    signerRoles: user.roles,
    auditCreatorId: audit.createdBy,
    reviewerIds,
    separationOfDuties: settings.separationOfDuties,
    existing: state.signatures,
    snapshotHash: hash,
    auditClosed: audit.closedAt !== null,
  });
  const canApproveDestructive = user.roles.some((r) => r === "security" || r === "approver") && !audit.closedAt;
  const waiverKeys = waiverKeysConfigured(settings.waiverKeys);

  return (
    <div className="space-y-5">
      <div>
        <Link href={`/audits/${slug}`} className="text-sm text-indigo-700 hover:underline">
          ← {audit.title}
        </Link>
        <h1 className="mt-1 text-2xl font-semibold">Sign-off and closeout</h1>
        <p className="font-mono text-sm text-slate-500">{audit.slug}</p>
      </div>

      {audit.closedAt && (
        <p className="rounded-md bg-slate-100 px-3 py-2 text-sm text-slate-800" data-testid="closed-banner">
          Closed {formatUtcMinute(audit.closedAt)}. The audit is read-only.
        </p>
      )}

      <Panel title="What is being approved" id="approved">
        <div className="flex flex-wrap items-center gap-3 text-sm">
          <span>Verdict</span>
          <VerdictBadge verdict={snapshot.verdict} />
          <span>gate in force</span>
          <GateBadge gateState={state.gateState} />
        </div>
        <ReasonList reasons={snapshot.reasons} testId="snapshot-reasons" />
        <div className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-3">
          <Definition label="Population" value={snapshot.metrics.populationSize.toLocaleString("en-US")} />
          <Definition label="Sampled / reviewed" value={`${snapshot.metrics.sampled} / ${snapshot.metrics.reviewed}`} />
          <Definition label="Estimated defect rate" value={pct(snapshot.metrics.defectRate)} />
          <Definition label="95% upper confidence bound" value={pct(snapshot.metrics.upperBound)} />
          <Definition label="Estimated unknown rate" value={pct(snapshot.metrics.unknownRate)} />
          <Definition label="Review revisions covered" value={String(snapshot.reviews.length)} />
        </div>
        <div className="space-y-1">
          <div className="text-xs text-slate-500">Exact snapshot hash being signed (SHA-256 of the RFC 8785 canonical JSON)</div>
          <p className="break-all rounded bg-slate-900 px-3 py-2 font-mono text-xs text-emerald-200" data-testid="snapshot-hash">
            {hash}
          </p>
          <details className="text-sm">
            <summary className="cursor-pointer text-indigo-700">Show the snapshot JSON</summary>
            <pre className="mt-2 max-h-64 overflow-auto whitespace-pre-wrap break-all rounded bg-slate-50 p-3 font-mono text-xs" tabIndex={0}>
              {json}
            </pre>
          </details>
        </div>
      </Panel>

      <Panel title="Evidence: failed units and their remediation" id="remediation">
        <p className="text-sm text-slate-600">
          The full sample with every finding is in the{" "}
          <Link href={`/audits/${slug}/sample`} className="text-indigo-700 underline">
            sample manifest
          </Link>
          . A FAIL gets a remediation due date by its severity (2 days critical, 10 days otherwise), editable here.
        </p>
        {remediation.length === 0 ? (
          <p className="text-sm text-slate-600">No unit is reviewed FAIL.</p>
        ) : (
          <div className="relative overflow-x-auto" tabIndex={0}>
            <table className="min-w-full text-sm" data-testid="remediation-table">
              <thead className="text-left text-xs text-slate-500">
                <tr>
                  <th scope="col" className="py-1 pr-3">Unit</th>
                  <th scope="col" className="pr-3">Owner</th>
                  <th scope="col" className="pr-3">Due</th>
                  <th scope="col" className="pr-3">Destructive</th>
                  {isOperator && !audit.closedAt && <th scope="col">Change</th>}
                </tr>
              </thead>
              <tbody>
                {remediation.map((r) => {
                  const status = remediationStatus(r.dueAt, now, null);
                  return (
                    <tr key={r.id} className="border-t border-slate-100 align-top">
                      <td className="whitespace-nowrap py-2 pr-3">
                        <Link href={`/audits/${slug}/review/${r.id}`} className="font-mono text-indigo-700 hover:underline">
                          {r.unitKey}
                        </Link>
                        {r.criticalKind && (
                          <div>
                            <Badge tone="red">critical</Badge>
                          </div>
                        )}
                      </td>
                      <td className="pr-3">{r.owner ?? <Badge tone="amber">no owner</Badge>}</td>
                      <td className="whitespace-nowrap pr-3">
                        {r.dueAt ? r.dueAt.toISOString().slice(0, 10) : "—"} {status === "overdue" && <Badge tone="red">overdue</Badge>}
                      </td>
                      <td className="pr-3">{r.destructive ? <Badge tone="red">yes</Badge> : "no"}</td>
                      {isOperator && !audit.closedAt && (
                        <td className="min-w-80">
                          <RemediationForm slug={slug} sampleUnitId={r.id} dueDate={r.dueAt ? r.dueAt.toISOString().slice(0, 10) : ""} destructive={r.destructive} />
                        </td>
                      )}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </Panel>

      {state.destructive.required && (
        <Panel title="Destructive mutation clearance" id="clearance">
          <p className="text-sm">
            {state.destructive.cleared ? <Badge tone="green">Cleared</Badge> : <Badge tone="red">Needed before closeout</Badge>} A destructive or irreversible remediation needs a verified
            HMAC-SHA256 waiver, or approval by two different people with the security or approver role.
          </p>
          {!waiverKeys && (
            <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="degraded-mode">
              No waiver key is configured on this server (WAIVER_KEYS), so waivers cannot be verified: use two-person approval. Approvals are recorded as made in degraded mode.
            </p>
          )}
          {state.destructive.waivers.length > 0 && (
            <ul className="space-y-2 text-sm" data-testid="waivers">
              {state.destructive.waivers.map((w) => (
                <li key={w.id} className="rounded-md border border-slate-200 p-3">
                  Waiver <code className="font-mono">{w.waiverId}</code> (key {w.keyId}) verified {formatUtcMinute(w.createdAt)}, expires {w.expiresAt.replace("T", " ").replace("Z", " UTC")}{" "}
                  <Badge tone={w.status === "valid" ? "green" : "red"}>{w.status}</Badge>
                  {w.status === "valid" && !audit.closedAt && (isOperator || user.roles.includes("security")) && (
                    <div className="mt-2">
                      <RevokeWaiverForm slug={slug} waiverId={w.waiverId} />
                    </div>
                  )}
                </li>
              ))}
            </ul>
          )}
          <ul className="text-sm" data-testid="two-person-approvals">
            {state.destructive.approvals.map((a) => (
              <li key={a.id}>
                Approved by <strong>{a.name}</strong> {formatUtcMinute(a.createdAt)}: {a.statement} {a.degraded && <Badge tone="amber">degraded mode</Badge>}
              </li>
            ))}
          </ul>
          {!state.destructive.cleared && !audit.closedAt && (
            <div className="grid gap-6 md:grid-cols-2">
              {waiverKeys && (isOperator || user.roles.includes("security")) && <WaiverForm slug={slug} />}
              {canApproveDestructive && !state.destructive.approvals.some((a) => a.userId === user.id) && <TwoPersonForm slug={slug} />}
            </div>
          )}
        </Panel>
      )}

      <Panel title="Who has signed" id="signatures">
        {state.signatures.length === 0 ? (
          <p className="text-sm text-slate-600">No signatures yet.</p>
        ) : (
          <ul className="space-y-3 text-sm" data-testid="signatures">
            {state.signatures.map((s) => (
              <li key={s.id} className="rounded-md border border-slate-200 p-3" data-testid={`signature-${s.status}`}>
                <div className="flex flex-wrap items-center gap-2">
                  <strong>{s.signer}</strong>
                  <Badge tone={STATUS_TONE[s.status]}>{s.status}</Badge>
                  <span className="text-xs text-slate-500">{formatUtcMinute(s.createdAt)}</span>
                </div>
                <p className="mt-1">{s.statement}</p>
                <p className="mt-1 break-all font-mono text-xs text-slate-500">snapshot {s.snapshotHash}</p>
                {s.status === "stale" && <p className="mt-1 text-xs text-amber-800">The verdict snapshot changed after this signature; it no longer satisfies the gate.</p>}
                {s.status === "revoked" && s.revokeReason && <p className="mt-1 text-xs text-slate-600">Revoked: {s.revokeReason}</p>}
                {s.signerId === user.id && s.status !== "revoked" && !audit.closedAt && (
                  <div className="mt-2">
                    <RevokeSignOffForm slug={slug} signOffId={s.id} />
                  </div>
                )}
              </li>
            ))}
          </ul>
        )}
        {state.requests.length > 0 && (
          <div className="text-sm">
            <h3 className="font-medium">Sign-off requests</h3>
            <ul className="mt-1 space-y-1">
              {state.requests.map((r) => (
                <li key={r.id}>
                  {r.approverId ? (users.find((u) => u.id === r.approverId)?.name ?? "an approver") : "any approver"}
                  {r.deadline ? `, by ${formatUtcMinute(r.deadline)}` : ""} <Badge tone={r.status === "expired" ? "red" : r.status === "fulfilled" ? "green" : "indigo"}>{r.status}</Badge>
                </li>
              ))}
            </ul>
          </div>
        )}
        {user.roles.includes("approver") && <SignOffForm slug={slug} hash={hash} refusals={mySignRefusals} />}
        {isOperator && !audit.closedAt && <RequestSignOffForm slug={slug} approvers={users.filter((u) => u.roles.includes("approver")).map((u) => ({ id: u.id, name: u.name }))} />}
      </Panel>

      <Panel title="What is still needed to close" id="closeout">
        {state.closeoutRefusals.length === 0 ? (
          <p className="text-sm text-emerald-800" data-testid="closeout-allowed">
            Nothing: the gate allows closeout.
          </p>
        ) : (
          <ReasonList reasons={state.closeoutRefusals} testId="closeout-needed" />
        )}
        {isOperator && !audit.closedAt && <CloseAuditForm slug={slug} />}
      </Panel>
    </div>
  );
}
