/**
 * Rollout expansion gate (seed 004 "orchestration audit of a rollout expansion"; issue 13
 * "Rollout expansion gate"): stages with required checkpoints and soak times
 * (`can_expand_rollout`, §7.2 and §9.2 IMPROVEMENT 1) and the multi-role expansion approval
 * (§7.1 Decision Protocol v2.0, IMPROVEMENT 2).
 */
import { DEFAULT_ROLLOUT_CONFIG, type RolloutConfig, type RolloutStage } from "./config";

export type ExpansionDecisionValue = "PENDING" | "GO" | "NO_GO";
export type ExpansionCheck = { allowed: true } | { allowed: false; reasons: string[] };

export type ExpansionInput = {
  /** Current rollout percentage: 0 (not started) or a configured stage. */
  current: number;
  /** Stage to expand to: a configured stage above `current`. */
  target: number;
  /** Checkpoint id → complete? A checkpoint that is absent counts as not complete. */
  checkpoints: Readonly<Record<string, boolean>>;
  /** When the rollout reached `current` (UTC instant). */
  reachedCurrentAt: Date;
  now: Date;
  /** The expansion approval decision for `target` (see `expansionDecision`); undefined = none recorded. */
  approval?: ExpansionDecisionValue;
  config?: RolloutConfig;
};

const HOUR_MS = 3_600_000;

/**
 * A duration as whole hours and minutes, rounded down: "1 h 42 min", "48 h", "0 min".
 * Rounding down never shows a soak time as met when it is not.
 */
export function formatDuration(ms: number): string {
  const totalMinutes = Math.floor(Math.max(0, ms) / 60_000);
  const h = Math.floor(totalMinutes / 60);
  const m = totalMinutes % 60;
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

const formatHours = (hours: number) => formatDuration(hours * HOUR_MS);

/**
 * Whether the rollout may expand from `current` to `target` now (seed 004 §7.2
 * `can_expand_rollout`, §9.2 IMPROVEMENT 1 `validate_expansion`, IMPROVEMENT 2 enforcement
 * "feature_flag_update: Blocked until approval exists"). Refused, with every reason in plain words:
 * - skipping a stage when config.allowSkippingStages is false ("expanding from 10% to 50% skips the 25% stage");
 * - each required checkpoint of the target stage (and of skipped stages) that is not complete;
 * - soak time at `current` below the target stage's minSoakHoursAtPrevious
 *   ("soak time at 10% is 1 h 42 min of the required 48 h"); not checked from 0 %;
 * - when config.requireApproval, an approval that is missing, PENDING or NO_GO.
 * @throws RangeError when current is neither 0 nor a stage, target is not a stage or not above
 *   current, a date is invalid, or `now` is before `reachedCurrentAt`.
 */
export function canExpandRollout(input: ExpansionInput): ExpansionCheck {
  const config = input.config ?? DEFAULT_ROLLOUT_CONFIG;
  const { current, target, checkpoints, reachedCurrentAt, now } = input;
  const stageIndex = (p: number) => config.stages.findIndex((s) => s.percentage === p);
  const from = stageIndex(current);
  const to = stageIndex(target);
  if (current !== 0 && from < 0) throw new RangeError(`current ${current}% is not a rollout stage`);
  if (to < 0) throw new RangeError(`target ${target}% is not a rollout stage`);
  if (target <= current) throw new RangeError(`target ${target}% must be above current ${current}%`);
  for (const [name, d] of [["reachedCurrentAt", reachedCurrentAt], ["now", now]] as const) {
    if (!(d instanceof Date) || Number.isNaN(d.getTime())) throw new RangeError(`${name} is not a valid date`);
  }
  if (now.getTime() < reachedCurrentAt.getTime()) throw new RangeError("now is before reachedCurrentAt");

  const reasons: string[] = [];
  const passed: RolloutStage[] = config.stages.slice(from + 1, to + 1);
  const skipped = passed.slice(0, -1);
  if (skipped.length && !config.allowSkippingStages) {
    reasons.push(`expanding from ${current}% to ${target}% skips the ${skipped.map((s) => `${s.percentage}%`).join(", ")} stage${skipped.length > 1 ? "s" : ""}`);
  }
  for (const stage of passed) {
    for (const cp of stage.requiredCheckpoints) {
      if (checkpoints[cp] !== true) reasons.push(`required checkpoint "${cp}" for ${stage.percentage}% is not complete`);
    }
  }
  const required = config.stages[to].minSoakHoursAtPrevious;
  const soakMs = now.getTime() - reachedCurrentAt.getTime();
  if (current !== 0 && soakMs < required * HOUR_MS) {
    reasons.push(`soak time at ${current}% is ${formatDuration(soakMs)} of the required ${formatHours(required)}`);
  }
  if (config.requireApproval) {
    if (input.approval === undefined) reasons.push(`no expansion approval for ${target}% is recorded`);
    else if (input.approval === "PENDING") reasons.push(`the expansion approval for ${target}% is pending: not every approver has voted`);
    else if (input.approval === "NO_GO") reasons.push(`the expansion approval for ${target}% is NO-GO`);
  }
  return reasons.length ? { allowed: false, reasons } : { allowed: true };
}

// ---------------------------------------------------------------- expansion approval

export type Vote = {
  /** Approver role id from config.approvers. */
  role: string;
  /** Who voted (name as signed). */
  approver: string;
  vote: "GO" | "NO_GO";
  /** Why (seed 004 approval_format "rationale: Why this decision"); required. */
  rationale: string;
  /** When the vote was recorded (UTC). */
  signedAt?: Date;
};

export type ExpansionDecision = {
  decision: ExpansionDecisionValue;
  goVotes: number;
  noGoVotes: number;
  /** Configured roles that have not voted yet, in config order. */
  missingRoles: string[];
  /** Votes against the outcome: the NO_GO votes for GO or PENDING, the GO votes for NO_GO. */
  dissent: Vote[];
};

/**
 * Expansion approval decision (seed 004 §7.1 Decision Protocol v2.0 and IMPROVEMENT 2: the five
 * roles deployment lead, metrics validation, checkpoint reporting, security review,
 * implementation readiness each vote GO or NO-GO with a rationale; issue 13: every one must
 * respond, GO needs at least config.minGoVotes (3 of 5), dissent stays visible):
 * PENDING while any configured role has not voted; then GO when GO votes ≥ minGoVotes, else NO_GO.
 * @throws RangeError for a vote with an unknown role, a role voting twice, a vote that is not
 *   GO/NO_GO, or an empty approver or rationale.
 */
export function expansionDecision(votes: readonly Vote[], config: RolloutConfig = DEFAULT_ROLLOUT_CONFIG): ExpansionDecision {
  const seen = new Set<string>();
  for (const v of votes) {
    if (!config.approvers.some((a) => a.role === v.role)) throw new RangeError(`unknown approver role "${v.role}"`);
    if (seen.has(v.role)) throw new RangeError(`role "${v.role}" has voted twice`);
    seen.add(v.role);
    if (v.vote !== "GO" && v.vote !== "NO_GO") throw new RangeError(`role "${v.role}": vote must be GO or NO_GO`);
    if (!v.approver?.trim()) throw new RangeError(`role "${v.role}": the approver's name is required`);
    if (!v.rationale?.trim()) throw new RangeError(`role "${v.role}": a rationale is required`);
  }
  const goVotes = votes.filter((v) => v.vote === "GO").length;
  const noGoVotes = votes.length - goVotes;
  const missingRoles = config.approvers.filter((a) => !seen.has(a.role)).map((a) => a.role);
  const decision: ExpansionDecisionValue = missingRoles.length ? "PENDING" : goVotes >= config.minGoVotes ? "GO" : "NO_GO";
  const dissent = votes.filter((v) => (decision === "NO_GO" ? v.vote === "GO" : v.vote === "NO_GO"));
  return { decision, goVotes, noGoVotes, missingRoles, dissent };
}

/**
 * Approval document file name (seed 004 §7.1 approval_format document "{PERCENTAGE}_EXPANSION_APPROVAL.md"):
 * `25_EXPANSION_APPROVAL.md`.
 * @throws RangeError unless percentage is a whole number 1–100.
 */
export function expansionApprovalFileName(percentage: number): string {
  if (!Number.isInteger(percentage) || percentage < 1 || percentage > 100) throw new RangeError("percentage must be a whole number from 1 to 100");
  return `${percentage}_EXPANSION_APPROVAL.md`;
}
