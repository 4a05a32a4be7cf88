/**
 * The query string of the sample manifest page (/audits/<slug>/sample), validated with zod
 * (issue 10 "Requests and headers": query parameters are validated), and the way back: links that
 * change one parameter and keep the others (issue 11, "Reviewing without mistakes": search, sort,
 * filters "FAIL without owner", "critical", "claim differs from observation"). Unknown or
 * malformed values are dropped (the filter is off, the sort is the default), never passed to the
 * database. Pure.
 */
import { z } from "zod";
import { firstValue, pageParamSchema, type SearchParamValue } from "./pagination";
import { INCLUSION_REASONS, type InclusionReason } from "./sampling";

/** Execution statuses the manifest can be filtered by. */
export const MANIFEST_STATUSES = ["SUCCEEDED", "FAILED", "UNKNOWN"] as const;
/** Review states the manifest can be filtered by. */
export const MANIFEST_REVIEWS = ["unreviewed", "reviewed", "PASS", "FAIL", "UNKNOWN"] as const;
/** Longest subgroup value accepted in the query string (longer ones match nothing: the filter is dropped). */
export const MAX_SUBGROUP_LENGTH = 200;
/** Longest search text accepted (after trimming); a longer one is cut to this length. */
export const MAX_SEARCH_LENGTH = 200;
/**
 * Columns the manifest sorts by (`sort` parameter). Every sort ends with the sample position, so
 * the order is total and paging is stable. See db/queries/manifest-list.ts for the order of each.
 */
export const MANIFEST_SORTS = ["position", "unitKey", "finding", "stratum", "reviewedAt"] as const;
export type ManifestSortKey = (typeof MANIFEST_SORTS)[number];
export type SortDirection = "asc" | "desc";

/** The yes/no filters, each a `<name>=1` query parameter (issue 11). */
export const MANIFEST_FLAGS = ["failedWithoutOwner", "critical", "claimDiffers"] as const;
export type ManifestFlag = (typeof MANIFEST_FLAGS)[number];
/** Label of each yes/no filter, as the page and the verdict reason links name it. */
export const MANIFEST_FLAG_LABELS: Record<ManifestFlag, string> = {
  failedWithoutOwner: "FAIL without owner",
  critical: "Critical",
  claimDiffers: "Claim differs from observation",
};

/**
 * What the manifest lists. All set conditions must hold (AND).
 * - `search`: case-insensitive substring of the unit key, name (record `name`, else `title`, else
 *   `label`), identity key or remediation owner; `%` and `_` are literal characters.
 * - `failedWithoutOwner`: reviewed FAIL with no (or a blank) remediation owner, as the verdict
 *   counts them (lib/estimation.ts); `critical`: reviewed FAIL with a critical kind. Neither
 *   counts a unit in an open double-review disagreement (not reviewed for the verdict).
 * - `claimDiffers`: a mapped claimed_* / observed_* pair differs (units.claimDiffers).
 */
export type ManifestFilter = {
  reason?: InclusionReason;
  status?: (typeof MANIFEST_STATUSES)[number];
  review?: (typeof MANIFEST_REVIEWS)[number];
  subgroup?: string;
  search?: string;
  failedWithoutOwner?: true;
  critical?: true;
  claimDiffers?: true;
};

export type ManifestSort = { key: ManifestSortKey; dir: SortDirection };
/** The default order: review order (sample position), ascending. */
export const DEFAULT_MANIFEST_SORT: ManifestSort = { key: "position", dir: "asc" };

export type ManifestQuery = {
  filter: ManifestFilter;
  sort: ManifestSort;
  /** 1-based page, 1..MAX_PAGE (lib/pagination.ts); clamp it to the last page once the total is known. */
  page: number;
};

const optionalOf = <T extends z.ZodType>(schema: T) => z.preprocess(firstValue, schema.optional()).catch(undefined);
const flag = optionalOf(z.enum(["1", "true", "on"]).transform(() => true as const));

const manifestQuerySchema = z.object({
  reason: optionalOf(z.enum(INCLUSION_REASONS as readonly [InclusionReason, ...InclusionReason[]])),
  status: optionalOf(z.enum(MANIFEST_STATUSES)),
  review: optionalOf(z.enum(MANIFEST_REVIEWS)),
  subgroup: optionalOf(z.string().min(1).max(MAX_SUBGROUP_LENGTH)),
  q: optionalOf(
    z
      .string()
      .trim()
      .transform((s) => s.slice(0, MAX_SEARCH_LENGTH))
      .pipe(z.string().min(1)),
  ),
  failedWithoutOwner: flag,
  critical: flag,
  claimDiffers: flag,
  sort: optionalOf(z.enum(MANIFEST_SORTS)),
  dir: optionalOf(z.enum(["asc", "desc"])),
  page: pageParamSchema,
});

/**
 * Parses the manifest page's search params: `reason`, `status`, `review`, `subgroup`, `q` (the
 * search), `failedWithoutOwner`, `critical`, `claimDiffers` (`1`, `true` or `on` turns one on),
 * `sort` (MANIFEST_SORTS), `dir` (`asc` | `desc`, default `asc`) and `page`; the first of
 * repeated values. Never fails: junk in a filter turns that filter off, junk in the sort is the
 * default order, junk in the page is page 1. Filters that are off are absent from `filter`.
 */
export function parseManifestQuery(searchParams: Record<string, SearchParamValue>): ManifestQuery {
  const p = manifestQuerySchema.parse(searchParams);
  const filter: ManifestFilter = { reason: p.reason, status: p.status, review: p.review, subgroup: p.subgroup, search: p.q, failedWithoutOwner: p.failedWithoutOwner, critical: p.critical, claimDiffers: p.claimDiffers };
  for (const k of Object.keys(filter) as (keyof ManifestFilter)[]) if (filter[k] === undefined) delete filter[k];
  return { filter, sort: { key: p.sort ?? DEFAULT_MANIFEST_SORT.key, dir: p.dir ?? DEFAULT_MANIFEST_SORT.dir }, page: p.page };
}

/** True when any filter (the search included) is on. */
export function hasManifestFilter(filter: ManifestFilter): boolean {
  return Object.values(filter).some((v) => v !== undefined);
}

/**
 * The query string (without `?`, empty for the defaults) that `parseManifestQuery` reads back as
 * `query`; defaults (no filter, position ascending, page 1) are left out. Parameters in a fixed
 * order, so equal queries give equal links.
 */
export function manifestSearchParams(query: Partial<ManifestQuery>): string {
  const { filter = {}, sort = DEFAULT_MANIFEST_SORT, page = 1 } = query;
  const q = new URLSearchParams();
  for (const key of ["reason", "status", "review", "subgroup"] as const) if (filter[key]) q.set(key, filter[key]);
  if (filter.search) q.set("q", filter.search);
  for (const key of MANIFEST_FLAGS) if (filter[key]) q.set(key, "1");
  if (sort.key !== DEFAULT_MANIFEST_SORT.key || sort.dir !== DEFAULT_MANIFEST_SORT.dir) {
    q.set("sort", sort.key);
    if (sort.dir !== "asc") q.set("dir", sort.dir);
  }
  if (page > 1) q.set("page", String(page));
  return q.toString();
}

/** The manifest page's path for `query` (see manifestSearchParams). */
export function manifestHref(slug: string, query: Partial<ManifestQuery> = {}): string {
  const q = manifestSearchParams(query);
  return `/audits/${encodeURIComponent(slug)}/sample${q ? `?${q}` : ""}`;
}

/**
 * The sort a column header links to: the other direction when the list is already sorted by
 * `key`, otherwise `key` ascending.
 */
export function nextSort(current: ManifestSort, key: ManifestSortKey): ManifestSort {
  return current.key === key ? { key, dir: current.dir === "asc" ? "desc" : "asc" } : { key, dir: "asc" };
}
