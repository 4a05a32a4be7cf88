import "server-only";
import { asc, count, desc, eq } from "drizzle-orm";
import type { Reader } from "../handle";
import type { Audit } from "../schema";
import { type AuditReport, getAuditReport } from "./report";

/** One audit by slug, or null. */
export async function getAuditBySlug(db: Reader, { slug }: { slug: string }): Promise<Audit | null> {
  const { audits } = db.tables;
  const [audit] = await db.select().from(audits).where(eq(audits.slug, slug));
  return audit ?? null;
}

/**
 * Audits, newest first, each with its recomputed report, a page at a time.
 * @param page 1-based page number; pageSize rows per page.
 */
export async function listAuditReports(db: Reader, { page, pageSize }: { page: number; pageSize: number }): Promise<{ rows: AuditReport[]; total: number }> {
  const { audits } = db.tables;
  const [{ total }] = await db.select({ total: count() }).from(audits);
  const rows = await db
    .select()
    .from(audits)
    .orderBy(desc(audits.createdAt), desc(audits.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return { rows: await Promise.all(rows.map((audit) => getAuditReport(db, { audit }))), total };
}

/** Distinct project names of all audits, sorted (for choosing a token's project). */
export async function listProjectNames(db: Reader): Promise<string[]> {
  const { audits } = db.tables;
  const rows = await db.selectDistinct({ projectName: audits.projectName }).from(audits).orderBy(asc(audits.projectName));
  return rows.map((r) => r.projectName);
}
