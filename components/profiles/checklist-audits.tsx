import Link from "next/link";
import { Badge, GateBadge } from "@/components/ui/badges";
import { Pagination } from "@/components/ui/pagination";
import { getDb } from "@/db/client";
import { listProfileAudits } from "@/db/queries/profile-audits";
import { getProfileVerdict } from "@/db/queries/profile-verdict";
import { fetchPageClamped } from "@/lib/pagination";
import { PROFILE_LABELS } from "@/lib/profiles/profile-input";
import type { CurrentUser } from "@/lib/server/auth";
import { userProjects } from "@/lib/server/project-auth";
import { ProfileVerdictBadge } from "./profile-verdict-badge";

/** Checklist audits per page on the home page. */
export const CHECKLIST_PAGE_SIZE = 20;

/**
 * "Checklist audits" on the home page and a project's page (issue 13): the profile audits in the user's projects (or the one project),
 * newest first, CHECKLIST_PAGE_SIZE at a time, with verdict and gate badges; "New checklist audit"
 * for operators. `page` is 1-based (past the end shows the last page); `hrefFor(page)` links a page.
 */
export async function ChecklistAudits({
  user,
  projectName,
  includeArchived,
  toggleArchivedHref,
  page: asked,
  hrefFor,
}: {
  user: CurrentUser;
  /** Only this project's audits (the project page, whose caller has checked the user's role in it); default: every project of the user's. */
  projectName?: string;
  /** List archived audits too (with a badge). */
  includeArchived: boolean;
  /** Where "Show archived" / "Hide archived" leads (none: no toggle). */
  toggleArchivedHref?: string;
  page: number;
  hrefFor: (page: number) => string;
}) {
  const db = getDb();
  const projects = projectName === undefined ? userProjects(user) : [projectName];
  const { rows: audits, total, page } = await fetchPageClamped(asked, CHECKLIST_PAGE_SIZE, (p) => listProfileAudits(db, { projects, includeArchived, page: p, pageSize: CHECKLIST_PAGE_SIZE }));
  const verdicts = await Promise.all(audits.map((a) => getProfileVerdict(db, a)));
  const isOperator = user.roles.includes("operator");
  return (
    <section className="space-y-3" aria-labelledby="checklist-audits-heading" data-testid="checklist-audits">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="checklist-audits-heading" className="text-xl font-semibold">
          Checklist audits
        </h2>
        <div className="flex flex-wrap items-center justify-end gap-3">
          {toggleArchivedHref && (
            <Link href={toggleArchivedHref} className="text-sm text-indigo-700 underline" data-testid="checklist-archived-toggle">
              {includeArchived ? "Hide archived" : "Show archived"}
            </Link>
          )}
          {isOperator && (
            <Link href="/checks/new" className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-semibold text-white hover:bg-indigo-500">
              New checklist audit
            </Link>
          )}
        </div>
      </div>
      {audits.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-sm text-slate-600">
          {includeArchived ? "No checklist audits yet" : "No checklist audits to show (archived ones are hidden)"}: production readiness, ADR quality gate and rollout expansion gate audits show up here.
        </p>
      ) : (
        <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm" tabIndex={0}>
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
              <tr>
                <th scope="col" className="px-4 py-3">Checklist audit</th>
                <th scope="col" className="px-4 py-3">Profile</th>
                <th scope="col" className="px-4 py-3">Verdict</th>
                <th scope="col" className="px-4 py-3">Gate</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {audits.map((a, i) => (
                <tr key={a.id} className="hover:bg-slate-50">
                  <td className="px-4 py-3">
                    <Link href={`/checks/${a.slug}`} className="font-medium text-indigo-700 hover:underline">
                      {a.title}
                    </Link>
                    <div className="font-mono text-xs text-slate-500">{a.slug}</div>
                    {projectName === undefined && (
                      <Link href={`/projects/${a.projectName}`} className="text-xs text-indigo-700 underline">
                        project {a.projectName}
                      </Link>
                    )}
                    <div className="mt-1 flex flex-wrap gap-1">
                      {a.closedAt && <Badge tone="slate">Closed</Badge>}
                      {a.archivedAt && <Badge tone="slate">Archived</Badge>}
                    </div>
                  </td>
                  <td className="px-4 py-3">{PROFILE_LABELS[a.profile]}</td>
                  <td className="px-4 py-3">
                    <ProfileVerdictBadge verdict={verdicts[i].verdict} />
                  </td>
                  <td className="px-4 py-3">
                    <GateBadge gateState={verdicts[i].gate} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {total > CHECKLIST_PAGE_SIZE && <Pagination page={page} pageSize={CHECKLIST_PAGE_SIZE} total={total} hrefFor={hrefFor} label="Checklist audit pages" />}
    </section>
  );
}
