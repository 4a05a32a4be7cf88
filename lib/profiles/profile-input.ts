/**
 * Input of a new checklist (profile) audit (issue 13): which profile, its project, date and
 * title, the slug `<project>-<kind>-<YYYY-MM-DD>`, the launch context of a production readiness
 * audit (seed 001 Phase 1, with its strictness), the ADR gate's project threshold (seed 003
 * "Adaptation"), and the profile's default config (lib/profiles/config.ts) stored with the audit.
 * Pure; the form sends strings, this module turns them into typed values or per-field errors.
 */
import { z } from "zod";
import { PROJECT_NAME_PATTERN } from "../audit-input";
import { effectiveThreshold } from "./adr";
import { DEFAULT_ADR_CONFIG, DEFAULT_LAUNCH_READINESS_CONFIG, DEFAULT_ROLLOUT_CONFIG, DEFAULT_SCORECARD_CONFIG } from "./config";
import { isCalendarDate } from "./findings";
import { FAILURE_MODES, LAUNCH_KINDS, launchContextSchema, strictness, type LaunchContext, type Strictness } from "./launch-readiness";
import { PROFILES, profileAuditSlug, type Profile } from "./profile-kinds";

export { PROFILE_LABELS, PROFILES, SLUG_KIND, profileAuditSlug, type Profile } from "./profile-kinds";

/**
 * The config a new audit of `profile` stores (profile_audits.config): the profile's defaults
 * (lib/profiles/config.ts); rollout stores `{ rollout, scorecard }` (lib/profiles/rollout-state.ts
 * rolloutSettingsOf reads that shape). A fresh deep copy, so the caller may change it.
 */
export function defaultProfileConfig(profile: Profile): Record<string, unknown> {
  const value = profile === "launch_readiness" ? DEFAULT_LAUNCH_READINESS_CONFIG : profile === "adr" ? DEFAULT_ADR_CONFIG : { rollout: DEFAULT_ROLLOUT_CONFIG, scorecard: DEFAULT_SCORECARD_CONFIG };
  return JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
}

const yesNo = () => z.preprocess((v) => (v === "yes" || v === "true" || v === true ? true : v === "no" || v === "false" || v === false ? false : undefined), z.boolean({ error: "Choose yes or no" }));

const optionalString = z.preprocess((v) => (typeof v === "string" ? v : undefined), z.string().optional());

/**
 * The create form (strings, as FormData sends them). Launch fields are read only for a launch
 * readiness audit; `adrThreshold` only for an ADR audit.
 * Output: { profile, projectName, auditDate, title, slug, context, config, strictness }:
 * - launch readiness: context = the LaunchContext plus `strictness` (LOW | MEDIUM | HIGH);
 *   expectedTraffic in monthly active users; stop-ship criteria one per line;
 * - ADR: context {}; config.threshold = effectiveThreshold(adrThreshold) (never below 90);
 * - rollout: context {}.
 * Errors name the form field (issue 13: "Bad input gets a clear error naming the field").
 */
/** The launch context answers of the create form, each parsed on its own: values, and one issue per bad field. */
function launchFields(v: Record<string, unknown>): { parsed: Record<string, unknown>; issues: { field: string; message: string }[] } {
  const fields = {
    launchKind: z.enum(LAUNCH_KINDS, { error: `Choose the launch kind: ${LAUNCH_KINDS.join(", ")}` }),
    realUserData: yesNo(),
    payments: yesNo(),
    acceptableFailureMode: z.enum(FAILURE_MODES, { error: "Choose the acceptable failure mode" }),
    expectedTraffic: z.preprocess((s) => (typeof s === "string" && s.trim() !== "" ? Number(s.replace(/[\s,_]/g, "")) : undefined), z.number({ error: "Enter the expected monthly active users (a whole number)" }).int("Enter a whole number of monthly active users").min(0, "Cannot be negative")),
  };
  const parsed: Record<string, unknown> = {};
  const issues: { field: string; message: string }[] = [];
  for (const [key, schema] of Object.entries(fields)) {
    const r = (schema as z.ZodType).safeParse(v[key]);
    if (r.success) parsed[key] = r.data;
    else issues.push({ field: key, message: r.error.issues[0].message });
  }
  return { parsed, issues };
}

export const createProfileAuditSchema = z
  .object({
    profile: z.enum(PROFILES, { error: "Choose a profile: production readiness, ADR quality gate or rollout expansion gate" }),
    projectName: z.string({ error: "Enter a project name" }).trim().min(1, "Enter a project name").max(80, "At most 80 characters").regex(PROJECT_NAME_PATTERN, "Use lower-case letters, digits and single hyphens (e.g. billing-migration)"),
    auditDate: z.string({ error: "Enter the date" }).trim().refine(isCalendarDate, "Enter a real date as YYYY-MM-DD"),
    title: z.string({ error: "Enter a title" }).trim().min(1, "Enter a title").max(200, "At most 200 characters"),
    launchKind: optionalString,
    realUserData: z.unknown().optional(),
    payments: z.unknown().optional(),
    acceptableFailureMode: optionalString,
    expectedTraffic: optionalString,
    stopShipCriteria: optionalString,
    adrThreshold: optionalString,
  })
  // When a common field (project, date, title) is wrong the transform below does not run: name the
  // launch answers' problems in the same pass, so the form is fixed in one round.
  .superRefine(
    (v, ctx) => {
      if (v.profile !== "launch_readiness") return;
      for (const issue of launchFields(v as Record<string, unknown>).issues) ctx.addIssue({ code: "custom", path: [issue.field], message: issue.message });
    },
    { when: (payload) => payload.issues.length > 0 && typeof payload.value === "object" && payload.value !== null },
  )
  .transform((v, ctx) => {
    const base = { profile: v.profile, projectName: v.projectName, auditDate: v.auditDate, title: v.title, slug: profileAuditSlug(v.projectName, v.profile, v.auditDate) };
    let context: Record<string, unknown> = {};
    const config = defaultProfileConfig(v.profile);
    let level: Strictness | null = null;
    if (v.profile === "launch_readiness") {
      const { parsed, issues } = launchFields(v);
      for (const issue of issues) ctx.addIssue({ code: "custom", path: [issue.field], message: issue.message });
      const criteria = (v.stopShipCriteria ?? "").split(/\r?\n/).map((s) => s.trim()).filter(Boolean);
      const launch = launchContextSchema.safeParse({ kind: parsed.launchKind, realUserData: parsed.realUserData, payments: parsed.payments, acceptableFailureMode: parsed.acceptableFailureMode, expectedTraffic: parsed.expectedTraffic, stopShipCriteria: criteria });
      if (!launch.success) {
        for (const issue of launch.error.issues) if (issue.path[0] === "stopShipCriteria") ctx.addIssue({ code: "custom", path: ["stopShipCriteria"], message: `Stop-ship criteria: ${issue.message} (at most 50, 500 characters each)` });
        return z.NEVER;
      }
      level = strictness(launch.data, DEFAULT_LAUNCH_READINESS_CONFIG);
      context = { ...launch.data, strictness: level } satisfies LaunchContext & { strictness: Strictness };
    } else if (v.profile === "adr" && v.adrThreshold && v.adrThreshold.trim() !== "") {
      const n = Number(v.adrThreshold.trim());
      if (!Number.isFinite(n) || n < 0 || n > 100) {
        ctx.addIssue({ code: "custom", path: ["adrThreshold"], message: "Enter a threshold from 0 to 100" });
        return z.NEVER;
      }
      config.threshold = effectiveThreshold(n);
    }
    return { ...base, context, config, strictness: level };
  });
export type CreateProfileAuditInput = z.output<typeof createProfileAuditSchema>;
