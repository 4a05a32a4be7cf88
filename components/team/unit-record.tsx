import { Badge } from "@/components/ui/badges";

/**
 * What sampling knows of a unit and its imported record, with the source-of-truth query: the
 * part of a unit every reviewer may see (no finding, note, owner or reviewer; issue 11 blind review).
 */
export function UnitRecord({ unit, stratum, sotQuery }: { unit: { executionStatus: string; subgroup: string | null; identityKey: string | null; record: string }; stratum: string; sotQuery: string }) {
  const record = JSON.parse(unit.record) as Record<string, string>;
  return (
    <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <h2 className="text-base font-semibold">Record</h2>
      <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="text-slate-600">execution_status</dt>
        <dd>
          <Badge tone={unit.executionStatus === "SUCCEEDED" ? "slate" : unit.executionStatus === "FAILED" ? "red" : "amber"}>{unit.executionStatus}</Badge>
        </dd>
        <dt className="text-slate-600">subgroup</dt>
        <dd>{unit.subgroup ?? "—"}</dd>
        <dt className="text-slate-600">identity_key</dt>
        <dd className="font-mono">{unit.identityKey ?? "—"}</dd>
        <dt className="text-slate-600">stratum</dt>
        <dd>{stratum}</dd>
      </dl>
      <div className="relative overflow-x-auto" tabIndex={0}>
        <table className="w-full text-sm" data-testid="unit-record">
          <caption className="mb-1 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">Imported columns</caption>
          <tbody>
            {Object.entries(record).map(([k, v]) => (
              <tr key={k} className="border-t border-slate-100">
                <th scope="row" className="w-40 py-1 pr-4 text-left font-normal text-slate-600">
                  {k}
                </th>
                <td className="py-1 font-mono break-all">{v === "" ? <span className="text-slate-600">(empty)</span> : v}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div>
        <p className="text-xs font-semibold uppercase tracking-wide text-slate-600">Check against the source of truth</p>
        <pre className="mt-1 whitespace-pre-wrap break-all rounded bg-slate-900 p-3 text-xs text-slate-100">{sotQuery}</pre>
      </div>
    </section>
  );
}
