"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db/client";
import { createShareLink, republishShareLink, revokeShareLink } from "@/db/mutations/share-links";
import { shareLinkFields } from "@/lib/share-link-input";
import { authorizedAction } from "@/lib/server/action";
import { requireProfileAuditRole } from "@/lib/server/profile-auth";

/*
 * Share links of a checklist audit's report (issue 13: profiles reuse share links), for operators
 * in the audit's project. The audit is named by `checkSlug` (see ./actions.ts).
 */

const checkSlug = z.string({ error: "Missing audit" }).min(1, "Missing audit");
const shareLinkId = z.coerce.number({ error: "Missing share link" }).int().positive("Missing share link");

/** Creates a read-only share link to the checklist audit's report (operator); the token is shown once. */
export const createProfileShareLinkAction = authorizedAction("operator", z.object({ checkSlug, ...shareLinkFields }), async (data, user) => {
  const { audit } = await requireProfileAuditRole(user, data.checkSlug, ["operator"]);
  const { token, expiresAt } = await createShareLink(getDb(), { profileAuditId: audit.id, actorId: user.id, expiresInDays: data.expiresInDays, label: data.label });
  revalidatePath(`/checks/${data.checkSlug}`);
  return { ok: true, message: "Share link created. Copy it now: it is shown only once.", data: { path: `/r/${token}`, expiresAt: expiresAt.toISOString() } };
});

/** Publishes a new snapshot of the report on an active share link (operator). */
export const republishProfileShareLinkAction = authorizedAction("operator", z.object({ checkSlug, shareLinkId }), async (data, user) => {
  const { audit } = await requireProfileAuditRole(user, data.checkSlug, ["operator"]);
  const { snapshotHash } = await republishShareLink(getDb(), { profileAuditId: audit.id, shareLinkId: data.shareLinkId, actorId: user.id });
  revalidatePath(`/checks/${data.checkSlug}`);
  return { ok: true, message: `New snapshot published (${snapshotHash.slice(0, 12)}…).` };
});

/** Revokes a share link (operator). */
export const revokeProfileShareLinkAction = authorizedAction("operator", z.object({ checkSlug, shareLinkId }), async (data, user) => {
  const { audit } = await requireProfileAuditRole(user, data.checkSlug, ["operator"]);
  await revokeShareLink(getDb(), { profileAuditId: audit.id, shareLinkId: data.shareLinkId, actorId: user.id });
  revalidatePath(`/checks/${data.checkSlug}`);
  return { ok: true, message: "Share link revoked." };
});
