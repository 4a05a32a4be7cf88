import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { FindingBadge } from "@/components/review/finding-badge";
import { Badge } from "@/components/ui/badges";
import { inputClass } from "@/components/ui/field";
import { Pagination, pageParam } from "@/components/ui/pagination";
import { getAuditBySlug } from "@/db/queries/audits";
import { getManifestPage, getSampleSubgroups, type ManifestFilter } from "@/db/queries/manifest";
import { INCLUSION_REASONS } from "@/lib/sampling";
import { requirePageUser } from "@/lib/server/page-auth";
import { getDb } from "@/db/client";

export const metadata: Metadata = { title: "Sample manifest" };
const PAGE_SIZE = 50;
const STATUSES = ["SUCCEEDED", "FAILED", "UNKNOWN"] as const;
const REVIEWS = ["unreviewed", "reviewed", "PASS", "FAIL", "UNKNOWN"] as const;

type Search = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";
const pick = <T extends string>(v: string, allowed: readonly T[]) => (allowed.includes(v as T) ? (v as T) : undefined);

export default async function ManifestPage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: Promise<Search> }) {
  const { slug } = await params;
  await requirePageUser(`/audits/${slug}/sample`);
  const audit = await getAuditBySlug(getDb(), { slug });
  if (!audit) notFound();
  const sp = await searchParams;
  const filter: ManifestFilter = {
    reason: pick(one(sp.reason), INCLUSION_REASONS),
    status: pick(one(sp.status), STATUSES),
    subgroup: one(sp.subgroup) || undefined,
    review: pick(one(sp.review), REVIEWS),
  };
  const page = pageParam(sp.page);
  const { rows, total } = await getManifestPage(getDb(), { auditId: audit.id, filter, page, pageSize: PAGE_SIZE });
  const subgroups = await getSampleSubgroups(getDb(), { auditId: audit.id });
  const query = (p: number) => {
    const q = new URLSearchParams(Object.entries({ ...filter, page: String(p) }).filter((e): e is [string, string] => Boolean(e[1])));
    return `/audits/${slug}/sample?${q}`;
  };

  return (
    <div className="space-y-4">
      <Link href={`/audits/${slug}`} className="text-sm text-indigo-700 hover:underline">
        ← {audit.title}
      </Link>
      <h1 className="text-2xl font-semibold">Sample manifest</h1>
      <form className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm" aria-label="Filter the sample">
        <Select name="reason" label="Inclusion reason" value={filter.reason} options={INCLUSION_REASONS} />
        <Select name="status" label="Execution status" value={filter.status} options={STATUSES} />
        <Select name="subgroup" label="Subgroup" value={filter.subgroup} options={subgroups} />
        <Select name="review" label="Review" value={filter.review} options={REVIEWS} />
        <button type="submit" className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-semibold text-white hover:bg-indigo-500">
          Filter
        </button>
        <Link href={`/audits/${slug}/sample`} className="px-2 py-2 text-sm text-slate-600 hover:underline">
          Clear
        </Link>
      </form>
      {rows.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-sm text-slate-600">
          {total === 0 && Object.values(filter).every((v) => !v) ? "No sample has been drawn yet." : "No sampled unit matches these filters."}
        </p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
          <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="manifest">
            <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
              <tr>
                <th scope="col" className="px-3 py-2">#</th>
                <th scope="col" className="px-3 py-2">unit_key</th>
                <th scope="col" className="px-3 py-2">Status</th>
                <th scope="col" className="px-3 py-2">Subgroup</th>
                <th scope="col" className="px-3 py-2">Stratum</th>
                <th scope="col" className="px-3 py-2">Inclusion reasons</th>
                <th scope="col" className="px-3 py-2">Review</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((r) => (
                <tr key={r.id} className="hover:bg-slate-50">
                  <td className="px-3 py-2 tabular-nums text-slate-500">{r.position + 1}</td>
                  <td className="px-3 py-2">
                    <Link href={`/audits/${slug}/review/${r.id}`} className="font-mono text-indigo-700 hover:underline">
                      {r.unitKey}
                    </Link>
                  </td>
                  <td className="px-3 py-2">
                    <Badge tone={r.executionStatus === "SUCCEEDED" ? "slate" : r.executionStatus === "FAILED" ? "red" : "amber"}>{r.executionStatus}</Badge>
                  </td>
                  <td className="px-3 py-2">{r.subgroup ?? "—"}</td>
                  <td className="px-3 py-2">{r.stratum}</td>
                  <td className="px-3 py-2 text-xs">{r.reasons.join(", ")}</td>
                  <td className="px-3 py-2">
                    <FindingBadge finding={r.finding} critical={r.criticalKind !== null} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={page} pageSize={PAGE_SIZE} total={total} hrefFor={query} />
    </div>
  );
}

function Select({ name, label, value, options }: { name: string; label: string; value?: string; options: readonly string[] }) {
  return (
    <div className="space-y-1">
      <label htmlFor={`filter-${name}`} className="block text-xs font-medium text-slate-600">
        {label}
      </label>
      <select id={`filter-${name}`} name={name} defaultValue={value ?? ""} className={`${inputClass} min-w-40`}>
        <option value="">Any</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    </div>
  );
}
