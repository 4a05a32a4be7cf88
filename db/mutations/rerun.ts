import "server-only";
import { eq, like, or, sql } from "drizzle-orm";
import { auditSlug, nextRunSlug } from "@/lib/audit-input";
import { auditStage } from "@/lib/audit-stage";
import { AppError } from "@/lib/server/errors";
import { isUniqueViolation } from "../errors";
import { appendEvent } from "../events";
import type { Db } from "../handle";
import { getAuditReport } from "../queries/report";
import { SETTINGS_FIELDS } from "./audits";
import { lockAudit } from "./lock";

/**
 * Starts a re-audit of a finished FAIL or INCONCLUSIVE audit (issue 11 "Across audits"): a new
 * audit linked by `rerunOf`, in the same project, with the same settings and the same population
 * (the `units` rows copied in SQL, INSERT … SELECT, positions kept, and the population_imports row
 * with the same file hash and population checksum), dated `today`, without a sample: the operator
 * records the identity stability pre-flight of the day and draws with a fresh seed.
 * Slug: `{project}-{today}`, or `-r2`, `-r3`, … when taken (lib/audit-input.ts nextRunSlug).
 * One transaction with `audit.created` and `audit.rerun_started` events on the new audit.
 * The source audit is locked, so two requests re-auditing it at once give one re-audit and one
 * conflict; an audit is re-audited at most once (the runs form a chain).
 * @param today calendar date YYYY-MM-DD (UTC).
 * @returns the new audit's id and slug.
 * @throws AppError not_found / conflict (archived, review not finished, verdict PASS or
 *   PASS_WITH_NOTES, no population, already re-audited, slug taken by a concurrent create).
 */
export async function startReaudit(db: Db, { auditId, actorId, today }: { auditId: number; actorId: number; today: string }): Promise<{ id: number; slug: string }> {
  try {
    return await db.transaction(async (tx) => {
      const { audits, units, populationImports } = tx.tables;
      const source = await lockAudit(tx, auditId); // an archived source is refused there
      const report = await getAuditReport(tx, { audit: source });
      if (auditStage(report).name !== "verdict") throw new AppError("conflict", "A re-audit starts from a finished audit: every sampled unit must be reviewed first.");
      const verdict = report.assessment.verdict;
      if (verdict !== "FAIL" && verdict !== "INCONCLUSIVE") throw new AppError("conflict", `Only a FAIL or INCONCLUSIVE audit is re-audited; this one is ${verdict}.`);
      const imported = report.populationImport;
      if (!imported) throw new AppError("conflict", "The audit has no population to re-audit.");
      const [existing] = await tx.select({ slug: audits.slug }).from(audits).where(eq(audits.rerunOf, source.id));
      if (existing) throw new AppError("conflict", `This audit was already re-audited as ${existing.slug}.`);

      const base = auditSlug(source.projectName, today);
      const taken = await tx.select({ slug: audits.slug }).from(audits).where(or(eq(audits.slug, base), like(audits.slug, `${base}-r%`)));
      const slug = nextRunSlug(base, taken.map((r) => r.slug));
      const settings = Object.fromEntries(SETTINGS_FIELDS.map((f) => [f, source[f]])) as Pick<typeof source, (typeof SETTINGS_FIELDS)[number]>;
      const [created] = await tx
        .insert(audits)
        .values({ ...settings, slug, projectName: source.projectName, auditDate: today, rerunOf: source.id, createdBy: actorId })
        .returning({ id: audits.id, slug: audits.slug });

      // INSERT … SELECT in the database: drizzle lists every column, so the new ids come from the
      // engine's own generator (SQLite: a NULL integer primary key; PostgreSQL: the identity's sequence).
      const newId = tx.engine === "pg" ? sql<number>`nextval(pg_get_serial_sequence('units', 'id'))` : sql<number>`null`;
      await tx.insert(units).select(
        tx
          .select({
            id: newId.as("id"),
            auditId: sql<number>`${created.id}`.as("audit_id"),
            position: units.position,
            unitKey: units.unitKey,
            executionStatus: units.executionStatus,
            subgroup: units.subgroup,
            identityKey: units.identityKey,
            record: units.record,
            claimDiffers: units.claimDiffers,
          })
          .from(units)
          .where(eq(units.auditId, source.id)),
      );
      const { fileName, format, sha256, byteSize, rowCount, failedCount, unknownCount, populationChecksum, columnMapping, highRiskSubgroups } = imported;
      await tx.insert(populationImports).values({ auditId: created.id, fileName, format, sha256, byteSize, rowCount, failedCount, unknownCount, populationChecksum, columnMapping, highRiskSubgroups, importedBy: actorId });

      await appendEvent(tx, { auditId: created.id, actorId, type: "audit.created", payload: { slug, riskTier: source.riskTier, consistencyModel: source.consistencyModel } });
      await appendEvent(tx, {
        auditId: created.id,
        actorId,
        type: "audit.rerun_started",
        payload: { rerunOf: source.id, rerunOfSlug: source.slug, slug, populationChecksum: imported.populationChecksum, units: imported.rowCount },
      });
      return created;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError("conflict", "Another audit took this slug at the same moment: try again.");
    throw e;
  }
}
