"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { createAudit } from "@/db/mutations/audits";
import { createAuditSchema } from "@/lib/audit-input";
import { authorizedAction } from "@/lib/server/action";
import { AppError } from "@/lib/server/errors";

/** Creates an audit (operator) and opens its overview. */
export const createAuditAction = authorizedAction("operator", createAuditSchema, async (data, user) => {
  try {
    await createAudit(getDb(), { input: data, actorId: user.id });
  } catch (e) {
    if (e instanceof AppError && e.code === "conflict") return { ok: false, message: "Fix the highlighted fields.", errors: { projectName: [e.message] } };
    throw e;
  }
  revalidatePath("/");
  redirect(`/audits/${data.slug}`);
});
