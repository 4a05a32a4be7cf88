/**
 * Whether a checklist audit (issue 13) still takes writes. Pure.
 * A closed audit is final; an archived one is read-only until an operator restores it (like
 * sampling audits, issue 11 "Across audits"). db/mutations/profile-audits.ts `lockProfileAudit`
 * enforces the same rule on every write; pages use this to hide the forms.
 */

/** The dates that decide it (UTC instants, or null). */
export type ChecklistAuditState = { closedAt: Date | null; archivedAt: Date | null };

/**
 * Why the audit takes no more writes: "closed" (final; wins when both hold), "archived", or null
 * when it is open.
 */
export function checklistReadOnlyReason(audit: ChecklistAuditState): "closed" | "archived" | null {
  if (audit.closedAt) return "closed";
  if (audit.archivedAt) return "archived";
  return null;
}
