/**
 * Form fields of a new share link (issue 8; issue 13 for checklist audits): the expiry in whole
 * days (1–90) and an optional label (trimmed, at most 100 characters; empty → null).
 */
import { z } from "zod";

export const shareLinkFields = {
  expiresInDays: z.coerce.number({ error: "Choose an expiry" }).int("Whole days only").min(1, "At least 1 day").max(90, "At most 90 days"),
  label: z
    .string()
    .trim()
    .max(100, "Label is too long (max 100 characters)")
    .optional()
    .transform((v) => v || null),
};
