import type { Metadata } from "next";
import Link from "next/link";
import { AutoRefresh } from "@/components/metrics/auto-refresh";
import { CountChart, ProgressChart, SubgroupChart } from "@/components/metrics/charts";
import { Panel } from "@/components/ui/panel";
import { getDb } from "@/db/client";
import { getMetricsData } from "@/db/queries/metrics";
import { getAuditReport } from "@/db/queries/report";
import { decisionSettingsOf } from "@/lib/decision-basis";
import { formatRate } from "@/lib/format-rate";
import { compositionByReason, findingsByKind, progressByDay, subgroupRates, TOP_SUBGROUPS } from "@/lib/metrics";
import { criticalKindLabel } from "@/lib/review-input";
import { INCLUSION_REASONS, type InclusionReason } from "@/lib/sampling";
import { requireAuditPage } from "@/lib/server/project-auth";

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Metrics · ${(await params).slug}` };
}

const REASON_LABELS: Record<InclusionReason, string> = {
  failed_or_unknown: "FAILED/UNKNOWN (census)",
  random: "Random",
  identity_cluster: "Identity cluster",
  high_risk_subgroup: "High-risk subgroup",
};

function DataTable({ caption, head, rows }: { caption: string; head: string[]; rows: (string | number)[][] }) {
  return (
    <details className="text-sm">
      <summary className="cursor-pointer text-indigo-700">{caption} as a table</summary>
      <div className="mt-2 overflow-x-auto">
        <table className="min-w-full tabular-nums">
          <caption className="sr-only">{caption}</caption>
          <thead className="text-left text-xs text-slate-500">
            <tr>
              {head.map((h) => (
                <th key={h} scope="col" className="py-1 pr-3">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={String(r[0])} className="border-t border-slate-100">
                {r.map((c, i) => (i === 0 ? <th key={i} scope="row" className="py-1 pr-3 text-left font-normal">{c}</th> : <td key={i} className="pr-3">{c}</td>))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

/** Metrics page (issue 9): subgroups with intervals, composition, findings by kind, review progress; refreshes while open. */
export default async function MetricsPage({ params }: Props) {
  const { slug } = await params;
  const { audit } = await requireAuditPage(slug, `/audits/${slug}/metrics`);
  const db = getDb();
  const [{ summary }, data] = await Promise.all([getAuditReport(db, { audit }), getMetricsData(db, { auditId: audit.id })]);
  const { confidence } = decisionSettingsOf(audit);
  const level = `${Math.round(confidence * 100)}%`;
  const subgroups = subgroupRates(data.units, confidence);
  const kinds = findingsByKind(data.units);
  const progress = progressByDay(data.units);
  const composition = compositionByReason(data.reasons, INCLUSION_REASONS);
  const kindRows = [
    { label: "PASS", value: kinds.pass },
    { label: "FAIL (not critical)", value: kinds.fail - kinds.critical },
    { label: "FAIL (critical)", value: kinds.critical },
    { label: "UNKNOWN", value: kinds.unknown },
    { label: "Not reviewed yet", value: kinds.unreviewed },
  ];
  return (
    <div className="space-y-5">
      <AutoRefresh />
      <div>
        <Link href={`/audits/${slug}`} className="text-sm text-indigo-700 hover:underline">
          ← {audit.title}
        </Link>
        <h1 className="mt-1 text-2xl font-semibold">Metrics</h1>
        <p className="text-sm text-slate-600">Updates every 15 seconds while reviewers work.</p>
      </div>
      {!summary ? (
        <p className="rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-700">No sample has been drawn yet: there is nothing to measure.</p>
      ) : (
        <>
          <Panel title={`Defect fraction by subgroup (${level} Clopper–Pearson intervals)`} id="subgroups">
            {subgroups.length === 0 ? (
              <p className="text-sm text-slate-600">No reviewed unit has a subgroup yet.</p>
            ) : (
              <figure aria-label={`Defect fraction by subgroup, top ${TOP_SUBGROUPS} by reviewed units`} data-testid="subgroup-chart">
                <SubgroupChart rows={subgroups} />
                <figcaption className="text-xs text-slate-500">
                  Top {TOP_SUBGROUPS} subgroups by reviewed units. Descriptive: a subgroup&rsquo;s sampled units include census and supplementary units, so these are not population
                  estimates.
                </figcaption>
              </figure>
            )}
            <DataTable
              caption="Defect fraction by subgroup"
              head={["Subgroup", "Sampled", "Reviewed", "FAIL", "Fraction", `${level} interval`]}
              rows={subgroups.map((r) => [r.subgroup, r.sampled, r.reviewed, r.defects, formatRate(r.rate), `${formatRate(r.lower)} – ${formatRate(r.upper)}`])}
            />
          </Panel>
          <Panel title="Findings by kind" id="findings">
            <figure aria-label="Findings by kind" data-testid="findings-chart">
              <CountChart rows={kindRows} />
            </figure>
            <p className="text-sm" data-testid="false-positives">
              Confirmed false positives: <strong>{kinds.falsePositives}</strong>
              {Object.keys(kinds.criticalKinds).length > 0 && (
                <> · critical: {Object.entries(kinds.criticalKinds).map(([k, n]) => `${criticalKindLabel(k)} ${n}`).join(", ")}</>
              )}
            </p>
            <DataTable caption="Findings by kind" head={["Finding", "Units"]} rows={kindRows.map((r) => [r.label, r.value])} />
          </Panel>
          <Panel title="Sample composition by inclusion reason" id="composition">
            <figure aria-label="Sampled units by inclusion reason" data-testid="composition-chart">
              <CountChart rows={composition.map((c) => ({ label: REASON_LABELS[c.reason], value: c.units }))} fill="#0f766e" />
            </figure>
            <p className="text-xs text-slate-500">A unit with two reasons counts under both.</p>
            <DataTable caption="Sampled units by inclusion reason" head={["Reason", "Units"]} rows={composition.map((c) => [REASON_LABELS[c.reason], c.units])} />
          </Panel>
          <Panel title="Review progress" id="progress">
            {progress.length === 0 ? (
              <p className="text-sm text-slate-600">No unit reviewed yet.</p>
            ) : (
              <figure aria-label={`Units reviewed over time, ${summary.reviewed} of ${summary.sampled}`} data-testid="progress-chart">
                <ProgressChart rows={progress} sampled={summary.sampled} />
              </figure>
            )}
            <DataTable caption="Units first reviewed per day (UTC)" head={["Day", "Reviewed", "Running total"]} rows={progress.map((p) => [p.day, p.reviewed, p.total])} />
          </Panel>
        </>
      )}
    </div>
  );
}
