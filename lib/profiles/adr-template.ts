/**
 * The ADR template as admin-editable data (issue 13: "every required section of the ADR template
 * present and non-empty (the template is data the admin can edit)"): the required `##` sections
 * new ADR audits copy into their config. Pure; stored by lib/server/adr-template.ts.
 */
import { z } from "zod";
import { DEFAULT_ADR_TEMPLATE } from "./config";

/** A stored template: its version (0 = the shipped default), the required sections, who saved it when. */
export const adrTemplateSchema = z.object({
  version: z.number().int().min(0),
  requiredSections: z
    .array(z.string().trim().min(1, "a section name is empty").max(100, "a section name is longer than 100 characters"))
    .min(1, "at least one required section")
    .max(50, "at most 50 required sections")
    .refine((s) => new Set(s.map((x) => x.toLowerCase())).size === s.length, "section names must be unique (case does not matter)"),
  savedAt: z.string().nullable(),
  savedBy: z.number().int().nullable(),
});
export type AdrTemplate = z.output<typeof adrTemplateSchema>;

/** The shipped default (config.ts DEFAULT_ADR_TEMPLATE) as version 0. */
export const DEFAULT_STORED_ADR_TEMPLATE: AdrTemplate = Object.freeze({ version: 0, requiredSections: [...DEFAULT_ADR_TEMPLATE], savedAt: null, savedBy: null });

/**
 * Section names from the admin form's text: one per line, trimmed, blank lines and a leading
 * "## " dropped ("## Context" and "Context" are the same section).
 */
export function parseTemplateLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.replace(/^\s*#{1,6}\s+/, "").trim())
    .filter((l) => l !== "");
}
