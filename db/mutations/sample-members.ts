import "server-only";
import type { SampleMember } from "@/lib/sampling";
import type { Engine } from "../schema";
import type { Tx } from "../handle";

/** Sampled units per INSERT … SELECT (two statements a batch, the event loop yielded between batches). */
const BATCH = 5_000;

/**
 * The database looks up each member's unit id by its population position and writes the
 * sample_units rows (review position = batch start + index in the batch) and their reasons.
 * Parameters: audit id, batch start, [unit position, stratum] pairs; audit id, [review position, reason] pairs.
 */
const UNITS_SQL: Record<Engine, string> = {
  sqlite:
    "INSERT INTO sample_units (audit_id, unit_id, position, stratum) SELECT ?, u.id, ? + m.key, m.value ->> '$[1]' " +
    "FROM json_each(?) AS m CROSS JOIN units AS u ON u.audit_id = ? AND u.position = m.value ->> '$[0]' RETURNING id",
  pg:
    "INSERT INTO sample_units (audit_id, unit_id, position, stratum) SELECT $1, u.id, $2 + m.ord - 1, m.stratum " +
    "FROM unnest($3::int[], $4::text[]) WITH ORDINALITY AS m(unit_position, stratum, ord) JOIN units AS u ON u.audit_id = $1 AND u.position = m.unit_position RETURNING id",
};
const REASONS_SQL: Record<Engine, string> = {
  sqlite:
    "INSERT INTO sample_unit_reasons (sample_unit_id, reason) SELECT s.id, r.value ->> '$[1]' " +
    "FROM json_each(?) AS r CROSS JOIN sample_units AS s ON s.audit_id = ? AND s.position = r.value ->> '$[0]' RETURNING sample_unit_id",
  pg:
    "INSERT INTO sample_unit_reasons (sample_unit_id, reason) SELECT s.id, r.reason " +
    "FROM unnest($1::int[], $2::text[]) AS r(position, reason) JOIN sample_units AS s ON s.audit_id = $3 AND s.position = r.position RETURNING sample_unit_id",
};

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

/**
 * Writes a drawn sample's units and inclusion reasons (sample_units in review order, position
 * 0…n−1, and sample_unit_reasons), inside the caller's transaction. Issue 10 "Big populations":
 * a census of tens of thousands of units is written with a few INSERT … SELECT statements that
 * resolve unit ids in the database, not row objects built one by one (drizzle's builders took
 * ~50 µs a row on the main thread).
 * @param members lib/sampling.ts `SampleDraw.members`, in review order (`index` = population position).
 * @throws Error when a member's unit is not in the audit's population (nothing of the transaction is then committed).
 */
export async function insertSampleMembers(tx: Tx, auditId: number, members: readonly SampleMember[]): Promise<void> {
  const run = (sql: string, params: unknown[]) => tx.rawRows({ toSQL: () => ({ sql, params }) });
  for (let start = 0; start < members.length; start += BATCH) {
    const batch = members.slice(start, start + BATCH);
    const units =
      tx.engine === "sqlite"
        ? await run(UNITS_SQL.sqlite, [auditId, start, JSON.stringify(batch.map((m) => [m.index, m.stratum])), auditId])
        : await run(UNITS_SQL.pg, [auditId, start, batch.map((m) => m.index), batch.map((m) => m.stratum)]);
    if (units.length !== batch.length) throw new Error(`sample units: ${batch.length - units.length} of the drawn positions are not in audit ${auditId}'s population`);
    const reasons = batch.flatMap((m, i) => m.reasons.map((reason) => [start + i, reason] as const));
    const written =
      tx.engine === "sqlite"
        ? await run(REASONS_SQL.sqlite, [JSON.stringify(reasons), auditId])
        : await run(REASONS_SQL.pg, [reasons.map((r) => r[0]), reasons.map((r) => r[1]), auditId]);
    if (written.length !== reasons.length) throw new Error("sample unit reasons: some were not written");
    await nextTurn();
  }
}
