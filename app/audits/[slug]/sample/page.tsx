import type { Metadata } from "next";
import Link from "next/link";
import { ManifestFilters } from "@/components/manifest/manifest-filters";
import { ManifestTable } from "@/components/manifest/manifest-table";
import { Pagination } from "@/components/ui/pagination";
import { getSampleSubgroups } from "@/db/queries/manifest";
import { listManifest } from "@/db/queries/manifest-list";
import { firstReviewHidden } from "@/lib/review-view";
import { hasManifestFilter, manifestHref, parseManifestQuery } from "@/lib/manifest-query";
import { fetchPageClamped } from "@/lib/pagination";
import { requireAuditPage } from "@/lib/server/project-auth";
import { getDb } from "@/db/client";

export const metadata: Metadata = { title: "Sample manifest" };
const PAGE_SIZE = 50;

type Search = Record<string, string | string[] | undefined>;

/**
 * The sample manifest (issue 11, "Reviewing without mistakes"): the audit's sampled units,
 * searched, filtered and sorted from the query string (lib/manifest-query.ts), 50 a page; every
 * link (filters, sort headers, pages) keeps the other parameters.
 */
export default async function ManifestPage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: Promise<Search> }) {
  const { slug } = await params;
  const { audit, user } = await requireAuditPage(slug, `/audits/${slug}/sample`);
  const query = parseManifestQuery(await searchParams);
  const { filter, sort } = query;
  const [{ rows: listed, total, page }, subgroups] = await Promise.all([
    fetchPageClamped(query.page, PAGE_SIZE, (page) => listManifest(getDb(), { auditId: audit.id, filter, sort, page, pageSize: PAGE_SIZE })),
    getSampleSubgroups(getDb(), { auditId: audit.id }),
  ]);
  const filtered = hasManifestFilter(filter);
  // A unit awaiting its blind second review shows no first review to other reviewers (issue 11).
  const rows = listed.map((r) => (firstReviewHidden(r, user) ? { ...r, finding: null, criticalKind: null, remediationOwner: null, blind: true } : r));

  return (
    <div className="min-w-0 space-y-4">
      <Link href={`/audits/${slug}`} className="text-sm text-indigo-700 hover:underline">
        ← {audit.title}
      </Link>
      <h1 className="text-2xl font-semibold">Sample manifest</h1>
      <ManifestFilters slug={slug} query={{ ...query, page }} subgroups={subgroups} />
      {rows.length === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-sm text-slate-700" data-testid="manifest-empty">
          {!filtered ? (
            <p>No sample has been drawn yet.</p>
          ) : (
            <p>
              No units match these filters.{" "}
              <Link href={manifestHref(slug, { sort })} className="font-medium text-indigo-700 underline">
                Clear filters
              </Link>
            </p>
          )}
        </div>
      ) : (
        <ManifestTable slug={slug} query={{ ...query, page }} rows={rows} />
      )}
      <Pagination page={page} pageSize={PAGE_SIZE} total={total} hrefFor={(p) => manifestHref(slug, { filter, sort, page: p })} />
    </div>
  );
}
