/**
 * A confusion matrix of two raters (issues 11 and 12): rows are the first rater's categories,
 * columns the second's, in the same order; the diagonal (agreement) is bold. `corner` names the
 * axes ("first \ second"); `rowLabels`/`colLabels` default to `categories`.
 */
export function ConfusionMatrix({
  categories,
  matrix,
  corner,
  label,
  colLabels = categories,
  caption,
}: {
  categories: readonly string[];
  matrix: readonly (readonly number[])[];
  corner: string;
  label: string;
  colLabels?: readonly string[];
  caption?: React.ReactNode;
}) {
  return (
    <table className="text-xs" aria-label={caption ? undefined : label}>
      {caption && <caption className="mb-1 text-left text-sm font-medium">{caption}</caption>}
      <thead>
        <tr>
          <th scope="col" className="px-2 py-1 text-left font-normal text-slate-600">
            {corner}
          </th>
          {colLabels.map((c) => (
            <th key={c} scope="col" className="px-2 py-1 font-semibold">
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {categories.map((c, i) => (
          <tr key={c} className="border-t border-slate-100">
            <th scope="row" className="px-2 py-1 text-left font-semibold">
              {c}
            </th>
            {matrix[i].map((n, j) => (
              <td key={j} className={`px-2 py-1 text-center tabular-nums ${i === j ? "font-semibold" : ""}`}>
                {n}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Cohen's kappa to `digits` decimals, or "n/a" when there is nothing to compare. */
export function formatKappa(kappa: number | null, digits = 2): string {
  return kappa === null ? "n/a" : kappa.toFixed(digits);
}
