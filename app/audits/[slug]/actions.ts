"use server";

import { z } from "zod";
import { getDb } from "@/db/client";
import { recordStabilityResult } from "@/db/mutations/audits";
import { drawAuditSample } from "@/db/mutations/sample";
import { createShareLink, republishShareLink, revokeShareLink } from "@/db/mutations/share-links";
import { stabilityResultSchema } from "@/lib/audit-input";
import { isValidSeed } from "@/lib/random";
import { authorizedAction } from "@/lib/server/action";
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
});

/** Draws the risk-tiered sample (operator). */
export const drawSampleAction = authorizedAction("operator", drawSchema, async (data, user) => {
  const draw = await drawAuditSample(getDb(), { auditId: await auditIdBySlug(data.slug), actorId: user.id, seed: data.seed });
  refreshAudit(data.slug);
  return { ok: true, message: `Sample drawn: ${draw.members.length} units (${draw.censusSize} census, ${draw.randomSize} random).` };
});

const shareSchema = z.object({
  ...slugField,
  expiresInDays: z.coerce.number({ error: "Choose an expiry" }).int("Whole days only").min(1, "At least 1 day").max(90, "At most 90 days"),
  label: z.string().trim().max(100, "Label is too long (max 100 characters)").optional().transform((v) => v || null),
});

/** Creates a read-only share link to the verdict report (operator); the token is shown once. */
export const createShareLinkAction = authorizedAction("operator", shareSchema, async (data, user) => {
  const { token, expiresAt } = await createShareLink(getDb(), { auditId: await auditIdBySlug(data.slug), actorId: user.id, expiresInDays: data.expiresInDays, label: data.label });
  refreshAudit(data.slug);
  return { ok: true, message: "Share link created. Copy it now: it is shown only once.", data: { path: `/r/${token}`, expiresAt: expiresAt.toISOString() } };
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
