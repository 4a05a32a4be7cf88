import Link from "next/link";
import { ReviewProgress } from "@/components/audits/review-progress";
import { Badge, GateBadge, VerdictBadge } from "@/components/ui/badges";
import { Pagination } from "@/components/ui/pagination";
import { MyQueue } from "@/components/team/my-queue";
import { ChecklistAudits } from "@/components/profiles/checklist-audits";
import { fetchPageClamped, parsePageParam } from "@/lib/pagination";
import { listAuditReports } from "@/db/queries/audits";
import { countOverdueRemediation } from "@/db/queries/signoff";
import { requirePageUser } from "@/lib/server/page-auth";
import { userProjects } from "@/lib/server/project-auth";
import { getDb } from "@/db/client";
import { auditStage, parseArchivedParam, parseStageParam, STAGE_LABELS, STAGES, type StageName, stageLabel } from "@/lib/audit-stage";

const PAGE_SIZE = 20;

export default async function AuditsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePageUser("/");
  const params = await searchParams;
  // Issue 11: filter by stage (?stage=), archived audits hidden unless ?archived=1.
  const stage = parseStageParam(params.stage);
  const includeArchived = parseArchivedParam(params.archived);
  const { rows, total, page } = await fetchPageClamped(parsePageParam(params.page), PAGE_SIZE, async (page) =>
    listAuditReports(getDb(), { page, pageSize: PAGE_SIZE, projects: userProjects(user), includeArchived, stage }),
  );
  // Checklist audits page separately (?checks=); each list's links keep the other's place.
  const checksPage = parsePageParam(params.checks);
  const listHref = (o: { stage?: StageName; archived?: boolean; page?: number; checks?: number }) => {
    const q = new URLSearchParams();
    if (o.stage) q.set("stage", o.stage);
    if (o.archived) q.set("archived", "1");
    if (o.page && o.page > 1) q.set("page", String(o.page));
    if (o.checks && o.checks > 1) q.set("checks", String(o.checks));
    return q.size > 0 ? `/?${q}` : "/";
  };
  const here = { stage, archived: includeArchived, page, checks: checksPage };
  const overdue = await countOverdueRemediation(getDb(), { auditIds: rows.map((r) => r.audit.id), now: new Date() });
  const isOperator = user.roles.includes("operator");
  return (
    <div className="space-y-4">
      <div className="flex items-center justify-between">
        <h1 className="text-2xl font-semibold">Audits</h1>
        {isOperator && (
          <Link href="/audits/new" className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-semibold text-white hover:bg-indigo-500">
            New audit
          </Link>
        )}
      </div>
      {user.roles.includes("reviewer") && <MyQueue userId={user.id} projects={userProjects(user, ["reviewer"])} />}
      <nav aria-label="Filter audits" className="flex flex-wrap items-center gap-2 text-sm" data-testid="stage-filter">
        {[undefined, ...STAGES].map((s) => (
          <Link
            key={s ?? "all"}
            href={listHref({ stage: s, archived: includeArchived, checks: checksPage })}
            aria-current={s === stage ? "page" : undefined}
            className={`rounded-full border px-3 py-1 ${s === stage ? "border-indigo-600 bg-indigo-50 font-semibold text-indigo-800" : "border-slate-300 bg-white text-slate-700 hover:bg-slate-50"}`}
          >
            {s ? STAGE_LABELS[s] : "All stages"}
          </Link>
        ))}
        <Link href={listHref({ stage, archived: !includeArchived, checks: checksPage })} className="ml-auto text-indigo-700 underline" data-testid="archived-toggle">
          {includeArchived ? "Hide archived" : "Show archived"}
        </Link>
      </nav>
      {total === 0 && (stage || includeArchived) ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-sm text-slate-600">No audits match this filter.</p>
      ) : total === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white p-10 text-center">
          <p className="font-medium">No audits yet.</p>
          <p className="mt-1 text-sm text-slate-600">{isOperator ? "Create one to verify a production change." : "An operator creates audits; they will show up here."}</p>
        </div>
      ) : (
        <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm" tabIndex={0}>
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
              <tr>
                <th scope="col" className="px-4 py-3">Audit</th>
                <th scope="col" className="px-4 py-3">Tier</th>
                <th scope="col" className="px-4 py-3">Stage / verdict</th>
                <th scope="col" className="px-4 py-3">Gate</th>
                <th scope="col" className="px-4 py-3">Review progress</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((report) => {
                const { audit, assessment, summary, gateState } = report;
                const where = auditStage(report);
                return (
                <tr key={audit.id} className="hover:bg-slate-50">
                  <td className="px-4 py-3">
                    <Link href={`/audits/${audit.slug}`} className="font-medium text-indigo-700 hover:underline">
                      {audit.title}
                    </Link>
                    <div className="font-mono text-xs text-slate-500">{audit.slug}</div>
                    <Link href={`/projects/${audit.projectName}`} className="text-xs text-indigo-700 underline">
                      project {audit.projectName}
                    </Link>
                    <div className="mt-1 flex flex-wrap gap-1">
                      {audit.closedAt && <Badge tone="slate">Closed</Badge>}
                      {audit.archivedAt && <Badge tone="slate">Archived</Badge>}
                      {(overdue.get(audit.id) ?? 0) > 0 && (
                        <span data-testid="overdue-remediation">
                          <Badge tone="red">{overdue.get(audit.id)} overdue remediation{overdue.get(audit.id) === 1 ? "" : "s"}</Badge>
                        </span>
                      )}
                    </div>
                  </td>
                  <td className="px-4 py-3">{audit.riskTier}</td>
                  <td className="px-4 py-3" data-testid="audit-stage">
                    {where.name === "verdict" ? <VerdictBadge verdict={assessment.verdict} /> : <span className="text-sm text-slate-700">{stageLabel(where)}</span>}
                  </td>
                  <td className="px-4 py-3">
                    <GateBadge gateState={gateState} />
                  </td>
                  <td className="px-4 py-3">{summary ? <ReviewProgress reviewed={summary.reviewed} sampled={summary.sampled} /> : <span className="text-xs text-slate-500">{assessment.reasons[0]?.message ?? "—"}</span>}</td>
                </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {total > PAGE_SIZE && <Pagination page={page} pageSize={PAGE_SIZE} total={total} hrefFor={(p) => listHref({ ...here, page: p })} label="Audit pages" />}
      <ChecklistAudits
        user={user}
        includeArchived={includeArchived}
        toggleArchivedHref={`${listHref({ stage, archived: !includeArchived })}#checklist-audits-heading`}
        page={checksPage}
        hrefFor={(p) => `${listHref({ ...here, checks: p })}#checklist-audits-heading`}
      />
    </div>
  );
}
