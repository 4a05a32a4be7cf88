import "server-only";
import { and, asc, count, desc, eq, gt, inArray, isNotNull, isNull, lt, type SQL } from "drizzle-orm";
import { INCLUSION_REASONS, type InclusionReason } from "@/lib/sampling";
import type { Reader } from "../handle";

export type ManifestFilter = {
  reason?: string;
  status?: "SUCCEEDED" | "FAILED" | "UNKNOWN";
  subgroup?: string;
  review?: "unreviewed" | "reviewed" | "PASS" | "FAIL" | "UNKNOWN";
};

function filterConditions(db: Reader, auditId: number, f: ManifestFilter): SQL[] {
  const { sampleUnits, sampleUnitReasons, units } = db.tables;
  const c: SQL[] = [eq(sampleUnits.auditId, auditId)];
  if (f.reason) {
    c.push(inArray(sampleUnits.id, db.select({ id: sampleUnitReasons.sampleUnitId }).from(sampleUnitReasons).where(eq(sampleUnitReasons.reason, f.reason))));
  }
  if (f.status) c.push(eq(units.executionStatus, f.status));
  if (f.subgroup) c.push(eq(units.subgroup, f.subgroup));
  if (f.review === "unreviewed") c.push(isNull(sampleUnits.finding));
  else if (f.review === "reviewed") c.push(isNotNull(sampleUnits.finding));
  else if (f.review) c.push(eq(sampleUnits.finding, f.review));
  return c;
}

/**
 * Inclusion reasons of the given sampled units, keyed by sampled-unit id, each list in
 * lib/sampling.ts INCLUSION_REASONS order.
 */
export async function getInclusionReasons(db: Reader, { sampleUnitIds }: { sampleUnitIds: number[] }): Promise<Map<number, InclusionReason[]>> {
  const { sampleUnitReasons } = db.tables;
  const byId = new Map<number, InclusionReason[]>(sampleUnitIds.map((id) => [id, []]));
  if (sampleUnitIds.length === 0) return byId;
  const rows = await db.select().from(sampleUnitReasons).where(inArray(sampleUnitReasons.sampleUnitId, sampleUnitIds));
  for (const r of rows) byId.get(r.sampleUnitId)?.push(r.reason as InclusionReason);
  for (const list of byId.values()) list.sort((a, b) => INCLUSION_REASONS.indexOf(a) - INCLUSION_REASONS.indexOf(b));
  return byId;
}

/**
 * One page of an audit's sample manifest, in review order, filtered.
 * @param page 1-based.
 */
export async function getManifestPage(db: Reader, { auditId, filter, page, pageSize }: { auditId: number; filter: ManifestFilter; page: number; pageSize: number }) {
  const { sampleUnits, units } = db.tables;
  const where = and(...filterConditions(db, auditId, filter));
  const [[{ total }], rows] = await Promise.all([
    db.select({ total: count() }).from(sampleUnits).innerJoin(units, eq(units.id, sampleUnits.unitId)).where(where),
    db
      .select({
        id: sampleUnits.id,
        position: sampleUnits.position,
        stratum: sampleUnits.stratum,
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
      .offset((page - 1) * pageSize),
  ]);
  const reasons = await getInclusionReasons(db, { sampleUnitIds: rows.map((r) => r.id) });
  return { rows: rows.map((r) => ({ ...r, reasons: reasons.get(r.id) ?? [] })), total };
}

/** Distinct subgroups among an audit's sampled units (for the manifest filter). */
export async function getSampleSubgroups(db: Reader, { auditId }: { auditId: number }): Promise<string[]> {
  const { sampleUnits, units } = db.tables;
  const rows = await db
    .selectDistinct({ subgroup: units.subgroup })
    .from(sampleUnits)
    .innerJoin(units, eq(units.id, sampleUnits.unitId))
    .where(and(eq(sampleUnits.auditId, auditId), isNotNull(units.subgroup)))
    .orderBy(asc(units.subgroup));
  return rows.map((r) => r.subgroup!);
}

/** A sampled unit with its population record, inclusion reasons and review history (newest first), or null. */
export async function getSampleUnit(db: Reader, { auditId, sampleUnitId }: { auditId: number; sampleUnitId: number }) {
  const { reviewHistory, sampleUnits, units, users } = db.tables;
  const [row] = await db
    .select({ su: sampleUnits, unit: units })
    .from(sampleUnits)
    .innerJoin(units, eq(units.id, sampleUnits.unitId))
    .where(and(eq(sampleUnits.auditId, auditId), eq(sampleUnits.id, sampleUnitId)));
  if (!row) return null;
  const [history, reasons] = await Promise.all([
    db
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
      .orderBy(desc(reviewHistory.id)),
    getInclusionReasons(db, { sampleUnitIds: [sampleUnitId] }),
  ]);
  return { ...row, reasons: reasons.get(sampleUnitId) ?? [], history };
}

/**
 * The sampled unit `sampleUnitId` of the audit with slug `slug`, with what a review of it is
 * checked against (its execution status) and its place in review order; null when the unit is
 * not in that audit's sample.
 */
export async function getReviewTarget(db: Reader, { slug, sampleUnitId }: { slug: string; sampleUnitId: number }) {
  const { audits, sampleUnits, units } = db.tables;
  const [row] = await db
    .select({ auditId: sampleUnits.auditId, position: sampleUnits.position, executionStatus: units.executionStatus })
    .from(sampleUnits)
    .innerJoin(units, eq(units.id, sampleUnits.unitId))
    .innerJoin(audits, eq(audits.id, sampleUnits.auditId))
    .where(and(eq(sampleUnits.id, sampleUnitId), eq(audits.slug, slug)));
  return row ?? null;
}

/**
 * Neighbours in review order: the previous and next unreviewed sampled units (wrapping is not
 * done), the plain previous/next units, and the first unreviewed unit overall.
 */
export async function getReviewNeighbours(db: Reader, { auditId, position }: { auditId: number; position: number }) {
  const { sampleUnits } = db.tables;
  const pick = async (cond: SQL, order: "asc" | "desc") => {
    const [row] = await db
      .select({ id: sampleUnits.id })
      .from(sampleUnits)
      .where(and(eq(sampleUnits.auditId, auditId), cond))
      .orderBy(order === "asc" ? asc(sampleUnits.position) : desc(sampleUnits.position))
      .limit(1);
    return row?.id ?? null;
  };
  const [previous, next, previousUnreviewed, nextUnreviewed, firstUnreviewed] = await Promise.all([
    pick(lt(sampleUnits.position, position), "desc"),
    pick(gt(sampleUnits.position, position), "asc"),
    pick(and(lt(sampleUnits.position, position), isNull(sampleUnits.finding))!, "desc"),
    pick(and(gt(sampleUnits.position, position), isNull(sampleUnits.finding))!, "asc"),
    pick(isNull(sampleUnits.finding), "asc"),
  ]);
  return { previous, next, previousUnreviewed, nextUnreviewed, firstUnreviewed };
}
