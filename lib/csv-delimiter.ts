/**
 * CSV field delimiters (issue 11 "Every page, for everyone": a semicolon-delimited CSV imported as
 * one column). The import wizard and the import route detect the delimiter from the file's first
 * lines; the operator may override it.
 */
export const DELIMITERS = { comma: ",", semicolon: ";", tab: "\t", pipe: "|" } as const;
export type DelimiterName = keyof typeof DELIMITERS;

/** Candidate order; on a tie the earlier one wins (comma first). */
const CANDIDATES = ["comma", "semicolon", "tab", "pipe"] as const satisfies readonly DelimiterName[];

/** Human labels for the wizard's select. */
export const DELIMITER_LABELS: Record<DelimiterName, string> = { comma: "Comma (,)", semicolon: "Semicolon (;)", tab: "Tab", pipe: "Pipe (|)" };

/** What a request may ask for: a named delimiter, or `detect` (find it in the file's first lines). */
export const DELIMITER_CHOICES = ["detect", ...CANDIDATES] as const;
export type DelimiterChoice = "detect" | DelimiterName;

/**
 * Field counts of the first `max` non-empty records of `text` split by `delimiter`. Quote-aware as
 * RFC 4180: a field opening with `"` runs to its closing quote (`""` is an escaped quote) and may
 * hold delimiters and line breaks; a quote inside an unquoted field is an ordinary character.
 * A last line without a line break counts as a record.
 */
function fieldCounts(text: string, delimiter: string, max: number): number[] {
  const counts: number[] = [];
  let fields = 1;
  let inQuotes = false;
  let atFieldStart = true;
  let content = false;
  for (let i = 0; i < text.length && counts.length < max; i++) {
    const ch = text[i];
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') i++;
        else inQuotes = false;
      }
      continue;
    }
    if (ch === "\n" || ch === "\r") {
      if (content) counts.push(fields);
      if (ch === "\r" && text[i + 1] === "\n") i++;
      fields = 1;
      atFieldStart = true;
      content = false;
      continue;
    }
    content = true;
    if (ch === delimiter) {
      fields++;
      atFieldStart = true;
    } else {
      if (ch === '"' && atFieldStart) inQuotes = true;
      atFieldStart = false;
    }
  }
  if (content && counts.length < max) counts.push(fields);
  return counts;
}

/**
 * Detects a CSV file's delimiter from its first lines: among comma, semicolon, tab and pipe, the
 * one that splits the header into the most columns while the second record has as many fields
 * (or there is no second record); ties, and text no candidate splits, give comma (issue 11).
 * @param head the start of the file as text: whole lines (cut a partial last line off first); a
 *   leading byte-order mark is ignored.
 * @returns the delimiter's name (see DELIMITERS).
 */
export function detectDelimiter(head: string): DelimiterName {
  const text = head.replace(/^\uFEFF/, "");
  let best: DelimiterName = "comma";
  let bestColumns = 1;
  for (const name of CANDIDATES) {
    const [header, second] = fieldCounts(text, DELIMITERS[name], 2);
    if (header === undefined || (second !== undefined && second !== header)) continue;
    if (header > bestColumns) {
      best = name;
      bestColumns = header;
    }
  }
  return best;
}

/** The whole lines of a file's head: cut after the last line break unless `complete` (the head is the whole file). */
export function wholeLines(head: string, complete: boolean): string {
  if (complete) return head;
  const end = Math.max(head.lastIndexOf("\n"), head.lastIndexOf("\r"));
  return end < 0 ? head : head.slice(0, end);
}
