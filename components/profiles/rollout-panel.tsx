import { Fragment } from "react";
import { Badge } from "@/components/ui/badges";
import { Panel } from "@/components/ui/panel";
import type { RolloutOverview } from "@/db/queries/profile-rollout";
import type { ProfileAudit } from "@/db/schema";
import { formatUtcMinute } from "@/lib/format-time";
import { formatDuration } from "@/lib/profiles/rollout";
import type { CurrentUser } from "@/lib/server/auth";
import { ApprovalDocumentForm, QualityScoreForm, ScorecardForm, VoteForm } from "./rollout-approval-forms";
import { CheckpointForm, ExpandForm, StartRolloutForm } from "./rollout-forms";
import { checklistReadOnlyReason } from "@/lib/profiles/read-only";

/**
 * The rollout expansion gate (issue 13, seed 004) on /checks/[slug]: stages with the current one
 * and when it was reached, checkpoints, the gated "Expand to N%", the approvers' votes and the
 * approval documents, the readiness scorecard, and weighted quality scores recomputed next to the
 * stated ones, from `overview` (db/queries/profile-rollout.ts getRolloutOverview as of `now`, read
 * once by the page). Operators run the rollout, approvers vote; forms show only to those roles
 * (the actions check again).
 */
export function RolloutPanel({ audit, user, overview: o, now }: { audit: ProfileAudit; user: CurrentUser; overview: RolloutOverview; now: Date }) {
  const open = checklistReadOnlyReason(audit) === null;
  const operator = open && user.roles.includes("operator");
  const approver = open && user.roles.includes("approver");
  const target = o.position.next?.percentage ?? null;
  const started = o.position.reachedCurrentAt !== null;
  return (
    <div className="space-y-6" data-testid="rollout-panel">
      <Stages o={o} now={now} />
      <Panel title="Checkpoints" id="rollout-checkpoints">
        <Checkpoints o={o} />
        {operator && started && o.checkpoints.some((c) => !c.completedAt) && <CheckpointForm checkSlug={audit.slug} checkpoints={o.checkpoints.filter((c) => !c.completedAt)} />}
      </Panel>
      {operator && !started && (
        <Panel title={`Start: record ${o.settings.rollout.stages[0].percentage}% reached`} id="rollout-start">
          <StartRolloutForm checkSlug={audit.slug} percentage={o.settings.rollout.stages[0].percentage} />
        </Panel>
      )}
      {target !== null && started && (
        <>
          <Panel title={`Expansion to ${target}%`} id="rollout-expand">
            <NextGate o={o} />
            {operator && <ExpandForm checkSlug={audit.slug} target={target} />}
          </Panel>
          <Panel title={`Expansion approval for ${target}%`} id="rollout-approval">
            <Votes o={o} />
            {approver && o.decision && o.decision.missingRoles.length > 0 && (
              <VoteForm checkSlug={audit.slug} target={target} roles={o.settings.rollout.approvers.filter((a) => o.decision!.missingRoles.includes(a.role)).map((a) => ({ role: a.role, label: a.label }))} />
            )}
            {operator && o.decision?.decision !== "PENDING" && <ApprovalDocumentForm checkSlug={audit.slug} target={target} />}
          </Panel>
          <Panel title={`Expansion readiness scorecard for ${target}%`} id="rollout-scorecard">
            <ScorecardSummary o={o} />
            {operator && (
              <ScorecardForm
                checkSlug={audit.slug}
                target={target}
                items={o.settings.scorecard.items.map((i) => ({ ...i, met: (o.scorecard?.items[i.id] ?? 0) > 0 }))}
              />
            )}
          </Panel>
        </>
      )}
      <Panel title="Approval documents" id="rollout-documents">
        {o.approvals.length === 0 ? (
          <p className="text-sm text-slate-600">None generated yet.</p>
        ) : (
          <ul className="space-y-1 text-sm" data-testid="approval-documents">
            {o.approvals.map((d) => (
              <li key={d.id}>
                <a className="text-indigo-700 underline" href={`/api/checks/${audit.slug}/documents/${d.id}`}>
                  {d.fileName}
                </a>{" "}
                <span className="text-slate-600">
                  v{d.version}, {formatUtcMinute(d.createdAt)}, SHA-256 <code className="font-mono text-xs">{d.sha256.slice(0, 12)}…</code>
                </span>
              </li>
            ))}
          </ul>
        )}
      </Panel>
      <Panel title="Weighted quality scores" id="rollout-quality">
        <QualityScores o={o} />
        {operator && <QualityScoreForm checkSlug={audit.slug} />}
      </Panel>
    </div>
  );
}

const th = "px-2 py-1 text-left text-xs font-medium text-slate-500";
const td = "px-2 py-1 align-top";

function Stages({ o, now }: { o: RolloutOverview; now: Date }) {
  const soakSoFar = o.position.reachedCurrentAt ? formatDuration(now.getTime() - o.position.reachedCurrentAt.getTime()) : null;
  return (
    <Panel title="Rollout stages" id="rollout-stages">
      <p className="text-sm" data-testid="rollout-current">
        {o.position.reachedCurrentAt ? (
          <>
            At <strong>{o.position.current}%</strong> since {formatUtcMinute(o.position.reachedCurrentAt)} ({soakSoFar} ago).
          </>
        ) : (
          <>Not started.</>
        )}
      </p>
      <div className="relative overflow-x-auto" tabIndex={0}>
        <table className="min-w-full text-sm" data-testid="rollout-stages">
          <thead>
            <tr>
              <th className={th}>Stage</th>
              <th className={th}>Status</th>
              <th className={th}>Reached (UTC)</th>
              <th className={th}>Soak before it</th>
              <th className={th}>Required checkpoints</th>
            </tr>
          </thead>
          <tbody>
            {o.position.stages.map((s) => (
              <tr key={s.percentage} className="border-t border-slate-100" data-testid={`stage-${s.percentage}`}>
                <td className={`${td} font-medium`}>{s.percentage}%</td>
                <td className={td}>{s.status === "current" ? <Badge tone="indigo">current</Badge> : s.status}</td>
                <td className={td}>{s.reachedAt ? formatUtcMinute(s.reachedAt) : "—"}</td>
                <td className={td}>{s.minSoakHoursAtPrevious > 0 ? formatDuration(s.minSoakHoursAtPrevious * 3_600_000) : "—"}</td>
                <td className={`${td} font-mono text-xs`}>
                  {s.requiredCheckpoints.length === 0
                    ? "—"
                    : s.requiredCheckpoints.map((c) => (
                        <div key={c}>
                          <Identifier name={c} />
                        </div>
                      ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Panel>
  );
}

function Checkpoints({ o }: { o: RolloutOverview }) {
  return (
    <ul className="space-y-1 text-sm" data-testid="rollout-checkpoints">
      {o.checkpoints.map((c) => (
        <li key={c.name} className="flex flex-wrap items-baseline gap-x-2">
          <code className="break-all font-mono text-xs">{c.name}</code>
          <span className="text-slate-500">
            {c.dueHours !== null && <>from hour {c.dueHours}, </>}before {c.stage}%
          </span>
          {c.completedAt ? <Badge tone="green">complete {formatUtcMinute(c.completedAt)}</Badge> : <Badge tone="amber">not complete</Badge>}
          {c.note && <span className="text-slate-700">{c.note}</span>}
        </li>
      ))}
    </ul>
  );
}

function NextGate({ o }: { o: RolloutOverview }) {
  const v = o.verdict;
  const tone = v.gate === "OPEN" ? "green" : v.gate === "CONDITIONAL_PASS" ? "amber" : "red";
  return (
    <div className="space-y-2 text-sm" data-testid="rollout-gate">
      <div className="flex flex-wrap items-center gap-2">
        <span className="font-medium">Gate now</span>
        <Badge tone={tone}>{v.verdict.replace(/_/g, " ")}</Badge>
      </div>
      {v.reasons.length > 0 && (
        <ul className="list-disc space-y-1 pl-5 text-slate-700">
          {v.reasons.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

function Votes({ o }: { o: RolloutOverview }) {
  const d = o.decision!;
  const byRole = new Map(o.votes.map((v) => [v.role, v]));
  const tone = d.decision === "GO" ? "green" : d.decision === "NO_GO" ? "red" : "amber";
  return (
    <div className="space-y-2 text-sm">
      <div className="flex flex-wrap items-center gap-2" data-testid="approval-decision">
        <span className="font-medium">Decision</span>
        <Badge tone={tone}>
          <span data-testid="approval-decision-value">{d.decision === "NO_GO" ? "NO-GO" : d.decision}</span>
        </Badge>
        <span className="text-slate-600">
          {d.goVotes} GO, {d.noGoVotes} NO-GO{d.missingRoles.length ? `, ${d.missingRoles.length} pending` : ""}; GO needs {o.settings.rollout.minGoVotes} of {o.settings.rollout.approvers.length}
        </span>
      </div>
      <div className="relative overflow-x-auto" tabIndex={0}>
        <table className="min-w-full text-sm" data-testid="approval-votes">
          <thead>
            <tr>
              <th className={th}>Role</th>
              <th className={th}>Vote</th>
              <th className={th}>Approver</th>
              <th className={th}>Rationale</th>
            </tr>
          </thead>
          <tbody>
            {o.settings.rollout.approvers.map((a) => {
              const v = byRole.get(a.role);
              return (
                <tr key={a.role} className="border-t border-slate-100">
                  <td className={td}>
                    {a.label} <span className="block text-xs text-slate-500">{a.approvalType}</span>
                  </td>
                  <td className={td}>{v ? <Badge tone={v.vote === "GO" ? "green" : "red"}>{v.vote === "NO_GO" ? "NO-GO" : "GO"}</Badge> : <span className="text-slate-500">pending</span>}</td>
                  <td className={td}>{v?.approver ?? "—"}</td>
                  <td className={`${td} break-words`}>{v?.rationale ?? "—"}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {d.dissent.length > 0 && (
        <div data-testid="approval-dissent">
          <p className="font-medium">Dissent</p>
          <ul className="list-disc pl-5">
            {d.dissent.map((v) => (
              <li key={v.role}>
                {v.approver} ({o.settings.rollout.approvers.find((a) => a.role === v.role)?.label ?? v.role}): {v.vote === "NO_GO" ? "NO-GO" : "GO"}, {v.rationale}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

function ScorecardSummary({ o }: { o: RolloutOverview }) {
  if (!o.scorecard) return <p className="text-sm text-slate-600" data-testid="scorecard-summary">No scorecard recorded for this stage.</p>;
  const r = o.scorecard.result;
  const tone = r.readiness === "GO" ? "green" : r.readiness === "GO_WITH_MONITORING" ? "amber" : "red";
  return (
    <p className="flex flex-wrap items-center gap-2 text-sm" data-testid="scorecard-summary">
      <strong>{r.points} / 100 points</strong>
      <Badge tone={tone}>{r.readiness.replace(/_/g, " ")}</Badge>
      <span className="text-slate-600">
        technical {r.bySection.technical.points}/{r.bySection.technical.max}, process {r.bySection.process.points}/{r.bySection.process.max}, validation {r.bySection.validation.points}/{r.bySection.validation.max}
      </span>
    </p>
  );
}

const score = (n: number) => String(Number(n.toFixed(4)));

function QualityScores({ o }: { o: RolloutOverview }) {
  if (o.qualityScores.length === 0) return <p className="text-sm text-slate-600">No score checked yet.</p>;
  return (
    <ul className="space-y-3 text-sm" data-testid="quality-scores">
      {o.qualityScores.map((q) => (
        <li key={q.id} className="space-y-1" data-testid="quality-score">
          <div className="flex flex-wrap items-center gap-2">
            <span className="font-medium">{q.title}</span>
            <span>
              stated <strong data-testid="quality-stated">{score(q.stated)}</strong>, recomputed <strong data-testid="quality-recomputed">{score(q.recomputed)}</strong>
            </span>
            {q.mismatch ? <Badge tone="red">mismatch: {score(Math.abs(q.difference))} apart</Badge> : <Badge tone="green">matches</Badge>}
          </div>
          <details>
            <summary className="cursor-pointer text-slate-600">{q.rows.length} categories</summary>
            <table className="mt-1 text-sm">
              <thead>
                <tr>
                  <th className={th}>Category</th>
                  <th className={th}>Weight %</th>
                  <th className={th}>Score</th>
                  <th className={th}>Weighted</th>
                </tr>
              </thead>
              <tbody>
                {q.rows.map((r, i) => (
                  <tr key={i} className="border-t border-slate-100">
                    <td className={td}>{r.category}</td>
                    <td className={td}>{r.weight}</td>
                    <td className={td}>{r.score}</td>
                    <td className={td}>{score((r.weight * r.score) / 100)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </li>
      ))}
    </ul>
  );
}

/** A snake_case name that may wrap after its underscores (not in the middle of a word) on narrow screens. */
function Identifier({ name }: { name: string }) {
  const parts = name.split("_");
  return (
    <>
      {parts.map((p, i) => (
        <Fragment key={i}>
          {p}
          {i < parts.length - 1 && (
            <>
              _<wbr />
            </>
          )}
        </Fragment>
      ))}
    </>
  );
}
