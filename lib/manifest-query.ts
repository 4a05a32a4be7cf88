/**
 * The query string of the sample manifest page (/audits/<slug>/sample), validated with zod
 * (issue 10 "Requests and headers": query parameters are validated). Unknown or malformed filter
 * values are dropped (the filter is off), never passed to the database. Pure.
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

const optionalOf = <T extends z.ZodType>(schema: T) => z.preprocess(firstValue, schema.optional()).catch(undefined);

const manifestQuerySchema = z.object({
  reason: optionalOf(z.enum(INCLUSION_REASONS as readonly [InclusionReason, ...InclusionReason[]])),
  status: optionalOf(z.enum(MANIFEST_STATUSES)),
  review: optionalOf(z.enum(MANIFEST_REVIEWS)),
  subgroup: optionalOf(z.string().min(1).max(MAX_SUBGROUP_LENGTH)),
  page: pageParamSchema,
});

export type ManifestQuery = {
  filter: { reason?: InclusionReason; status?: (typeof MANIFEST_STATUSES)[number]; review?: (typeof MANIFEST_REVIEWS)[number]; subgroup?: string };
  /** 1-based page, 1..MAX_PAGE (lib/pagination.ts); clamp it to the last page once the total is known. */
  page: number;
};

/**
 * Parses the manifest page's search params (`reason`, `status`, `review`, `subgroup`, `page`; the
 * first of repeated values). Never fails: junk in a filter turns that filter off, junk in the page
 * is page 1.
 */
export function parseManifestQuery(searchParams: Record<string, SearchParamValue>): ManifestQuery {
  const { page, ...filter } = manifestQuerySchema.parse(searchParams);
  return { page, filter };
}
