"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db/client";
import { createUser, resetUserPassword, setUserActive, updateUserRoles } from "@/db/mutations/users";
import { authorizedAction } from "@/lib/server/action";
import { createUserSchema, resetPasswordSchema, setActiveSchema, updateRolesSchema } from "@/lib/user-input";

/** Adds a user (admin). */
export const createUserAction = authorizedAction("admin", createUserSchema, async (data, user) => {
  await createUser(getDb(), { ...data, actorId: user.id });
  revalidatePath("/admin/users");
  revalidatePath("/admin/projects");
  return { ok: true, message: `Added ${data.email}.` };
});

/** Replaces a user's roles (admin); ends that user's sessions (issue 10). */
export const updateRolesAction = authorizedAction("admin", updateRolesSchema, async (data, user) => {
  await updateUserRoles(getDb(), { userId: data.userId, roles: data.roles, actorId: user.id });
  revalidatePath("/admin/users");
  return { ok: true, message: "Roles saved." };
});

/** Sets a new password for another user (admin) and ends their sessions (issue 10). */
export const resetPasswordAction = authorizedAction("admin", resetPasswordSchema, async (data, user) => {
  await resetUserPassword(getDb(), { userId: data.userId, password: data.password, actorId: user.id });
  revalidatePath("/admin/users");
  return { ok: true, message: "Password reset. The user's sessions have ended." };
});

/** Deactivates (ends their sessions; no sign-in) or reactivates a user (admin; issue 10). Not oneself. */
export const setUserActiveAction = authorizedAction("admin", setActiveSchema, async (data, user) => {
  await setUserActive(getDb(), { userId: data.userId, active: data.active, actorId: user.id });
  revalidatePath("/admin/users");
  return { ok: true, message: data.active ? "User reactivated." : "User deactivated." };
});
