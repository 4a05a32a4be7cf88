import "server-only";
import { asc, eq } from "drizzle-orm";
import { parseRoles } from "@/lib/roles";
import { breakGlassAllowed, countersignRefusals, type CountersignSlot, retrospectiveDueDate, securityUnavailableSince } from "@/lib/signoff/break-glass";
import { AppError } from "@/lib/server/errors";
import { isUniqueViolation } from "../errors";
import { appendEvent } from "../events";
import type { Db } from "../handle";
import { listSecurityAvailability } from "../queries/signoff";
import { lockAudit } from "./lock";
import { type HeadSigner, storeSignedHead } from "./signoff";

/**
 * Records whether a security-role user can be reached, and since when (seed 000 "Break-Glass
 * Escalation": "@security agent availability status"). The user sets their own; an admin may
 * record it for them (someone unreachable cannot click a button), with a past `since`. Every
 * change is an event naming who recorded it.
 * @param since UTC instant, not in the future; default now.
 * @throws AppError forbidden (not self or admin; target not security) / invalid (future time) / not_found.
 */
export async function setAvailability(db: Db, args: { userId: number; available: boolean; actorId: number; actorIsAdmin: boolean; since?: Date }): Promise<void> {
  const since = args.since ?? new Date();
  if (since.getTime() > Date.now() + 60_000) throw new AppError("invalid", "The time availability changed cannot be in the future.");
  if (args.userId !== args.actorId && !args.actorIsAdmin) throw new AppError("forbidden", "Only the user themselves or an admin records availability.");
  await db.transaction(async (tx) => {
    const { users } = tx.tables;
    const [user] = await tx.select({ roles: users.roles }).from(users).where(eq(users.id, args.userId));
    if (!user) throw new AppError("not_found", "User not found.");
    if (!parseRoles(user.roles).includes("security")) throw new AppError("forbidden", "Only security-role users have an availability.");
    await tx.update(users).set({ available: args.available, availabilityChangedAt: since }).where(eq(users.id, args.userId));
    await appendEvent(tx, { auditId: null, actorId: args.actorId, type: "security.availability_changed", payload: { userId: args.userId, available: args.available, since: since.toISOString() } });
  });
}

export type EmergencyContacts = { data_team_lead: string; compliance_officer: string; cto_escalation: string };

/**
 * Opens a break-glass request for an audit whose gate is blocked (seed 000 "Break-Glass
 * Escalation"): allowed only when the impact is critical and every security user has been
 * unavailable for more than 4 hours, checked now against the recorded availability. Needs a
 * business justification and the emergency contacts. One request per audit.
 * @throws AppError conflict (not allowed now, with the reason; one exists; closed) / not_found.
 */
export async function requestBreakGlass(db: Db, args: { auditId: number; requestedBy: number; impact: string; justification: string; contacts: EmergencyContacts; now?: Date }): Promise<number> {
  const now = args.now ?? new Date();
  try {
    return await db.transaction(async (tx) => {
      const { breakGlassRequests } = tx.tables;
      const audit = await lockAudit(tx, args.auditId);
      if (audit.closedAt) throw new AppError("conflict", "The audit is closed.");
      const security = await listSecurityAvailability(tx);
      const since = securityUnavailableSince(security);
      if (since === null) {
        const reachable = security.filter((u) => u.available).map((u) => u.name);
        throw new AppError("conflict", `Break-glass is not allowed: security is available (${reachable.join(", ")}). Ask them to approve instead.`);
      }
      if (!breakGlassAllowed({ impact: args.impact, securityUnavailableSince: since, now })) {
        throw new AppError(
          "conflict",
          args.impact !== "critical"
            ? "Break-glass is allowed only for a critical impact."
            : `Break-glass is allowed only after security has been unavailable for more than 4 hours (unavailable since ${since.toISOString()}).`,
        );
      }
      const [row] = await tx
        .insert(breakGlassRequests)
        .values({ auditId: audit.id, requestedBy: args.requestedBy, impact: args.impact, justification: args.justification, contacts: args.contacts, allowed: true, securityUnavailableSince: since })
        .returning({ id: breakGlassRequests.id });
      await appendEvent(tx, { auditId: audit.id, actorId: args.requestedBy, type: "break_glass.requested", payload: { requestId: row.id, impact: args.impact, justification: args.justification, securityUnavailableSince: since.toISOString() } });
      return row.id;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError("conflict", "This audit already has a break-glass request.");
    throw e;
  }
}

/**
 * One of the two independent countersignatures (the caller re-authenticated the signer). With
 * the second, the exception is granted: the gate becomes EXCEPTION, the retrospective security
 * audit is due 5 business days later, and the chain head is signed. Slots and signers are unique
 * per request in the database too, so two signers racing for one slot give one signature.
 * @throws AppError conflict / forbidden with the refusal's reasons (lib/signoff/break-glass.ts).
 */
export async function countersignBreakGlass(
  db: Db,
  args: { auditId: number; signerId: number; signerRoles: string[]; slot: CountersignSlot; statement: string; headSigner: HeadSigner; now?: Date },
): Promise<{ granted: boolean }> {
  const now = args.now ?? new Date();
  try {
    return await db.transaction(async (tx) => {
      const { breakGlassRequests, breakGlassSignatures } = tx.tables;
      const audit = await lockAudit(tx, args.auditId);
      if (audit.closedAt) throw new AppError("conflict", "The audit is closed.");
      const [request] = await tx.select().from(breakGlassRequests).where(eq(breakGlassRequests.auditId, audit.id));
      if (!request) throw new AppError("not_found", "This audit has no break-glass request.");
      if (request.grantedAt) throw new AppError("conflict", "The exception is already granted.");
      const existing = await tx.select({ signerId: breakGlassSignatures.signerId, slot: breakGlassSignatures.slot }).from(breakGlassSignatures).where(eq(breakGlassSignatures.requestId, request.id)).orderBy(asc(breakGlassSignatures.id));
      const reasons = countersignRefusals({ requesterId: request.requestedBy, signerId: args.signerId, signerRoles: args.signerRoles, slot: args.slot, existing });
      if (reasons.length > 0) throw new AppError(reasons.some((r) => r.code === "NOT_AUTHORIZED") ? "forbidden" : "conflict", reasons.map((r) => r.message).join(" "));
      await tx.insert(breakGlassSignatures).values({ requestId: request.id, signerId: args.signerId, slot: args.slot, statement: args.statement });
      await appendEvent(tx, { auditId: audit.id, actorId: args.signerId, type: "break_glass.countersigned", payload: { requestId: request.id, slot: args.slot, statement: args.statement } });
      if (existing.length + 1 < 2) return { granted: false };
      const retrospectiveDue = retrospectiveDueDate(now.toISOString());
      await tx.update(breakGlassRequests).set({ grantedAt: now, retrospectiveDue }).where(eq(breakGlassRequests.id, request.id));
      const grantHead = await appendEvent(tx, { auditId: audit.id, actorId: args.signerId, type: "break_glass.granted", payload: { requestId: request.id, retrospectiveDue } });
      await storeSignedHead(tx, args.headSigner, grantHead, "break_glass");
      return { granted: true };
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError("conflict", "That slot was just signed, or you have already countersigned.");
    throw e;
  }
}

/**
 * Records that only one signer can be found (seed 000: "If only one signer available: document
 * exception and escalate to CTO"): the attempt is kept, the CTO escalation contact is shown, and
 * the gate stays BLOCKED.
 * @throws AppError not_found / conflict (already granted or declared).
 */
export async function declareSingleSigner(db: Db, args: { auditId: number; actorId: number }): Promise<void> {
  await db.transaction(async (tx) => {
    const { breakGlassRequests } = tx.tables;
    const audit = await lockAudit(tx, args.auditId);
    const [request] = await tx.select().from(breakGlassRequests).where(eq(breakGlassRequests.auditId, audit.id));
    if (!request) throw new AppError("not_found", "This audit has no break-glass request.");
    if (request.grantedAt || request.singleSignerDeclaredAt) throw new AppError("conflict", request.grantedAt ? "The exception is already granted." : "The escalation is already recorded.");
    await tx.update(breakGlassRequests).set({ singleSignerDeclaredAt: new Date() }).where(eq(breakGlassRequests.id, request.id));
    await appendEvent(tx, { auditId: audit.id, actorId: args.actorId, type: "break_glass.single_signer_declared", payload: { requestId: request.id, ctoEscalation: request.contacts.cto_escalation } });
  });
}
