import "server-only";
import { createHash } from "node:crypto";
import { and, eq, max } from "drizzle-orm";
import { evaluateQualityScore } from "@/lib/profiles/quality-score";
import { renderExpansionApproval } from "@/lib/profiles/reports";
import { expansionApprovalFileName, expansionDecision } from "@/lib/profiles/rollout";
import { scorecardPoints } from "@/lib/profiles/scorecard";
import { AppError } from "@/lib/server/errors";
import { isUniqueViolation } from "../errors";
import { appendEvent } from "../events";
import type { Db, Tx } from "../handle";
import { getRolloutOverview, listExpansionVotes, QUALITY_SCORE_FILE_PREFIX, type RolloutOverview } from "../queries/profile-rollout";
import type { ProfileAudit } from "../schema";
import { lockProfileAudit } from "./profile-audits";

/**
 * Writes of the rollout expansion gate (issue 13, seed 004). Each is one transaction with its
 * event, under the audit's lock (`profile-rollout:<id>`), so parallel requests see each other's
 * writes (two expansions cannot both pass the gate; two votes by one person cannot both land).
 * A closed audit is read-only. Times are UTC instants; `now` is injectable for tests.
 */

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");
const pct = (p: number) => `${p}%`;

/** Locks the audit (lockProfileAudit), reads it and its rollout state. @throws AppError not_found (no such rollout audit), conflict (closed or archived). */
async function openRollout(tx: Tx, profileAuditId: number, now: Date): Promise<{ audit: ProfileAudit; overview: RolloutOverview }> {
  const audit = await lockProfileAudit(tx, profileAuditId, { profile: "rollout" });
  return { audit, overview: await getRolloutOverview(tx, audit, now) };
}

/** @throws AppError invalid when `at` is after `now` (with a minute of clock skew allowed) or invalid. */
function checkNotFuture(field: string, at: Date, now: Date): void {
  if (Number.isNaN(at.getTime())) throw new AppError("invalid", `${field}: not a valid date and time.`);
  if (at.getTime() > now.getTime() + 60_000) throw new AppError("invalid", `${field}: cannot be in the future.`);
}

/** @throws AppError invalid unless `target` is a configured stage above the current one. */
function checkUpcomingStage(overview: RolloutOverview, target: number): void {
  if (!overview.settings.rollout.stages.some((s) => s.percentage === target)) throw new AppError("invalid", `targetPercentage: ${pct(target)} is not a stage of this rollout.`);
  if (target <= overview.position.current) throw new AppError("conflict", `targetPercentage: the rollout is already at ${pct(overview.position.current)}.`);
}

async function nextVersion(tx: Tx, profileAuditId: number, kind: "approval" | "report"): Promise<number> {
  const docs = tx.tables.profileDocuments;
  const [{ top }] = await tx.select({ top: max(docs.version) }).from(docs).where(and(eq(docs.profileAuditId, profileAuditId), eq(docs.kind, kind)));
  return (top ?? 0) + 1;
}

/**
 * Records that the rollout's FIRST stage (10 % by default) was reached at `at` (≤ now): the start
 * of the rollout, which has no gate before it. Later stages are reached only through
 * `expandRollout`, which checks the gate (seed 004 IMPROVEMENT 2: "feature_flag_update: Blocked
 * until approval exists").
 * @throws AppError invalid (not the first stage, future time), conflict (already started, closed), not_found.
 */
export async function recordRolloutStart(db: Db, args: { profileAuditId: number; percentage: number; at: Date; note: string | null; actorId: number; now?: Date }): Promise<void> {
  const now = args.now ?? new Date();
  checkNotFuture("at", args.at, now);
  await db.transaction(async (tx) => {
    const { audit, overview } = await openRollout(tx, args.profileAuditId, now);
    const first = overview.settings.rollout.stages[0].percentage;
    if (overview.position.reachedCurrentAt !== null) throw new AppError("conflict", `The rollout already started (${pct(overview.position.current)} reached); use "Expand to" for the next stage.`);
    if (args.percentage !== first) throw new AppError("invalid", `percentage: only the first stage (${pct(first)}) is recorded directly; later stages are reached through the expansion gate.`);
    await tx.insert(tx.tables.rolloutEvents).values({ profileAuditId: audit.id, kind: "stage_reached", name: String(first), at: args.at, recordedBy: args.actorId, note: args.note });
    await appendEvent(tx, { auditId: null, actorId: args.actorId, type: "rollout.stage_reached", payload: { profileAuditId: audit.id, percentage: first, at: args.at.toISOString(), via: "start", note: args.note } });
  });
}

/**
 * Records a required checkpoint as complete at `at` (≤ now, not before the rollout started, nor
 * before its hour: config checkpointHours after the start), with an optional note (seed 004 §7.2
 * required_checkpoints, §1.1 the hour-48 checkpoint skipped 33 h early). Once per checkpoint.
 * @throws AppError invalid (unknown checkpoint, future time, before the start), conflict (not
 *   started, already complete, closed), not_found.
 */
export async function recordCheckpoint(db: Db, args: { profileAuditId: number; checkpoint: string; at: Date; note: string | null; actorId: number; now?: Date }): Promise<void> {
  const now = args.now ?? new Date();
  checkNotFuture("at", args.at, now);
  await db.transaction(async (tx) => {
    const { audit, overview } = await openRollout(tx, args.profileAuditId, now);
    const cp = overview.checkpoints.find((c) => c.name === args.checkpoint);
    if (!cp) throw new AppError("invalid", `checkpoint: "${args.checkpoint}" is not a checkpoint of this rollout.`);
    const started = overview.position.stages[0].reachedAt;
    if (!started) throw new AppError("conflict", "checkpoint: the rollout has not started; record the first stage first.");
    if (args.at < started) throw new AppError("invalid", `at: a checkpoint cannot be completed before the rollout started (${started.toISOString()}).`);
    const dueHours = overview.settings.rollout.checkpointHours[cp.name];
    if (dueHours !== undefined && args.at.getTime() < started.getTime() + dueHours * 3_600_000) {
      const due = new Date(started.getTime() + dueHours * 3_600_000);
      throw new AppError("invalid", `at: "${cp.name}" is due ${dueHours} h after the rollout started, at ${due.toISOString()}; it cannot be complete before then (seed 004: a checkpoint is not skipped or taken early).`);
    }
    if (cp.completedAt) throw new AppError("conflict", `checkpoint: "${cp.name}" was already completed at ${cp.completedAt.toISOString()}.`);
    try {
      await tx.insert(tx.tables.rolloutEvents).values({ profileAuditId: audit.id, kind: "checkpoint_completed", name: cp.name, at: args.at, recordedBy: args.actorId, note: args.note });
    } catch (e) {
      if (isUniqueViolation(e)) throw new AppError("conflict", `checkpoint: "${cp.name}" was already completed.`);
      throw e;
    }
    await appendEvent(tx, { auditId: null, actorId: args.actorId, type: "rollout.checkpoint_completed", payload: { profileAuditId: audit.id, checkpoint: cp.name, at: args.at.toISOString(), note: args.note } });
  });
}

export type ExpandResult = { ok: true; percentage: number } | { ok: false; reasons: string[] };

/**
 * Expands the rollout to `targetPercentage` (the next stage) now, when its gate allows it
 * (lib/profiles/rollout-state.ts rolloutVerdict: canExpandRollout's checkpoints, soak time and
 * approval, plus the expansion readiness scorecard; GO or GO_WITH_MONITORING). Refused → the
 * reasons, and nothing is written.
 * @throws AppError invalid (not the next stage), conflict (not started, already there, closed), not_found.
 */
export async function expandRollout(db: Db, args: { profileAuditId: number; targetPercentage: number; note: string | null; actorId: number; now?: Date }): Promise<ExpandResult> {
  const now = args.now ?? new Date();
  return db.transaction(async (tx) => {
    const { audit, overview } = await openRollout(tx, args.profileAuditId, now);
    checkUpcomingStage(overview, args.targetPercentage);
    if (overview.position.reachedCurrentAt === null) throw new AppError("conflict", `The rollout has not started: record when the ${pct(overview.settings.rollout.stages[0].percentage)} stage was reached.`);
    const next = overview.position.next!.percentage;
    if (args.targetPercentage !== next) throw new AppError("invalid", `targetPercentage: the next stage is ${pct(next)}; stages are not skipped.`);
    if (overview.verdict.gate === "BLOCKED") return { ok: false as const, reasons: overview.verdict.reasons };
    await tx.insert(tx.tables.rolloutEvents).values({ profileAuditId: audit.id, kind: "stage_reached", name: String(next), at: now, recordedBy: args.actorId, note: args.note });
    await appendEvent(tx, { auditId: null, actorId: args.actorId, type: "rollout.stage_reached", payload: { profileAuditId: audit.id, percentage: next, at: now.toISOString(), via: "expansion", note: args.note } });
    return { ok: true as const, percentage: next };
  });
}

/**
 * Records one approver role's GO / NO-GO with its rationale for the expansion to
 * `targetPercentage` (seed 004 §7.1 Decision Protocol v2.0, IMPROVEMENT 2). Who may vote is the
 * caller's check (approver role in the project). One response per role and stage (the table's
 * key), and one role per person and stage: a person cannot fill two of the five slots.
 * @throws AppError invalid (unknown role or stage, empty rationale), conflict (role already
 *   answered, the voter already holds another role's slot, stage already reached, closed), not_found.
 */
export async function recordExpansionVote(
  db: Db,
  args: { profileAuditId: number; targetPercentage: number; role: string; vote: "GO" | "NO_GO"; rationale: string; voterId: number; now?: Date },
): Promise<void> {
  const rationale = args.rationale.trim();
  if (!rationale) throw new AppError("invalid", "rationale: a vote needs a rationale.");
  await db.transaction(async (tx) => {
    const { audit, overview } = await openRollout(tx, args.profileAuditId, args.now ?? new Date());
    checkUpcomingStage(overview, args.targetPercentage);
    const role = overview.settings.rollout.approvers.find((a) => a.role === args.role);
    if (!role) throw new AppError("invalid", `role: "${args.role}" is not an approver role of this rollout.`);
    const votes = await listExpansionVotes(tx, { profileAuditId: audit.id, targetPercentage: args.targetPercentage });
    const taken = votes.find((v) => v.role === role.role);
    if (taken) throw new AppError("conflict", `role: the ${role.label} slot for ${pct(args.targetPercentage)} is already answered by ${taken.approver}.`);
    const mine = votes.find((v) => v.voterId === args.voterId);
    if (mine) {
      const label = overview.settings.rollout.approvers.find((a) => a.role === mine.role)?.label ?? mine.role;
      throw new AppError("conflict", `role: you already voted as ${label} for ${pct(args.targetPercentage)}; one person fills one role slot per stage.`);
    }
    try {
      await tx.insert(tx.tables.expansionVotes).values({ profileAuditId: audit.id, targetPercentage: args.targetPercentage, role: role.role, voterId: args.voterId, vote: args.vote, rationale });
    } catch (e) {
      if (isUniqueViolation(e)) throw new AppError("conflict", `role: the ${role.label} slot for ${pct(args.targetPercentage)} is already answered.`);
      throw e;
    }
    await appendEvent(tx, { auditId: null, actorId: args.voterId, type: "rollout.vote_recorded", payload: { profileAuditId: audit.id, targetPercentage: args.targetPercentage, role: role.role, vote: args.vote, rationale } });
  });
}

export type ApprovalText = { rationale: string; metricsSummary: string; securityStatus: string; riskAssessment: string; conditions: string[] };

/**
 * Renders the expansion approval document `{PERCENTAGE}_EXPANSION_APPROVAL.md` (seed 004 §7.1
 * approval_format; lib/profiles/reports.ts renderExpansionApproval) from the votes recorded for
 * `targetPercentage` and the operator's text, and stores it as the audit's next 'approval'
 * document version (never overwritten; SHA-256 of the UTF-8 text).
 * @returns the document's id, version, file name and SHA-256.
 * @throws AppError conflict while the decision is PENDING (names the missing roles), or for a
 *   stage already reached or a closed audit; invalid for an unknown stage; not_found.
 */
export async function generateExpansionApproval(
  db: Db,
  args: { profileAuditId: number; targetPercentage: number; text: ApprovalText; actorId: number; now?: Date },
): Promise<{ id: number; version: number; fileName: string; sha256: string }> {
  const now = args.now ?? new Date();
  return db.transaction(async (tx) => {
    const { audit, overview } = await openRollout(tx, args.profileAuditId, now);
    checkUpcomingStage(overview, args.targetPercentage);
    const config = overview.settings.rollout;
    const votes = await listExpansionVotes(tx, { profileAuditId: audit.id, targetPercentage: args.targetPercentage });
    const decision = expansionDecision(votes, config);
    if (decision.decision === "PENDING") {
      const missing = decision.missingRoles.map((r) => config.approvers.find((a) => a.role === r)?.label ?? r);
      throw new AppError("conflict", `The approval for ${pct(args.targetPercentage)} is pending: ${missing.join(", ")} ${missing.length === 1 ? "has" : "have"} not voted.`);
    }
    const body = renderExpansionApproval({
      targetPercentage: args.targetPercentage,
      decision,
      votes,
      roles: config.approvers.map((a) => ({ role: a.role, label: a.label })),
      ...args.text,
      timestamp: now,
    });
    const version = await nextVersion(tx, audit.id, "approval");
    const fileName = expansionApprovalFileName(args.targetPercentage);
    const hash = sha256(body);
    const docs = tx.tables.profileDocuments;
    const [row] = await tx.insert(docs).values({ profileAuditId: audit.id, kind: "approval", version, fileName, body, sha256: hash, createdBy: args.actorId }).returning({ id: docs.id });
    await appendEvent(tx, { auditId: null, actorId: args.actorId, type: "rollout.approval_generated", payload: { profileAuditId: audit.id, targetPercentage: args.targetPercentage, documentId: row.id, version, fileName, sha256: hash, decision: decision.decision } });
    return { id: row.id, version, fileName, sha256: hash };
  });
}

/**
 * Saves the expansion readiness scorecard for `targetPercentage` (seed 004 IMPROVEMENT 5): each
 * configured item met scores its points, the others 0 (stored as item id → points). Replaces an
 * earlier scorecard for the same stage; the event log keeps every version.
 * @returns the points and readiness band.
 * @throws AppError invalid (unknown item or stage), conflict (stage already reached, closed), not_found.
 */
export async function saveExpansionScorecard(db: Db, args: { profileAuditId: number; targetPercentage: number; met: readonly string[]; actorId: number; now?: Date }): Promise<{ points: number; readiness: string }> {
  return db.transaction(async (tx) => {
    const { audit, overview } = await openRollout(tx, args.profileAuditId, args.now ?? new Date());
    checkUpcomingStage(overview, args.targetPercentage);
    const config = overview.settings.scorecard;
    const unknown = args.met.filter((id) => !config.items.some((i) => i.id === id));
    if (unknown.length) throw new AppError("invalid", `met: unknown scorecard item${unknown.length > 1 ? "s" : ""} ${unknown.map((u) => `"${u}"`).join(", ")}.`);
    const met = new Set(args.met);
    const result = scorecardPoints(config.items.map((i) => ({ id: i.id, met: met.has(i.id) })), config);
    const items = Object.fromEntries(config.items.map((i) => [i.id, met.has(i.id) ? i.points : 0]));
    const cards = tx.tables.expansionScorecards;
    await tx
      .insert(cards)
      .values({ profileAuditId: audit.id, targetPercentage: args.targetPercentage, items, createdBy: args.actorId })
      .onConflictDoUpdate({ target: [cards.profileAuditId, cards.targetPercentage], set: { items, createdBy: args.actorId, createdAt: new Date() } });
    await appendEvent(tx, { auditId: null, actorId: args.actorId, type: "rollout.scorecard_saved", payload: { profileAuditId: audit.id, targetPercentage: args.targetPercentage, points: result.points, readiness: result.readiness, items } });
    return { points: result.points, readiness: result.readiness };
  });
}

/**
 * Records a report's weighted quality-score table and its stated overall score (issue 13: "the
 * app shows the recomputed one next to it and flags a mismatch"). Stored as a profile_documents
 * 'report' version named `quality-score-vNNN.json`, body JSON { title, stated, rows, recomputed,
 * difference, mismatch }; the score is recomputed here from the rows, never taken from the caller.
 * @param table the category rows as text (lib/profiles/quality-score.ts parseQualityTable).
 * @param stated the report's stated overall score ("6.8" or "6.8/10").
 * @throws AppError invalid listing every problem by row and field (nothing written), conflict (closed), not_found.
 */
export async function recordQualityScore(db: Db, args: { profileAuditId: number; title: string; table: string; stated: string; actorId: number }): Promise<{ id: number; version: number; recomputed: number; mismatch: boolean }> {
  const title = args.title.trim();
  if (!title) throw new AppError("invalid", "title: name the report the table comes from.");
  const evaluated = evaluateQualityScore(args.table, args.stated);
  if (!evaluated.ok) throw new AppError("invalid", evaluated.errors.map((e) => `${e.field}: ${e.message}`).join("; "));
  const { rows, check } = evaluated.value;
  return db.transaction(async (tx) => {
    const { audit } = await openRollout(tx, args.profileAuditId, new Date());
    const version = await nextVersion(tx, audit.id, "report");
    const body = JSON.stringify({ title, stated: check.stated, rows, recomputed: check.recomputed, difference: check.difference, mismatch: check.mismatch }, null, 2);
    const docs = tx.tables.profileDocuments;
    const fileName = `${QUALITY_SCORE_FILE_PREFIX}-v${String(version).padStart(3, "0")}.json`;
    const [row] = await tx.insert(docs).values({ profileAuditId: audit.id, kind: "report", version, fileName, body, sha256: sha256(body), createdBy: args.actorId }).returning({ id: docs.id });
    await appendEvent(tx, { auditId: null, actorId: args.actorId, type: "rollout.quality_score_recorded", payload: { profileAuditId: audit.id, documentId: row.id, title, stated: check.stated, recomputed: check.recomputed, mismatch: check.mismatch } });
    return { id: row.id, version, recomputed: check.recomputed, mismatch: check.mismatch };
  });
}

