"use server";

import { z } from "zod";
import { getDb } from "@/db/client";
import { decideFinding, finalizeExternalAudit, linkFinding, pasteExternalAuditOutput, prepareCalibration, prepareExternalAudit, recordSameFamilyOverride } from "@/db/mutations/external-audit";
import { AUDITOR_ROLES, CATEGORIES, OUTPUT_ROLES } from "@/lib/external-audit/types";
import { authorizedAction } from "@/lib/server/action";
import { auditIdBySlug, refreshAudit, slugField } from "@/lib/server/audit-ref";

/** Server actions of the external-audit cycle (issue 12): thin wrappers over db/mutations/external-audit.ts, operator role in the audit's project. */

const optionalText = (max: number, label: string) =>
  z
    .string()
    .max(max, `${label}: at most ${max.toLocaleString("en-US")} characters`)
    .optional()
    .transform((v) => (v && v.trim() !== "" ? v : null));
const reason = z.string().trim().min(1, "Write the reason").max(2_000, "At most 2,000 characters");

/** Step 1: stores the optional material and resolves both auditor prompts. */
export const prepareExternalAuditAction = authorizedAction(
  "operator",
  z.object({
    ...slugField,
    gitRange: optionalText(500, "Git range"),
    gitDiff: optionalText(2_000_000, "Git diff"),
    ailogPaths: optionalText(10_000, "AI log paths"),
    ailogContents: optionalText(2_000_000, "AI log contents"),
  }),
  async ({ slug, ...material }, user) => {
    const prompts = await prepareExternalAudit(getDb(), { auditId: await auditIdBySlug(slug), material, actorId: user.id });
    refreshAudit(slug);
    const stored = prompts.filter((p) => p.stored);
    return { ok: true, message: stored.length === 0 ? "The prompts are unchanged: the stored versions stay in force." : `Prepared ${stored.map((p) => `${p.role} v${p.version}`).join(" and ")}.` };
  },
);

/** Steps 2 and 5: stores a pasted output as a new version, valid or not; an invalid one comes back with its errors (`data.errors`). */
export const pasteOutputAction = authorizedAction(
  "operator",
  z.object({
    ...slugField,
    role: z.enum(OUTPUT_ROLES, { error: "Choose whose output this is" }),
    text: z.string().trim().min(1, "Paste the output (JSON)").max(2_000_000, "At most 2,000,000 characters"),
  }),
  async (data, user) => {
    const result = await pasteExternalAuditOutput(getDb(), { auditId: await auditIdBySlug(data.slug), role: data.role, text: data.text, actorId: user.id });
    refreshAudit(data.slug);
    if (result.valid) return { ok: true, message: `Saved ${data.role} output version ${result.version}: valid.` };
    return {
      ok: false,
      message: `Saved ${data.role} output version ${result.version}, but it is not valid (${result.errors.length} error${result.errors.length === 1 ? "" : "s"}): fix it and paste again.`,
      data: { errors: result.errors },
    };
  },
);

/** Step 3: accepts two auditors of the same model family, with a reason. */
export const recordOverrideAction = authorizedAction("operator", z.object({ ...slugField, reason }), async (data, user) => {
  await recordSameFamilyOverride(getDb(), { auditId: await auditIdBySlug(data.slug), reason: data.reason, actorId: user.id });
  refreshAudit(data.slug);
  return { ok: true, message: "Override recorded." };
});

/** Step 4: resolves the calibrator prompt with both auditor outputs embedded (refused with what is missing). */
export const prepareCalibrationAction = authorizedAction("operator", z.object(slugField), async (data, user) => {
  const { version, stored } = await prepareCalibration(getDb(), { auditId: await auditIdBySlug(data.slug), actorId: user.id });
  refreshAudit(data.slug);
  return { ok: true, message: stored ? `Calibrator prompt version ${version} prepared.` : `The calibrator prompt is unchanged: version ${version} stays in force.` };
});

/** Step 6: finalizes the cycle (refused with what is missing). */
export const finalizeExternalAuditAction = authorizedAction("operator", z.object(slugField), async (data, user) => {
  await finalizeExternalAudit(getDb(), { auditId: await auditIdBySlug(data.slug), actorId: user.id });
  refreshAudit(data.slug);
  return { ok: true, message: "External audit finalized." };
});

/** Links an auditor finding to a sampled unit (machine vs human). */
export const linkFindingAction = authorizedAction(
  "operator",
  z.object({
    ...slugField,
    role: z.enum(AUDITOR_ROLES, { error: "Choose the auditor" }),
    findingId: z.string().min(1, "Choose a finding").max(40),
    sampleUnitId: z.coerce.number({ error: "Choose a sampled unit" }).int().positive("Choose a sampled unit"),
  }),
  async (data, user) => {
    await linkFinding(getDb(), { auditId: await auditIdBySlug(data.slug), role: data.role, findingId: data.findingId, sampleUnitId: data.sampleUnitId, actorId: user.id });
    refreshAudit(data.slug);
    return { ok: true, message: `Finding ${data.findingId} linked.` };
  },
);

/** Decides a disputed finding (upheld with a category, or rejected) with a note; one decision per finding. */
export const decideFindingAction = authorizedAction(
  ["operator", "reviewer"],
  z.object({
    ...slugField,
    findingId: z.string().min(1).max(40),
    decision: z.enum(["upheld", "rejected"], { error: "Choose upheld or rejected" }),
    category: z
      .union([z.literal(""), z.enum(CATEGORIES)])
      .optional()
      .transform((v) => (v ? v : null)),
    note: z.string().trim().min(1, "Write a note explaining the decision").max(2_000, "At most 2,000 characters"),
  }),
  async (data, user) => {
    await decideFinding(getDb(), { auditId: await auditIdBySlug(data.slug), findingId: data.findingId, decision: data.decision, category: data.category, note: data.note, actorId: user.id });
    refreshAudit(data.slug);
    return { ok: true, message: `Finding ${data.findingId} ${data.decision}.` };
  },
);
