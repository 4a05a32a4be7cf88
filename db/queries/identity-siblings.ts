import "server-only";
import { and, asc, eq, ne } from "drizzle-orm";
import type { Reader } from "../handle";

/** At most this many siblings are listed on a review page (an identity cluster is small by nature). */
export const SIBLING_LIMIT = 50;

/**
 * The identity-collision siblings of a unit (issue 11, "Reviewing without mistakes"; seed 000
 * critical defect "wrong identity-collision sibling retained while target sibling changed"):
 * the other units of the same audit's population with the same `identity_key`, in population
 * order, each with its sampled-unit id and current finding when it is in the sample (else null:
 * not sampled). [] when the unit has no identity key. At most SIBLING_LIMIT rows; `more` says
 * whether there are further ones.
 */
export async function getIdentitySiblings(db: Reader, { auditId, unitId, identityKey }: { auditId: number; unitId: number; identityKey: string | null }) {
  if (identityKey === null || identityKey === "") return { siblings: [], more: false };
  const { sampleUnits, units } = db.tables;
  const rows = await db
    .select({
      unitId: units.id,
      unitKey: units.unitKey,
      executionStatus: units.executionStatus,
      sampleUnitId: sampleUnits.id,
      finding: sampleUnits.finding,
      criticalKind: sampleUnits.criticalKind,
    })
    .from(units)
    .leftJoin(sampleUnits, and(eq(sampleUnits.unitId, units.id), eq(sampleUnits.auditId, auditId)))
    .where(and(eq(units.auditId, auditId), eq(units.identityKey, identityKey), ne(units.id, unitId)))
    .orderBy(asc(units.position))
    .limit(SIBLING_LIMIT + 1);
  return { siblings: rows.slice(0, SIBLING_LIMIT), more: rows.length > SIBLING_LIMIT };
}
