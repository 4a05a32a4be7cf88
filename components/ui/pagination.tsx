import Link from "next/link";
import { clampPage, pageCount } from "@/lib/pagination";

/**
 * Previous/next links and "page X of Y" for a list; `hrefFor(page)` builds each page's URL. A page
 * past the end is shown as the last page (lib/pagination.ts `fetchPageClamped` fetches its rows).
 */
export function Pagination({
  page: asked,
  pageSize,
  total,
  hrefFor,
  label = "Pagination",
}: {
  page: number;
  pageSize: number;
  total: number;
  hrefFor: (page: number) => string;
  /** The navigation landmark's name; give each list on one page its own. */
  label?: string;
}) {
  const pages = pageCount(total, pageSize);
  const page = clampPage(asked, total, pageSize);
  const linkClass = "whitespace-nowrap rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50";
  const disabledClass = "whitespace-nowrap rounded-md border border-slate-200 px-3 py-1.5 text-sm text-slate-500";
  return (
    <nav className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2 py-3" aria-label={label}>
      <p className="text-sm text-slate-600">
        {total === 0 ? "No rows" : `Rows ${(page - 1) * pageSize + 1}–${Math.min(page * pageSize, total)} of ${total} · page ${page} of ${pages}`}
      </p>
      <div className="flex gap-2">
        {page > 1 ? (
          <Link href={hrefFor(page - 1)} className={linkClass} rel="prev">
            ← Previous
          </Link>
        ) : (
          <span className={disabledClass}>← Previous</span>
        )}
        {page < pages ? (
          <Link href={hrefFor(page + 1)} className={linkClass} rel="next">
            Next →
          </Link>
        ) : (
          <span className={disabledClass}>Next →</span>
        )}
      </div>
    </nav>
  );
}
