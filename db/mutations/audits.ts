import { eq } from "drizzle-orm";
import { stabilityPasses } from "@/lib/assessment";
import type { CreateAuditInput } from "@/lib/audit-input";
import { AppError } from "@/lib/server/errors";
import type { Db } from "../client";
import { appendEvent } from "../events";
import { audits } from "../schema";

/**
 * Creates an audit and its `audit.created` event in one transaction.
 * An eventual-consistency audit is created blocked (its verdict shows CONSISTENCY_MODEL_VIOLATION).
 * @throws AppError conflict when the slug is taken.
 */
export function createAudit(db: Db, input: CreateAuditInput, actorId: number): { id: number; slug: string } {
  return db.transaction((tx) => {
    if (tx.select({ id: audits.id }).from(audits).where(eq(audits.slug, input.slug)).get()) {
      throw new AppError("conflict", `An audit with slug "${input.slug}" already exists: change the project name or date.`);
    }
    const row = tx
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
        createdBy: actorId,
      })
      .returning({ id: audits.id, slug: audits.slug })
      .get();
    appendEvent(tx, { auditId: row.id, actorId, type: "audit.created", payload: { slug: row.slug, riskTier: input.riskTier, consistencyModel: input.consistencyModel } });
    return row;
  });
}

/**
 * Records the identity stability pre-flight's actual result (seed 000 "Entity Identity Stability
 * Check"). A result different from the expected one keeps the audit blocked.
 * @returns whether the recorded result passes.
 */
export function recordStabilityResult(db: Db, auditId: number, actualResult: string, actorId: number): { passed: boolean } {
  return db.transaction((tx) => {
    const audit = tx.select().from(audits).where(eq(audits.id, auditId)).get();
    if (!audit) throw new AppError("not_found", "Audit not found.");
    if (audit.consistencyModel === "eventual") throw new AppError("conflict", "This audit is blocked by its consistency model; a stability result cannot unblock it.");
    const passed = stabilityPasses(audit.sotExpectedResult, actualResult);
    tx.update(audits).set({ stabilityActualResult: actualResult, stabilityCheckedAt: new Date() }).where(eq(audits.id, auditId)).run();
    appendEvent(tx, { auditId, actorId, type: "audit.stability_recorded", payload: { passed } });
    return { passed };
  });
}
