/**
 * Remediation deadlines for failed units (seed 000 "Escalation & Remediation"; "Output Artifacts":
 * "For FAIL verdicts, include remediation_due_at SLA and assigned remediation_owner"). The seed
 * names the SLA but not its length.
 */

/**
 * Default remediation SLA in whole calendar days, by severity. Ours, since the seed sets no
 * length: 2 days for a critical defect (seed 000 "Verdict Rules" critical kinds: the target state
 * did not persist, the wrong identity-collision sibling was kept, a claimed save did not persist;
 * production is wrong now, so the fix cannot wait past a couple of days), 10 days (two working
 * weeks) for any other failed unit. Data, not logic: the app may pass other values, and a unit's due date can be edited.
 */
export const REMEDIATION_SLA_DAYS = { critical: 2, standard: 10 } as const;
export type RemediationSeverity = keyof typeof REMEDIATION_SLA_DAYS;
export type RemediationStatus = "none" | "on_track" | "overdue" | "resolved";

const DAY_MS = 24 * 60 * 60 * 1000;

function assertDate(name: string, d: Date): void {
  if (!(d instanceof Date) || Number.isNaN(d.getTime())) throw new RangeError(`${name} is not a valid date`);
}

/**
 * When remediation of a unit that failed at `failedAt` is due: `failedAt` plus the severity's SLA
 * in calendar days, counted in UTC (exactly `days` × 24 h later, same UTC time of day: UTC has no
 * daylight-saving shifts, so this is calendar-day arithmetic in UTC, never in the server's zone).
 * @param slaDays whole days ≥ 0 per severity; defaults to REMEDIATION_SLA_DAYS.
 * @returns a new Date (UTC instant).
 * @throws RangeError for an invalid `failedAt`, an unknown severity, or a day count that is not a
 *   whole number ≥ 0.
 */
export function remediationDueAt(failedAt: Date, severity: RemediationSeverity, slaDays: Readonly<Record<RemediationSeverity, number>> = REMEDIATION_SLA_DAYS): Date {
  assertDate("failedAt", failedAt);
  if (!Object.hasOwn(slaDays, severity)) throw new RangeError(`unknown remediation severity: ${String(severity)}`);
  const days = slaDays[severity];
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`the ${severity} remediation SLA must be a whole number of days ≥ 0, not ${days}`);
  return new Date(failedAt.getTime() + days * DAY_MS);
}

/**
 * A unit's remediation status at `now` (UTC instants), first match wins:
 * `resolved` when `resolvedAt` is set (whether on time or late); `none` when there is no due date;
 * `overdue` when `now` is strictly after `dueAt`; otherwise `on_track` (exactly at the due
 * instant is still on track, like a deadline elsewhere in the app).
 * @throws RangeError when a given Date is invalid.
 */
export function remediationStatus(dueAt: Date | null, now: Date, resolvedAt: Date | null): RemediationStatus {
  assertDate("now", now);
  if (dueAt != null) assertDate("dueAt", dueAt);
  if (resolvedAt != null) {
    assertDate("resolvedAt", resolvedAt);
    return "resolved";
  }
  if (dueAt == null) return "none";
  return now.getTime() > dueAt.getTime() ? "overdue" : "on_track";
}
