import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { FindingBadge } from "@/components/review/finding-badge";
import { ReviewForm } from "@/components/review/review-form";
import { Badge } from "@/components/ui/badges";
import { getAuditBySlug } from "@/db/queries/audits";
import { getReviewNeighbours, getSampleUnit } from "@/db/queries/manifest";
import { getAuditReport } from "@/db/queries/report";
import { criticalKindLabel } from "@/lib/review-input";
import { requirePageUser } from "@/lib/server/page-auth";
import { getDb } from "@/db/client";

type Props = { params: Promise<{ slug: string; id: string }> };

export const metadata: Metadata = { title: "Review" };

export default async function ReviewPage({ params }: Props) {
  const { slug, id } = await params;
  const user = await requirePageUser(`/audits/${slug}/review/${id}`);
  const audit = await getAuditBySlug(getDb(), { slug });
  const sampleUnitId = Number(id);
  if (!audit || !Number.isInteger(sampleUnitId)) notFound();
  const item = await getSampleUnit(getDb(), { auditId: audit.id, sampleUnitId });
  if (!item) notFound();
  const { su, unit, history } = item;
  const nav = await getReviewNeighbours(getDb(), { auditId: audit.id, position: su.position });
  const { summary } = await getAuditReport(getDb(), { audit });
  const record = JSON.parse(unit.record) as Record<string, string>;
  // A closed audit is read-only.
  const canReview = user.roles.includes("reviewer") && !audit.closedAt;
  const navLink = (target: number | null, label: string, key: string) =>
    target === null ? (
      <span className="rounded-md border border-slate-200 px-3 py-1.5 text-sm text-slate-400">{label}</span>
    ) : (
      <Link href={`/audits/${slug}/review/${target}`} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50" aria-keyshortcuts={key}>
        {label}
      </Link>
    );

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <Link href={`/audits/${slug}`} className="text-sm text-indigo-700 hover:underline">
          ← {audit.title}
        </Link>
        <nav className="flex gap-2" aria-label="Review navigation">
          {navLink(nav.previousUnreviewed, "← Previous unreviewed", "k")}
          {navLink(nav.nextUnreviewed, "Next unreviewed →", "j")}
        </nav>
      </div>
      <div className="flex flex-wrap items-baseline gap-3">
        <h1 className="text-2xl font-semibold">
          Unit <span className="font-mono">{unit.unitKey}</span>
        </h1>
        <span className="text-sm text-slate-600" data-testid="review-position">
          {su.position + 1} of {summary?.sampled ?? "?"} · {summary?.reviewed ?? 0} reviewed
        </span>
        <FindingBadge finding={su.finding} critical={su.criticalKind !== null} />
      </div>

      <div className="grid gap-4 lg:grid-cols-5">
        <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-5 shadow-sm lg:col-span-3">
          <h2 className="text-base font-semibold">Record</h2>
          <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
            <dt className="text-slate-500">execution_status</dt>
            <dd>
              <Badge tone={unit.executionStatus === "SUCCEEDED" ? "slate" : unit.executionStatus === "FAILED" ? "red" : "amber"}>{unit.executionStatus}</Badge>
            </dd>
            <dt className="text-slate-500">subgroup</dt>
            <dd>{unit.subgroup ?? "—"}</dd>
            <dt className="text-slate-500">identity_key</dt>
            <dd className="font-mono">{unit.identityKey ?? "—"}</dd>
            <dt className="text-slate-500">stratum</dt>
            <dd>{su.stratum}</dd>
            <dt className="text-slate-500">inclusion reasons</dt>
            <dd>{item.reasons.join(", ")}</dd>
          </dl>
          <table className="w-full text-sm" data-testid="unit-record">
            <caption className="mb-1 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">Imported columns</caption>
            <tbody>
              {Object.entries(record).map(([k, v]) => (
                <tr key={k} className="border-t border-slate-100">
                  <th scope="row" className="w-40 py-1 pr-4 text-left font-normal text-slate-500">
                    {k}
                  </th>
                  <td className="py-1 font-mono break-all">{v === "" ? <span className="text-slate-400">(empty)</span> : v}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div>
            <p className="text-xs font-semibold uppercase tracking-wide text-slate-500">Check against the source of truth</p>
            <pre className="mt-1 whitespace-pre-wrap break-all rounded bg-slate-900 p-3 text-xs text-slate-100">{audit.sotQuery}</pre>
          </div>
        </section>

        <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-5 shadow-sm lg:col-span-2">
          <h2 className="text-base font-semibold">Your review</h2>
          {canReview ? (
            <ReviewForm
              key={`${su.id}-${history.length}`}
              slug={slug}
              sampleUnitId={su.id}
              flagged={unit.executionStatus !== "SUCCEEDED"}
              current={{ finding: su.finding, criticalKind: su.criticalKind, falsePositive: su.falsePositive, remediationOwner: su.remediationOwner, note: su.note }}
              nav={nav}
            />
          ) : (
            <p className="text-sm text-slate-600">Only reviewers can record findings.</p>
          )}
        </section>
      </div>

      <section className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <h2 className="mb-2 text-base font-semibold">History</h2>
        {history.length === 0 ? (
          <p className="text-sm text-slate-500">Not reviewed yet.</p>
        ) : (
          <ol className="space-y-2 text-sm" data-testid="review-history">
            {history.map((h) => (
              <li key={h.id} className="flex flex-wrap items-center gap-2 border-t border-slate-100 pt-2">
                <span className="text-xs text-slate-500 tabular-nums">{h.createdAt.toISOString().replace("T", " ").slice(0, 19)} UTC</span>
                <span className="font-medium">{h.reviewer}</span>
                <FindingBadge finding={h.finding} critical={h.criticalKind !== null} />
                {h.criticalKind && <span className="text-red-700">{criticalKindLabel(h.criticalKind)}</span>}
                {h.falsePositive && <Badge tone="indigo">false positive</Badge>}
                {h.remediationOwner && <span>owner: {h.remediationOwner}</span>}
                {h.note && <span className="text-slate-600">“{h.note}”</span>}
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}
