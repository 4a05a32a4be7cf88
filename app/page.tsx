import Link from "next/link";
import { ReviewProgress } from "@/components/audits/review-progress";
import { Badge, GateBadge, VerdictBadge } from "@/components/ui/badges";
import { Pagination } from "@/components/ui/pagination";
import { MyQueue } from "@/components/team/my-queue";
import { fetchPageClamped, parsePageParam } from "@/lib/pagination";
import { listAuditReports } from "@/db/queries/audits";
import { countOverdueRemediation } from "@/db/queries/signoff";
import { requirePageUser } from "@/lib/server/page-auth";
import { userProjects } from "@/lib/server/project-auth";
import { getDb } from "@/db/client";

const PAGE_SIZE = 20;

export default async function AuditsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePageUser("/");
  const { rows, total, page } = await fetchPageClamped(parsePageParam((await searchParams).page), PAGE_SIZE, async (page) => listAuditReports(getDb(), { page, pageSize: PAGE_SIZE, projects: userProjects(user) }));
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
      {total === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white p-10 text-center">
          <p className="font-medium">No audits yet.</p>
          <p className="mt-1 text-sm text-slate-600">{isOperator ? "Create one to verify a production change." : "An operator creates audits; they will show up here."}</p>
        </div>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
              <tr>
                <th scope="col" className="px-4 py-3">Audit</th>
                <th scope="col" className="px-4 py-3">Tier</th>
                <th scope="col" className="px-4 py-3">Verdict</th>
                <th scope="col" className="px-4 py-3">Gate</th>
                <th scope="col" className="px-4 py-3">Review progress</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map(({ audit, assessment, summary, gateState }) => (
                <tr key={audit.id} className="hover:bg-slate-50">
                  <td className="px-4 py-3">
                    <Link href={`/audits/${audit.slug}`} className="font-medium text-indigo-700 hover:underline">
                      {audit.title}
                    </Link>
                    <div className="font-mono text-xs text-slate-500">{audit.slug}</div>
                    <div className="mt-1 flex flex-wrap gap-1">
                      {audit.closedAt && <Badge tone="slate">Closed</Badge>}
                      {(overdue.get(audit.id) ?? 0) > 0 && (
                        <span data-testid="overdue-remediation">
                          <Badge tone="red">{overdue.get(audit.id)} overdue remediation{overdue.get(audit.id) === 1 ? "" : "s"}</Badge>
                        </span>
                      )}
                    </div>
                  </td>
                  <td className="px-4 py-3">{audit.riskTier}</td>
                  <td className="px-4 py-3">
                    <VerdictBadge verdict={assessment.verdict} />
                  </td>
                  <td className="px-4 py-3">
                    <GateBadge gateState={gateState} />
                  </td>
                  <td className="px-4 py-3">{summary ? <ReviewProgress reviewed={summary.reviewed} sampled={summary.sampled} /> : <span className="text-xs text-slate-500">{assessment.reasons[0]?.message ?? "—"}</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {total > PAGE_SIZE && <Pagination page={page} pageSize={PAGE_SIZE} total={total} hrefFor={(p) => `/?page=${p}`} />}
    </div>
  );
}
