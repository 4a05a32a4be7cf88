import { z } from "zod";
import { ROLES } from "./roles";

const rolesField = z.preprocess((v) => v ?? [], z.array(z.enum(ROLES, { error: "Unknown role" })).min(1, "Choose at least one role"));

/** Admin form: add a user. Passwords need 12+ characters (NIST SP 800-63B §5.1.1 allows ≥ 8; we ask more). */
export const createUserSchema = z.object({
  email: z.string().trim().toLowerCase().email("Enter a valid email address").max(254, "Email is too long"),
  name: z.string().trim().min(1, "Name is required").max(100, "Name is too long (max 100 characters)"),
  password: z.string().min(12, "Password needs at least 12 characters").max(200, "Password is too long (max 200 characters)"),
  roles: rolesField,
});

/** Admin form: change a user's roles. */
export const updateRolesSchema = z.object({
  userId: z.coerce.number().int().positive(),
  roles: rolesField,
});
