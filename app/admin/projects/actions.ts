"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db/client";
import { createProject, setProjectMemberRoles } from "@/db/mutations/projects";
import { createProjectSchema, projectMemberSchema } from "@/lib/project-input";
import { authorizedAction } from "@/lib/server/action";

/** Adds a project (admin). */
export const createProjectAction = authorizedAction("admin", createProjectSchema, async (data, user) => {
  await createProject(getDb(), { name: data.name, actorId: user.id });
  revalidatePath("/admin/projects");
  return { ok: true, message: `Added project ${data.name}.` };
});

/** Sets a user's roles in one project; no role removes the membership (admin). */
export const setProjectMemberAction = authorizedAction("admin", projectMemberSchema, async (data, user) => {
  await setProjectMemberRoles(getDb(), { projectId: data.projectId, userId: data.userId, roles: data.roles, actorId: user.id });
  revalidatePath("/admin/projects");
  return { ok: true, message: data.roles.length === 0 ? "Removed from the project." : "Project roles saved." };
});
