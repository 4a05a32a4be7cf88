import type { ClaimPairValues } from "@/lib/claim-pairs";

/**
 * Claimed vs observed (issue 11): each claimed_X / observed_X pair of the unit's record side by
 * side. A differing pair is marked by text ("differs", with a ≠ sign) and a bold border, not by
 * colour alone; an agreeing one reads "same".
 */
export function ClaimComparison({ pairs }: { pairs: ClaimPairValues[] }) {
  if (pairs.length === 0) return null;
  const differing = pairs.filter((p) => p.differs).length;
  return (
    <div className="relative overflow-x-auto" data-testid="claim-comparison" tabIndex={0}>
      <table className="w-full text-sm">
        <caption className="mb-1 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
          Claimed vs observed · {differing === 0 ? "all agree" : `${differing} of ${pairs.length} differ`}
        </caption>
        <thead>
          <tr className="text-left text-xs text-slate-600">
            <th scope="col" className="py-1 pr-3 font-semibold">
              Field
            </th>
            <th scope="col" className="py-1 pr-3 font-semibold">
              Claimed
            </th>
            <th scope="col" className="py-1 pr-3 font-semibold">
              Observed
            </th>
            <th scope="col" className="py-1 font-semibold">
              Match
            </th>
          </tr>
        </thead>
        <tbody>
          {pairs.map((p) => (
            <tr key={p.claimed} className={p.differs ? "border-l-4 border-red-700 bg-red-50" : "border-t border-slate-100"} data-differs={p.differs}>
              <th scope="row" className="py-1 pr-3 pl-2 text-left font-normal text-slate-700">
                {p.field}
              </th>
              <td className="py-1 pr-3 font-mono break-all">{cell(p.claimedValue)}</td>
              <td className={`py-1 pr-3 font-mono break-all ${p.differs ? "font-semibold" : ""}`}>{cell(p.observedValue)}</td>
              <td className="py-1 whitespace-nowrap">{p.differs ? <strong className="text-red-800">≠ differs</strong> : <span className="text-slate-700">= same</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function cell(v: string) {
  return v === "" ? <span className="text-slate-600">(empty)</span> : v;
}
