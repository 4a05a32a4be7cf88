import { z } from "zod";
import { ROLES } from "./roles";

const roleList = z.preprocess((v) => v ?? [], z.array(z.enum(ROLES, { error: "Unknown role" })));
const rolesField = roleList.pipe(z.array(z.enum(ROLES)).min(1, "Choose at least one role"));

/** A new password: 12 to 200 characters (NIST SP 800-63B §5.1.1 allows ≥ 8; we ask more). */
const passwordField = z.string().min(12, "Password needs at least 12 characters").max(200, "Password is too long (max 200 characters)");
const userIdField = z.coerce.number().int().positive();

/**
 * Admin form: add a user, with at least one role, held in every project or (`projectId`) in one
 * project only (issue 10, "Access by project"; admin is only ever held everywhere). Passwords
 * need 12+ characters (NIST SP 800-63B §5.1.1 allows ≥ 8; we ask more).
 */
export const createUserSchema = z
  .object({
    email: z.string().trim().toLowerCase().email("Enter a valid email address").max(254, "Email is too long"),
    name: z.string().trim().min(1, "Name is required").max(100, "Name is too long (max 100 characters)"),
    password: passwordField,
    roles: rolesField,
    projectId: z
      .union([z.literal(""), z.coerce.number().int().positive()])
      .optional()
      .transform((v) => (v ? v : null)),
  })
  .superRefine((v, ctx) => {
    if (v.projectId !== null && v.roles.includes("admin")) ctx.addIssue({ code: "custom", path: ["roles"], message: "Admin is granted in every project only: choose Every project, or untick admin" });
  });

/** Admin form: change the roles a user holds in every project (none: they act only where a project grants them roles). */
export const updateRolesSchema = z.object({
  userId: userIdField,
  roles: roleList,
});

/** The form an email is stored, looked up and throttled under: trimmed and lowercased (issue 10). */
export function normaliseEmail(raw: string): string {
  return raw.trim().toLowerCase();
}

/** Admin form: set a new password for a user (issue 10); same rules as a new user's password. */
export const resetPasswordSchema = z.object({
  userId: userIdField,
  password: passwordField,
});

/** Admin form: deactivate (`active` = "false") or reactivate ("true") a user (issue 10). */
export const setActiveSchema = z.object({
  userId: userIdField,
  active: z.enum(["true", "false"], { error: "Choose activate or deactivate" }).transform((v) => v === "true"),
});

/**
 * /account form: change one's own password (issue 10). The current password is required (checked
 * by the action under the sign-in throttle); the new one follows the password rules, is typed
 * twice, and differs from the current one.
 */
export const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, "Enter your current password").max(200, "Password is too long (max 200 characters)"),
    newPassword: passwordField,
    confirmPassword: z.string().min(1, "Type the new password again"),
  })
  .refine((v) => v.confirmPassword === v.newPassword, { path: ["confirmPassword"], message: "The two new passwords differ" })
  .refine((v) => v.newPassword !== v.currentPassword, { path: ["newPassword"], message: "Choose a password other than the current one" });
