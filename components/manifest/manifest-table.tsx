import Link from "next/link";
import { FindingBadge } from "@/components/review/finding-badge";
import { Badge } from "@/components/ui/badges";
import type { ManifestRow } from "@/db/queries/manifest-list";
import { formatUtcMinute } from "@/lib/format-time";
import { type ManifestQuery, type ManifestSortKey, manifestHref, nextSort } from "@/lib/manifest-query";

/**
 * The manifest table (issue 11): unit key (linking to its review), name, identity key, status,
 * subgroup, stratum, inclusion reasons, review, remediation owner, review time (UTC). Headers of
 * sortable columns are links that flip the order and keep the filters (back to page 1); the
 * sorted one carries aria-sort. The table scrolls inside its card on narrow screens; the card is
 * focusable so keyboard users can scroll it.
 */
export function ManifestTable({ slug, query, rows }: { slug: string; query: ManifestQuery; rows: readonly (ManifestRow & { blind?: boolean })[] }) {
  const sortable = (key: ManifestSortKey, label: string) => <SortHeader slug={slug} query={query} sortKey={key} label={label} />;
  return (
    <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm" role="region" aria-label="Sampled units" tabIndex={0}>
      <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="manifest">
        <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
          <tr>
            {sortable("position", "#")}
            {sortable("unitKey", "unit_key")}
            <th scope="col" className="px-3 py-2">Name</th>
            <th scope="col" className="px-3 py-2">Identity key</th>
            <th scope="col" className="px-3 py-2">Status</th>
            <th scope="col" className="px-3 py-2">Subgroup</th>
            {sortable("stratum", "Stratum")}
            <th scope="col" className="px-3 py-2">Inclusion reasons</th>
            {sortable("finding", "Review")}
            <th scope="col" className="px-3 py-2">Owner</th>
            {sortable("reviewedAt", "Reviewed at (UTC)")}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((r) => (
            <tr key={r.id} className="hover:bg-slate-50" data-testid="manifest-row">
              <td className="px-3 py-2 tabular-nums text-slate-600">{r.position + 1}</td>
              <td className="px-3 py-2">
                <Link href={`/audits/${slug}/review/${r.id}`} className="font-mono text-indigo-700 hover:underline" data-testid="manifest-unit-key">
                  {r.unitKey}
                </Link>
                {r.claimDiffers && (
                  <span className="ml-1" title="The claimed value differs from the observed one">
                    <Badge tone="amber">claim differs</Badge>
                  </span>
                )}
              </td>
              <td className="max-w-56 truncate px-3 py-2" title={r.name ?? undefined}>
                {r.name ?? "—"}
              </td>
              <td className="px-3 py-2 font-mono text-xs">{r.identityKey || "—"}</td>
              <td className="px-3 py-2">
                <Badge tone={r.executionStatus === "SUCCEEDED" ? "slate" : r.executionStatus === "FAILED" ? "red" : "amber"}>{r.executionStatus}</Badge>
              </td>
              <td className="px-3 py-2">{r.subgroup ?? "—"}</td>
              <td className="px-3 py-2">{r.stratum}</td>
              <td className="px-3 py-2 text-xs">{r.reasons.join(", ")}</td>
              <td className="px-3 py-2" data-testid="manifest-finding">
                {r.blind ? <span className="text-xs text-slate-700">hidden until the blind second review</span> : <FindingBadge finding={r.finding} critical={r.finding === "FAIL" && r.criticalKind !== null} />}
              </td>
              <td className="px-3 py-2">{r.remediationOwner?.trim() || (r.finding === "FAIL" ? <span className="text-red-800">none</span> : "—")}</td>
              <td className="whitespace-nowrap px-3 py-2 tabular-nums text-xs">{r.reviewedAt && !r.blind ? formatUtcMinute(r.reviewedAt) : "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function SortHeader({ slug, query, sortKey, label }: { slug: string; query: ManifestQuery; sortKey: ManifestSortKey; label: string }) {
  const current = query.sort.key === sortKey ? query.sort.dir : null;
  const next = nextSort(query.sort, sortKey);
  return (
    <th scope="col" className="px-3 py-2" aria-sort={current === "asc" ? "ascending" : current === "desc" ? "descending" : undefined}>
      <Link
        href={manifestHref(slug, { filter: query.filter, sort: next })}
        className="inline-flex items-center gap-1 whitespace-nowrap uppercase hover:text-indigo-700 hover:underline"
        data-testid={`sort-${sortKey}`}
      >
        {label}
        <span aria-hidden="true">{current === "asc" ? "▲" : current === "desc" ? "▼" : "↕"}</span>
        <span className="sr-only">{`, sort ${next.dir === "asc" ? "ascending" : "descending"}`}</span>
      </Link>
    </th>
  );
}
