import "server-only";
import { and, asc, desc, eq, gt, inArray, isNotNull, isNull, lt, ne, or, type SQL } from "drizzle-orm";
import { isOpenDisagreement } from "@/lib/adjudication";
import { reviewerProgress } from "@/lib/assignment";
import { cohensKappa, confusionMatrix } from "@/lib/statistics/agreement";
import { holdsAny, rolesInProject } from "@/lib/project-access";
import { firstReviewHidden } from "@/lib/review-view";
import { parseRoles, type Role } from "@/lib/roles";
import { type Reader, readAll } from "../handle";

/*
 * What the team page of an audit shows (issue 11, "Queues and assignment", "Double review and
 * agreement"), each user's queue, and the review navigation through it.
 */

export const FINDINGS = ["PASS", "FAIL", "UNKNOWN"] as const;
export type Finding = (typeof FINDINGS)[number];

export type TeamMember = { id: number; name: string; email: string };

/**
 * The active users who hold the reviewer role in a project (everywhere or as a project member),
 * by name: who units can be assigned to.
 */
export async function listProjectReviewers(db: Reader, { projectName }: { projectName: string }): Promise<TeamMember[]> {
  const { users, projects, projectMembers } = db.tables;
  const [everyone, members] = await readAll(db, [
    () => db.select({ id: users.id, name: users.name, email: users.email, roles: users.roles }).from(users).where(isNull(users.deactivatedAt)).orderBy(asc(users.name), asc(users.id)),
    () =>
      db
        .select({ userId: projectMembers.userId, roles: projectMembers.roles })
        .from(projectMembers)
        .innerJoin(projects, eq(projects.id, projectMembers.projectId))
        .where(eq(projects.name, projectName)),
  ]);
  const byProject = new Map(members.map((m) => [m.userId, parseRoles(m.roles)]));
  const isReviewer = (u: (typeof everyone)[number]) =>
    holdsAny(rolesInProject({ everywhere: parseRoles(u.roles), byProject: { [projectName]: byProject.get(u.id) ?? ([] as Role[]) } }, projectName), ["reviewer"]);
  return everyone.filter(isReviewer).map(({ id, name, email }) => ({ id, name, email }));
}

/**
 * Who recorded the primary review of each unit (review_history round 'primary'), and the latest
 * primary finding (the first review in a double review, also after adjudication replaced the
 * current finding). Keyed by sample unit id; units without a primary review are absent.
 */
export async function getPrimaryReviews(db: Reader, { sampleUnitIds }: { sampleUnitIds: number[] }): Promise<Map<number, { reviewers: number[]; finding: Finding; reviewedBy: number }>> {
  const { reviewHistory } = db.tables;
  const out = new Map<number, { reviewers: number[]; finding: Finding; reviewedBy: number }>();
  for (let i = 0; i < sampleUnitIds.length; i += 500) {
    const rows = await db
      .select({ sampleUnitId: reviewHistory.sampleUnitId, finding: reviewHistory.finding, reviewedBy: reviewHistory.reviewedBy })
      .from(reviewHistory)
      .where(and(inArray(reviewHistory.sampleUnitId, sampleUnitIds.slice(i, i + 500)), eq(reviewHistory.round, "primary")))
      .orderBy(asc(reviewHistory.id));
    for (const r of rows) {
      const prev = out.get(r.sampleUnitId);
      const reviewers = prev ? (prev.reviewers.includes(r.reviewedBy) ? prev.reviewers : [...prev.reviewers, r.reviewedBy]) : [r.reviewedBy];
      out.set(r.sampleUnitId, { reviewers, finding: r.finding, reviewedBy: r.reviewedBy });
    }
  }
  return out;
}

/** A confusion matrix (rows: the first rater, columns: the second, in FINDINGS order) with its kappa (null: no pairs yet). */
export type Agreement = { matrix: number[][]; pairs: number; agreed: number; kappa: number | null };

function agreementOf(first: Finding[], second: Finding[]): Agreement {
  const matrix = confusionMatrix(first, second, FINDINGS);
  const agreed = first.filter((f, i) => f === second[i]).length;
  return { matrix, pairs: first.length, agreed, kappa: first.length === 0 ? null : cohensKappa(matrix) };
}

export type PairAgreement = Agreement & { a: TeamMember; b: TeamMember };

/**
 * Agreement of the audit's double reviews (units with both a primary and a second finding):
 * overall (rows: first review, columns: second review) and per pair of reviewers (rows: the
 * reviewer `a` with the lower id, columns: `b`, whichever of them reviewed first). The first
 * finding is the latest primary one, so adjudication does not rewrite the agreement.
 */
export async function getAgreement(db: Reader, { auditId }: { auditId: number }): Promise<{ overall: Agreement; pairs: PairAgreement[] }> {
  const { sampleUnits, users } = db.tables;
  const seconds = await db
    .select({ id: sampleUnits.id, secondFinding: sampleUnits.secondFinding, secondReviewedBy: sampleUnits.secondReviewedBy })
    .from(sampleUnits)
    .where(and(eq(sampleUnits.auditId, auditId), isNotNull(sampleUnits.secondFinding)))
    .orderBy(asc(sampleUnits.position));
  const primary = await getPrimaryReviews(db, { sampleUnitIds: seconds.map((s) => s.id) });
  const pairs = seconds.flatMap((s) => {
    const p = primary.get(s.id);
    return p && s.secondReviewedBy !== null ? [{ first: p.finding, second: s.secondFinding as Finding, firstBy: p.reviewedBy, secondBy: s.secondReviewedBy }] : [];
  });
  const ids = [...new Set(pairs.flatMap((p) => [p.firstBy, p.secondBy]))];
  const people = ids.length === 0 ? [] : await db.select({ id: users.id, name: users.name, email: users.email }).from(users).where(inArray(users.id, ids));
  const person = new Map(people.map((u) => [u.id, u]));
  const byPair = new Map<string, { a: number; b: number; first: Finding[]; second: Finding[] }>();
  for (const p of pairs) {
    const [a, b] = p.firstBy < p.secondBy ? [p.firstBy, p.secondBy] : [p.secondBy, p.firstBy];
    const entry = byPair.get(`${a}:${b}`) ?? { a, b, first: [], second: [] };
    entry.first.push(p.firstBy === a ? p.first : p.second);
    entry.second.push(p.firstBy === a ? p.second : p.first);
    byPair.set(`${a}:${b}`, entry);
  }
  return {
    overall: agreementOf(
      pairs.map((p) => p.first),
      pairs.map((p) => p.second),
    ),
    pairs: [...byPair.values()].sort((x, y) => x.a - y.a || x.b - y.b).map((e) => ({ ...agreementOf(e.first, e.second), a: person.get(e.a)!, b: person.get(e.b)! })),
  };
}

/**
 * The team page's view of an audit's sample: every sampled unit with its assignee and review
 * state, the reviewers of the project, progress per assignee, and the double-review queues.
 */
export async function getTeamOverview(db: Reader, { auditId, projectName }: { auditId: number; projectName: string }) {
  const { sampleUnits, units, users } = db.tables;
  const [rows, reviewers] = await Promise.all([
    db
      .select({
        id: sampleUnits.id,
        position: sampleUnits.position,
        stratum: sampleUnits.stratum,
        finding: sampleUnits.finding,
        reviewedBy: sampleUnits.reviewedBy,
        assignedTo: sampleUnits.assignedTo,
        secondReviewRequested: sampleUnits.secondReviewRequested,
        secondFinding: sampleUnits.secondFinding,
        secondReviewedBy: sampleUnits.secondReviewedBy,
        adjudicatedAt: sampleUnits.adjudicatedAt,
        unitKey: units.unitKey,
        subgroup: units.subgroup,
      })
      .from(sampleUnits)
      .innerJoin(units, eq(units.id, sampleUnits.unitId))
      .where(eq(sampleUnits.auditId, auditId))
      .orderBy(asc(sampleUnits.position)),
    listProjectReviewers(db, { projectName }),
  ]);
  // Assignees who are no longer reviewers of the project still show by name.
  const known = new Set(reviewers.map((r) => r.id));
  const others = [...new Set(rows.map((r) => r.assignedTo).filter((id): id is number => id !== null && !known.has(id)))];
  const formerReviewers = others.length === 0 ? [] : await db.select({ id: users.id, name: users.name, email: users.email }).from(users).where(inArray(users.id, others));
  const progress = reviewerProgress(rows.map((r) => ({ assignedTo: r.assignedTo, reviewed: r.finding !== null })));
  return {
    units: rows,
    reviewers,
    people: new Map([...reviewers, ...formerReviewers].map((u) => [u.id, u])),
    progress,
    secondReviews: {
      requested: rows.filter((r) => r.secondReviewRequested).length,
      done: rows.filter((r) => r.secondReviewRequested && r.secondFinding !== null).length,
      waiting: rows.filter((r) => r.secondReviewRequested && r.secondFinding === null && r.finding !== null),
    },
    disagreements: rows.filter(isOpenDisagreement),
  };
}

/**
 * A reviewer's queue (issue 11, "my queue"): units assigned to them and not reviewed yet, in
 * review order, in the audits they may review (`projects`: "all" or project names), excluding
 * closed and archived audits; grouped by audit, newest audit first.
 */
export async function getMyQueue(db: Reader, { userId, projects }: { userId: number; projects: "all" | readonly string[] }) {
  const { audits, sampleUnits, units } = db.tables;
  if (projects !== "all" && projects.length === 0) return [];
  const where: SQL[] = [eq(sampleUnits.assignedTo, userId), isNull(sampleUnits.finding), isNull(audits.closedAt), isNull(audits.archivedAt)];
  if (projects !== "all") where.push(inArray(audits.projectName, [...projects]));
  const rows = await db
    .select({ auditId: audits.id, slug: audits.slug, title: audits.title, sampleUnitId: sampleUnits.id, position: sampleUnits.position, unitKey: units.unitKey })
    .from(sampleUnits)
    .innerJoin(audits, eq(audits.id, sampleUnits.auditId))
    .innerJoin(units, eq(units.id, sampleUnits.unitId))
    .where(and(...where))
    .orderBy(desc(audits.id), asc(sampleUnits.position));
  const byAudit = new Map<number, { slug: string; title: string; units: { sampleUnitId: number; unitKey: string }[] }>();
  for (const r of rows) {
    const entry = byAudit.get(r.auditId) ?? { slug: r.slug, title: r.title, units: [] };
    entry.units.push({ sampleUnitId: r.sampleUnitId, unitKey: r.unitKey });
    byAudit.set(r.auditId, entry);
  }
  return [...byAudit.values()];
}

/**
 * Review navigation through one reviewer's queue in one audit (issue 11: "keyboard navigation
 * walks that queue"): the previous and next units in review order that are assigned to the user
 * and not reviewed yet, the first such unit, and how many remain. Unassigned units are in every
 * reviewer's walk when `includeUnassigned` (default true: they stay reviewable by anyone).
 * @param position the current unit's 0-based review position.
 */
export async function getQueueNeighbours(db: Reader, { auditId, userId, position, includeUnassigned = true }: { auditId: number; userId: number; position: number; includeUnassigned?: boolean }) {
  const { sampleUnits } = db.tables;
  const mine = includeUnassigned ? or(eq(sampleUnits.assignedTo, userId), isNull(sampleUnits.assignedTo))! : eq(sampleUnits.assignedTo, userId);
  const base = and(eq(sampleUnits.auditId, auditId), isNull(sampleUnits.finding), mine)!;
  const pick = async (cond: SQL | undefined, order: "asc" | "desc") => {
    const [row] = await db
      .select({ id: sampleUnits.id })
      .from(sampleUnits)
      .where(cond ? and(base, cond) : base)
      .orderBy(order === "asc" ? asc(sampleUnits.position) : desc(sampleUnits.position))
      .limit(1);
    return row?.id ?? null;
  };
  const [previous, next, first, remaining] = await Promise.all([
    pick(lt(sampleUnits.position, position), "desc"),
    pick(gt(sampleUnits.position, position), "asc"),
    pick(undefined, "asc"),
    db.select({ id: sampleUnits.id }).from(sampleUnits).where(base),
  ]);
  return { previous, next, first, remaining: remaining.length };
}

/**
 * The blind second reviews `userId` may do in an audit: requested, first review done, second not
 * yet, and the user is neither the unit's assignee nor its current reviewer (earlier primary
 * reviewers are refused on save, lib/double-review.ts). Only what a blind reviewer may see: id and key.
 */
export async function getSecondReviewQueue(db: Reader, { auditId, userId }: { auditId: number; userId: number }) {
  const { sampleUnits, units } = db.tables;
  return db
    .select({ sampleUnitId: sampleUnits.id, unitKey: units.unitKey, position: sampleUnits.position })
    .from(sampleUnits)
    .innerJoin(units, eq(units.id, sampleUnits.unitId))
    .where(
      and(
        eq(sampleUnits.auditId, auditId),
        eq(sampleUnits.secondReviewRequested, true),
        isNull(sampleUnits.secondFinding),
        isNotNull(sampleUnits.finding),
        ne(sampleUnits.reviewedBy, userId),
        or(isNull(sampleUnits.assignedTo), ne(sampleUnits.assignedTo, userId)),
      ),
    )
    .orderBy(asc(sampleUnits.position));
}

/**
 * One sampled unit as the blind second reviewer sees it: the imported record and what sampling
 * knows (stratum, execution status, subgroup), never the first finding, note, owner or reviewer.
 * Plus the fields the second-review rule needs (`rule`, not to be rendered). Null when not in the audit.
 */
export async function getBlindUnit(db: Reader, { auditId, sampleUnitId }: { auditId: number; sampleUnitId: number }) {
  const { sampleUnits, units } = db.tables;
  const [row] = await db
    .select({
      id: sampleUnits.id,
      position: sampleUnits.position,
      stratum: sampleUnits.stratum,
      unitKey: units.unitKey,
      executionStatus: units.executionStatus,
      subgroup: units.subgroup,
      identityKey: units.identityKey,
      record: units.record,
      finding: sampleUnits.finding,
      secondReviewRequested: sampleUnits.secondReviewRequested,
      secondFinding: sampleUnits.secondFinding,
      assignedTo: sampleUnits.assignedTo,
    })
    .from(sampleUnits)
    .innerJoin(units, eq(units.id, sampleUnits.unitId))
    .where(and(eq(sampleUnits.auditId, auditId), eq(sampleUnits.id, sampleUnitId)));
  if (!row) return null;
  const primary = await getPrimaryReviews(db, { sampleUnitIds: [row.id] });
  const { finding, secondReviewRequested, secondFinding, assignedTo, ...visible } = row;
  return { unit: visible, rule: { finding, secondReviewRequested, secondFinding, assignedTo, primaryReviewers: primary.get(row.id)?.reviewers ?? [] } };
}

/**
 * One unit of an adjudication: the record, both findings with who gave them and the notes of
 * the first and second review, and the state the adjudication rule needs. Null when not in the audit.
 */
export async function getAdjudicationCase(db: Reader, { auditId, sampleUnitId }: { auditId: number; sampleUnitId: number }) {
  const { sampleUnits, units, reviewHistory, users } = db.tables;
  const [row] = await db
    .select({ su: sampleUnits, unit: units })
    .from(sampleUnits)
    .innerJoin(units, eq(units.id, sampleUnits.unitId))
    .where(and(eq(sampleUnits.auditId, auditId), eq(sampleUnits.id, sampleUnitId)));
  if (!row) return null;
  const history = await db
    .select({
      id: reviewHistory.id,
      round: reviewHistory.round,
      finding: reviewHistory.finding,
      criticalKind: reviewHistory.criticalKind,
      remediationOwner: reviewHistory.remediationOwner,
      note: reviewHistory.note,
      reviewedBy: reviewHistory.reviewedBy,
      reviewer: users.name,
      createdAt: reviewHistory.createdAt,
    })
    .from(reviewHistory)
    .innerJoin(users, eq(users.id, reviewHistory.reviewedBy))
    .where(eq(reviewHistory.sampleUnitId, sampleUnitId))
    .orderBy(asc(reviewHistory.id));
  const first = history.filter((h) => h.round === "primary").at(-1) ?? null;
  const second = history.filter((h) => h.round === "second").at(-1) ?? null;
  const adjudication = history.filter((h) => h.round === "adjudication").at(-1) ?? null;
  const primaryReviewers = [...new Set(history.filter((h) => h.round === "primary").map((h) => h.reviewedBy))];
  return { su: row.su, unit: row.unit, first, second, adjudication, primaryReviewers };
}

/** Ids of the audit's open double-review disagreements (lib/adjudication.ts isOpenDisagreement), in review order: the adjudication queue. */
export async function getOpenDisagreementIds(db: Reader, { auditId }: { auditId: number }): Promise<number[]> {
  const { sampleUnits } = db.tables;
  const rows = await db
    .select({ id: sampleUnits.id })
    .from(sampleUnits)
    .where(and(eq(sampleUnits.auditId, auditId), isNotNull(sampleUnits.finding), isNotNull(sampleUnits.secondFinding), isNull(sampleUnits.adjudicatedAt), ne(sampleUnits.finding, sampleUnits.secondFinding)))
    .orderBy(asc(sampleUnits.position));
  return rows.map((r) => r.id);
}

/**
 * The audit's units awaiting a blind second review whose first review this viewer must not see
 * (lib/review-view.ts firstReviewHidden): their ids, to mask findings in the timeline (issue 11).
 */
export async function blindUnitIds(db: Reader, { auditId, viewer }: { auditId: number; viewer: { id: number; roles: readonly string[] } }): Promise<Set<number>> {
  const { sampleUnits } = db.tables;
  const rows = await db
    .select({ id: sampleUnits.id, secondReviewRequested: sampleUnits.secondReviewRequested, secondFinding: sampleUnits.secondFinding, reviewedBy: sampleUnits.reviewedBy, adjudicatedAt: sampleUnits.adjudicatedAt })
    .from(sampleUnits)
    .where(and(eq(sampleUnits.auditId, auditId), eq(sampleUnits.secondReviewRequested, true), isNull(sampleUnits.secondFinding)));
  return new Set(rows.filter((r) => firstReviewHidden(r, viewer)).map((r) => r.id));
}
