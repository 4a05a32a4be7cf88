"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db/client";
import { parseTemplateLines } from "@/lib/profiles/adr-template";
import { authorizedAction } from "@/lib/server/action";
import { saveAdrTemplate } from "@/lib/server/adr-template";

/** Saves the default ADR template's required sections, one per line, as its next version (admin; issue 13). */
export const saveAdrTemplateAction = authorizedAction(
  "admin",
  z.object({ requiredSections: z.string({ error: "List the required sections, one per line" }).max(10_000, "At most 10,000 characters") }),
  async (data, user) => {
    const saved = await saveAdrTemplate(getDb(), { requiredSections: parseTemplateLines(data.requiredSections), actorId: user.id });
    revalidatePath("/admin/adr-template");
    return { ok: true, message: `Saved template version ${saved.version} (${saved.requiredSections.length} required sections).` };
  },
);
