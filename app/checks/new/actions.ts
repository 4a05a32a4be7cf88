"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { createProfileAudit } from "@/db/mutations/profile-audits";
import { createProfileAuditSchema } from "@/lib/profiles/profile-input";
import { authorizedAction } from "@/lib/server/action";
import { loadAdrTemplate } from "@/lib/server/adr-template";
import { AppError } from "@/lib/server/errors";

/** Creates a checklist audit (operator in its project; issue 13) and opens it at /checks/[slug]. */
export const createProfileAuditAction = authorizedAction("operator", createProfileAuditSchema, async (data, user) => {
  try {
    // ADR: the required sections come from the admin-edited template in force (lib/server/adr-template.ts).
    const input = data.profile === "adr" ? { ...data, config: { ...data.config, requiredSections: [...loadAdrTemplate().requiredSections] } } : data;
    await createProfileAudit(getDb(), { input, actorId: user.id });
  } catch (e) {
    if (e instanceof AppError && e.code === "conflict") return { ok: false, message: "Fix the highlighted fields.", errors: { auditDate: [e.message] } };
    throw e;
  }
  revalidatePath("/");
  redirect(`/checks/${data.slug}`);
});
