import "server-only";
import { and, asc, count, desc, eq, inArray, isNull, lt, max } from "drizzle-orm";
import { defectRateUpperBound } from "@/lib/estimation";
import { parseRoles } from "@/lib/roles";
import { breakGlassState, pairWarning, type CountersignSlot } from "@/lib/signoff/break-glass";
import { closeoutRefusals, effectiveGateState } from "@/lib/signoff/closeout";
import { signatureStatus, signOffRequestStatus } from "@/lib/signoff/sign-off";
import { recordedWaiverStatus } from "@/lib/signoff/waiver";
import { canonicalSnapshotJson, snapshotHash, type VerdictSnapshot } from "@/lib/signoff/snapshot";
import { twoPersonCleared } from "@/lib/signoff/two-person";
import type { GateState } from "@/lib/verdict";
import { type Reader, readAll } from "../handle";
import type { Audit } from "../schema";
import { type AuditReport, getAuditReport } from "./report";

/**
 * The verdict snapshot of an audit as it stands (lib/signoff/snapshot.ts): the recomputed
 * verdict, gate, reasons and metrics, and every sampled unit's latest review revision.
 * Pass a transaction to read it inside a write.
 */
export async function getVerdictSnapshot(db: Reader, { audit }: { audit: Audit }): Promise<{ snapshot: VerdictSnapshot; hash: string; json: string; report: AuditReport }> {
  const { reviewHistory, sampleUnits } = db.tables;
  const [report, revisions] = await readAll(db, [
    () => getAuditReport(db, { audit }),
    () => db
      .select({ sampleUnitId: sampleUnits.id, revision: max(reviewHistory.id) })
      .from(sampleUnits)
      .leftJoin(reviewHistory, eq(reviewHistory.sampleUnitId, sampleUnits.id))
      .where(eq(sampleUnits.auditId, audit.id))
      .groupBy(sampleUnits.id),
  ]);
  const { summary, assessment } = report;
  const snapshot: VerdictSnapshot = {
    auditSlug: audit.slug,
    verdict: assessment.verdict,
    gateState: assessment.gateState,
    reasons: assessment.reasons,
    metrics: {
      populationSize: report.sample?.populationSize ?? report.populationImport?.rowCount ?? 0,
      sampled: summary?.sampled ?? 0,
      reviewed: summary?.reviewed ?? 0,
      defectRate: assessment.defectRate,
      unknownRate: assessment.unknownRate,
      upperBound: summary ? defectRateUpperBound(summary) : null,
    },
    reviews: revisions.map((r) => ({ sampleUnitId: r.sampleUnitId, revision: r.revision ?? null })),
  };
  return { snapshot, hash: snapshotHash(snapshot), json: canonicalSnapshotJson(snapshot), report };
}

/** Users who saved any review of the audit's sample (for separation of duties). */
export async function getReviewerIds(db: Reader, { auditId }: { auditId: number }): Promise<number[]> {
  const { reviewHistory, sampleUnits } = db.tables;
  const rows = await db
    .selectDistinct({ id: reviewHistory.reviewedBy })
    .from(reviewHistory)
    .innerJoin(sampleUnits, eq(sampleUnits.id, reviewHistory.sampleUnitId))
    .where(eq(sampleUnits.auditId, auditId));
  return rows.map((r) => r.id);
}

/** Security-role users with their availability (null `since`: never changed, i.e. since the account was created). */
export async function listSecurityAvailability(db: Reader) {
  const { users } = db.tables;
  const rows = await db.select({ id: users.id, name: users.name, email: users.email, roles: users.roles, available: users.available, changedAt: users.availabilityChangedAt, createdAt: users.createdAt }).from(users).orderBy(asc(users.name));
  return rows.filter((u) => parseRoles(u.roles).includes("security")).map((u) => ({ id: u.id, name: u.name, email: u.email, available: u.available, since: u.changedAt ?? u.createdAt }));
}

export type SignOffState = Awaited<ReturnType<typeof getSignOffState>>;

/**
 * Everything the sign-off chain shows and decides for one audit: the current snapshot and its
 * hash, each signature with its status, sign-off requests, the break-glass request and its
 * countersignatures, the destructive-remediation clearance, the effective gate and why closeout
 * is refused (empty when allowed). Recomputed on every call (nothing cached).
 * @param now UTC instant used for deadlines and overdue flags.
 */
export async function getSignOffState(db: Reader, { audit, now }: { audit: Audit; now: Date }) {
  const { signOffs, signOffRequests, users, breakGlassRequests, breakGlassSignatures, waivers, twoPersonApprovals, sampleUnits } = db.tables;
  const [current, signatures, requests, [breakGlass], waiverRows, approvals, destructiveUnits] = await readAll(db, [
    () => getVerdictSnapshot(db, { audit }),
    () => db
      .select({ id: signOffs.id, signerId: signOffs.signerId, signer: users.name, snapshotHash: signOffs.snapshotHash, statement: signOffs.statement, createdAt: signOffs.createdAt, revokedAt: signOffs.revokedAt, revokeReason: signOffs.revokeReason })
      .from(signOffs)
      .innerJoin(users, eq(users.id, signOffs.signerId))
      .where(eq(signOffs.auditId, audit.id))
      .orderBy(asc(signOffs.id)),
    () => db.select().from(signOffRequests).where(eq(signOffRequests.auditId, audit.id)).orderBy(desc(signOffRequests.id)),
    () => db.select().from(breakGlassRequests).where(eq(breakGlassRequests.auditId, audit.id)),
    () => db.select().from(waivers).where(eq(waivers.auditId, audit.id)).orderBy(asc(waivers.id)),
    () => db
      .select({ id: twoPersonApprovals.id, userId: twoPersonApprovals.approverId, name: users.name, roles: users.roles, statement: twoPersonApprovals.statement, degraded: twoPersonApprovals.degraded, createdAt: twoPersonApprovals.createdAt })
      .from(twoPersonApprovals)
      .innerJoin(users, eq(users.id, twoPersonApprovals.approverId))
      .where(eq(twoPersonApprovals.auditId, audit.id))
      .orderBy(asc(twoPersonApprovals.id)),
    () => db.select({ id: sampleUnits.id }).from(sampleUnits).where(and(eq(sampleUnits.auditId, audit.id), eq(sampleUnits.remediationDestructive, true), eq(sampleUnits.finding, "FAIL"))),
  ]);
  const signed = signatures.map((s) => ({ ...s, status: signatureStatus(s, current.hash) }));
  const validSignOffs = signed.filter((s) => s.status === "valid").length;

  const countersigns = breakGlass
    ? await db
        .select({ id: breakGlassSignatures.id, signerId: breakGlassSignatures.signerId, signer: users.name, roles: users.roles, slot: breakGlassSignatures.slot, statement: breakGlassSignatures.statement, createdAt: breakGlassSignatures.createdAt })
        .from(breakGlassSignatures)
        .innerJoin(users, eq(users.id, breakGlassSignatures.signerId))
        .where(eq(breakGlassSignatures.requestId, breakGlass.id))
        .orderBy(asc(breakGlassSignatures.id))
    : [];
  const bgState = breakGlass ? breakGlassState({ allowedAtRequest: breakGlass.allowed, signatures: countersigns.length, singleSignerDeclared: breakGlass.singleSignerDeclaredAt !== null }) : null;
  const exceptionGranted = bgState === "granted";

  const recordedWaivers = waiverRows.map((w) => ({ ...w, expiresAt: w.record.expires_at, status: recordedWaiverStatus({ revokedAt: w.revokedAt, expiresAt: w.record.expires_at }, now) }));
  const destructiveCleared = recordedWaivers.some((w) => w.status === "valid") || twoPersonCleared(approvals.map((a) => ({ userId: a.userId, roles: parseRoles(a.roles) })));
  const baseGate = current.report.assessment.gateState;
  const gateState: GateState = effectiveGateState(baseGate, exceptionGranted);
  const refusals = closeoutRefusals({
    baseGate,
    validSignOffs,
    exceptionGranted,
    destructiveRemediation: destructiveUnits.length > 0,
    destructiveCleared,
    alreadyClosed: audit.closedAt !== null,
    verdictReasons: current.report.assessment.reasons,
  });
  return {
    ...current,
    gateState,
    signatures: signed,
    validSignOffs,
    requests: requests.map((r) => ({ ...r, status: signOffRequestStatus({ deadline: r.deadline, fulfilledAt: signed.find((s) => s.status === "valid" && s.createdAt >= r.createdAt && (r.approverId === null || s.signerId === r.approverId))?.createdAt ?? null }, now) })),
    breakGlass: breakGlass
      ? {
          request: breakGlass,
          state: bgState!,
          signatures: countersigns.map((c) => ({ ...c, roles: parseRoles(c.roles), slot: c.slot as CountersignSlot })),
          pairWarning: pairWarning(countersigns.map((c) => ({ slot: c.slot as CountersignSlot, roles: parseRoles(c.roles) }))),
          retrospectiveOverdue: breakGlass.retrospectiveDue !== null && now.toISOString().slice(0, 10) > breakGlass.retrospectiveDue,
        }
      : null,
    destructive: { required: destructiveUnits.length > 0, units: destructiveUnits.map((u) => u.id), waivers: recordedWaivers, approvals, cleared: destructiveCleared },
    closeoutRefusals: refusals,
  };
}

/**
 * Failed units of an audit with their remediation owner and due time (for the overview and the
 * overdue flags).
 */
export async function listRemediation(db: Reader, { auditId }: { auditId: number }) {
  const { sampleUnits, units } = db.tables;
  return db
    .select({ id: sampleUnits.id, unitKey: units.unitKey, criticalKind: sampleUnits.criticalKind, owner: sampleUnits.remediationOwner, dueAt: sampleUnits.remediationDueAt, destructive: sampleUnits.remediationDestructive })
    .from(sampleUnits)
    .innerJoin(units, eq(units.id, sampleUnits.unitId))
    .where(and(eq(sampleUnits.auditId, auditId), eq(sampleUnits.finding, "FAIL")))
    .orderBy(asc(sampleUnits.position));
}

/** Number of overdue remediations (FAIL units past their due time) per audit id, for the given audits. */
export async function countOverdueRemediation(db: Reader, { auditIds, now }: { auditIds: number[]; now: Date }): Promise<Map<number, number>> {
  const { sampleUnits } = db.tables;
  if (auditIds.length === 0) return new Map();
  const rows = await db
    .select({ auditId: sampleUnits.auditId, n: count() })
    .from(sampleUnits)
    .where(and(inArray(sampleUnits.auditId, auditIds), eq(sampleUnits.finding, "FAIL"), lt(sampleUnits.remediationDueAt, now)))
    .groupBy(sampleUnits.auditId);
  return new Map(rows.map((r) => [r.auditId, r.n]));
}

/**
 * An approver's "waiting for me" queue: open audits (not closed, sample drawn) whose verdict
 * needs a sign-off that has no valid signature yet, with any request addressed to this approver
 * or to any approver (and its deadline state), and break-glass requests awaiting countersignature.
 * Scans the newest `limit` open audits of `projects` (the projects where the user approves, or "all").
 */
export async function listApprovalQueue(db: Reader, { approverId, now, projects, limit = 100 }: { approverId: number; now: Date; projects: "all" | readonly string[]; limit?: number }) {
  const { audits, samples } = db.tables;
  if (projects !== "all" && projects.length === 0) return [];
  const open = await db
    .select({ audit: audits })
    .from(audits)
    .innerJoin(samples, eq(samples.auditId, audits.id))
    .where(and(isNull(audits.closedAt), projects === "all" ? undefined : inArray(audits.projectName, [...projects])))
    .orderBy(desc(audits.id))
    .limit(limit);
  const items = [];
  for (const { audit } of open) {
    const state = await getSignOffState(db, { audit, now });
    const requests = state.requests.filter((r) => r.status !== "fulfilled" && (r.approverId === null || r.approverId === approverId));
    const needsSignOff = state.snapshot.gateState === "CONDITIONAL_PASS" && state.validSignOffs === 0;
    const breakGlassWaiting = state.breakGlass?.state === "awaiting_countersign";
    if (!needsSignOff && requests.length === 0 && !breakGlassWaiting) continue;
    items.push({ audit, gateState: state.gateState, verdict: state.snapshot.verdict, needsSignOff, requests, breakGlassWaiting, signedByMe: state.signatures.some((s) => s.signerId === approverId && s.status === "valid") });
  }
  return items;
}
