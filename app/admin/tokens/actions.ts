"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db/client";
import { createApiToken, revokeApiToken } from "@/db/mutations/api-tokens";
import { authorizedAction } from "@/lib/server/action";

const createSchema = z.object({
  name: z.string().trim().min(1, "Name the token (e.g. the pipeline that uses it)").max(100, "At most 100 characters"),
  projectName: z
    .string()
    .trim()
    .max(100, "At most 100 characters")
    .transform((v) => (v === "" ? null : v)),
});

/** Creates a gate-reading API token (admin); the token is returned once. */
export const createApiTokenAction = authorizedAction("admin", createSchema, async (data, user) => {
  const { token } = await createApiToken(getDb(), { name: data.name, projectName: data.projectName, actorId: user.id });
  revalidatePath("/admin/tokens");
  return { ok: true, message: `Token "${data.name}" created. Copy it now: it is shown only once.`, data: { token } };
});

/** Revokes an API token (admin); the next request with it gets 401. */
export const revokeApiTokenAction = authorizedAction("admin", z.object({ apiTokenId: z.coerce.number().int().positive() }), async (data, user) => {
  await revokeApiToken(getDb(), { apiTokenId: data.apiTokenId, actorId: user.id });
  revalidatePath("/admin/tokens");
  return { ok: true, message: "Token revoked." };
});
