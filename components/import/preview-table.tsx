import type { FilePreview } from "./read-header";

/**
 * The first rows of the chosen file. Its scroll container is a labelled region that takes the
 * keyboard focus, so a keyboard user can scroll a wide file sideways (axe scrollable-region-focusable,
 * issue 11 "Every page, for everyone").
 */
export function PreviewTable({ preview }: { preview: Pick<FilePreview, "columns" | "rows"> }) {
  return (
    <div
      className="relative overflow-x-auto rounded-sm focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
      tabIndex={0}
      role="region"
      aria-label="File preview, first rows (scrolls sideways)"
      data-testid="file-preview"
    >
      <table className="min-w-full text-xs" aria-label="File preview">
        <thead>
          <tr>
            {preview.columns.map((c) => (
              <th key={c} scope="col" className="border-b border-slate-200 px-2 py-1 text-left font-semibold">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {preview.rows.map((r, i) => (
            <tr key={i}>
              {preview.columns.map((c) => (
                <td key={c} className="border-b border-slate-100 px-2 py-1 font-mono">
                  {r[c]}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
