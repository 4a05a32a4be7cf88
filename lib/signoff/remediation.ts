/**
 * Remediation deadlines for failed units (seed 000 "Output Artifacts": "For FAIL verdicts, include
 * remediation_due_at SLA and assigned remediation_owner"). The seed sets no SLA length; ours:
 * 2 calendar days for a critical defect, 10 for any other failed unit (data, editable per unit).
 */
export const REMEDIATION_SLA_DAYS = { critical: 2, standard: 10 } as const;
export type RemediationSeverity = keyof typeof REMEDIATION_SLA_DAYS;

const DAY_MS = 24 * 60 * 60 * 1000;

/** Due time: `failedAt` plus the severity's SLA in whole calendar days (UTC instants). */
export function remediationDueAt(failedAt: Date, severity: RemediationSeverity, slaDays: Record<RemediationSeverity, number> = REMEDIATION_SLA_DAYS): Date {
  return new Date(failedAt.getTime() + slaDays[severity] * DAY_MS);
}

/** none (no due date), overdue (now past the due time), else on_track. */
export function remediationStatus(dueAt: Date | null, now: Date): "none" | "on_track" | "overdue" {
  if (!dueAt) return "none";
  return now.getTime() > dueAt.getTime() ? "overdue" : "on_track";
}
