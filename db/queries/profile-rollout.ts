import "server-only";
import { and, asc, desc, eq, ne } from "drizzle-orm";
import { type ExpansionDecision, expansionDecision, type Vote } from "@/lib/profiles/rollout";
import { rolloutPosition, type RolloutPosition, type RolloutSettings, rolloutSettingsOf, rolloutVerdict, type RolloutVerdict } from "@/lib/profiles/rollout-state";
import { scorecardPoints, type ScorecardResult } from "@/lib/profiles/scorecard";
import { readAll, type Reader } from "../handle";
import type { ProfileAudit } from "../schema";

/**
 * Reads of the rollout expansion gate (issue 13, seed 004): the rollout's stages, checkpoints,
 * votes, scorecards and documents, and the verdict on the next expansion. The rules are
 * lib/profiles/rollout.ts, rollout-state.ts and scorecard.ts; this module only reads rows.
 */

export type RolloutVote = Vote & { voterId: number };
export type QualityScoreDoc = {
  id: number;
  version: number;
  createdAt: Date;
  title: string;
  stated: number;
  recomputed: number;
  difference: number;
  mismatch: boolean;
  rows: { category: string; weight: number; score: number }[];
};
export type ApprovalDoc = { id: number; version: number; fileName: string; sha256: string; createdAt: Date; targetPercentage: number };

export type RolloutOverview = {
  settings: RolloutSettings;
  position: RolloutPosition;
  /** Every configured checkpoint (stage order) with its completion, or null when not complete. */
  /** Each required checkpoint: the stage it gates, its earliest time in hours after the start (null: none), completion. */
  checkpoints: { name: string; stage: number; dueHours: number | null; completedAt: Date | null; note: string | null }[];
  /** Votes for the next stage in the configured role order (none when there is no next stage). */
  votes: RolloutVote[];
  /** expansionDecision over `votes`; null when there is no next stage. */
  decision: ExpansionDecision | null;
  /** The next stage's scorecard: items id → points recorded, and the result; null when none is recorded. */
  scorecard: { items: Record<string, number>; result: ScorecardResult } | null;
  verdict: RolloutVerdict;
  approvals: ApprovalDoc[];
  qualityScores: QualityScoreDoc[];
};

/** File name prefix of quality-score records (profile_documents kind 'report', JSON). */
export const QUALITY_SCORE_FILE_PREFIX = "quality-score";

/** The votes recorded for one target stage, with the voters' names, oldest first. */
export async function listExpansionVotes(db: Reader, { profileAuditId, targetPercentage }: { profileAuditId: number; targetPercentage: number }): Promise<RolloutVote[]> {
  const { expansionVotes, users } = db.tables;
  const rows = await db
    .select({ role: expansionVotes.role, voterId: expansionVotes.voterId, name: users.name, vote: expansionVotes.vote, rationale: expansionVotes.rationale, createdAt: expansionVotes.createdAt })
    .from(expansionVotes)
    .innerJoin(users, eq(users.id, expansionVotes.voterId))
    .where(and(eq(expansionVotes.profileAuditId, profileAuditId), eq(expansionVotes.targetPercentage, targetPercentage)))
    .orderBy(asc(expansionVotes.createdAt), asc(expansionVotes.role));
  return rows.map((r) => ({ role: r.role, approver: r.name, voterId: r.voterId, vote: r.vote, rationale: r.rationale, signedAt: r.createdAt }));
}

/**
 * Everything the rollout panel shows and the verdict is computed from, as of `now` (UTC).
 * Pass a transaction to read it inside a write.
 * @throws ZodError when the audit's stored config fails its schema (rolloutSettingsOf).
 */
export async function getRolloutOverview(db: Reader, audit: ProfileAudit, now: Date = new Date()): Promise<RolloutOverview> {
  const { rolloutEvents, expansionScorecards, profileDocuments, profileFindings } = db.tables;
  const settings = rolloutSettingsOf(audit.config);
  const [events, scorecards, docs, stopShip] = await readAll(db, [
    () => db.select().from(rolloutEvents).where(eq(rolloutEvents.profileAuditId, audit.id)),
    () => db.select().from(expansionScorecards).where(eq(expansionScorecards.profileAuditId, audit.id)),
    () =>
      db
        .select()
        .from(profileDocuments)
        .where(eq(profileDocuments.profileAuditId, audit.id))
        .orderBy(desc(profileDocuments.version)),
    () =>
      db
        .select({ title: profileFindings.title })
        .from(profileFindings)
        .where(and(eq(profileFindings.profileAuditId, audit.id), eq(profileFindings.category, "STOP_SHIP"), ne(profileFindings.status, "RESOLVED")))
        .orderBy(asc(profileFindings.id)),
  ]);
  const reached = events.filter((e) => e.kind === "stage_reached").map((e) => ({ percentage: Number(e.name), at: e.at }));
  const position = rolloutPosition(settings.rollout, reached);
  const done = new Map(events.filter((e) => e.kind === "checkpoint_completed").map((e) => [e.name, e]));
  const checkpoints = settings.rollout.stages.flatMap((s) =>
    s.requiredCheckpoints.map((name) => ({ name, stage: s.percentage, dueHours: settings.rollout.checkpointHours[name] ?? null, completedAt: done.get(name)?.at ?? null, note: done.get(name)?.note ?? null })),
  );
  const target = position.next?.percentage ?? null;
  const roleOrder = (role: string) => settings.rollout.approvers.findIndex((a) => a.role === role);
  const votes = target === null ? [] : (await listExpansionVotes(db, { profileAuditId: audit.id, targetPercentage: target })).sort((x, y) => roleOrder(x.role) - roleOrder(y.role));
  const decision = target === null ? null : expansionDecision(votes, settings.rollout);
  const card = target === null ? undefined : scorecards.find((s) => s.targetPercentage === target);
  const scorecard = card ? { items: card.items, result: scorecardPoints(Object.entries(card.items).filter(([id]) => settings.scorecard.items.some((i) => i.id === id)).map(([id, points]) => ({ id, met: points > 0 })), settings.scorecard) } : null;
  const verdict = rolloutVerdict({
    settings,
    position,
    checkpoints: Object.fromEntries(checkpoints.map((c) => [c.name, c.completedAt !== null])),
    approval: votes.length === 0 ? undefined : decision?.decision,
    scorecardPoints: scorecard ? scorecard.result.points : null,
    stopShipFindings: stopShip.map((f) => f.title),
    // A stage recorded a moment "in the future" by another instance's clock counts as just reached.
    now: position.reachedCurrentAt && now < position.reachedCurrentAt ? position.reachedCurrentAt : now,
  });
  const approvals = docs
    .filter((d) => d.kind === "approval")
    .map((d) => ({ id: d.id, version: d.version, fileName: d.fileName, sha256: d.sha256, createdAt: d.createdAt, targetPercentage: Number.parseInt(d.fileName, 10) }));
  const qualityScores = docs
    .filter((d) => d.kind === "report" && d.fileName.startsWith(QUALITY_SCORE_FILE_PREFIX))
    .map((d) => ({ id: d.id, version: d.version, createdAt: d.createdAt, ...(JSON.parse(d.body) as Omit<QualityScoreDoc, "id" | "version" | "createdAt">) }));
  return { settings, position, checkpoints, votes, decision, scorecard, verdict, approvals, qualityScores };
}

/**
 * The verdict on the rollout's next expansion (issue 13 contract, for db/queries/profile-verdict.ts):
 * GO → OPEN, GO_WITH_MONITORING → CONDITIONAL_PASS, NO_GO / NOT_STARTED → BLOCKED with reasons,
 * COMPLETE (last stage reached) → OPEN. See lib/profiles/rollout-state.ts rolloutVerdict.
 */
export async function getRolloutVerdict(db: Reader, audit: ProfileAudit): Promise<{ verdict: string; gate: "OPEN" | "CONDITIONAL_PASS" | "BLOCKED"; reasons: string[] }> {
  const { verdict } = await getRolloutOverview(db, audit);
  return { verdict: verdict.verdict, gate: verdict.gate, reasons: verdict.reasons };
}
