import "server-only";
import { count, desc, eq, inArray } from "drizzle-orm";
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
 * @param projects the project names to list (lib/project-access.ts visibleProjects), or "all".
 */
export async function listAuditReports(db: Reader, { page, pageSize, projects }: { page: number; pageSize: number; projects: "all" | readonly string[] }): Promise<{ rows: AuditReport[]; total: number }> {
  const { audits } = db.tables;
  if (projects !== "all" && projects.length === 0) return { rows: [], total: 0 };
  const where = projects === "all" ? undefined : inArray(audits.projectName, [...projects]);
  const [{ total }] = await db.select({ total: count() }).from(audits).where(where);
  const rows = await db
    .select()
    .from(audits)
    .where(where)
    .orderBy(desc(audits.createdAt), desc(audits.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return { rows: await Promise.all(rows.map((audit) => getAuditReport(db, { audit }))), total };
}
