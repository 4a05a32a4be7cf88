import "server-only";
import { and, asc, desc, eq, gt, isNotNull, isNull, lt, type SQL, sql } from "drizzle-orm";
import { getDb } from "../client";
import { reviewHistory, sampleUnits, units, users } from "../schema";

export type ManifestFilter = {
  reason?: string;
  status?: "SUCCEEDED" | "FAILED" | "UNKNOWN";
  subgroup?: string;
  review?: "unreviewed" | "reviewed" | "PASS" | "FAIL" | "UNKNOWN";
};

function filterConditions(auditId: number, f: ManifestFilter): SQL[] {
  const c: SQL[] = [eq(sampleUnits.auditId, auditId)];
  if (f.reason) {
    // reasons is a JSON array of strings; match the quoted reason with LIKE wildcards escaped.
    const pattern = `%${JSON.stringify(f.reason).replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    c.push(sql`${sampleUnits.reasons} LIKE ${pattern} ESCAPE '\\'`);
  }
  if (f.status) c.push(eq(units.executionStatus, f.status));
  if (f.subgroup) c.push(eq(units.subgroup, f.subgroup));
  if (f.review === "unreviewed") c.push(isNull(sampleUnits.finding));
  else if (f.review === "reviewed") c.push(isNotNull(sampleUnits.finding));
  else if (f.review) c.push(eq(sampleUnits.finding, f.review));
  return c;
}

/**
 * One page of an audit's sample manifest, in review order, filtered.
 * @param page 1-based.
 */
export function getManifestPage({ auditId, filter, page, pageSize }: { auditId: number; filter: ManifestFilter; page: number; pageSize: number }) {
  const db = getDb();
  const where = and(...filterConditions(auditId, filter));
  const total = db.select({ n: sql<number>`count(*)` }).from(sampleUnits).innerJoin(units, eq(units.id, sampleUnits.unitId)).where(where).get()!.n;
  const rows = db
    .select({
      id: sampleUnits.id,
      position: sampleUnits.position,
      stratum: sampleUnits.stratum,
      reasons: sampleUnits.reasons,
      finding: sampleUnits.finding,
      criticalKind: sampleUnits.criticalKind,
      remediationOwner: sampleUnits.remediationOwner,
      unitKey: units.unitKey,
      executionStatus: units.executionStatus,
      subgroup: units.subgroup,
      identityKey: units.identityKey,
    })
    .from(sampleUnits)
    .innerJoin(units, eq(units.id, sampleUnits.unitId))
    .where(where)
    .orderBy(asc(sampleUnits.position))
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .all();
  return { rows, total };
}

/** Distinct subgroups among an audit's sampled units (for the manifest filter). */
export function getSampleSubgroups({ auditId }: { auditId: number }): string[] {
  return getDb()
    .selectDistinct({ subgroup: units.subgroup })
    .from(sampleUnits)
    .innerJoin(units, eq(units.id, sampleUnits.unitId))
    .where(and(eq(sampleUnits.auditId, auditId), isNotNull(units.subgroup)))
    .orderBy(asc(units.subgroup))
    .all()
    .map((r) => r.subgroup!);
}

/** A sampled unit with its population record and review history (newest first), or null. */
export function getSampleUnit({ auditId, sampleUnitId }: { auditId: number; sampleUnitId: number }) {
  const db = getDb();
  const row = db
    .select({ su: sampleUnits, unit: units })
    .from(sampleUnits)
    .innerJoin(units, eq(units.id, sampleUnits.unitId))
    .where(and(eq(sampleUnits.auditId, auditId), eq(sampleUnits.id, sampleUnitId)))
    .get();
  if (!row) return null;
  const history = db
    .select({
      id: reviewHistory.id,
      finding: reviewHistory.finding,
      criticalKind: reviewHistory.criticalKind,
      falsePositive: reviewHistory.falsePositive,
      remediationOwner: reviewHistory.remediationOwner,
      note: reviewHistory.note,
      createdAt: reviewHistory.createdAt,
      reviewer: users.name,
    })
    .from(reviewHistory)
    .innerJoin(users, eq(users.id, reviewHistory.reviewedBy))
    .where(eq(reviewHistory.sampleUnitId, sampleUnitId))
    .orderBy(desc(reviewHistory.id))
    .all();
  return { ...row, history };
}

/**
 * Neighbours in review order: the previous and next unreviewed sampled units (wrapping is not
 * done), the plain previous/next units, and the first unreviewed unit overall.
 */
export function getReviewNeighbours({ auditId, position }: { auditId: number; position: number }) {
  const db = getDb();
  const pick = (cond: SQL, order: "asc" | "desc") =>
    db
      .select({ id: sampleUnits.id })
      .from(sampleUnits)
      .where(and(eq(sampleUnits.auditId, auditId), cond))
      .orderBy(order === "asc" ? asc(sampleUnits.position) : desc(sampleUnits.position))
      .limit(1)
      .get()?.id ?? null;
  return {
    previous: pick(lt(sampleUnits.position, position), "desc"),
    next: pick(gt(sampleUnits.position, position), "asc"),
    previousUnreviewed: pick(and(lt(sampleUnits.position, position), isNull(sampleUnits.finding))!, "desc"),
    nextUnreviewed: pick(and(gt(sampleUnits.position, position), isNull(sampleUnits.finding))!, "asc"),
    firstUnreviewed: pick(isNull(sampleUnits.finding), "asc"),
  };
}
