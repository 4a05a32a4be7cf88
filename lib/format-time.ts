/**
 * An instant as the app shows it everywhere: UTC, to the minute, e.g. `2026-11-30 09:15 UTC`.
 * Accepts a Date or an ISO-8601 UTC string (`…Z`). Throws RangeError for an invalid Date.
 */
export function formatUtcMinute(at: Date | string): string {
  const iso = typeof at === "string" ? at : at.toISOString();
  return `${iso.replace("T", " ").slice(0, 16)} UTC`;
}
