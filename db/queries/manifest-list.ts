/**
 * The sample manifest's listing (issue 11, "Reviewing without mistakes"): one page of an audit's
 * sampled units, filtered, searched and sorted, with the columns the manifest shows. The query's
 * shape and its parsing from the URL are lib/manifest-query.ts.
 */
import "server-only";
import { and, asc, count, desc, eq, inArray, isNotNull, isNull, or, type SQL, sql, type SQLWrapper } from "drizzle-orm";
import type { ManifestFilter, ManifestSort, ManifestSortKey } from "@/lib/manifest-query";
import { type Reader, readAll } from "../handle";
import { getInclusionReasons } from "./manifest";

/** Record columns the manifest shows as the unit's name: the first present and non-empty wins. */
export const NAME_COLUMNS = ["name", "title", "label"] as const;

/** The unit's name from its JSON record (NAME_COLUMNS), or NULL. */
function nameExpression(db: Reader): SQL<string | null> {
  const { record } = db.tables.units;
  const field = (key: string) =>
    db.engine === "pg" ? sql`nullif((${record})::jsonb ->> ${sql.raw(`'${key}'`)}, '')` : sql`nullif(json_extract(${record}, ${sql.raw(`'$.${key}'`)}), '')`;
  return sql<string | null>`coalesce(${sql.join(NAME_COLUMNS.map(field), sql`, `)})`;
}

/**
 * A LIKE pattern matching `text` anywhere, `\` escaping the wildcards: `%`, `_` and `\` in the
 * search text are literal characters.
 */
export function containsPattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Case-insensitive substring match of `column` (NULL never matches). SQLite folds ASCII case only. */
function contains(column: SQLWrapper, text: string): SQL {
  return sql`lower(${column}) like ${containsPattern(text)} escape '\\'`;
}

/** Not in an open double-review disagreement (lib/adjudication.ts isOpenDisagreement): the verdict counts its finding. */
function settled(db: Reader): SQL {
  const { sampleUnits } = db.tables;
  return or(isNull(sampleUnits.secondFinding), eq(sampleUnits.secondFinding, sampleUnits.finding), isNotNull(sampleUnits.adjudicatedAt))!;
}

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
  if (f.search) {
    const s = f.search;
    c.push(or(contains(units.unitKey, s), contains(nameExpression(db), s), contains(units.identityKey, s), contains(sampleUnits.remediationOwner, s))!);
  }
  if (f.failedWithoutOwner) {
    c.push(eq(sampleUnits.finding, "FAIL"), or(isNull(sampleUnits.remediationOwner), eq(sql`trim(${sampleUnits.remediationOwner})`, ""))!, settled(db));
  }
  if (f.critical) c.push(eq(sampleUnits.finding, "FAIL"), isNotNull(sampleUnits.criticalKind), settled(db));
  if (f.claimDiffers) c.push(eq(units.claimDiffers, true));
  return c;
}

/**
 * ORDER BY for `sort`, the same on both engines, always ending with the sample position:
 * - position: review order;
 * - unitKey: by code point (PostgreSQL collation "C", SQLite's binary collation);
 * - finding: FAIL, UNKNOWN, PASS, then unreviewed (descending: the reverse);
 * - stratum: census, random, supplementary;
 * - reviewedAt: by review time (UTC), unreviewed units last in both directions.
 */
function orderBy(db: Reader, { key, dir }: ManifestSort): SQL[] {
  const { sampleUnits, units } = db.tables;
  const by = (e: SQL | typeof sampleUnits.position) => (dir === "asc" ? asc(e) : desc(e));
  const keys: Record<ManifestSortKey, () => SQL[]> = {
    position: () => [],
    unitKey: () => [by(db.engine === "pg" ? sql`${units.unitKey} collate "C"` : sql`${units.unitKey}`)],
    finding: () => [by(sql`case ${sampleUnits.finding} when 'FAIL' then 0 when 'UNKNOWN' then 1 when 'PASS' then 2 else 3 end`)],
    stratum: () => [by(sql`case ${sampleUnits.stratum} when 'census' then 0 when 'random' then 1 else 2 end`)],
    reviewedAt: () => [asc(sql`case when ${sampleUnits.reviewedAt} is null then 1 else 0 end`), by(sql`${sampleUnits.reviewedAt}`)],
  };
  return [...keys[key](), key === "position" ? by(sampleUnits.position) : asc(sampleUnits.position)];
}

/** One manifest row: the sampled unit, its population columns and its current review. */
export type ManifestRow = Awaited<ReturnType<typeof listManifest>>["rows"][number];

/**
 * One page of an audit's sample manifest: the sampled units matching every condition of `filter`
 * (lib/manifest-query.ts ManifestFilter), in `sort` order, with `total` the number matching.
 * Each row: sampled-unit id, 0-based position, stratum, finding (null: unreviewed), critical
 * kind, remediation owner, reviewedAt (Date, UTC; null: unreviewed), unit key, execution status,
 * subgroup, identity key, `name` (record name/title/label, NAME_COLUMNS; null when none),
 * claimDiffers, and inclusion reasons.
 * @param page 1-based; a page past the end has no rows (lib/pagination.ts fetchPageClamped).
 */
export async function listManifest(db: Reader, { auditId, filter, sort, page, pageSize }: { auditId: number; filter: ManifestFilter; sort: ManifestSort; page: number; pageSize: number }) {
  const { sampleUnits, units } = db.tables;
  const where = and(...filterConditions(db, auditId, filter));
  const [[{ total }], rows] = await readAll(db, [
    () => db.select({ total: count() }).from(sampleUnits).innerJoin(units, eq(units.id, sampleUnits.unitId)).where(where),
    () =>
      db
        .select({
          id: sampleUnits.id,
          position: sampleUnits.position,
          stratum: sampleUnits.stratum,
          finding: sampleUnits.finding,
          criticalKind: sampleUnits.criticalKind,
          remediationOwner: sampleUnits.remediationOwner,
          reviewedAt: sampleUnits.reviewedAt,
          unitKey: units.unitKey,
          executionStatus: units.executionStatus,
          subgroup: units.subgroup,
          identityKey: units.identityKey,
          name: nameExpression(db),
          claimDiffers: units.claimDiffers,
          reviewedBy: sampleUnits.reviewedBy,
          secondReviewRequested: sampleUnits.secondReviewRequested,
          secondFinding: sampleUnits.secondFinding,
          adjudicatedAt: sampleUnits.adjudicatedAt,
        })
        .from(sampleUnits)
        .innerJoin(units, eq(units.id, sampleUnits.unitId))
        .where(where)
        .orderBy(...orderBy(db, sort))
        .limit(pageSize)
        .offset((page - 1) * pageSize),
  ]);
  const reasons = await getInclusionReasons(db, { sampleUnitIds: rows.map((r) => r.id) });
  return { rows: rows.map((r) => ({ ...r, name: r.name === null ? null : String(r.name), reasons: reasons.get(r.id) ?? [] })), total };
}
