/**
 * The query string of the audit overview (/audits/<slug>), validated with zod (issue 10 "Requests
 * and headers"): `reviewed=all` (set after the last review, shows the "all reviewed" notice) and
 * `events` (the timeline's 1-based page). Pure.
 */
import { z } from "zod";
import { firstValue, pageParamSchema, type SearchParamValue } from "./pagination";

const auditPageQuerySchema = z.object({
  reviewed: z.preprocess(firstValue, z.literal("all").optional()).catch(undefined),
  events: pageParamSchema,
});

/**
 * Parses the overview's search params. Never fails: any `reviewed` other than "all" is ignored, junk
 * in `events` is page 1 (lib/pagination.ts; clamp it once the timeline's total is known).
 * @returns justFinished (reviewed=all) and eventsPage (1..MAX_PAGE).
 */
export function parseAuditPageQuery(searchParams: Record<string, SearchParamValue>): { justFinished: boolean; eventsPage: number } {
  const q = auditPageQuerySchema.parse(searchParams);
  return { justFinished: q.reviewed === "all", eventsPage: q.events };
}
