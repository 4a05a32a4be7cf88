import "server-only";
import { and, asc, desc, eq, gt, inArray, isNotNull, isNull, lt, or, type SQL } from "drizzle-orm";
import { INCLUSION_REASONS, type InclusionReason } from "@/lib/sampling";
import type { Reader } from "../handle";

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

/**
 * A sampled unit with its population record, the name of its current review's reviewer
 * (`reviewerName`, null when unreviewed), inclusion reasons and review history (newest first, each
 * row with its `round`: primary, second or adjudication), or null.
 */
export async function getSampleUnit(db: Reader, { auditId, sampleUnitId }: { auditId: number; sampleUnitId: number }) {
  const { reviewHistory, sampleUnits, units, users } = db.tables;
  const [row] = await db
    .select({ su: sampleUnits, unit: units, reviewerName: users.name })
    .from(sampleUnits)
    .innerJoin(units, eq(units.id, sampleUnits.unitId))
    .leftJoin(users, eq(users.id, sampleUnits.reviewedBy))
    .where(and(eq(sampleUnits.auditId, auditId), eq(sampleUnits.id, sampleUnitId)));
  if (!row) return null;
  const [history, reasons] = await Promise.all([
    db
      .select({
        id: reviewHistory.id,
        round: reviewHistory.round,
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
 * Neighbours in review order (sample position). `previous`/`next`: the plain previous/next sampled
 * units. `previousUnreviewed`/`nextUnreviewed`/`firstUnreviewed`: within the queue, the unreviewed
 * units; with `reviewerId` the queue is that reviewer's (units assigned to them plus unassigned
 * ones: issue 11, "Queues and assignment", unassigned units stay reviewable by any reviewer),
 * without it every unit. No wrapping: null when there is none.
 * @param position 0-based sample position of the current unit (-1: before the first).
 */
export async function getReviewNeighbours(db: Reader, { auditId, position, reviewerId }: { auditId: number; position: number; reviewerId?: number }) {
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
  const queued = reviewerId === undefined ? isNull(sampleUnits.finding) : and(isNull(sampleUnits.finding), or(isNull(sampleUnits.assignedTo), eq(sampleUnits.assignedTo, reviewerId)))!;
  const [previous, next, previousUnreviewed, nextUnreviewed, firstUnreviewed] = await Promise.all([
    pick(lt(sampleUnits.position, position), "desc"),
    pick(gt(sampleUnits.position, position), "asc"),
    pick(and(lt(sampleUnits.position, position), queued)!, "desc"),
    pick(and(gt(sampleUnits.position, position), queued)!, "asc"),
    pick(queued, "asc"),
  ]);
  return { previous, next, previousUnreviewed, nextUnreviewed, firstUnreviewed };
}
