import "server-only";
import { and, eq, isNotNull, isNull } from "drizzle-orm";
import { twoPersonRefusal } from "@/lib/signoff/two-person";
import { verifyWaiver } from "@/lib/signoff/waiver";
import { AppError } from "@/lib/server/errors";
import { isUniqueViolation } from "../errors";
import { appendEvent } from "../events";
import type { Db } from "../handle";
import { lockAudit } from "./lock";

/**
 * Sets a failed unit's remediation due time and whether the remediation is destructive or
 * irreversible (which adds a closeout clearance, seed 000 "Destructive Mutation Clearance").
 * @param dueAt UTC instant, or null to clear it.
 * @throws AppError not_found (not a FAIL unit of this audit) / conflict (audit closed).
 */
export async function updateRemediation(db: Db, args: { auditId: number; sampleUnitId: number; dueAt: Date | null; destructive: boolean; actorId: number }): Promise<void> {
  await db.transaction(async (tx) => {
    const { sampleUnits } = tx.tables;
    const audit = await lockAudit(tx, args.auditId);
    if (audit.closedAt) throw new AppError("conflict", "The audit is closed and read-only.");
    const updated = await tx
      .update(sampleUnits)
      .set({ remediationDueAt: args.dueAt, remediationDestructive: args.destructive })
      .where(and(eq(sampleUnits.id, args.sampleUnitId), eq(sampleUnits.auditId, args.auditId), eq(sampleUnits.finding, "FAIL")))
      .returning({ id: sampleUnits.id });
    if (updated.length === 0) throw new AppError("not_found", "Only a unit reviewed FAIL in this audit has a remediation.");
    await appendEvent(tx, { auditId: args.auditId, actorId: args.actorId, type: "remediation.updated", payload: { sampleUnitId: args.sampleUnitId, dueAt: args.dueAt?.toISOString() ?? null, destructive: args.destructive } });
  });
}

/**
 * Verifies an HMAC-SHA256 waiver (lib/signoff/waiver.ts) for this audit and records it, with its
 * event, in one transaction. Nothing is written when verification fails.
 * @param keys waiver keys by key id (settings WAIVER_KEYS).
 * @throws AppError invalid with the verification failure's message; conflict (waiver id already used, audit closed).
 */
export async function recordWaiver(db: Db, args: { auditId: number; record: unknown; signature: string; keys: Record<string, string>; actorId: number; now?: Date }): Promise<string> {
  try {
    return await db.transaction(async (tx) => {
      const { waivers } = tx.tables;
      const audit = await lockAudit(tx, args.auditId);
      if (audit.closedAt) throw new AppError("conflict", "The audit is closed.");
      const revoked = await tx.select({ waiverId: waivers.waiverId }).from(waivers).where(isNotNull(waivers.revokedAt));
      const check = verifyWaiver({ record: args.record, signature: args.signature }, { keys: args.keys, auditSlug: audit.slug, now: args.now ?? new Date(), revokedWaiverIds: revoked.map((w) => w.waiverId) });
      if (!check.ok) throw new AppError("invalid", check.message);
      const r = check.record;
      await tx.insert(waivers).values({ auditId: audit.id, waiverId: r.waiver_id, record: r, signature: args.signature.trim().toLowerCase(), keyId: r.key_id, recordedBy: args.actorId });
      await appendEvent(tx, { auditId: audit.id, actorId: args.actorId, type: "waiver.recorded", payload: { waiverId: r.waiver_id, keyId: r.key_id, scope: r.scope, expiresAt: r.expires_at } });
      return r.waiver_id;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError("conflict", "A waiver with this waiver_id is already recorded.");
    throw e;
  }
}

/**
 * Revokes a recorded waiver, with a reason (operator or security): it no longer clears the
 * audit's destructive remediation, and the same waiver_id is refused if presented again.
 * @throws AppError not_found (no unrevoked waiver with that id on this audit) / conflict (audit closed).
 */
export async function revokeWaiver(db: Db, args: { auditId: number; waiverId: string; reason: string; actorId: number }): Promise<void> {
  await db.transaction(async (tx) => {
    const { waivers } = tx.tables;
    const audit = await lockAudit(tx, args.auditId);
    if (audit.closedAt) throw new AppError("conflict", "The audit is closed and read-only.");
    const updated = await tx
      .update(waivers)
      .set({ revokedAt: new Date() })
      .where(and(eq(waivers.auditId, audit.id), eq(waivers.waiverId, args.waiverId), isNull(waivers.revokedAt)))
      .returning({ id: waivers.id });
    if (updated.length === 0) throw new AppError("not_found", `No unrevoked waiver ${args.waiverId} on this audit.`);
    await appendEvent(tx, { auditId: audit.id, actorId: args.actorId, type: "waiver.revoked", payload: { waiverId: args.waiverId, reason: args.reason } });
  });
}

/**
 * One approval of the two-person path for a destructive remediation (security or approver role;
 * two distinct people needed). `degraded` records that no waiver key was configured.
 * @throws AppError forbidden / conflict (already approved, closed).
 */
export async function approveDestructive(db: Db, args: { auditId: number; approverId: number; approverRoles: string[]; statement: string; degraded: boolean }): Promise<void> {
  try {
    await db.transaction(async (tx) => {
      const { twoPersonApprovals } = tx.tables;
      const audit = await lockAudit(tx, args.auditId);
      if (audit.closedAt) throw new AppError("conflict", "The audit is closed.");
      const existing = await tx.select({ userId: twoPersonApprovals.approverId }).from(twoPersonApprovals).where(eq(twoPersonApprovals.auditId, audit.id));
      const refusal = twoPersonRefusal(args.approverId, args.approverRoles, existing);
      if (refusal) throw new AppError(refusal.code === "NOT_AUTHORIZED" ? "forbidden" : "conflict", refusal.message);
      const [row] = await tx.insert(twoPersonApprovals).values({ auditId: audit.id, approverId: args.approverId, statement: args.statement, degraded: args.degraded }).returning({ id: twoPersonApprovals.id });
      await appendEvent(tx, { auditId: audit.id, actorId: args.approverId, type: "two_person.approved", payload: { approvalId: row.id, degraded: args.degraded } });
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError("conflict", "You have already approved; a second, different person must approve.");
    throw e;
  }
}
