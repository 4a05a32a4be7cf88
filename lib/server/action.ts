import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import type { Role } from "@/lib/roles";
import { type CurrentUser, requireUser } from "./auth";
import { AppError } from "./errors";
import { requireProfileAuditRole } from "./profile-auth";
import { requireAuditRole, requireProjectRole } from "./project-auth";

/** What every form action returns: a message, per-field errors, optional data for the form. */
export type ActionState = {
  ok?: boolean;
  message?: string;
  errors?: Record<string, string[] | undefined>;
  data?: Record<string, unknown>;
  /** The submitted fields, echoed back on a validation error so the form keeps what was typed. */
  values?: Record<string, unknown>;
};

/**
 * Turns FormData into a plain object: fields named `x[]` become arrays under `x`,
 * others keep their last string value. Files are dropped (uploads go through route handlers).
 */
export function formDataToObject(formData: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of new Set(formData.keys())) {
    if (key.startsWith("$ACTION")) continue;
    const values = formData.getAll(key).filter((v): v is string => typeof v === "string");
    if (key.endsWith("[]")) out[key.slice(0, -2)] = values;
    else if (values.length > 0) out[key] = values[values.length - 1];
  }
  return out;
}

/**
 * Wraps a server action: authenticate → check role (one, or any of a list, held in some project)
 * → check it where the action applies (issue 10, "Access by project": in the audit's project when
 * the form has a `slug` or a `checkSlug`, in the named project when it has a `projectName`) → zod-validate → run
 * with the user as seen there (`user.roles` are that project's roles). The body does the domain
 * call and its single transaction. Field errors come back as `errors`; AppErrors as
 * `message`; redirects pass through; anything else is logged and shown as a generic message.
 */
export function authorizedAction<S extends z.ZodType>(
  role: Role | readonly Role[],
  schema: S,
  body: (data: z.output<S>, user: CurrentUser) => Promise<ActionState | void>,
) {
  return async (_prev: ActionState, formData: FormData): Promise<ActionState> => {
    const raw = formDataToObject(formData);
    // Echoed back so the form keeps what was typed; passwords never travel back.
    const values = Object.fromEntries(Object.entries(raw).filter(([k]) => !/password/i.test(k)));
    try {
      const anyOf: readonly Role[] = typeof role === "string" ? [role] : role;
      // Authorization comes before validation: who may not act here learns nothing about the input.
      const user = await scopeToInput(await requireUser(anyOf), raw, anyOf);
      const parsed = schema.safeParse(raw);
      if (!parsed.success) {
        const errors: Record<string, string[]> = {};
        for (const issue of parsed.error.issues) {
          const key = String(issue.path[0] ?? "form");
          errors[key] ??= [issue.message]; // the first problem per field is the one to fix first
        }
        return { ok: false, message: "Fix the highlighted fields.", errors, values };
      }
      return (await body(parsed.data, user)) ?? { ok: true };
    } catch (e) {
      unstable_rethrow(e);
      if (e instanceof AppError) return { ok: false, message: e.message, values };
      console.error(e);
      return { ok: false, message: "Something went wrong; nothing was saved." };
    }
  };
}

/**
 * The user as seen where the submitted form applies: the sampling audit of its `slug` field, the
 * checklist audit of its `checkSlug` field (issue 13), the project of its `projectName` field
 * (trimmed, as the schemas do), else as is.
 * @throws AppError not_found / forbidden (lib/server/project-auth.ts).
 */
async function scopeToInput(user: CurrentUser, raw: Record<string, unknown>, anyOf: readonly Role[]): Promise<CurrentUser> {
  if (typeof raw.slug === "string") return (await requireAuditRole(user, raw.slug, anyOf)).user;
  if (typeof raw.checkSlug === "string") return (await requireProfileAuditRole(user, raw.checkSlug, anyOf)).user;
  if (typeof raw.projectName === "string" && raw.projectName.trim() !== "") return requireProjectRole(user, raw.projectName.trim(), anyOf);
  return user;
}
