import Link from "next/link";
import { GateBadge, VerdictBadge } from "@/components/ui/badges";
import type { AuditReport } from "@/db/queries/report";

/**
 * The chain of runs of an audit (issue 11 re-audits): each run's slug, date, verdict and gate,
 * first run first; the run being viewed is marked. db/queries/audits.ts getRunChain gives `runs`.
 */
export function RunChain({ runs, currentId }: { runs: AuditReport[]; currentId: number }) {
  return (
    <div className="relative overflow-x-auto" data-testid="run-chain" tabIndex={0}>
      <table className="min-w-full text-sm">
        <caption className="sr-only">Runs of this audit, first run first</caption>
        <thead className="text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
          <tr>
            <th scope="col" className="py-2 pr-4">Run</th>
            <th scope="col" className="py-2 pr-4">Audit</th>
            <th scope="col" className="py-2 pr-4">Date</th>
            <th scope="col" className="py-2 pr-4">Verdict</th>
            <th scope="col" className="py-2 pr-4">Gate</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {runs.map(({ audit, assessment, gateState }, i) => (
            <tr key={audit.id} data-testid="run-chain-row" aria-current={audit.id === currentId ? "page" : undefined} className={audit.id === currentId ? "bg-indigo-50" : undefined}>
              <td className="py-2 pr-4">{i + 1}</td>
              <td className="py-2 pr-4 font-mono text-xs">
                {audit.id === currentId ? (
                  <span>{audit.slug} (this run)</span>
                ) : (
                  <Link href={`/audits/${audit.slug}`} className="text-indigo-700 underline">
                    {audit.slug}
                  </Link>
                )}
              </td>
              <td className="py-2 pr-4">{audit.auditDate}</td>
              <td className="py-2 pr-4">
                <VerdictBadge verdict={assessment.verdict} />
              </td>
              <td className="py-2 pr-4">
                <GateBadge gateState={gateState} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
