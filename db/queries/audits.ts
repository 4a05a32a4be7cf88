import "server-only";
import { desc, eq, sql } from "drizzle-orm";
import { getDb } from "../client";
import { audits } from "../schema";
import { type AuditReport, getAuditReport } from "./report";

/** One audit by slug, or null. */
export function getAuditBySlug({ slug }: { slug: string }) {
  return getDb().select().from(audits).where(eq(audits.slug, slug)).get() ?? null;
}

/**
 * Audits, newest first, each with its recomputed report, a page at a time.
 * @param page 1-based page number; pageSize rows per page.
 */
export function listAuditReports({ page, pageSize }: { page: number; pageSize: number }): { rows: AuditReport[]; total: number } {
  const db = getDb();
  const total = db.select({ n: sql<number>`count(*)` }).from(audits).get()!.n;
  const rows = db
    .select()
    .from(audits)
    .orderBy(desc(audits.createdAt), desc(audits.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .all();
  return { rows: rows.map((audit) => getAuditReport({ audit })), total };
}
