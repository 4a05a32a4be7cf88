import { z } from "zod";

/** Critical defect kinds (seed 000 "Verdict Rules", critical defects). */
export const CRITICAL_KINDS = [
  { code: "target_state_not_persisted", label: "Expected target state did not persist in source-of-truth" },
  { code: "wrong_sibling_retained", label: "Wrong identity-collision sibling retained while target sibling changed" },
  { code: "save_not_persisted", label: "Claimed save/update did not persist" },
] as const;
export type CriticalKind = (typeof CRITICAL_KINDS)[number]["code"];
const CRITICAL_CODES = CRITICAL_KINDS.map((k) => k.code) as [CriticalKind, ...CriticalKind[]];

/** Label of a critical kind code, or the code when unknown. */
export function criticalKindLabel(code: string): string {
  return CRITICAL_KINDS.find((k) => k.code === code)?.label ?? code;
}

/**
 * A reviewer's finding on one sampled unit (DESIGN.md "review"). Rules:
 * a critical defect is only recorded on a FAIL finding; a confirmed false positive is a unit
 * flagged FAILED/UNKNOWN by execution that the review finds correct, so it needs a PASS finding
 * (the flag check against the unit happens in `checkReviewAgainstUnit`).
 */
export const reviewSchema = z
  .object({
    sampleUnitId: z.coerce.number().int().positive(),
    finding: z.enum(["PASS", "FAIL", "UNKNOWN"], { error: "Choose PASS, FAIL or UNKNOWN" }),
    criticalKind: z
      .union([z.literal(""), z.enum(CRITICAL_CODES)], { error: "Unknown critical defect kind" })
      .optional()
      .transform((v) => (v ? v : null)),
    falsePositive: z
      .enum(["on", "true", "false", ""])
      .optional()
      .transform((v) => v === "on" || v === "true"),
    remediationOwner: z.string().trim().max(200, "Remediation owner is too long (max 200 characters)").optional().transform((v) => v || null),
    note: z.string().trim().max(5_000, "Note is too long (max 5,000 characters)").optional().transform((v) => v || null),
    next: z.string().optional(),
  })
  .superRefine((v, ctx) => {
    if (v.criticalKind && v.finding !== "FAIL") ctx.addIssue({ code: "custom", path: ["criticalKind"], message: "A critical defect needs a FAIL finding" });
    if (v.falsePositive && v.finding !== "PASS") ctx.addIssue({ code: "custom", path: ["falsePositive"], message: "A confirmed false positive needs a PASS finding" });
  });
export type ReviewInput = z.output<typeof reviewSchema>;

/**
 * The review form's `revision` field: the unit's review revision (sample_units.revision) when the
 * page was loaded, so a save made after someone else's is refused instead of overwriting it
 * (issue 11, "Reviewing without mistakes": optimistic concurrency). A whole number ≥ 0, sent as text.
 */
export const revisionField = z.object({
  revision: z.string({ error: "The form has no review revision: reload the page" }).regex(/^\d{1,9}$/, "The review revision must be a whole number: reload the page").transform(Number),
});

/**
 * Checks a review against the unit it is about: a false positive can only be confirmed on a
 * unit whose execution status is FAILED or UNKNOWN.
 * @returns field errors, empty when consistent.
 */
export function checkReviewAgainstUnit(review: Pick<ReviewInput, "falsePositive">, executionStatus: string): Record<string, string[]> {
  if (review.falsePositive && executionStatus === "SUCCEEDED") {
    return { falsePositive: ["Only a unit flagged FAILED or UNKNOWN by execution can be a confirmed false positive"] };
  }
  return {};
}
