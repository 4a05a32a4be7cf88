import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ChecklistAudits } from "@/components/profiles/checklist-audits";
import { DefectTrendChart, type TrendPoint } from "@/components/projects/defect-trend-chart";
import { Badge, GateBadge, VerdictBadge } from "@/components/ui/badges";
import { Panel } from "@/components/ui/panel";
import { getDb } from "@/db/client";
import { listProjectAuditReports } from "@/db/queries/audits";
import { getProjectBySlug } from "@/db/queries/projects";
import { auditStage, stageLabel } from "@/lib/audit-stage";
import { decisionSettingsOf } from "@/lib/decision-basis";
import { defectRateUpperBound } from "@/lib/estimation";
import { parsePageParam, type SearchParamValue } from "@/lib/pagination";
import { requirePageUser } from "@/lib/server/page-auth";
import { inProject } from "@/lib/server/project-auth";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, SearchParamValue>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Project ${(await params).slug}` };
}

/**
 * A project's audits (issue 11 "Across audits"): every run with its stage, verdict and gate,
 * archived ones included, and the defect-rate trend across the runs with a drawn sample; then its
 * checklist audits (issue 13), paged by `?checks=`. Needs a
 * role in the project (lib/server/project-auth.ts); a missing project, or one where the user holds
 * no role, is a 404.
 */
export default async function ProjectPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const checksPage = parsePageParam((await searchParams).checks);
  const user = await requirePageUser(`/projects/${slug}`);
  const project = await getProjectBySlug(getDb(), { slug });
  if (!project || inProject(user, project.name).roles.length === 0) notFound();
  const reports = await listProjectAuditReports(getDb(), { projectName: project.name });
  const points: TrendPoint[] = reports.flatMap(({ audit, summary, assessment }) =>
    summary && assessment.defectRate !== null ? [{ slug: audit.slug, date: audit.auditDate, estimate: assessment.defectRate, upperBound: assessment.rates?.defectUpper ?? defectRateUpperBound(summary, decisionSettingsOf(audit).confidence) }] : [],
  );
  return (
    <div className="space-y-5">
      <div>
        <p className="text-sm text-slate-500">Project</p>
        <h1 className="text-2xl font-semibold">{project.name}</h1>
      </div>
      <Panel title="Defect rate across runs">
        {points.length > 0 ? <DefectTrendChart points={points} /> : <p className="text-sm text-slate-600">No audit of this project has a drawn sample yet.</p>}
      </Panel>
      <Panel title={`Audits (${reports.length})`}>
        {reports.length === 0 ? (
          <p className="text-sm text-slate-600">No sampling audits in this project yet.</p>
        ) : (
          <div className="relative overflow-x-auto" tabIndex={0}>
            <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="project-audits">
              <thead className="text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
                <tr>
                  <th scope="col" className="py-2 pr-4">Audit</th>
                  <th scope="col" className="py-2 pr-4">Date</th>
                  <th scope="col" className="py-2 pr-4">Stage / verdict</th>
                  <th scope="col" className="py-2 pr-4">Gate</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {reports.map((report) => {
                  const { audit, assessment, gateState } = report;
                  const where = auditStage(report);
                  return (
                    <tr key={audit.id}>
                      <td className="py-2 pr-4">
                        <Link href={`/audits/${audit.slug}`} className="font-medium text-indigo-700 underline">
                          {audit.title}
                        </Link>
                        <div className="font-mono text-xs text-slate-500">{audit.slug}</div>
                        <div className="mt-1 flex flex-wrap gap-1">
                          {audit.rerunOf !== null && <Badge tone="indigo">Re-audit</Badge>}
                          {audit.archivedAt && <Badge tone="slate">Archived</Badge>}
                          {audit.closedAt && <Badge tone="slate">Closed</Badge>}
                        </div>
                      </td>
                      <td className="py-2 pr-4">{audit.auditDate}</td>
                      <td className="py-2 pr-4">{where.name === "verdict" ? <VerdictBadge verdict={assessment.verdict} /> : stageLabel(where)}</td>
                      <td className="py-2 pr-4">
                        <GateBadge gateState={gateState} />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </Panel>
      <ChecklistAudits user={user} projectName={project.name} includeArchived page={checksPage} hrefFor={(p) => `/projects/${slug}${p > 1 ? `?checks=${p}` : ""}#checklist-audits-heading`} />
    </div>
  );
}
