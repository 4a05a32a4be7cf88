import "server-only";
import { eq } from "drizzle-orm";
import { stabilityPasses } from "@/lib/assessment";
import type { AuditSettingsInput, CreateAuditInput } from "@/lib/audit-input";
import { AppError } from "@/lib/server/errors";
import { isUniqueViolation } from "../errors";
import { appendEvent } from "../events";
import type { Db } from "../handle";
import { lockAudit } from "./lock";
import { ensureProject } from "./projects";

/**
 * Creates an audit and its `audit.created` event in one transaction, and its project when it is
 * the project's first audit (who may start a project is the caller's check: lib/server/project-auth.ts).
 * An eventual-consistency audit is created blocked (its verdict shows CONSISTENCY_MODEL_VIOLATION).
 * The slug's uniqueness is the database's unique constraint, so two requests creating the same
 * slug at once give one audit and one conflict.
 * @throws AppError conflict when the slug is taken.
 */
export async function createAudit(db: Db, { input, actorId }: { input: CreateAuditInput; actorId: number }): Promise<{ id: number; slug: string }> {
  try {
    return await db.transaction(async (tx) => {
      const { audits } = tx.tables;
      await ensureProject(tx, { name: input.projectName, actorId });
      const [row] = await tx
        .insert(audits)
        .values({
          slug: input.slug,
          projectName: input.projectName,
          auditDate: input.auditDate,
          title: input.title,
          changeDescription: input.changeDescription,
          riskTier: input.riskTier,
          triggerReasons: input.triggerReasons,
          triggerContractVersion: input.triggerContractVersion,
          bulkMutationThreshold: input.bulkMutationThreshold,
          duplicateClusterCap: input.duplicateClusterCap,
          sotQuery: input.sotQuery,
          sotStabilityQuery: input.sotStabilityQuery,
          sotExpectedResult: input.sotExpectedResult,
          consistencyModel: input.consistencyModel,
          stalenessBoundSeconds: input.stalenessBoundSeconds,
          confidencePercent: input.confidencePercent,
          decisionBasis: input.decisionBasis,
          createdBy: actorId,
        })
        .returning({ id: audits.id, slug: audits.slug });
      await appendEvent(tx, { auditId: row.id, actorId, type: "audit.created", payload: { slug: row.slug, riskTier: input.riskTier, consistencyModel: input.consistencyModel } });
      return row;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError("conflict", `An audit with slug "${input.slug}" already exists: change the project name or date.`);
    throw e;
  }
}

/**
 * Records the identity stability pre-flight's actual result (seed 000 "Entity Identity Stability
 * Check"). A result different from the expected one keeps the audit blocked; every attempt is
 * kept in the event log.
 * @returns whether the recorded result passes.
 * @throws AppError not_found / conflict (eventual consistency).
 */
export async function recordStabilityResult(db: Db, { auditId, actualResult, actorId }: { auditId: number; actualResult: string; actorId: number }): Promise<{ passed: boolean }> {
  return db.transaction(async (tx) => {
    const { audits } = tx.tables;
    const audit = await lockAudit(tx, auditId);
    if (audit.consistencyModel === "eventual") throw new AppError("conflict", "This audit is blocked by its consistency model; a stability result cannot unblock it.");
    const passed = stabilityPasses(audit.sotExpectedResult, actualResult);
    await tx.update(audits).set({ stabilityActualResult: actualResult, stabilityCheckedAt: new Date() }).where(eq(audits.id, auditId));
    await appendEvent(tx, { auditId, actorId, type: "audit.stability_recorded", payload: { passed, actualResult } });
    return { passed };
  });
}

/**
 * Sets the audit's confidence (whole percent) and decision basis (issue 9), only until the sample
 * is drawn: choosing the basis after seeing findings would let the result pick the rule.
 * @throws AppError not_found / conflict (a sample exists, or the audit is closed).
 */
export async function updateDecisionSettings(db: Db, args: { auditId: number; confidencePercent: 90 | 95 | 99; decisionBasis: "point_estimate" | "upper_bound"; actorId: number }): Promise<void> {
  await db.transaction(async (tx) => {
    const { audits, samples } = tx.tables;
    const audit = await lockAudit(tx, args.auditId);
    if (audit.closedAt) throw new AppError("conflict", "The audit is closed and read-only.");
    const [sample] = await tx.select({ id: samples.auditId }).from(samples).where(eq(samples.auditId, audit.id));
    if (sample) throw new AppError("conflict", "The sample is drawn: the confidence and decision basis are fixed now, so findings cannot choose the rule.");
    await tx.update(audits).set({ confidencePercent: args.confidencePercent, decisionBasis: args.decisionBasis }).where(eq(audits.id, audit.id));
    await appendEvent(tx, { auditId: audit.id, actorId: args.actorId, type: "audit.decision_settings_changed", payload: { confidencePercent: args.confidencePercent, decisionBasis: args.decisionBasis } });
  });
}

/** The audit columns the settings form edits (and a re-audit copies, db/mutations/rerun.ts) (lib/audit-input.ts auditSettingsSchema). */
export const SETTINGS_FIELDS = [
  "title",
  "changeDescription",
  "riskTier",
  "triggerReasons",
  "triggerContractVersion",
  "bulkMutationThreshold",
  "duplicateClusterCap",
  "sotQuery",
  "sotStabilityQuery",
  "sotExpectedResult",
  "consistencyModel",
  "stalenessBoundSeconds",
  "confidencePercent",
  "decisionBasis",
] as const satisfies readonly (keyof AuditSettingsInput)[];

/**
 * Edits an audit's settings (the create form's fields but project and date, which make the slug)
 * until the sample is drawn (issue 11 "Across audits"): after the draw the tier, placeholders and
 * decision rule are fixed, so findings cannot choose them. One transaction with an
 * `audit.settings_changed` event listing each changed field with its old and new value; nothing
 * is written (no event either) when nothing changed.
 * @returns the names of the changed fields (empty when none).
 * @throws AppError not_found / conflict (a sample exists, or the audit is closed or archived).
 */
export async function updateAuditSettings(db: Db, { auditId, input, actorId }: { auditId: number; input: AuditSettingsInput; actorId: number }): Promise<{ changed: string[] }> {
  return db.transaction(async (tx) => {
    const { audits, samples } = tx.tables;
    const audit = await lockAudit(tx, auditId);
    if (audit.closedAt) throw new AppError("conflict", "The audit is closed and read-only.");
    const [sample] = await tx.select({ id: samples.auditId }).from(samples).where(eq(samples.auditId, audit.id));
    if (sample) throw new AppError("conflict", "The sample is drawn: the audit's settings are fixed now, so findings cannot choose them.");
    const changed: Record<string, { from: unknown; to: unknown }> = {};
    for (const field of SETTINGS_FIELDS) {
      if (JSON.stringify(audit[field]) !== JSON.stringify(input[field])) changed[field] = { from: audit[field], to: input[field] };
    }
    if (Object.keys(changed).length === 0) return { changed: [] };
    const values = Object.fromEntries(SETTINGS_FIELDS.map((f) => [f, input[f]]));
    await tx.update(audits).set(values).where(eq(audits.id, audit.id));
    await appendEvent(tx, { auditId: audit.id, actorId, type: "audit.settings_changed", payload: { changed } });
    return { changed: Object.keys(changed) };
  });
}

/**
 * Archives an audit (hidden from the default audit list, kept whole and read-only) or restores it
 * (issue 11 "Across audits"). One transaction with an `audit.archived` / `audit.restored` event.
 * @throws AppError not_found / conflict (already archived, or not archived).
 */
export async function setAuditArchived(db: Db, { auditId, archived, actorId }: { auditId: number; archived: boolean; actorId: number }): Promise<void> {
  await db.transaction(async (tx) => {
    const { audits } = tx.tables;
    const audit = await lockAudit(tx, auditId, { archived: "allow" });
    if (archived && audit.archivedAt) throw new AppError("conflict", "The audit is already archived.");
    if (!archived && !audit.archivedAt) throw new AppError("conflict", "The audit is not archived.");
    await tx.update(audits).set({ archivedAt: archived ? new Date() : null }).where(eq(audits.id, audit.id));
    await appendEvent(tx, { auditId: audit.id, actorId, type: archived ? "audit.archived" : "audit.restored", payload: { slug: audit.slug } });
  });
}
