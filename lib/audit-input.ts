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

/**
 * The slug of a re-audit (issue 11 "Across audits"): AUDIT_SLUG of its project and day, and when
 * that is taken, the first free of `{slug}-r2`, `{slug}-r3`, … (the run number of that day; the
 * suffix `-r{n}`, n ≥ 2, is the only extension of the seed's AUDIT_SLUG pattern).
 * @param base auditSlug(project, day).
 * @param taken slugs already in use (any; only `base` and its `-r{n}` forms matter).
 */
export function nextRunSlug(base: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) if (!used.has(`${base}-r${n}`)) return `${base}-r${n}`;
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

/**
 * The settings of an audit: every create-form field except the project and the date, which make
 * the slug. Editable until the sample is drawn (issue 11 "Across audits").
 */
const auditSettingsShape = {
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
};

/** Bounded staleness needs its bound: a refinement both schemas share. */
const stalenessBoundCheck = (v: { consistencyModel: string; stalenessBoundSeconds?: string }) => {
  if (v.consistencyModel !== "bounded_staleness") return true;
  const raw = v.stalenessBoundSeconds ?? "";
  return /^\d+$/.test(raw) && Number.isSafeInteger(Number(raw)) && Number(raw) > 0;
};
const stalenessBoundOptions = {
  path: ["stalenessBoundSeconds"],
  message: "Bounded staleness needs its bound in seconds (a positive integer)",
  // Run even when other fields are invalid, so the form shows every problem at once.
  when: (payload: { value: unknown }) => {
    const v = payload.value as { consistencyModel?: unknown; stalenessBoundSeconds?: unknown };
    return v?.consistencyModel === "bounded_staleness";
  },
};

/** The bound in seconds for bounded staleness, else null. */
const withStalenessBound = <T extends { consistencyModel: string; stalenessBoundSeconds?: string }>(v: T) => ({
  ...v,
  stalenessBoundSeconds: v.consistencyModel === "bounded_staleness" ? Number(v.stalenessBoundSeconds) : null,
});

/**
 * Editing an audit's settings before the draw (issue 11): the create form's fields without the
 * project and date. Same rules and messages as createAuditSchema.
 */
export const auditSettingsSchema = z
  .object(auditSettingsShape)
  .refine(stalenessBoundCheck, stalenessBoundOptions)
  .transform(withStalenessBound);

export type AuditSettingsInput = z.output<typeof auditSettingsSchema>;

export const createAuditSchema = z
  .object({
    projectName: z
      .string()
      .trim()
      .min(1, "Project name is required")
      .max(80, "Project name is too long (max 80 characters)")
      .regex(PROJECT_NAME_PATTERN, "Use lower-case letters, digits and single hyphens (e.g. billing-migration)"),
    auditDate: z.string().trim().refine(isCalendarDate, "Date must be a real calendar date (YYYY-MM-DD)"),
    ...auditSettingsShape,
  })
  .refine(stalenessBoundCheck, stalenessBoundOptions)
  .transform((v) => ({ ...withStalenessBound(v), slug: auditSlug(v.projectName, v.auditDate) }));

export type CreateAuditInput = z.output<typeof createAuditSchema>;

/** Recording the identity stability pre-flight's actual result. */
export const stabilityResultSchema = z.object({
  actualResult: z.string().trim().min(1, "Enter the result the stability test returned").max(2_000, "Result is too long (max 2,000 characters)"),
});
