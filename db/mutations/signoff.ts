import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import type { SignedHeadClaim } from "@/lib/signed-head";
import { signOffRefusals } from "@/lib/signoff/sign-off";
import { AppError } from "@/lib/server/errors";
import type { Reason } from "@/lib/verdict";
import { isUniqueViolation } from "../errors";
import { appendEvent } from "../events";
import type { Db, Tx } from "../handle";
import { getReviewerIds, getSignOffState, getVerdictSnapshot } from "../queries/signoff";
import { lockAudit } from "./lock";

/** Signs an event-log head with the Ed25519 key held outside the database (lib/server/signing-key.ts). */
export type HeadSigner = { keyId: string; sign(claim: SignedHeadClaim): string };

/**
 * Stores a signed head for the entry just appended (`head`), inside the same transaction: a later
 * rewrite of the history up to this entry is then detectable with the public key.
 */
export async function storeSignedHead(tx: Tx, signer: HeadSigner, head: { id: number; hash: string }, reason: SignedHeadClaim["reason"]): Promise<void> {
  const claim: SignedHeadClaim = { eventId: head.id, headHash: head.hash, reason, signedAt: new Date().toISOString() };
  await tx.insert(tx.tables.signedHeads).values({ eventId: claim.eventId, headHash: claim.headHash, reason, signedAt: claim.signedAt, signature: signer.sign(claim), keyId: signer.keyId });
}

const refusal = (reasons: Reason[]) => new AppError(reasons.some((r) => r.code === "NOT_APPROVER") ? "forbidden" : "conflict", reasons.map((r) => r.message).join(" "));

/**
 * An approver signs the audit's current verdict snapshot (seed 000 "Closure Gating"). Inside one
 * transaction under the audit's lock: the snapshot is recomputed and must still have the hash the
 * approver was shown (`seenHash`), the sign-off rules are checked (lib/signoff/sign-off.ts), the
 * signature with the canonical snapshot JSON is stored, the event appended and the chain head
 * signed. The caller has re-authenticated the signer (step-up).
 * @throws AppError conflict (snapshot changed, already signed, closed, self-approval) / forbidden (not an approver).
 */
export async function signOff(
  db: Db,
  args: { auditId: number; signerId: number; signerRoles: string[]; statement: string; seenHash: string; separationOfDuties: boolean; headSigner: HeadSigner },
): Promise<{ signOffId: number; snapshotHash: string }> {
  try {
    return await db.transaction(async (tx) => {
      const { signOffs } = tx.tables;
      const audit = await lockAudit(tx, args.auditId);
      const { hash, json } = await getVerdictSnapshot(tx, { audit });
      if (hash !== args.seenHash) throw new AppError("conflict", "The verdict snapshot changed since you opened it (a review or the sample changed): read the new snapshot and sign again.");
      const existing = await tx.select({ signerId: signOffs.signerId, snapshotHash: signOffs.snapshotHash, revokedAt: signOffs.revokedAt }).from(signOffs).where(eq(signOffs.auditId, audit.id));
      const reasons = signOffRefusals({
        signerId: args.signerId,
        signerRoles: args.signerRoles,
        auditCreatorId: audit.createdBy,
        reviewerIds: await getReviewerIds(tx, { auditId: audit.id }),
        separationOfDuties: args.separationOfDuties,
        existing,
        snapshotHash: hash,
        auditClosed: audit.closedAt !== null,
      });
      if (reasons.length > 0) throw refusal(reasons);
      const [row] = await tx.insert(signOffs).values({ auditId: audit.id, signerId: args.signerId, snapshotHash: hash, snapshot: json, statement: args.statement }).returning({ id: signOffs.id });
      const head = await appendEvent(tx, { auditId: audit.id, actorId: args.signerId, type: "signoff.signed", payload: { signOffId: row.id, snapshotHash: hash, statement: args.statement } });
      await storeSignedHead(tx, args.headSigner, head, "sign_off");
      return { signOffId: row.id, snapshotHash: hash };
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError("conflict", "You have already signed this exact snapshot.");
    throw e;
  }
}

/**
 * The signer revokes their own signature, with a reason; it no longer satisfies the gate.
 * @throws AppError not_found when it is not the signer's, not this audit's, or already revoked.
 */
export async function revokeSignOff(db: Db, args: { auditId: number; signOffId: number; signerId: number; reason: string }): Promise<void> {
  await db.transaction(async (tx) => {
    const { signOffs } = tx.tables;
    const audit = await lockAudit(tx, args.auditId);
    if (audit.closedAt) throw new AppError("conflict", "The audit is closed; its signatures are final.");
    const updated = await tx
      .update(signOffs)
      .set({ revokedAt: new Date(), revokeReason: args.reason })
      .where(and(eq(signOffs.id, args.signOffId), eq(signOffs.auditId, args.auditId), eq(signOffs.signerId, args.signerId), isNull(signOffs.revokedAt)))
      .returning({ id: signOffs.id });
    if (updated.length === 0) throw new AppError("not_found", "No active signature of yours with that id on this audit.");
    await appendEvent(tx, { auditId: args.auditId, actorId: args.signerId, type: "signoff.revoked", payload: { signOffId: args.signOffId, reason: args.reason } });
  });
}

/**
 * An operator asks for a sign-off: from one approver (or any approver when `approverId` is null),
 * optionally by a deadline (UTC instant; expired once passed).
 * @throws AppError not_found / conflict (closed) / invalid (the user named is not an approver).
 */
export async function requestSignOff(db: Db, args: { auditId: number; requestedBy: number; approverId: number | null; deadline: Date | null }): Promise<number> {
  return db.transaction(async (tx) => {
    const { signOffRequests, users } = tx.tables;
    const audit = await lockAudit(tx, args.auditId);
    if (audit.closedAt) throw new AppError("conflict", "The audit is closed.");
    if (args.approverId !== null) {
      const [approver] = await tx.select({ roles: users.roles }).from(users).where(eq(users.id, args.approverId));
      if (!approver || !approver.roles.split(",").includes("approver")) throw new AppError("invalid", "The user asked to sign is not an approver.");
    }
    const [row] = await tx.insert(signOffRequests).values({ auditId: audit.id, requestedBy: args.requestedBy, approverId: args.approverId, deadline: args.deadline }).returning({ id: signOffRequests.id });
    await appendEvent(tx, { auditId: audit.id, actorId: args.requestedBy, type: "signoff.requested", payload: { requestId: row.id, approverId: args.approverId, deadline: args.deadline?.toISOString() ?? null } });
    return row.id;
  });
}

/**
 * Closes an audit when closeout is allowed (lib/signoff/closeout.ts, fail closed), recomputing
 * everything it depends on inside the transaction under the audit's lock; signs the chain head.
 * A closed audit is read-only.
 * @returns `{ closed: true }`, or `{ closed: false, reasons }` with nothing written.
 */
export async function closeAudit(db: Db, args: { auditId: number; actorId: number; headSigner: HeadSigner }): Promise<{ closed: true } | { closed: false; reasons: Reason[] }> {
  return db.transaction(async (tx) => {
    const { audits } = tx.tables;
    const audit = await lockAudit(tx, args.auditId);
    const state = await getSignOffState(tx, { audit, now: new Date() });
    if (state.closeoutRefusals.length > 0) return { closed: false, reasons: state.closeoutRefusals };
    await tx.update(audits).set({ closedAt: new Date(), closedBy: args.actorId }).where(eq(audits.id, audit.id));
    const head = await appendEvent(tx, { auditId: audit.id, actorId: args.actorId, type: "audit.closed", payload: { gateState: state.gateState, verdict: state.snapshot.verdict, snapshotHash: state.hash } });
    await storeSignedHead(tx, args.headSigner, head, "closeout");
    return { closed: true };
  });
}

/** Throws when the audit is closed (read-only); call inside a write's transaction after `lockAudit`. */
export function assertOpen(audit: { closedAt: Date | null }): void {
  if (audit.closedAt) throw new AppError("conflict", "The audit is closed and read-only.");
}
