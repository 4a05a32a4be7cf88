import type { Agreement } from "@/db/queries/team";

const FINDINGS = ["PASS", "FAIL", "UNKNOWN"] as const;

/** κ to two decimals with a sign, or "n/a" before any pair exists. */
export function formatKappa(kappa: number | null): string {
  return kappa === null ? "n/a" : kappa.toFixed(2);
}

/**
 * A 3 × 3 confusion matrix of double reviews (rows: `rowLabel`'s finding, columns: `colLabel`'s)
 * with Cohen's kappa and the share of agreeing pairs (issue 11).
 */
export function AgreementTable({ agreement, rowLabel, colLabel, caption, testId }: { agreement: Agreement; rowLabel: string; colLabel: string; caption: string; testId?: string }) {
  return (
    <div className="relative overflow-x-auto" data-testid={testId} tabIndex={0}>
      <table className="text-sm">
        <caption className="mb-1 text-left font-medium">
          {caption}: κ = <span data-testid={testId ? `${testId}-kappa` : undefined}>{formatKappa(agreement.kappa)}</span> ({agreement.agreed} of {agreement.pairs} agree)
        </caption>
        <thead>
          <tr>
            <th scope="col" className="px-2 py-1 text-left text-xs font-normal text-slate-600">
              {rowLabel} ↓ / {colLabel} →
            </th>
            {FINDINGS.map((f) => (
              <th key={f} scope="col" className="px-2 py-1 text-right text-xs font-semibold">
                {f}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {FINDINGS.map((f, i) => (
            <tr key={f} className="border-t border-slate-100">
              <th scope="row" className="px-2 py-1 text-left text-xs font-semibold">
                {f}
              </th>
              {agreement.matrix[i].map((n, j) => (
                <td key={j} className={`px-2 py-1 text-right tabular-nums ${i === j ? "bg-emerald-50" : n > 0 ? "bg-red-50" : ""}`}>
                  {n}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
