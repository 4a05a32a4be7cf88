"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db/client";
import { expandRollout, generateExpansionApproval, recordCheckpoint, recordExpansionVote, recordQualityScore, recordRolloutStart, saveExpansionScorecard } from "@/db/mutations/profile-rollout";
import { evaluateQualityScore } from "@/lib/profiles/quality-score";
import { authorizedAction } from "@/lib/server/action";
import { AppError } from "@/lib/server/errors";
import { requireProfileAuditRole } from "@/lib/server/profile-auth";
import type { CurrentUser } from "@/lib/server/auth";
import type { Role } from "@/lib/roles";

/**
 * Server actions of the rollout expansion gate (issue 13, seed 004) on /checks/[slug]. The audit
 * is named by `checkSlug` (not `slug`: authorizedAction would look that up among sampling audits);
 * each action checks the role in the audit's project (requireProfileAuditRole) before writing.
 * Operators run the rollout; approvers vote. Times are entered and shown in UTC.
 */

const checkSlug = z.string().min(1).max(200);
const note = z.string().trim().max(2_000, "At most 2,000 characters").optional().transform((v) => v || null);
const percentage = z.coerce.number().int().min(1).max(100);
/** A `datetime-local` value read as UTC; empty → undefined (now). */
const utcAt = z
  .string()
  .optional()
  .transform((v, ctx) => {
    if (!v) return undefined;
    const d = new Date(`${v}Z`);
    if (Number.isNaN(d.getTime())) {
      ctx.addIssue({ code: "custom", message: "Not a valid date and time" });
      return z.NEVER;
    }
    return d;
  });

/** The rollout audit and its id, the user holding one of `anyOf` in its project. @throws AppError not_found / forbidden / invalid (not a rollout audit). */
async function rolloutAudit(user: CurrentUser, slug: string, anyOf: readonly Role[]): Promise<number> {
  const { audit } = await requireProfileAuditRole(user, slug, anyOf);
  if (audit.profile !== "rollout") throw new AppError("not_found", "Rollout audit not found.");
  return audit.id;
}
const refresh = (slug: string) => revalidatePath(`/checks/${slug}`);

/** Records when the first stage was reached (the rollout's start). */
export const startRolloutAction = authorizedAction("operator", z.object({ checkSlug, percentage, at: utcAt, note }), async (data, user) => {
  const profileAuditId = await rolloutAudit(user, data.checkSlug, ["operator"]);
  const now = new Date();
  await recordRolloutStart(getDb(), { profileAuditId, percentage: data.percentage, at: data.at ?? now, note: data.note, actorId: user.id, now });
  refresh(data.checkSlug);
  return { ok: true, message: `Recorded: ${data.percentage}% reached.` };
});

/** Records a required checkpoint as complete, with its time and a note. */
export const recordCheckpointAction = authorizedAction(
  "operator",
  z.object({ checkSlug, checkpoint: z.string().trim().min(1, "Choose a checkpoint").max(200), at: utcAt, note }),
  async (data, user) => {
    const profileAuditId = await rolloutAudit(user, data.checkSlug, ["operator"]);
    const now = new Date();
    await recordCheckpoint(getDb(), { profileAuditId, checkpoint: data.checkpoint, at: data.at ?? now, note: data.note, actorId: user.id, now });
    refresh(data.checkSlug);
    return { ok: true, message: `Checkpoint ${data.checkpoint} recorded as complete.` };
  },
);

/** Expands to the next stage now, or returns the gate's refusal reasons (nothing written). */
export const expandRolloutAction = authorizedAction("operator", z.object({ checkSlug, targetPercentage: percentage, note }), async (data, user) => {
  const profileAuditId = await rolloutAudit(user, data.checkSlug, ["operator"]);
  const result = await expandRollout(getDb(), { profileAuditId, targetPercentage: data.targetPercentage, note: data.note, actorId: user.id });
  if (!result.ok) return { ok: false, message: `Expansion to ${data.targetPercentage}% refused.`, data: { reasons: result.reasons } };
  refresh(data.checkSlug);
  return { ok: true, message: `Expanded to ${result.percentage}%.` };
});

/** An approver records GO or NO-GO with a rationale for one role slot of the next stage. */
export const voteExpansionAction = authorizedAction(
  "approver",
  z.object({
    checkSlug,
    targetPercentage: percentage,
    role: z.string().trim().min(1, "Choose the role you vote for").max(100),
    vote: z.enum(["GO", "NO_GO"], { error: "Choose GO or NO-GO" }),
    rationale: z.string().trim().min(1, "Write why").max(2_000, "At most 2,000 characters"),
  }),
  async (data, user) => {
    const profileAuditId = await rolloutAudit(user, data.checkSlug, ["approver"]);
    await recordExpansionVote(getDb(), { profileAuditId, targetPercentage: data.targetPercentage, role: data.role, vote: data.vote, rationale: data.rationale, voterId: user.id });
    refresh(data.checkSlug);
    return { ok: true, message: `Vote recorded: ${data.vote === "NO_GO" ? "NO-GO" : "GO"}.` };
  },
);

const text = (what: string) => z.string().trim().min(1, `Write the ${what}`).max(10_000, "At most 10,000 characters");

/** Generates the approval document for the next stage as a new stored version. */
export const generateApprovalAction = authorizedAction(
  "operator",
  z.object({
    checkSlug,
    targetPercentage: percentage,
    rationale: text("rationale"),
    metricsSummary: text("metrics summary"),
    securityStatus: text("security status"),
    riskAssessment: text("risk assessment"),
    conditions: z.string().max(10_000, "At most 10,000 characters").optional().transform((v) => (v ?? "").split(/\r?\n/).map((c) => c.trim()).filter(Boolean)),
  }),
  async (data, user) => {
    const profileAuditId = await rolloutAudit(user, data.checkSlug, ["operator"]);
    const text = { rationale: data.rationale, metricsSummary: data.metricsSummary, securityStatus: data.securityStatus, riskAssessment: data.riskAssessment, conditions: data.conditions };
    const doc = await generateExpansionApproval(getDb(), { profileAuditId, targetPercentage: data.targetPercentage, text, actorId: user.id });
    refresh(data.checkSlug);
    return { ok: true, message: `Generated ${doc.fileName} (version ${doc.version}).` };
  },
);

/** Saves the expansion readiness scorecard (items met) for the next stage. */
export const saveScorecardAction = authorizedAction(
  "operator",
  z.object({ checkSlug, targetPercentage: percentage, met: z.array(z.string().max(100)).max(100).optional().transform((v) => v ?? []) }),
  async (data, user) => {
    const profileAuditId = await rolloutAudit(user, data.checkSlug, ["operator"]);
    const r = await saveExpansionScorecard(getDb(), { profileAuditId, targetPercentage: data.targetPercentage, met: data.met, actorId: user.id });
    refresh(data.checkSlug);
    return { ok: true, message: `Scorecard saved: ${r.points} points, ${r.readiness.replace(/_/g, " ")}.` };
  },
);

/** Records a report's weighted score table and stated score; errors come back by field. */
export const recordQualityScoreAction = authorizedAction(
  "operator",
  z.object({
    checkSlug,
    title: z.string().trim().min(1, "Name the report").max(200, "At most 200 characters"),
    table: z.string().min(1, "Enter the category rows").max(20_000, "At most 20,000 characters"),
    stated: z.string().trim().min(1, "Enter the overall score the report states").max(50),
  }),
  async (data, user) => {
    const profileAuditId = await rolloutAudit(user, data.checkSlug, ["operator"]);
    const checked = evaluateQualityScore(data.table, data.stated);
    if (!checked.ok) {
      const errors: Record<string, string[]> = {};
      for (const e of checked.errors) (errors[e.field === "stated" ? "stated" : "table"] ??= []).push(e.message);
      return { ok: false, message: "Fix the highlighted fields.", errors, values: { title: data.title, table: data.table, stated: data.stated } };
    }
    const r = await recordQualityScore(getDb(), { profileAuditId, title: data.title, table: data.table, stated: data.stated, actorId: user.id });
    refresh(data.checkSlug);
    return { ok: true, message: r.mismatch ? `Recorded. The stated score does not match the recomputed ${formatScore(r.recomputed)}.` : `Recorded. The stated score matches the recomputed ${formatScore(r.recomputed)}.` };
  },
);

function formatScore(n: number): string {
  return String(Number(n.toFixed(4)));
}
