/** Small Markdown helpers for the bundle's .md artifacts (seed 000 "Output Artifacts"). */

/**
 * Text safe inside one Markdown table cell or list item: line breaks become spaces, `|` and the
 * characters that start emphasis, links, code or HTML are backslash-escaped.
 * @returns the escaped text (empty for null). Throws nothing.
 */
export function mdText(text: string | null): string {
  if (text === null) return "";
  return text.replace(/\r\n?|\n/g, " ").replace(/([\\`*_[\]<>|#])/g, "\\$1");
}

/**
 * A Markdown table.
 * @param header column titles; @param rows cells already escaped with `mdText` where needed.
 * @returns lines ending in `\n`.
 */
export function mdTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(" | ")} |\n`;
  return line(header) + line(header.map(() => "---")) + rows.map(line).join("");
}

/** A fraction 0–1 as a percentage with two decimals (`0.0312` → `3.12%`), or `n/a` for null. */
export function percent(rate: number | null): string {
  return rate === null ? "n/a" : `${(rate * 100).toFixed(2)}%`;
}
