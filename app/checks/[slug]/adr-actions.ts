"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db/client";
import { addLensFinding, endContentReview, generateAdrReport, recordLensScore, uploadAdr } from "@/db/mutations/profile-adr";
import { ADR_LENSES } from "@/lib/profiles/config";
import { authorizedAction } from "@/lib/server/action";
import { requireProfileAuditRole } from "@/lib/server/profile-auth";

/**
 * Server actions of the ADR quality gate panel (issue 13; components/profiles/adr-panel.tsx). The
 * audit is named by `checkSlug` (not `slug`, which authorizedAction checks against sampling
 * audits) and checked in its project by requireProfileAuditRole. Roles: operator uploads the ADR,
 * ends the review and generates reports; reviewer enters lens scores and lens findings.
 */

const checkSlug = z.string({ error: "checkSlug is required" }).trim().min(1, "checkSlug is required");
const done = (slug: string) => revalidatePath(`/checks/${slug}`);

/** Uploads or pastes the ADR Markdown as the next version (operator). Fields: checkSlug, adr (the text), fileName (empty for a paste). */
export const uploadAdrAction = authorizedAction(
  "operator",
  z.object({ checkSlug, adr: z.string({ error: "Paste the ADR or choose a file" }).min(1, "Paste the ADR or choose a file"), fileName: z.string().max(200, "At most 200 characters").optional() }),
  async (data, user) => {
    const { audit, user: scoped } = await requireProfileAuditRole(user, data.checkSlug, ["operator"]);
    const { version } = await uploadAdr(getDb(), { profileAuditId: audit.id, fileName: data.fileName ?? null, body: data.adr, actorId: scoped.id });
    done(audit.slug);
    return { ok: true, message: `Stored ADR version ${version}.` };
  },
);

/** A lens reviewer's 0–100 score (reviewer). Fields: checkSlug, lens, score. */
export const lensScoreAction = authorizedAction(
  "reviewer",
  z.object({
    checkSlug,
    lens: z.enum(ADR_LENSES, { error: "Choose a lens" }),
    score: z.preprocess((v) => (typeof v === "string" && v.trim() !== "" ? Number(v) : undefined), z.number({ error: "Enter a score from 0 to 100" }).int("Enter a whole number from 0 to 100").min(0, "Enter a score from 0 to 100").max(100, "Enter a score from 0 to 100")),
  }),
  async (data, user) => {
    const { audit, user: scoped } = await requireProfileAuditRole(user, data.checkSlug, ["reviewer"]);
    await recordLensScore(getDb(), { profileAuditId: audit.id, lens: data.lens, score: data.score, actorId: scoped.id });
    done(audit.slug);
    return { ok: true, message: `Saved the ${data.lens.replace(/_/g, " ")} score ${data.score}.` };
  },
);

/** A lens finding citing a playbook check (reviewer). Fields: checkSlug, lens, check, title, severity, location, evidence, blocking ("on"). */
export const lensFindingAction = authorizedAction(
  "reviewer",
  z.object({ checkSlug }).passthrough(),
  async (data, user) => {
    const { audit, user: scoped } = await requireProfileAuditRole(user, data.checkSlug, ["reviewer"]);
    const { checkSlug: _, blocking, ...rest } = data as Record<string, unknown>;
    void _;
    await addLensFinding(getDb(), { profileAuditId: audit.id, input: { ...rest, blocking: blocking === "on" || blocking === "true" }, actorId: scoped.id });
    done(audit.slug);
    return { ok: true, message: "Finding added." };
  },
);

/** Ends the content review before every lens returned (operator). Field: checkSlug. */
export const endReviewAction = authorizedAction("operator", z.object({ checkSlug }), async (data, user) => {
  const { audit, user: scoped } = await requireProfileAuditRole(user, data.checkSlug, ["operator"]);
  await endContentReview(getDb(), { profileAuditId: audit.id, actorId: scoped.id });
  done(audit.slug);
  return { ok: true, message: "Content review ended." };
});

/** Generates the next ADR audit report version (operator). Field: checkSlug. */
export const generateAdrReportAction = authorizedAction("operator", z.object({ checkSlug }), async (data, user) => {
  const { audit, user: scoped } = await requireProfileAuditRole(user, data.checkSlug, ["operator"]);
  const { fileName } = await generateAdrReport(getDb(), { profileAuditId: audit.id, actorId: scoped.id });
  done(audit.slug);
  return { ok: true, message: `Generated ${fileName}.` };
});
