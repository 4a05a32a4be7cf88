import { z } from "zod";
import { PROJECT_NAME_PATTERN } from "./audit-input";
import { PROJECT_ROLES } from "./project-access";

/** Admin form: add a project (names follow audit project names: lib/audit-input.ts PROJECT_NAME_PATTERN). */
export const createProjectSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, "Project name is required")
    .max(80, "Project name is too long (max 80 characters)")
    .regex(PROJECT_NAME_PATTERN, "Use lower-case letters, digits and single hyphens (e.g. billing-migration)"),
});

/** Admin form: set the roles a user holds in one project; no role removes them from it. */
export const projectMemberSchema = z.object({
  projectId: z.coerce.number({ error: "Choose a project" }).int().positive("Choose a project"),
  userId: z.coerce.number({ error: "Choose a user" }).int().positive("Choose a user"),
  roles: z.preprocess((v) => v ?? [], z.array(z.enum(PROJECT_ROLES, { error: "Unknown project role (admin is granted everywhere only)" }))),
});
