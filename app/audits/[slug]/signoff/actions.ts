"use server";

import { z } from "zod";
import { getDb } from "@/db/client";
import { approveDestructive, recordWaiver, revokeWaiver, updateRemediation } from "@/db/mutations/clearance";
import { closeAudit, requestSignOff, revokeSignOff, signOff } from "@/db/mutations/signoff";
import { authorizedAction } from "@/lib/server/action";
import { auditIdBySlug, refreshAudit, slugField } from "@/lib/server/audit-ref";
import { checkStepUp } from "@/lib/server/auth";
import { AppError } from "@/lib/server/errors";
import { getSettings } from "@/lib/server/settings";
import { getHeadSigner } from "@/lib/server/signing-key";
import { waiverKeysConfigured } from "@/lib/signoff/waiver-keys";

const statement = (what: string) => z.string().trim().min(1, `Write ${what}`).max(2_000, "At most 2,000 characters");
const password = z.string().min(1, "Enter your password to sign");

/** An approver signs the verdict snapshot they were shown (step-up: their password again). */
export const signOffAction = authorizedAction(
  "approver",
  z.object({ ...slugField, statement: statement("what you are signing off and why"), seenHash: z.string().regex(/^[0-9a-f]{64}$/, "Missing snapshot hash"), password }),
  async (data, user) => {
    const stepUp = await checkStepUp(user, data.password);
    if (stepUp) return { ok: false, message: "Fix the highlighted fields.", errors: stepUp };
    const { snapshotHash } = await signOff(getDb(), {
      auditId: await auditIdBySlug(data.slug),
      signerId: user.id,
      signerRoles: user.roles,
      statement: data.statement,
      seenHash: data.seenHash,
      separationOfDuties: getSettings().separationOfDuties,
      headSigner: getHeadSigner(),
    });
    refreshAudit(data.slug);
    return { ok: true, message: `Signed snapshot ${snapshotHash.slice(0, 12)}…` };
  },
);

/** The signer revokes their own signature, with a reason. */
export const revokeSignOffAction = authorizedAction(
  "approver",
  z.object({ ...slugField, signOffId: z.coerce.number().int().positive(), reason: statement("why you revoke it") }),
  async (data, user) => {
    await revokeSignOff(getDb(), { auditId: await auditIdBySlug(data.slug), signOffId: data.signOffId, signerId: user.id, reason: data.reason });
    refreshAudit(data.slug);
    return { ok: true, message: "Signature revoked." };
  },
);

/** An operator asks an approver (or any approver) to sign off, optionally by a deadline. */
export const requestSignOffAction = authorizedAction(
  "operator",
  z.object({
    ...slugField,
    approverId: z.union([z.literal(""), z.coerce.number().int().positive()]).optional().transform((v) => (v ? v : null)),
    deadline: z
      .string()
      .optional()
      .transform((v, ctx) => {
        if (!v) return null;
        const d = new Date(`${v}Z`);
        if (Number.isNaN(d.getTime())) {
          ctx.addIssue({ code: "custom", message: "Not a valid date and time" });
          return z.NEVER;
        }
        if (d.getTime() < Date.now()) {
          ctx.addIssue({ code: "custom", message: "The deadline is in the past" });
          return z.NEVER;
        }
        return d;
      }),
  }),
  async (data, user) => {
    await requestSignOff(getDb(), { auditId: await auditIdBySlug(data.slug), requestedBy: user.id, approverId: data.approverId, deadline: data.deadline });
    refreshAudit(data.slug);
    return { ok: true, message: "Sign-off requested." };
  },
);

/** Closes the audit when the gate allows it; otherwise returns every reason it is refused. */
export const closeAuditAction = authorizedAction("operator", z.object(slugField), async (data, user) => {
  const result = await closeAudit(getDb(), { auditId: await auditIdBySlug(data.slug), actorId: user.id, headSigner: getHeadSigner() });
  refreshAudit(data.slug);
  if (!result.closed) return { ok: false, message: "Closeout refused.", data: { reasons: result.reasons } };
  return { ok: true, message: "Audit closed. It is read-only now." };
});

/** Sets a failed unit's remediation due date and destructive flag (operator). */
export const updateRemediationAction = authorizedAction(
  "operator",
  z.object({
    ...slugField,
    sampleUnitId: z.coerce.number().int().positive(),
    dueAt: z
      .string()
      .optional()
      .refine((v) => !v || /^\d{4}-\d{2}-\d{2}$/.test(v), "Use a date (YYYY-MM-DD)")
      .transform((v) => (v ? new Date(`${v}T23:59:59Z`) : null)),
    destructive: z.enum(["on", ""]).optional().transform((v) => v === "on"),
  }),
  async (data, user) => {
    await updateRemediation(getDb(), { auditId: await auditIdBySlug(data.slug), sampleUnitId: data.sampleUnitId, dueAt: data.dueAt, destructive: data.destructive, actorId: user.id });
    refreshAudit(data.slug);
    return { ok: true, message: "Remediation saved." };
  },
);

/** Records a verified HMAC-SHA256 waiver for the destructive remediation (operator or security). */
export const recordWaiverAction = authorizedAction(
  ["operator", "security"],
  z.object({
    ...slugField,
    record: z.string().trim().min(2, "Paste the waiver record (JSON)").max(10_000).transform((s, ctx) => {
      try {
        return JSON.parse(s) as unknown;
      } catch {
        ctx.addIssue({ code: "custom", message: "The waiver record is not valid JSON" });
        return z.NEVER;
      }
    }),
    signature: z.string().trim().min(1, "Paste the waiver's signature").max(200),
  }),
  async (data, user) => {
    try {
      const waiverId = await recordWaiver(getDb(), { auditId: await auditIdBySlug(data.slug), record: data.record, signature: data.signature, keys: getSettings().waiverKeys, actorId: user.id });
      refreshAudit(data.slug);
      return { ok: true, message: `Waiver ${waiverId} verified and recorded.` };
    } catch (e) {
      if (e instanceof AppError && e.code === "invalid") return { ok: false, message: "The waiver was not accepted.", errors: { record: [e.message] } };
      throw e;
    }
  },
);

/** Revokes a recorded waiver with a reason (operator or security); it no longer clears closeout. */
export const revokeWaiverAction = authorizedAction(
  ["operator", "security"],
  z.object({ ...slugField, waiverId: z.string().min(1).max(100), reason: statement("why you revoke it") }),
  async (data, user) => {
    await revokeWaiver(getDb(), { auditId: await auditIdBySlug(data.slug), waiverId: data.waiverId, reason: data.reason, actorId: user.id });
    refreshAudit(data.slug);
    return { ok: true, message: `Waiver ${data.waiverId} revoked.` };
  },
);

/** One of the two approvals a destructive remediation needs without a waiver (security or approver; step-up). */
export const approveDestructiveAction = authorizedAction(
  ["security", "approver"],
  z.object({ ...slugField, statement: statement("what you approve"), password }),
  async (data, user) => {
    const stepUp = await checkStepUp(user, data.password);
    if (stepUp) return { ok: false, message: "Fix the highlighted fields.", errors: stepUp };
    const degraded = !waiverKeysConfigured(getSettings().waiverKeys);
    await approveDestructive(getDb(), { auditId: await auditIdBySlug(data.slug), approverId: user.id, approverRoles: user.roles, statement: data.statement, degraded });
    refreshAudit(data.slug);
    return { ok: true, message: "Approval recorded." };
  },
);
