"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db/client";
import { setAvailability } from "@/db/mutations/break-glass";
import { authorizedAction } from "@/lib/server/action";

/**
 * Records a security user's availability (security role for themselves, admin for anyone), and
 * since when: `since` is a UTC date-time (empty: now), never in the future.
 */
export const setAvailabilityAction = authorizedAction(
  ["security", "admin"],
  z.object({
    userId: z.coerce.number().int().positive(),
    available: z.enum(["yes", "no"], { error: "Choose available or unavailable" }),
    since: z
      .string()
      .optional()
      .transform((v, ctx) => {
        if (!v) return undefined;
        const d = new Date(`${v}Z`);
        if (Number.isNaN(d.getTime())) {
          ctx.addIssue({ code: "custom", message: "Not a valid date and time" });
          return z.NEVER;
        }
        return d;
      }),
  }),
  async (data, user) => {
    await setAvailability(getDb(), { userId: data.userId, available: data.available === "yes", actorId: user.id, actorIsAdmin: user.roles.includes("admin"), since: data.since });
    revalidatePath("/security");
    return { ok: true, message: data.available === "yes" ? "Recorded as available." : "Recorded as unavailable." };
  },
);
