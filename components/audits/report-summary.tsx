import { GateBadge, VerdictBadge } from "@/components/ui/badges";
import { ReasonList } from "@/components/ui/reason-list";
import type { Assessment } from "@/lib/assessment";
import { manifestHref } from "@/lib/manifest-query";
import { manifestFilterForReason } from "@/lib/manifest-reason-filter";
import type { SampleSummary } from "@/lib/estimation";
import type { GateState } from "@/lib/verdict";
import { formatRate } from "@/lib/format-rate";
import { DefectRateChart } from "./defect-rate-chart";

const pct = formatRate;

/**
 * Verdict, gate (the one in force: EXCEPTION while break-glass is granted), reasons, estimates, chart and sample counts: the verdict report's body.
 * With `manifestSlug`, each reason that counts units links to the audit's manifest filtered to them (lib/manifest-reason-filter.ts).
 */
export function ReportSummary({
  assessment,
  gateState,
  summary,
  upperBound,
  confirmedFalsePositives,
  manifestSlug,
}: {
  assessment: Assessment;
  gateState: GateState;
  summary: SampleSummary | null;
  upperBound: number | null;
  confirmedFalsePositives: number;
  manifestSlug?: string;
}) {
  return (
    <section className="space-y-4 rounded-lg border border-slate-200 bg-white p-5 shadow-sm" aria-labelledby="verdict-heading">
      <div className="flex flex-wrap items-center gap-3">
        <h2 id="verdict-heading" className="text-base font-semibold">
          Verdict
        </h2>
        <VerdictBadge verdict={assessment.verdict} />
        <span className="text-sm text-slate-500">gate</span>
        <GateBadge gateState={gateState} />
        {gateState === "EXCEPTION" && <span className="text-xs text-purple-800">break-glass exception granted; the verdict&rsquo;s own gate is {assessment.gateState}</span>}
      </div>
      <ReasonList reasons={assessment.reasons} testId="verdict-reasons" hrefFor={manifestSlug === undefined ? undefined : (code) => reasonManifestHref(manifestSlug, code)} />
      {assessment.basisNote && (
        <p className="text-sm text-slate-600" data-testid="basis-note">
          {assessment.basisNote.message}
        </p>
      )}
      {summary && (
        <>
          <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-5">
            <Metric label="Estimated defect rate" value={pct(assessment.defectRate)} testId="defect-rate" />
            <Metric label={`${Math.round((assessment.rates?.confidence ?? 0.95) * 100)}% upper confidence bound`} value={pct(upperBound)} testId="defect-rate-upper" />
            <Metric label="Estimated unknown rate" value={pct(assessment.unknownRate)} testId="unknown-rate" />
            <Metric label="Critical defects" value={String(summary.criticalDefects)} testId="critical-defects" />
            <Metric label="Confirmed false positives" value={String(confirmedFalsePositives)} testId="false-positives" />
          </dl>
          <DefectRateChart defectRate={assessment.defectRate ?? 0} upperBound={upperBound} unknownRate={assessment.unknownRate ?? 0} confidence={assessment.rates?.confidence ?? 0.95} />
          <div className="relative overflow-x-auto" tabIndex={0}>
          <table className="w-full text-sm" data-testid="stratum-table">
            <caption className="mb-1 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">Sample by stratum</caption>
            <thead className="text-left text-xs text-slate-500">
              <tr>
                <th scope="col" className="py-1">Stratum</th>
                <th scope="col">Sampled</th>
                <th scope="col">Reviewed</th>
                <th scope="col">FAIL</th>
                <th scope="col">UNKNOWN</th>
              </tr>
            </thead>
            <tbody className="tabular-nums">
              {(
                [
                  ["Census (FAILED/UNKNOWN, every unit reviewed)", summary.census],
                  ["Random (simple random sample)", summary.random],
                  ["Supplementary (clusters, subgroups; not in estimates)", summary.supplementary],
                ] as const
              ).map(([label, s]) => (
                <tr key={label} className="border-t border-slate-100">
                  <th scope="row" className="py-1 text-left font-normal">{label}</th>
                  <td>{s.size}</td>
                  <td>{s.reviewed}</td>
                  <td>{s.defects}</td>
                  <td>{s.unknowns}</td>
                </tr>
              ))}
              <tr className="border-t border-slate-300 font-medium">
                <th scope="row" className="py-1 text-left">Total (population {summary.populationSize.toLocaleString("en-US")})</th>
                <td>{summary.sampled}</td>
                <td>{summary.reviewed}</td>
                <td>{summary.census.defects + summary.random.defects + summary.supplementary.defects}</td>
                <td>{summary.census.unknowns + summary.random.unknowns + summary.supplementary.unknowns}</td>
              </tr>
            </tbody>
          </table>
          </div>
        </>
      )}
    </section>
  );
}

function Metric({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div className="rounded-md bg-slate-50 p-3">
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="text-lg font-semibold tabular-nums" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}

function reasonManifestHref(slug: string, code: string): string | null {
  const query = manifestFilterForReason(code);
  return query ? manifestHref(slug, query) : null;
}
