"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db/client";
import {
  addProfileFinding,
  closeProfileAudit,
  importProfileFindings,
  revokeProfileSignOff,
  setProfileAuditArchived,
  setProfileFindingStatus,
  signProfileAudit,
  updateProfileFinding,
} from "@/db/mutations/profile-audits";
import { FINDING_STATUSES, findingSchema } from "@/lib/profiles/findings";
import { authorizedAction } from "@/lib/server/action";
import { checkStepUp } from "@/lib/server/auth";
import { requireProfileAuditRole } from "@/lib/server/profile-auth";

/*
 * Actions of the checklist audit page /checks/[slug] (issue 13, common parts). The audit is named
 * by `checkSlug` (not `slug`, which names sampling audits): authorizedAction checks the role in its
 * project before validation, and each action gets the audit (checked again) with requireProfileAuditRole.
 */

const checkSlug = z.string({ error: "Missing audit" }).min(1, "Missing audit");
const id = z.coerce.number({ error: "Missing finding" }).int().positive("Missing finding");
const text = (what: string) => z.string({ error: `Write ${what}` }).trim().min(1, `Write ${what}`).max(2_000, "At most 2,000 characters");
const refresh = (slug: string) => revalidatePath(`/checks/${slug}`);
const FINDING_ROLES = ["operator", "reviewer"] as const;

/** Adds a finding (operator or reviewer in the project); fields validated by lib/profiles/findings.ts. */
export const addProfileFindingAction = authorizedAction(FINDING_ROLES, findingSchema.extend({ checkSlug }), async ({ checkSlug: slug, ...finding }, user) => {
  const { audit } = await requireProfileAuditRole(user, slug, FINDING_ROLES);
  const findingId = await addProfileFinding(getDb(), { profileAuditId: audit.id, input: finding, actorId: user.id });
  refresh(slug);
  return { ok: true, message: `Finding #${findingId} added.` };
});

/** Replaces a finding's fields (operator or reviewer in the project). */
export const updateProfileFindingAction = authorizedAction(FINDING_ROLES, findingSchema.extend({ checkSlug, findingId: id }), async ({ checkSlug: slug, findingId, ...finding }, user) => {
  const { audit } = await requireProfileAuditRole(user, slug, FINDING_ROLES);
  const changed = await updateProfileFinding(getDb(), { profileAuditId: audit.id, findingId, input: finding, actorId: user.id });
  refresh(slug);
  return { ok: true, message: changed.length ? `Finding #${findingId} saved (${changed.join(", ")}).` : "Nothing changed." };
});

/** Changes a finding's status (operator or reviewer in the project). */
export const setProfileFindingStatusAction = authorizedAction(
  FINDING_ROLES,
  z.object({ checkSlug, findingId: id, status: z.enum(FINDING_STATUSES, { error: `status must be one of ${FINDING_STATUSES.join(", ")}` }) }),
  async (data, user) => {
    const { audit } = await requireProfileAuditRole(user, data.checkSlug, FINDING_ROLES);
    await setProfileFindingStatus(getDb(), { profileAuditId: audit.id, findingId: data.findingId, status: data.status, actorId: user.id });
    refresh(data.checkSlug);
    return { ok: true, message: `Finding #${data.findingId} is now ${data.status.replace("_", " ").toLowerCase()}.` };
  },
);

/**
 * Imports findings from a JSON or CSV file's text (read in the browser), all or nothing. Errors
 * come back listed by row and field in `data.importErrors`.
 */
export const importProfileFindingsAction = authorizedAction(
  FINDING_ROLES,
  z.object({
    checkSlug,
    fileName: z.string().trim().max(200).optional().default("pasted"),
    format: z.enum(["json", "csv"], { error: "Choose JSON or CSV" }),
    content: z.string({ error: "Choose a file or paste the findings" }).min(1, "Choose a file or paste the findings").max(5_000_000, "The file is too large (max 5 MB)"),
  }),
  async (data, user) => {
    const { audit } = await requireProfileAuditRole(user, data.checkSlug, FINDING_ROLES);
    const result = await importProfileFindings(getDb(), { profileAuditId: audit.id, fileName: data.fileName || "pasted", format: data.format, text: data.content, actorId: user.id });
    if (!result.ok) return { ok: false, message: `Nothing imported: ${result.errors.length} error${result.errors.length === 1 ? "" : "s"}.`, data: { importErrors: result.errors } };
    refresh(data.checkSlug);
    return { ok: true, message: `${result.imported} finding${result.imported === 1 ? "" : "s"} imported.` };
  },
);

/** An approver in the project signs the verdict snapshot they were shown (step-up: their password again). */
export const signProfileAuditAction = authorizedAction(
  "approver",
  z.object({ checkSlug, statement: text("what you are signing off and why"), seenHash: z.string().regex(/^[0-9a-f]{64}$/, "Missing snapshot hash"), password: z.string().min(1, "Enter your password to sign") }),
  async (data, user) => {
    const scoped = await requireProfileAuditRole(user, data.checkSlug, ["approver"]);
    const stepUp = await checkStepUp(scoped.user, data.password);
    if (stepUp) return { ok: false, message: "Fix the highlighted fields.", errors: stepUp };
    const { snapshotHash } = await signProfileAudit(getDb(), { profileAuditId: scoped.audit.id, signerId: user.id, signerRoles: scoped.user.roles, statement: data.statement, seenHash: data.seenHash });
    refresh(data.checkSlug);
    return { ok: true, message: `Signed snapshot ${snapshotHash.slice(0, 12)}…` };
  },
);

/** The signer revokes their own signature, with a reason. */
export const revokeProfileSignOffAction = authorizedAction("approver", z.object({ checkSlug, signOffId: z.coerce.number().int().positive(), reason: text("why you revoke it") }), async (data, user) => {
  const { audit } = await requireProfileAuditRole(user, data.checkSlug, ["approver"]);
  await revokeProfileSignOff(getDb(), { profileAuditId: audit.id, signOffId: data.signOffId, signerId: user.id, reason: data.reason });
  refresh(data.checkSlug);
  return { ok: true, message: "Signature revoked." };
});

/** An operator closes the audit once a standing signature covers its current verdict. */
export const closeProfileAuditAction = authorizedAction("operator", z.object({ checkSlug }), async (data, user) => {
  const { audit } = await requireProfileAuditRole(user, data.checkSlug, ["operator"]);
  await closeProfileAudit(getDb(), { profileAuditId: audit.id, actorId: user.id });
  refresh(data.checkSlug);
  revalidatePath("/");
  return { ok: true, message: "Checklist audit closed." };
});

/** Archives (`archived`) or restores a checklist audit, operator in its project; the message on success. */
function setArchivedAction(archived: boolean, message: string) {
  return authorizedAction("operator", z.object({ checkSlug }), async (data, user) => {
    const { audit } = await requireProfileAuditRole(user, data.checkSlug, ["operator"]);
    await setProfileAuditArchived(getDb(), { profileAuditId: audit.id, archived, actorId: user.id });
    refresh(data.checkSlug);
    revalidatePath("/");
    return { ok: true, message };
  });
}

/** An operator archives the audit: hidden from the default lists, kept whole and read-only until restored. */
export const archiveProfileAuditAction = setArchivedAction(true, "Checklist audit archived: hidden from the lists until restored.");

/** An operator restores an archived audit to the lists, writable again (unless closed). */
export const restoreProfileAuditAction = setArchivedAction(false, "Checklist audit restored.");
