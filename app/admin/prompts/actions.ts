"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db/client";
import { savePromptTemplate } from "@/db/mutations/external-audit";
import { TEMPLATE_ROLES } from "@/lib/external-audit/types";
import { authorizedAction } from "@/lib/server/action";

/** Saves a prompt template as its role's next version (admin; issue 12 "Admins can edit the templates"). */
export const savePromptTemplateAction = authorizedAction(
  "admin",
  z.object({
    role: z.enum(TEMPLATE_ROLES, { error: "Choose a template" }),
    body: z.string().min(1, "The template is empty").max(500_000, "At most 500,000 characters"),
  }),
  async (data, user) => {
    const { version } = await savePromptTemplate(getDb(), { role: data.role, body: data.body, actorId: user.id });
    revalidatePath("/admin/prompts");
    return { ok: true, message: `Saved ${data.role} version ${version}.` };
  },
);
