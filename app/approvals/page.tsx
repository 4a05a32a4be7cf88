import type { Metadata } from "next";
import Link from "next/link";
import { ProfileVerdictBadge } from "@/components/profiles/profile-verdict-badge";
import { Badge, GateBadge, VerdictBadge } from "@/components/ui/badges";
import { Forbidden } from "@/components/ui/forbidden";
import { getDb } from "@/db/client";
import { listChecklistSignOffQueue } from "@/db/queries/profile-signoff-queue";
import { listApprovalQueue } from "@/db/queries/signoff";
import { requirePageUser } from "@/lib/server/page-auth";
import { userProjects } from "@/lib/server/project-auth";
import { formatUtcMinute } from "@/lib/format-time";
import { PROFILE_LABELS } from "@/lib/profiles/profile-input";

export const metadata: Metadata = { title: "Waiting for me" };

/** The approver's queue: sign-offs and break-glass countersignatures waiting, with deadlines; then checklist audits to sign (issue 13). */
export default async function ApprovalsPage() {
  const user = await requirePageUser("/approvals");
  if (!user.roles.some((r) => r === "approver" || r === "security")) return <Forbidden role="approver" />;
  const items = await listApprovalQueue(getDb(), { approverId: user.id, now: new Date(), projects: userProjects(user, ["approver", "security"]) });
  const checklists = user.roles.includes("approver") ? await listChecklistSignOffQueue(getDb(), { approverId: user.id, projects: userProjects(user, ["approver"]) }) : [];
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">Waiting for me</h1>
      {items.length === 0 && checklists.length === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white p-10 text-center" data-testid="queue-empty">
          <p className="font-medium">Nothing is waiting for you.</p>
          <p className="mt-1 text-sm text-slate-600">Audits that need a sign-off or a break-glass countersignature show up here.</p>
        </div>
      ) : items.length === 0 ? null : (
        <ul className="space-y-3" data-testid="approval-queue">
          {items.map((i) => (
            <li key={i.audit.id} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
              <div className="flex flex-wrap items-center gap-2">
                <Link href={i.breakGlassWaiting && !i.needsSignOff ? `/audits/${i.audit.slug}/break-glass` : `/audits/${i.audit.slug}/signoff`} className="font-medium text-indigo-700 hover:underline">
                  {i.audit.title}
                </Link>
                <VerdictBadge verdict={i.verdict} />
                <GateBadge gateState={i.gateState} />
              </div>
              <p className="font-mono text-xs text-slate-500">{i.audit.slug}</p>
              <ul className="mt-2 space-y-1 text-sm">
                {i.needsSignOff && <li>Needs an approver sign-off (PASS_WITH_NOTES).</li>}
                {i.signedByMe && <li className="text-slate-600">You have signed the current snapshot.</li>}
                {i.requests.map((r) => (
                  <li key={r.id}>
                    Requested {r.approverId === user.id ? "from you" : "from any approver"}
                    {r.deadline ? ` by ${formatUtcMinute(r.deadline)}` : ""} <Badge tone={r.status === "expired" ? "red" : "indigo"}>{r.status}</Badge>
                  </li>
                ))}
                {i.breakGlassWaiting && (
                  <li>
                    Break-glass exception waiting for countersignature:{" "}
                    <Link href={`/audits/${i.audit.slug}/break-glass`} className="text-indigo-700 underline">
                      review and countersign
                    </Link>
                  </li>
                )}
              </ul>
            </li>
          ))}
        </ul>
      )}
      {checklists.length > 0 && (
        <section className="space-y-3" aria-labelledby="checklist-queue-heading">
          <h2 id="checklist-queue-heading" className="text-xl font-semibold">
            Checklist audits to sign
          </h2>
          <ul className="space-y-3" data-testid="checklist-queue">
            {checklists.map((c) => (
              <li key={c.audit.id} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
                <div className="flex flex-wrap items-center gap-2">
                  <Link href={`/checks/${c.audit.slug}#signoff`} className="font-medium text-indigo-700 hover:underline">
                    {c.audit.title}
                  </Link>
                  <ProfileVerdictBadge verdict={c.verdict} />
                  <GateBadge gateState={c.gate} />
                </div>
                <p className="font-mono text-xs text-slate-500">
                  {c.audit.slug} · {PROFILE_LABELS[c.audit.profile]} · project {c.audit.projectName}
                </p>
                <p className="mt-2 text-sm">{c.stale ? "Changed since it was signed: the standing signature is on an earlier snapshot." : "Not signed yet."}</p>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
