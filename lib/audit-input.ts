import { z } from "zod";
import { TRIGGER_REASON_CODES } from "./triggers";

/** Project names become the slug prefix: lower-case letters, digits and single hyphens. */
export const PROJECT_NAME_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** Seed 000 "Required Manual Placeholders": TRIGGER_CONTRACT_VERSION matches \d+\.\d+. */
export const TRIGGER_CONTRACT_VERSION_PATTERN = /^\d+\.\d+$/;

/**
 * AUDIT_SLUG (seed 000 "Required Manual Placeholders"): `{project-name}-{YYYY-MM-DD}`.
 * @param projectName already validated against PROJECT_NAME_PATTERN.
 * @param date calendar date as YYYY-MM-DD (UTC, no time).
 */
export function auditSlug(projectName: string, date: string): string {
  return `${projectName}-${date}`;
}

const isCalendarDate = (s: string) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
};

const positiveInteger = (field: string) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, `${field} must be a positive integer`)
    .transform(Number)
    .refine((n) => Number.isSafeInteger(n) && n > 0, `${field} must be a positive integer`);

const required = (field: string, max = 10_000) =>
  z.string().trim().min(1, `${field} is required`).max(max, `${field} is too long (max ${max} characters)`);

/**
 * Form input for creating an audit. Strings as they come from a form; validated per seed 000
 * "Required Manual Placeholders" and "Applicability" (consistency model). Field names are the
 * form field names, so `flatten().fieldErrors` maps straight onto the form.
 */
/**
 * Confidence of the upper bound (whole percent) and what the verdict thresholds apply to (issue 9
 * "Decision basis and confidence"): the point estimate, seed 000's default, or the exact upper bound.
 */
const decisionSettingsShape = {
  confidencePercent: z
    .enum(["90", "95", "99"], { error: "Choose 90%, 95% or 99%" })
    .default("95")
    .transform((c) => Number(c) as 90 | 95 | 99),
  decisionBasis: z.enum(["point_estimate", "upper_bound"], { error: "Choose point estimate or upper bound" }).default("point_estimate"),
};

/** Changing an audit's confidence and decision basis (allowed until the sample is drawn). */
export const decisionSettingsSchema = z.object(decisionSettingsShape);

export const createAuditSchema = z
  .object({
    projectName: z
      .string()
      .trim()
      .min(1, "Project name is required")
      .max(80, "Project name is too long (max 80 characters)")
      .regex(PROJECT_NAME_PATTERN, "Use lower-case letters, digits and single hyphens (e.g. billing-migration)"),
    auditDate: z.string().trim().refine(isCalendarDate, "Date must be a real calendar date (YYYY-MM-DD)"),
    title: required("Title", 200),
    changeDescription: required("What the change did", 5_000),
    riskTier: z.enum(["1", "2", "3"], { error: "Choose a risk tier" }).transform((t) => Number(t) as 1 | 2 | 3),
    triggerReasons: z.preprocess((v) => v ?? [], z.array(z.enum(TRIGGER_REASON_CODES, { error: "Unknown trigger reason" }), { error: "Unknown trigger reason" }).min(1, "Choose at least one trigger reason")),
    triggerContractVersion: z.string().trim().regex(TRIGGER_CONTRACT_VERSION_PATTERN, "Must look like 1.0 (digits, a dot, digits)"),
    bulkMutationThreshold: positiveInteger("Bulk mutation threshold"),
    duplicateClusterCap: positiveInteger("Duplicate cluster cap"),
    sotQuery: required("Source-of-truth query"),
    sotStabilityQuery: required("Stability test query"),
    sotExpectedResult: required("Expected stability result", 2_000),
    consistencyModel: z.enum(["strong", "bounded_staleness", "eventual"], { error: "Choose a consistency model" }),
    stalenessBoundSeconds: z.string().trim().optional(),
    ...decisionSettingsShape,
  })
  .refine(
    (v) => {
      if (v.consistencyModel !== "bounded_staleness") return true;
      const raw = v.stalenessBoundSeconds ?? "";
      return /^\d+$/.test(raw) && Number.isSafeInteger(Number(raw)) && Number(raw) > 0;
    },
    {
      path: ["stalenessBoundSeconds"],
      message: "Bounded staleness needs its bound in seconds (a positive integer)",
      // Run even when other fields are invalid, so the form shows every problem at once.
      when: (payload) => {
        const v = payload.value as { consistencyModel?: unknown; stalenessBoundSeconds?: unknown };
        return v?.consistencyModel === "bounded_staleness";
      },
    },
  )
  .transform((v) => ({
    ...v,
    stalenessBoundSeconds: v.consistencyModel === "bounded_staleness" ? Number(v.stalenessBoundSeconds) : null,
    slug: auditSlug(v.projectName, v.auditDate),
  }));

export type CreateAuditInput = z.output<typeof createAuditSchema>;

/** Recording the identity stability pre-flight's actual result. */
export const stabilityResultSchema = z.object({
  actualResult: z.string().trim().min(1, "Enter the result the stability test returned").max(2_000, "Result is too long (max 2,000 characters)"),
});
