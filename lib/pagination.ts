/**
 * Page numbers from query strings, and clamping a page to the rows that exist (issue 10: a page
 * parameter such as `?page=99999999999999999999` crashed the SQL offset; a page past the end
 * showed "Rows 4901–275 of 275"). Pure.
 */
import { z } from "zod";

/**
 * Largest page number a query string may ask for before the total is known. Keeps the SQL offset
 * ((page − 1) × page size) a small safe integer on both engines; a larger number is read as this
 * one, and then clamped to the last page.
 */
export const MAX_PAGE = 1_000_000;

/** A search param value as Next passes it: a string, repeated values, or absent. */
export type SearchParamValue = string | string[] | undefined;

/** The first value of a search param (`?a=1&a=2` → "1"), or undefined. */
export function firstValue(value: SearchParamValue): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * A 1-based page number in a query string: digits only (surrounding spaces allowed), at least 1;
 * a larger number than MAX_PAGE is read as MAX_PAGE. Junk (empty, signs, decimals, letters, 0) is
 * page 1. Never fails.
 */
export const pageParamSchema = z.preprocess(
  firstValue,
  z
    .string()
    .trim()
    .regex(/^\d+$/)
    .transform((digits) => Math.min(Number(digits), MAX_PAGE))
    .pipe(z.number().int().min(1))
    .catch(1),
);

/** Parses a page search param (see pageParamSchema): always an integer in 1..MAX_PAGE. */
export function parsePageParam(value: SearchParamValue): number {
  return pageParamSchema.parse(value);
}

/** Number of pages for `total` rows (≥ 0) at `pageSize` (≥ 1) per page; at least 1. */
export function pageCount(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}

/** `page` limited to 1..pageCount(total, pageSize). */
export function clampPage(page: number, total: number, pageSize: number): number {
  return Math.min(Math.max(1, page), pageCount(total, pageSize));
}

/**
 * Fetches one page, falling back to the last page when `page` is past the end: `fetch(page)` is
 * called once, and once more with the last page when it reports a total that has no rows at `page`.
 * @returns the fetched rows and total, and the page they belong to (the one to show and link from).
 */
export async function fetchPageClamped<T extends { total: number }>(page: number, pageSize: number, fetch: (page: number) => Promise<T>): Promise<T & { page: number }> {
  const first = await fetch(page);
  const clamped = clampPage(page, first.total, pageSize);
  if (clamped === page) return { ...first, page };
  return { ...(await fetch(clamped)), page: clamped };
}
