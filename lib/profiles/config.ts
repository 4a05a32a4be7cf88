/**
 * Thresholds and weights of the three audit profiles as data (issue 13: "thresholds and weights
 * are data (a typed config per profile, validated with zod), not scattered constants").
 * One zod schema and one default per profile; the rule modules take a config argument that
 * defaults to these. Parse an admin-edited config with `xxxConfigSchema.parse(value)` before use:
 * the schemas check the cross-field invariants (weights sum to 100, majority thresholds, stage
 * order) so the rules can rely on them.
 * Where a seed is silent the default is ours; each such default says so and why.
 */
import { z } from "zod";

const SUM_TOLERANCE = 1e-9;

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object") {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

/** A default config: parsed by its own schema when the module loads (so the defaults are proved valid), then frozen. */
function defaults<S extends z.ZodType>(schema: S, value: z.input<S>): z.output<S> {
  return deepFreeze(schema.parse(value));
}
const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

// ---------------------------------------------------------------- production readiness (seed 001)

/** Production-readiness (launch) profile config. */
export const launchReadinessConfigSchema = z.object({
  /**
   * Expected monthly active users at or above which a launch is HIGH strictness whatever else
   * is true. Ours (seed 001 Phase 1 only asks for the "rough order of magnitude"): 100,000, two
   * orders of magnitude above the seed's own example ("~5k MAU").
   */
  highTrafficMonthlyUsers: z.number().int().positive(),
  /**
   * Longest allowed timeline for a Fix Soon finding, in whole calendar days after sign-off.
   * Seed 001 Phase 9: Fix Soon means "can ship with plan to address within days"; ours: 14 days.
   */
  fixSoonMaxDays: z.number().int().positive(),
});
export type LaunchReadinessConfig = z.output<typeof launchReadinessConfigSchema>;

export const DEFAULT_LAUNCH_READINESS_CONFIG: LaunchReadinessConfig = defaults(launchReadinessConfigSchema, {
  highTrafficMonthlyUsers: 100_000,
  fixSoonMaxDays: 14,
});

// ---------------------------------------------------------------- ADR quality gate (seed 003)

/** The six content-review lenses of the ADR crew (seed 003 "team mode", REVIEW_CREWS.yaml). */
export const ADR_LENSES = ["architect", "tech_lead", "chaos_engineer", "security_engineer", "operator", "auditor"] as const;
export type Lens = (typeof ADR_LENSES)[number];

/**
 * Required `##` sections of the ADR template (seed 003 "Template-conformance enumeration": every
 * required section appears as a `##` heading and is non-empty). The seed's ADR-TEMPLATE.yaml is
 * not part of the seed, so this default list is ours, built from the sections the seed names:
 * Document Control and Traceability (self-claimed score), Decision ("exactly one decision"),
 * Alternatives and Consequences (Tier 2 checks), Architecture Flow (diagram check) and
 * Constraints and Assumptions (sub-check A2), plus the customary Context. Admins edit it as data.
 */
export const DEFAULT_ADR_TEMPLATE: readonly string[] = Object.freeze([
  "Document Control",
  "Context",
  "Decision",
  "Alternatives Considered",
  "Consequences",
  "Constraints and Assumptions",
  "Architecture Flow",
  "Traceability",
]);

const lensWeightsSchema = z
  .object(Object.fromEntries(ADR_LENSES.map((l) => [l, z.number().finite().min(0).max(100)])) as Record<Lens, z.ZodNumber>)
  .strict()
  .refine((w) => Math.abs(sum(Object.values(w)) - 100) <= SUM_TOLERANCE, { message: "lens weights must sum to 100" });

/** ADR quality-gate profile config. */
export const adrConfigSchema = z
  .object({
    /** Lens weights in percent, summing to 100 (seed 003: architect 35, tech lead 25, chaos 8, security 12, operator 10, auditor 10). */
    lensWeights: lensWeightsSchema,
    /** Content-score threshold 0–100 for PASS (seed 003 "Quality gate": default 90). */
    threshold: z.number().finite().min(0).max(100),
    /**
     * Coverage quorum (seed 003 "Quorum & coverage" leaves the rule to REVIEW_TEAM.md, which the
     * seed does not include). Ours: the lenses that returned hold ≥ 70 % of the weight AND include
     * the architect. Why: the architect carries 35 of 100, more than any other lens; without it
     * the ADR's central question (is the decision sound?) went unreviewed. 70 % tolerates losing
     * the tech lead (25) or two small lenses, but not the tech lead plus another lens, where the
     * returned lenses would no longer be a clear majority of two thirds of the judgement.
     */
    quorum: z.object({
      minReturnedWeight: z.number().finite().min(0).max(100),
      requiredLenses: z.array(z.enum(ADR_LENSES)),
    }),
    /** Required `##` sections (the template, data editable by admins). */
    requiredSections: z.array(z.string().trim().min(1)).min(1),
    /**
     * Cumulative traceability tags that must be present (seed 003 Tier 1 "Cumulative tags": @brd
     * @prd @ears @bdd). Data so a project that disabled a layer can drop its tag (seed 003
     * "Adaptation": never flag a layer the project disabled).
     */
    requiredTags: z.array(z.string().regex(/^[a-z]+$/, "tags are lower-case letters")),
    /**
     * A self-claimed score differs from the computed one when they are more than this many points
     * apart (0–100 scale). Ours: 0.5, so a claim that is the computed score rounded to a whole
     * number still matches.
     */
    claimTolerance: z.number().finite().min(0),
  })
  .refine((c) => new Set(c.requiredSections.map((s) => s.toLowerCase())).size === c.requiredSections.length, {
    message: "required sections must be unique",
    path: ["requiredSections"],
  });
export type AdrConfig = z.output<typeof adrConfigSchema>;

export const DEFAULT_ADR_CONFIG: AdrConfig = defaults(adrConfigSchema, {
  lensWeights: { architect: 35, tech_lead: 25, chaos_engineer: 8, security_engineer: 12, operator: 10, auditor: 10 },
  threshold: 90,
  quorum: { minReturnedWeight: 70, requiredLenses: ["architect"] },
  requiredSections: [...DEFAULT_ADR_TEMPLATE],
  requiredTags: ["brd", "prd", "ears", "bdd"],
  claimTolerance: 0.5,
});

// ---------------------------------------------------------------- rollout expansion (seed 004)

const stageSchema = z.object({
  /** Rollout percentage of this stage, 1–100. */
  percentage: z.number().int().min(1).max(100),
  /** Checkpoint ids that must be complete before expanding TO this stage. */
  requiredCheckpoints: z.array(z.string().trim().min(1)),
  /** Minimum soak time at the previous stage before expanding to this one, in hours (≥ 0). */
  minSoakHoursAtPrevious: z.number().finite().min(0),
});

const approverSchema = z.object({
  /** Stable role id (snake_case), the key a vote is recorded under. */
  role: z.string().regex(/^[a-z][a-z0-9_]*$/, "role must be a snake_case id"),
  /** Human label. */
  label: z.string().trim().min(1),
  /** What the role approves (seed 004 IMPROVEMENT 2 approval_type). */
  approvalType: z.string().trim().min(1),
});

/**
 * Earliest time of each checkpoint, in hours after the rollout started (its first stage reached):
 * seed 004 §1.1 "Hour 48 Checkpoint | 48h at 10% | SKIPPED | -33h early" and §8.2's timeline
 * (hour 24, hour 48, day 3, day 5, day 7). A checkpoint not named here has no earliest time.
 */
export const DEFAULT_CHECKPOINT_HOURS: Readonly<Record<string, number>> = Object.freeze({
  hour_24_checkpoint_complete: 24,
  hour_48_checkpoint_complete: 48,
  day_3_checkpoint_complete: 72,
  day_5_checkpoint_complete: 120,
  day_7_checkpoint_complete: 168,
});

/** Rollout expansion gate config. */
export const rolloutConfigSchema = z
  .object({
    stages: z.array(stageSchema).min(1),
    /** Checkpoint id → hours after the rollout started before it can be complete (see DEFAULT_CHECKPOINT_HOURS). */
    checkpointHours: z.record(z.string(), z.number().finite().min(0)).default(() => ({ ...DEFAULT_CHECKPOINT_HOURS })),
    /** Roles that must each vote GO or NO-GO (seed 004 §7.1 Decision Protocol v2.0, IMPROVEMENT 2). */
    approvers: z.array(approverSchema).min(1),
    /** GO votes needed once every approver has voted (issue 13: majority of at least 3 of 5). */
    minGoVotes: z.number().int().min(1),
    /** Expansion refused until the approval decision is GO (seed 004 IMPROVEMENT 2 "feature_flag_update: Blocked until approval exists"). */
    requireApproval: z.boolean(),
    /** Whether a stage may be skipped (10 → 50). Ours: no (seed 004 §1.4 "Expansion Rate 2-3X per stage max"). */
    allowSkippingStages: z.boolean(),
  })
  .superRefine((c, ctx) => {
    c.stages.forEach((s, i) => {
      if (i > 0 && s.percentage <= c.stages[i - 1].percentage) {
        ctx.addIssue({ code: "custom", path: ["stages", i, "percentage"], message: "stages must be in strictly increasing percentage order" });
      }
    });
    const roles = c.approvers.map((a) => a.role);
    if (new Set(roles).size !== roles.length) ctx.addIssue({ code: "custom", path: ["approvers"], message: "approver roles must be unique" });
    if (c.minGoVotes > c.approvers.length) ctx.addIssue({ code: "custom", path: ["minGoVotes"], message: "minGoVotes cannot exceed the number of approvers" });
    if (c.minGoVotes * 2 <= c.approvers.length) ctx.addIssue({ code: "custom", path: ["minGoVotes"], message: "minGoVotes must be a majority of the approvers" });
  });
export type RolloutConfig = z.output<typeof rolloutConfigSchema>;
export type RolloutStage = RolloutConfig["stages"][number];
export type Approver = RolloutConfig["approvers"][number];

/**
 * Default stages. Checkpoints: seed 004 §7.2 `can_expand_rollout` required_checkpoints and §9.2
 * IMPROVEMENT 1 REQUIRED_CHECKPOINTS. The §7.2 sketch keys `hour_24_checkpoint_complete` to the
 * 10 % stage, which cannot be complete before 10 % is reached; we require it (with the hour-48
 * checkpoint) before leaving 10 %, as the §8.2 planned critical path does. Soak times: IMPROVEMENT
 * 1's comments (48 h at 10 %, 24 h at 25 %, 48 h at 50 %, 48 h at 75 %); the first stage has none.
 */
export const DEFAULT_ROLLOUT_CONFIG: RolloutConfig = defaults(rolloutConfigSchema, {
  stages: [
    { percentage: 10, requiredCheckpoints: [], minSoakHoursAtPrevious: 0 },
    { percentage: 25, requiredCheckpoints: ["hour_24_checkpoint_complete", "hour_48_checkpoint_complete"], minSoakHoursAtPrevious: 48 },
    { percentage: 50, requiredCheckpoints: ["day_3_checkpoint_complete"], minSoakHoursAtPrevious: 24 },
    { percentage: 75, requiredCheckpoints: ["day_5_checkpoint_complete"], minSoakHoursAtPrevious: 48 },
    { percentage: 100, requiredCheckpoints: ["day_7_checkpoint_complete"], minSoakHoursAtPrevious: 48 },
  ],
  approvers: [
    { role: "deployment_lead", label: "Deployment lead", approvalType: "GO/NO-GO decision" },
    { role: "metrics_validation", label: "Metrics validation", approvalType: "Performance sign-off" },
    { role: "checkpoint_reporting", label: "Checkpoint reporting", approvalType: "Stability validation" },
    { role: "security_review", label: "Security review", approvalType: "Code/security approval" },
    { role: "implementation_readiness", label: "Implementation readiness", approvalType: "P0/P1 fixes complete" },
  ],
  minGoVotes: 3,
  requireApproval: true,
  allowSkippingStages: false,
});

// ---------------------------------------------------------------- expansion readiness scorecard (seed 004 IMPROVEMENT 5)

export const SCORECARD_SECTIONS = ["technical", "process", "validation"] as const;
export type ScorecardSection = (typeof SCORECARD_SECTIONS)[number];

const scorecardItemSchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9_]*$/, "item id must be a snake_case id"),
  section: z.enum(SCORECARD_SECTIONS),
  label: z.string().trim().min(1),
  points: z.number().finite().positive(),
});

/** Expansion readiness scorecard config. */
export const scorecardConfigSchema = z
  .object({
    items: z.array(scorecardItemSchema).min(1),
    /** Lowest points for GO (seed: 90–100 GO). */
    goMin: z.number().finite().min(0).max(100),
    /** Lowest points for GO with monitoring (seed: 70–89); below it NO-GO. */
    goWithMonitoringMin: z.number().finite().min(0).max(100),
    /** Technical thresholds (seed IMPROVEMENT 5 item labels). Fractions 0–1 and milliseconds. */
    minTestPassRate: z.number().min(0).max(1),
    maxErrorRateExclusive: z.number().min(0).max(1),
    maxP95LatencyMsExclusive: z.number().positive(),
  })
  .superRefine((c, ctx) => {
    const ids = c.items.map((i) => i.id);
    if (new Set(ids).size !== ids.length) ctx.addIssue({ code: "custom", path: ["items"], message: "item ids must be unique" });
    if (Math.abs(sum(c.items.map((i) => i.points)) - 100) > SUM_TOLERANCE) ctx.addIssue({ code: "custom", path: ["items"], message: "item points must sum to 100" });
    if (c.goWithMonitoringMin > c.goMin) ctx.addIssue({ code: "custom", path: ["goWithMonitoringMin"], message: "goWithMonitoringMin cannot exceed goMin" });
  });
export type ScorecardConfig = z.output<typeof scorecardConfigSchema>;
export type ScorecardItem = ScorecardConfig["items"][number];

/** Seed 004 IMPROVEMENT 5: technical 40, process 30, validation 30 points; 10 points each item. */
export const DEFAULT_SCORECARD_CONFIG: ScorecardConfig = defaults(scorecardConfigSchema, {
  items: [
    { id: "health_checks_passing", section: "technical", label: "Health checks passing", points: 10 },
    { id: "test_pass_rate", section: "technical", label: "Test pass rate ≥ 98%", points: 10 },
    { id: "error_rate", section: "technical", label: "Error rate < 0.1%", points: 10 },
    { id: "p95_latency", section: "technical", label: "P95 latency < 200 ms", points: 10 },
    { id: "checkpoint_report", section: "process", label: "Checkpoint report complete", points: 10 },
    { id: "approval_signed", section: "process", label: "Approval document signed", points: 10 },
    { id: "decision_meeting", section: "process", label: "Decision meeting held", points: 10 },
    { id: "soak_time", section: "validation", label: "Minimum soak time met", points: 10 },
    { id: "cache_performance", section: "validation", label: "Cache performance validated", points: 10 },
    { id: "retrieval_accuracy", section: "validation", label: "Retrieval accuracy validated", points: 10 },
  ],
  goMin: 90,
  goWithMonitoringMin: 70,
  minTestPassRate: 0.98,
  maxErrorRateExclusive: 0.001,
  maxP95LatencyMsExclusive: 200,
});
