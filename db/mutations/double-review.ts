import "server-only";
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { adjudicationRefusal, isOpenDisagreement } from "@/lib/adjudication";
import { pickForSecondReview, secondReviewRefusal } from "@/lib/double-review";
import type { ReviewInput } from "@/lib/review-input";
import type { Role } from "@/lib/roles";
import { AppError } from "@/lib/server/errors";
import { remediationDueAt } from "@/lib/signoff/remediation";
import { appendEvent } from "../events";
import type { Db, Tx } from "../handle";
import { getPrimaryReviews } from "../queries/team";
import { lockAudit } from "./lock";

type Finding = "PASS" | "FAIL" | "UNKNOWN";
type Stratum = "census" | "random" | "supplementary";

/**
 * The sampled unit `sampleUnitId` of audit `auditId`, read after taking the audit's lock (so
 * what it says still holds at commit), with the audit.
 * @throws AppError not_found when the unit is not in that audit's sample; conflict when the audit is closed.
 */
async function lockedUnit(tx: Tx, auditId: number, sampleUnitId: number) {
  const audit = await lockAudit(tx, auditId);
  const { sampleUnits } = tx.tables;
  const [su] = await tx
    .select()
    .from(sampleUnits)
    .where(and(eq(sampleUnits.id, sampleUnitId), eq(sampleUnits.auditId, auditId)));
  if (!su) throw new AppError("not_found", "This unit is not in the audit's sample.");
  if (audit.closedAt) throw new AppError("conflict", "The audit is closed and read-only: reviews can no longer change.");
  return su;
}

/**
 * Requests blind second reviews (issue 11) on a fraction of the sample, or of chosen strata: the
 * units are picked by a hash seeded with the sample's seed (lib/double-review.ts
 * pickForSecondReview), so the pick is reproducible and a larger fraction extends a smaller one.
 * Units already requested stay requested; when every picked unit already is, nothing is written.
 * @param fraction 0 < fraction ≤ 1 (a fraction, not percent).
 * @param strata empty: all strata.
 * @returns the units newly requested and the units picked in all.
 * @throws AppError conflict when the audit is closed or has no sample; invalid when the chosen
 *   strata hold no sampled unit or the fraction is out of range.
 */
export async function requestSecondReviews(db: Db, { auditId, fraction, strata, actorId }: { auditId: number; fraction: number; strata: Stratum[]; actorId: number }): Promise<{ requested: number; picked: number }> {
  return db.transaction(async (tx) => {
    const audit = await lockAudit(tx, auditId);
    if (audit.closedAt) throw new AppError("conflict", "The audit is closed and read-only.");
    const { samples, sampleUnits } = tx.tables;
    const [sample] = await tx.select({ seed: samples.seed }).from(samples).where(eq(samples.auditId, auditId));
    if (!sample) throw new AppError("conflict", "No sample has been drawn: there is nothing to double-review yet.");
    const rows = await tx.select({ id: sampleUnits.id, stratum: sampleUnits.stratum, requested: sampleUnits.secondReviewRequested }).from(sampleUnits).where(eq(sampleUnits.auditId, auditId));
    if (!rows.some((r) => strata.length === 0 || strata.includes(r.stratum))) throw new AppError("invalid", `No sampled unit is in the chosen strata (${strata.join(", ")}).`);
    let picked: number[];
    try {
      picked = pickForSecondReview(rows, { fraction, strata, seed: sample.seed });
    } catch (e) {
      if (e instanceof RangeError) throw new AppError("invalid", "The share of units must be more than 0% and at most 100%.");
      throw e;
    }
    const already = new Set(rows.filter((r) => r.requested).map((r) => r.id));
    const fresh = picked.filter((id) => !already.has(id));
    if (fresh.length === 0) return { requested: 0, picked: picked.length };
    for (let i = 0; i < fresh.length; i += 500) await tx.update(sampleUnits).set({ secondReviewRequested: true }).where(inArray(sampleUnits.id, fresh.slice(i, i + 500)));
    await appendEvent(tx, { auditId, actorId, type: "second_review.requested", payload: { fraction, strata, requested: fresh.length, sampleUnitIds: fresh } });
    return { requested: fresh.length, picked: picked.length };
  });
}

/**
 * Saves the blind second review of one unit (issue 11): history row (round 'second'), the unit's
 * second finding, and `second_review.saved`, in one transaction. The primary review stays the
 * current review; when the findings differ the unit enters the adjudication queue.
 * Concurrency: the second finding is set only while none is set (conditional update), so of two
 * second reviews saved at once one is kept and the other is refused.
 * @returns whether the second finding agrees with the first.
 * @throws AppError not_found (unit not in the audit), conflict (audit closed, already
 *   second-reviewed, not requested, first review missing), forbidden (the user reviewed or is
 *   assigned the unit: lib/double-review.ts secondReviewRefusal).
 */
export async function saveSecondReview(
  db: Db,
  { auditId, sampleUnitId, finding, criticalKind, note, actorId }: { auditId: number; sampleUnitId: number; finding: Finding; criticalKind: string | null; note: string | null; actorId: number },
): Promise<{ agrees: boolean }> {
  return db.transaction(async (tx) => {
    const su = await lockedUnit(tx, auditId, sampleUnitId);
    const primary = (await getPrimaryReviews(tx, { sampleUnitIds: [su.id] })).get(su.id);
    const refusal = secondReviewRefusal({ ...su, primaryReviewers: primary?.reviewers ?? [] }, actorId);
    if (refusal) throw new AppError(refusal.includes("another reviewer") ? "forbidden" : "conflict", refusal);
    if (criticalKind && finding !== "FAIL") throw new AppError("invalid", "A critical defect needs a FAIL finding.");
    const { sampleUnits, reviewHistory } = tx.tables;
    const won = await tx
      .update(sampleUnits)
      .set({ secondFinding: finding, secondReviewedBy: actorId, secondReviewedAt: new Date() })
      .where(and(eq(sampleUnits.id, su.id), isNull(sampleUnits.secondFinding)))
      .returning({ id: sampleUnits.id });
    if (won.length === 0) throw new AppError("conflict", "This unit already has its second review.");
    await tx.insert(reviewHistory).values({ sampleUnitId: su.id, round: "second", finding, criticalKind, falsePositive: false, remediationOwner: null, note, reviewedBy: actorId });
    const agrees = su.finding === finding;
    await appendEvent(tx, { auditId, actorId, type: "second_review.saved", payload: { sampleUnitId: su.id, finding, note, agrees } });
    return { agrees };
  });
}

/**
 * Adjudicates an open double-review disagreement (issue 11): the decided finding becomes the
 * unit's current review (finding, critical kind, false positive, owner, note; remediation due
 * time as a primary save sets it; revision bumped, so a review page loaded before refuses to
 * overwrite it), with a history row (round 'adjudication'), adjudicatedBy/At, and
 * `review.adjudicated`, in one transaction. Only an operator or a third reviewer may adjudicate
 * (lib/adjudication.ts). Of two adjudications at once one is kept (conditional update on
 * `adjudicated_at IS NULL`), the other refused.
 * @param roles the actor's roles in the audit's project.
 * @throws AppError not_found, conflict (audit closed; no open disagreement, e.g. already
 *   adjudicated), forbidden (one of the two reviewers, or no operator/reviewer role).
 */
export async function adjudicate(
  db: Db,
  { auditId, review, actorId, roles }: { auditId: number; review: Omit<ReviewInput, "next">; actorId: number; roles: readonly Role[] },
): Promise<void> {
  await db.transaction(async (tx) => {
    const su = await lockedUnit(tx, auditId, review.sampleUnitId);
    if (!isOpenDisagreement(su)) throw new AppError("conflict", su.adjudicatedAt ? "This disagreement is already adjudicated." : "This unit has no open double-review disagreement.");
    const primary = (await getPrimaryReviews(tx, { sampleUnitIds: [su.id] })).get(su.id);
    const refusal = adjudicationRefusal({ primaryReviewers: primary?.reviewers ?? (su.reviewedBy ? [su.reviewedBy] : []), secondReviewer: su.secondReviewedBy }, actorId, roles);
    if (refusal) throw new AppError("forbidden", refusal);
    const now = new Date();
    const dueAt = review.finding !== "FAIL" ? null : su.finding === "FAIL" && su.remediationDueAt ? su.remediationDueAt : remediationDueAt(now, review.criticalKind ? "critical" : "standard");
    const values = { finding: review.finding, criticalKind: review.criticalKind, falsePositive: review.falsePositive, remediationOwner: review.remediationOwner, note: review.note };
    const { sampleUnits, reviewHistory } = tx.tables;
    const won = await tx
      .update(sampleUnits)
      .set({ ...values, remediationDueAt: dueAt, adjudicatedBy: actorId, adjudicatedAt: now, revision: sql`${sampleUnits.revision} + 1` })
      .where(and(eq(sampleUnits.id, su.id), isNull(sampleUnits.adjudicatedAt)))
      .returning({ id: sampleUnits.id });
    if (won.length === 0) throw new AppError("conflict", "This disagreement is already adjudicated.");
    await tx.insert(reviewHistory).values({ sampleUnitId: su.id, round: "adjudication", reviewedBy: actorId, ...values });
    await appendEvent(tx, {
      auditId,
      actorId,
      type: "review.adjudicated",
      payload: { sampleUnitId: su.id, firstFinding: su.finding as Finding, secondFinding: su.secondFinding as Finding, ...values },
    });
  });
}
