"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db/client";
import { createUser, updateUserRoles } from "@/db/mutations/users";
import { authorizedAction } from "@/lib/server/action";
import { createUserSchema, updateRolesSchema } from "@/lib/user-input";

/** Adds a user (admin). */
export const createUserAction = authorizedAction("admin", createUserSchema, async (data, user) => {
  await createUser(getDb(), { ...data, actorId: user.id });
  revalidatePath("/admin/users");
  return { ok: true, message: `Added ${data.email}.` };
});

/** Replaces a user's roles (admin). */
export const updateRolesAction = authorizedAction("admin", updateRolesSchema, async (data, user) => {
  await updateUserRoles(getDb(), { userId: data.userId, roles: data.roles, actorId: user.id });
  revalidatePath("/admin/users");
  return { ok: true, message: "Roles saved." };
});
