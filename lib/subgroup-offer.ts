/**
 * High-risk subgroups at import (issue 11 "Every page, for everyone": high-risk subgroups were
 * free text): the import wizard offers the subgroup values it sees in the file's first rows as
 * checkboxes, with free entry for the rest. The server still checks that each chosen value occurs
 * in the file (lib/population-import.ts `PopulationValidator.finish`).
 */

/** Most subgroup values offered as checkboxes. */
export const MAX_OFFERED_SUBGROUPS = 100;

/**
 * The distinct subgroup values in `rows` (cells of `column`, trimmed as the importer stores them;
 * empty cells are no subgroup), sorted by code unit order so the list is stable.
 * @param rows the rows the wizard has read (the head of the file: not necessarily all of it).
 * @param column the column mapped to subgroup; "" or undefined → no values.
 * @returns at most `max` values (`truncated` when there were more).
 */
export function offeredSubgroups(rows: readonly Readonly<Record<string, string>>[], column: string | undefined, max = MAX_OFFERED_SUBGROUPS): { values: string[]; truncated: boolean } {
  if (!column) return { values: [], truncated: false };
  const seen = new Set<string>();
  for (const r of rows) {
    const v = (r[column] ?? "").trim();
    if (v !== "") seen.add(v);
  }
  const all = [...seen].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return { values: all.slice(0, max), truncated: all.length > max };
}

/**
 * The high-risk subgroups to send: the checked values, then the comma-separated typed ones
 * (trimmed, empty entries dropped), each once, in that order.
 */
export function chosenHighRisk(checked: readonly string[], typed: string): string[] {
  const out = new Set<string>(checked);
  for (const v of typed.split(",")) if (v.trim() !== "") out.add(v.trim());
  return [...out];
}
