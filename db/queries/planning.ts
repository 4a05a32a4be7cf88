import "server-only";
import { and, count, eq, gt, isNotNull } from "drizzle-orm";
import type { Reader } from "../handle";

/** How many identity keys of the audit's population are shared by two or more units (identity-collision clusters). */
export async function countIdentityClusters(db: Reader, { auditId }: { auditId: number }): Promise<number> {
  const { units } = db.tables;
  const clusters = db
    .select({ key: units.identityKey })
    .from(units)
    .where(and(eq(units.auditId, auditId), isNotNull(units.identityKey)))
    .groupBy(units.identityKey)
    .having(gt(count(), 1))
    .as("clusters");
  const [row] = await db.select({ total: count() }).from(clusters);
  return row?.total ?? 0;
}
