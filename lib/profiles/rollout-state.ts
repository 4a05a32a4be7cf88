/**
 * Where a rollout stands and what its next expansion's gate is (issue 13 "Rollout expansion gate",
 * seed 004): the stages with the current one and when it was reached, the config an audit carries,
 * and the verdict the /checks page shows and sign-off hashes. Pure: the DB layer
 * (db/queries/profile-rollout.ts) reads the rows and passes them in.
 */
import { z } from "zod";
import { DEFAULT_ROLLOUT_CONFIG, DEFAULT_SCORECARD_CONFIG, rolloutConfigSchema, scorecardConfigSchema, type RolloutConfig, type RolloutStage, type ScorecardConfig } from "./config";
import { canExpandRollout, type ExpansionDecisionValue } from "./rollout";
import { expansionReadiness, type ExpansionReadiness } from "./scorecard";

export type RolloutSettings = { rollout: RolloutConfig; scorecard: ScorecardConfig };

const storedSchema = z.object({ rollout: z.unknown().optional(), scorecard: z.unknown().optional() }).passthrough();

/**
 * The rollout and scorecard configs of a rollout audit from its stored `config` JSON
 * (profile_audits.config). Accepted shapes: `{ rollout?, scorecard? }` (each part missing → the
 * default), a bare rollout config (has `stages`), or `{}` (both defaults).
 * @throws ZodError when a part that is present does not pass its schema (lib/profiles/config.ts).
 */
export function rolloutSettingsOf(stored: unknown): RolloutSettings {
  const value = storedSchema.parse(stored ?? {});
  if ("stages" in value) return { rollout: rolloutConfigSchema.parse(value), scorecard: DEFAULT_SCORECARD_CONFIG };
  return {
    rollout: value.rollout === undefined ? DEFAULT_ROLLOUT_CONFIG : rolloutConfigSchema.parse(value.rollout),
    scorecard: value.scorecard === undefined ? DEFAULT_SCORECARD_CONFIG : scorecardConfigSchema.parse(value.scorecard),
  };
}

export type StageView = RolloutStage & { reachedAt: Date | null; status: "passed" | "current" | "next" | "later" };

export type RolloutPosition = {
  /** Current percentage: the highest configured stage reached, 0 before the rollout starts. */
  current: number;
  /** When `current` was reached (UTC); null before the rollout starts. */
  reachedCurrentAt: Date | null;
  /** The stage after `current`; null once the last stage is reached. */
  next: RolloutStage | null;
  stages: StageView[];
};

/**
 * The rollout's position from its "stage reached" records (rollout_events kind stage_reached,
 * name = the percentage). Records for percentages that are not configured stages are ignored.
 */
export function rolloutPosition(config: RolloutConfig, reached: readonly { percentage: number; at: Date }[]): RolloutPosition {
  const at = new Map(reached.map((r) => [r.percentage, r.at]));
  let currentIndex = -1;
  config.stages.forEach((s, i) => {
    if (at.has(s.percentage)) currentIndex = i;
  });
  const stages: StageView[] = config.stages.map((s, i) => ({
    ...s,
    reachedAt: at.get(s.percentage) ?? null,
    status: i < currentIndex ? "passed" : i === currentIndex ? "current" : i === currentIndex + 1 ? "next" : "later",
  }));
  const current = currentIndex < 0 ? 0 : config.stages[currentIndex].percentage;
  return { current, reachedCurrentAt: currentIndex < 0 ? null : stages[currentIndex].reachedAt, next: config.stages[currentIndex + 1] ?? null, stages };
}

export type RolloutGate = "OPEN" | "CONDITIONAL_PASS" | "BLOCKED";
export type RolloutVerdict = {
  verdict: "NOT_STARTED" | "COMPLETE" | "GO" | "GO_WITH_MONITORING" | "NO_GO";
  gate: RolloutGate;
  /** Why the next expansion may not go ahead (or goes ahead with monitoring), in plain words. */
  reasons: string[];
  /** The stage the verdict is about; null before the start or after the last stage. */
  target: number | null;
};

export type RolloutVerdictInput = {
  settings: RolloutSettings;
  position: RolloutPosition;
  /** Checkpoint id → complete. */
  checkpoints: Readonly<Record<string, boolean>>;
  /** The expansion approval decision for the next stage; undefined when no vote is recorded. */
  approval: ExpansionDecisionValue | undefined;
  /** Scorecard points (0–100) recorded for the next stage; null when none is recorded. */
  scorecardPoints: number | null;
  now: Date;
  /** Titles of the audit's standing findings categorised Stop-Ship: each one holds the expansion (NO_GO). */
  stopShipFindings?: readonly string[];
};

/**
 * The verdict on the next expansion (issue 13 contract: "the next expansion's decision: GO
 * (approval GO and canExpand and scorecard GO) → OPEN, GO_WITH_MONITORING → CONDITIONAL_PASS,
 * otherwise BLOCKED with reasons"):
 * - before the first stage is reached: NOT_STARTED, BLOCKED;
 * - after the last stage: COMPLETE, OPEN (nothing left to gate);
 * - otherwise the refusals of `canExpandRollout` (checkpoints, soak time, approval) plus, when the
 *   scorecard (seed 004 IMPROVEMENT 5) is missing or NO-GO, a scorecard reason → NO_GO, BLOCKED;
 *   none and scorecard GO → GO, OPEN; none and GO_WITH_MONITORING → GO_WITH_MONITORING,
 *   CONDITIONAL_PASS (the reason says monitoring is a condition).
 * @throws RangeError from canExpandRollout (e.g. `now` before the current stage was reached).
 */
export function rolloutVerdict(input: RolloutVerdictInput): RolloutVerdict {
  const { settings, position, now } = input;
  if (position.reachedCurrentAt === null) {
    const first = settings.rollout.stages[0].percentage;
    return { verdict: "NOT_STARTED", gate: "BLOCKED", reasons: [`the rollout has not started: record when the ${first}% stage was reached`], target: null };
  }
  if (position.next === null) return { verdict: "COMPLETE", gate: "OPEN", reasons: [], target: null };
  const target = position.next.percentage;
  const check = canExpandRollout({
    current: position.current,
    target,
    checkpoints: input.checkpoints,
    reachedCurrentAt: position.reachedCurrentAt,
    now,
    approval: input.approval,
    config: settings.rollout,
  });
  const reasons = [...(input.stopShipFindings ?? []).map((t) => `Stop-Ship finding "${t}" is open`), ...(check.allowed ? [] : check.reasons)];
  const readiness: ExpansionReadiness | null = input.scorecardPoints === null ? null : expansionReadiness(input.scorecardPoints, settings.scorecard);
  if (readiness === null) reasons.push(`no expansion readiness scorecard for ${target}% is recorded`);
  else if (readiness === "NO_GO") reasons.push(`the expansion readiness scorecard for ${target}% is ${input.scorecardPoints} of 100 points: NO-GO (below ${settings.scorecard.goWithMonitoringMin})`);
  if (reasons.length) return { verdict: "NO_GO", gate: "BLOCKED", reasons, target };
  if (readiness === "GO_WITH_MONITORING") {
    return { verdict: "GO_WITH_MONITORING", gate: "CONDITIONAL_PASS", reasons: [`the expansion readiness scorecard for ${target}% is ${input.scorecardPoints} of 100 points: expand with enhanced monitoring`], target };
  }
  return { verdict: "GO", gate: "OPEN", reasons: [], target };
}
