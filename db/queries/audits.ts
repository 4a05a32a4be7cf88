import "server-only";
import { and, asc, count, desc, eq, inArray, isNull, type SQL } from "drizzle-orm";
import { auditStage, type StageName } from "@/lib/audit-stage";
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
 * @param includeArchived list archived audits too (issue 11; default: hidden).
 * @param stage only audits at this stage (lib/audit-stage.ts auditStage). The stage is recomputed
 *   from each report, so with a stage every visible audit's report is computed before paging.
 */
export async function listAuditReports(
  db: Reader,
  { page, pageSize, projects, includeArchived = false, stage }: { page: number; pageSize: number; projects: "all" | readonly string[]; includeArchived?: boolean; stage?: StageName },
): Promise<{ rows: AuditReport[]; total: number }> {
  const { audits } = db.tables;
  if (projects !== "all" && projects.length === 0) return { rows: [], total: 0 };
  const conditions: SQL[] = [];
  if (projects !== "all") conditions.push(inArray(audits.projectName, [...projects]));
  if (!includeArchived) conditions.push(isNull(audits.archivedAt));
  const where = conditions.length > 0 ? and(...conditions) : undefined;
  const newestFirst = [desc(audits.createdAt), desc(audits.id)];
  if (stage) {
    const all = await db.select().from(audits).where(where).orderBy(...newestFirst);
    const reports = (await Promise.all(all.map((audit) => getAuditReport(db, { audit })))).filter((r) => auditStage(r).name === stage);
    return { rows: reports.slice((page - 1) * pageSize, page * pageSize), total: reports.length };
  }
  const [{ total }] = await db.select({ total: count() }).from(audits).where(where);
  const rows = await db
    .select()
    .from(audits)
    .where(where)
    .orderBy(...newestFirst)
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return { rows: await Promise.all(rows.map((audit) => getAuditReport(db, { audit }))), total };
}

/** Every audit of one project, archived ones included, oldest audit date first, each with its report (issue 11 project page). */
export async function listProjectAuditReports(db: Reader, { projectName }: { projectName: string }): Promise<AuditReport[]> {
  const { audits } = db.tables;
  const rows = await db.select().from(audits).where(eq(audits.projectName, projectName)).orderBy(asc(audits.auditDate), asc(audits.createdAt), asc(audits.id));
  return Promise.all(rows.map((audit) => getAuditReport(db, { audit })));
}

/** Longest chain of runs walked (a guard against a cycle written by hand in the database). */
const MAX_RUNS = 100;

/**
 * The chain of runs an audit belongs to (issue 11 re-audits): from the first run to the latest,
 * following `rerunOf` back and the one re-audit of each run forward (db/mutations/rerun.ts starts
 * at most one re-audit per audit), each with its report. A single audit is a chain of one.
 */
export async function getRunChain(db: Reader, { audit }: { audit: Audit }): Promise<AuditReport[]> {
  const { audits } = db.tables;
  const chain: Audit[] = [audit];
  for (let cur = audit; cur.rerunOf !== null && chain.length < MAX_RUNS; ) {
    const [prev] = await db.select().from(audits).where(eq(audits.id, cur.rerunOf));
    if (!prev) break;
    chain.unshift(prev);
    cur = prev;
  }
  for (let cur = audit; chain.length < MAX_RUNS; ) {
    const [next] = await db.select().from(audits).where(eq(audits.rerunOf, cur.id)).orderBy(asc(audits.id)).limit(1);
    if (!next) break;
    chain.push(next);
    cur = next;
  }
  return Promise.all(chain.map((a) => getAuditReport(db, { audit: a })));
}
