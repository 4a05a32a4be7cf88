import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import type { Role } from "@/lib/roles";
import { type CurrentUser, requireUser } from "./auth";
import { AppError } from "./errors";

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
 * Wraps a server action: authenticate → check role (one, or any of a list) → zod-validate → run. The body does the
 * domain call and its single transaction. Field errors come back as `errors`; AppErrors as
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
      const user = await requireUser(role);
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
