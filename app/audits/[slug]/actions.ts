"use server";

import { z } from "zod";
import { getDb } from "@/db/client";
import { recordStabilityResult, updateDecisionSettings } from "@/db/mutations/audits";
import { drawAuditSample } from "@/db/mutations/sample";
import { shareLinkFields } from "@/lib/share-link-input";
import { createShareLink, republishShareLink, revokeShareLink } from "@/db/mutations/share-links";
import { decisionSettingsSchema, stabilityResultSchema } from "@/lib/audit-input";
import { isValidSeed } from "@/lib/random";
import { authorizedAction } from "@/lib/server/action";
import { AppError } from "@/lib/server/errors";
import { auditIdBySlug, refreshAudit, slugField } from "@/lib/server/audit-ref";


/** Records the identity stability test's actual result (operator). */
export const recordStabilityAction = authorizedAction("operator", stabilityResultSchema.extend(slugField), async (data, user) => {
  const { passed } = await recordStabilityResult(getDb(), { auditId: await auditIdBySlug(data.slug), actualResult: data.actualResult, actorId: user.id });
  refreshAudit(data.slug);
  return passed
    ? { ok: true, message: "Stability test passed: the audit can proceed." }
    : { ok: false, message: "Stability test failed: the result differs from the expected one, so the audit stays blocked." };
});

const drawSchema = z.object({
  ...slugField,
  seed: z
    .string()
    .trim()
    .toLowerCase()
    .optional()
    .refine((s) => !s || isValidSeed(s), "A seed is 32 hex characters (128 bits); leave it empty for a random one")
    .transform((s) => s || undefined),
  randomSampleSize: z
    .string()
    .trim()
    .optional()
    .transform((s) => (s ? Number(s) : undefined))
    .refine((n) => n === undefined || (Number.isInteger(n) && n >= 1 && n <= 1_000_000), "Enter a whole number of units"),
});

/** Draws the risk-tiered sample (operator). */
export const drawSampleAction = authorizedAction("operator", drawSchema, async (data, user) => {
  let draw;
  try {
    draw = await drawAuditSample(getDb(), { auditId: await auditIdBySlug(data.slug), actorId: user.id, seed: data.seed, randomSampleSize: data.randomSampleSize });
  } catch (e) {
    if (e instanceof AppError && e.code === "invalid") return { ok: false, message: "Fix the highlighted fields.", errors: { randomSampleSize: [e.message] } };
    throw e;
  }
  refreshAudit(data.slug);
  return { ok: true, message: `Sample drawn: ${draw.members.length} units (${draw.censusSize} census, ${draw.randomSize} random).` };
});

const shareSchema = z.object({ ...slugField, ...shareLinkFields });

/** Creates a read-only share link to the verdict report (operator); the token is shown once. */
export const createShareLinkAction = authorizedAction("operator", shareSchema, async (data, user) => {
  const { token, expiresAt } = await createShareLink(getDb(), { auditId: await auditIdBySlug(data.slug), actorId: user.id, expiresInDays: data.expiresInDays, label: data.label });
  refreshAudit(data.slug);
  return { ok: true, message: "Share link created. Copy it now: it is shown only once.", data: { path: `/r/${token}`, expiresAt: expiresAt.toISOString() } };
});

/** Sets the audit's confidence and decision basis before the draw (operator). */
export const updateDecisionSettingsAction = authorizedAction("operator", decisionSettingsSchema.extend(slugField), async (data, user) => {
  await updateDecisionSettings(getDb(), { auditId: await auditIdBySlug(data.slug), confidencePercent: data.confidencePercent, decisionBasis: data.decisionBasis, actorId: user.id });
  refreshAudit(data.slug);
  return { ok: true, message: `Decision basis saved: ${data.decisionBasis === "upper_bound" ? "upper bound" : "point estimate"}, ${data.confidencePercent}% confidence.` };
});

/** Publishes a new snapshot of the report on an active share link (operator). */
export const republishShareLinkAction = authorizedAction("operator", z.object({ ...slugField, shareLinkId: z.coerce.number().int().positive() }), async (data, user) => {
  const { snapshotHash } = await republishShareLink(getDb(), { auditId: await auditIdBySlug(data.slug), shareLinkId: data.shareLinkId, actorId: user.id });
  refreshAudit(data.slug);
  return { ok: true, message: `New snapshot published (${snapshotHash.slice(0, 12)}…).` };
});

/** Revokes a share link (operator). */
export const revokeShareLinkAction = authorizedAction("operator", z.object({ ...slugField, shareLinkId: z.coerce.number().int().positive() }), async (data, user) => {
  await revokeShareLink(getDb(), { auditId: await auditIdBySlug(data.slug), shareLinkId: data.shareLinkId, actorId: user.id });
  refreshAudit(data.slug);
  return { ok: true, message: "Share link revoked." };
});
