import type { Metadata } from "next";
import Link from "next/link";
import { AgreementPanel } from "@/components/team/agreement-panel";
import { AssignForms } from "@/components/team/assign-forms";
import { HandAssign } from "@/components/team/hand-assign";
import { SecondReviewRequest } from "@/components/team/second-review-request";
import { Panel } from "@/components/ui/panel";
import { getDb } from "@/db/client";
import { getAgreement, getSecondReviewQueue, getTeamOverview } from "@/db/queries/team";
import { requireAuditPage } from "@/lib/server/project-auth";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export const metadata: Metadata = { title: "Team and double review" };

/**
 * An audit's team page (issue 11): per-reviewer progress; the operator assigns (even, by
 * subgroup, by hand), reassigns and requests blind second reviews; everyone sees the agreement
 * (confusion matrix, Cohen's kappa) and the adjudication queue; reviewers find their second reviews.
 */
export default async function TeamPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const { user, audit } = await requireAuditPage(slug, `/audits/${slug}/team`);
  const query = await searchParams;
  const db = getDb();
  const [team, agreement, mySecond] = await Promise.all([
    getTeamOverview(db, { auditId: audit.id, projectName: audit.projectName }),
    getAgreement(db, { auditId: audit.id }),
    user.roles.includes("reviewer") ? getSecondReviewQueue(db, { auditId: audit.id, userId: user.id }) : Promise.resolve([]),
  ]);
  const isOperator = user.roles.includes("operator") && !audit.closedAt;
  const name = (id: number | null) => (id === null ? "—" : (team.people.get(id)?.name ?? `#${id}`));
  const mayAdjudicate = user.roles.includes("operator") || user.roles.includes("reviewer");

  return (
    <div className="space-y-5">
      <Link href={`/audits/${slug}`} className="text-sm text-indigo-700 hover:underline">
        ← {audit.title}
      </Link>
      <h1 className="text-2xl font-semibold">Team and double review</h1>
      {query.adjudicated === "1" && <p className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">Adjudication saved: no disagreement is open.</p>}
      {query.second && <p className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">Second review saved: none is waiting for you in this audit.</p>}
      {team.units.length === 0 ? (
        <p className="text-sm text-slate-700">No sample has been drawn yet: assignment and double review start once it is.</p>
      ) : (
        <>
          <Panel title="Progress per reviewer" id="progress">
            <div className="relative overflow-x-auto" tabIndex={0}>
              <table className="text-sm" data-testid="reviewer-progress">
                <thead>
                  <tr>
                    <th scope="col" className="px-2 py-1 text-left">Reviewer</th>
                    <th scope="col" className="px-2 py-1 text-right">Assigned</th>
                    <th scope="col" className="px-2 py-1 text-right">Reviewed</th>
                    <th scope="col" className="px-2 py-1 text-right">Open</th>
                  </tr>
                </thead>
                <tbody>
                  {team.progress.byReviewer.map((p) => (
                    <tr key={p.reviewerId} className="border-t border-slate-100">
                      <th scope="row" className="px-2 py-1 text-left font-normal">{name(p.reviewerId)}</th>
                      <td className="px-2 py-1 text-right tabular-nums">{p.assigned}</td>
                      <td className="px-2 py-1 text-right tabular-nums">{p.reviewed}</td>
                      <td className="px-2 py-1 text-right tabular-nums">{p.assigned - p.reviewed}</td>
                    </tr>
                  ))}
                  <tr className="border-t border-slate-100">
                    <th scope="row" className="px-2 py-1 text-left font-normal text-slate-700">Unassigned (anyone)</th>
                    <td className="px-2 py-1 text-right tabular-nums">{team.progress.unassigned.total}</td>
                    <td className="px-2 py-1 text-right tabular-nums">{team.progress.unassigned.reviewed}</td>
                    <td className="px-2 py-1 text-right tabular-nums">{team.progress.unassigned.total - team.progress.unassigned.reviewed}</td>
                  </tr>
                </tbody>
              </table>
            </div>
            {isOperator && <AssignForms slug={slug} reviewers={team.reviewers} />}
          </Panel>

          <Panel title={isOperator ? "Assign by hand" : "Assignments"} id="assignments">
            <HandAssign slug={slug} rows={team.units} reviewers={team.reviewers} people={team.people} canAssign={isOperator} />
          </Panel>

          <Panel title="Blind second reviews" id="second-reviews">
            <p className="text-sm" data-testid="second-review-status">
              {team.secondReviews.requested} requested, {team.secondReviews.done} done, {team.secondReviews.waiting.length} ready for a second reviewer.
            </p>
            {mySecond.length > 0 && (
              <div className="space-y-1">
                <h3 className="text-sm font-semibold">Waiting for your second review</h3>
                <ul className="flex flex-wrap gap-2" data-testid="my-second-reviews">
                  {mySecond.map((q) => (
                    <li key={q.sampleUnitId}>
                      <Link href={`/audits/${slug}/second-review/${q.sampleUnitId}`} className="inline-block rounded-md border border-slate-300 px-2 py-1 font-mono text-sm hover:bg-slate-50">
                        {q.unitKey}
                      </Link>
                    </li>
                  ))}
                </ul>
              </div>
            )}
            {isOperator && <SecondReviewRequest slug={slug} />}
          </Panel>

          <Panel title="Adjudication queue" id="adjudication">
            {team.disagreements.length === 0 ? (
              <p className="text-sm text-slate-700">No open disagreement.</p>
            ) : (
              <ul className="space-y-1 text-sm" data-testid="adjudication-queue">
                {team.disagreements.map((d) => {
                  const own = d.reviewedBy === user.id || d.secondReviewedBy === user.id;
                  return (
                    <li key={d.id} className="flex flex-wrap items-center gap-2">
                      <span className="font-mono">{d.unitKey}</span>
                      <span className="text-slate-700">
                        {name(d.reviewedBy)} and {name(d.secondReviewedBy)} disagree
                      </span>
                      {mayAdjudicate && !own && !audit.closedAt && (
                        <Link href={`/audits/${slug}/adjudicate/${d.id}`} className="rounded-md border border-slate-300 px-2 py-0.5 font-medium text-indigo-700 hover:bg-slate-50">
                          Adjudicate
                        </Link>
                      )}
                      {own && <span className="text-slate-600">(you reviewed it: someone else adjudicates)</span>}
                    </li>
                  );
                })}
              </ul>
            )}
          </Panel>

          <AgreementPanel overall={agreement.overall} pairs={agreement.pairs} />
        </>
      )}
    </div>
  );
}
