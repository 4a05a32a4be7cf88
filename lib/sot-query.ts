/**
 * The audit's source-of-truth query with one unit's key filled in, for the reviewer to copy and
 * run (issue 11, "Reviewing without mistakes"; seed 000 SOURCE_OF_TRUTH_SPEC). Text only: nothing
 * here runs a query.
 */

/** Placeholders recognised, as the create form's hint and the review page name them. */
export const SOT_PLACEHOLDERS = [":unit_key", "{{unit_key}}", "{unit_key}", "?", "$1"] as const;

const NAMED = /(?<![:\w])(?::unit_key\b|\{\{\s*unit_key\s*\}\}|\{unit_key\})/g;

/**
 * The key as an SQL literal: a plain integer as is (`42`, so integer columns compare without a
 * cast), anything else as a single-quoted string with quotes doubled (`'o''brien'`).
 */
export function sqlLiteral(key: string): string {
  return /^-?(0|[1-9]\d{0,17})$/.test(key) ? key : `'${key.replaceAll("'", "''")}'`;
}

/**
 * Fills a unit's key into a source-of-truth query. Named placeholders `:unit_key`,
 * `{{unit_key}}` (spaces inside allowed) and `{unit_key}` are replaced wherever they stand;
 * positional `?` and `$1` only outside quoted strings, quoted identifiers and comments. A
 * placeholder already inside quotes (`':unit_key'`) gets the key with quotes doubled; elsewhere
 * it gets `sqlLiteral(key)`.
 * @returns the filled text and whether any placeholder was found (false: the query as written).
 */
export function fillSotQuery(query: string, unitKey: string): { text: string; filled: boolean } {
  let filled = false;
  const escaped = unitKey.replaceAll("'", "''");
  const quotedAt = (text: string, start: number, end: number) => text[start - 1] === "'" && text[end] === "'";
  const named = query.replace(NAMED, (match, offset: number, whole: string) => {
    filled = true;
    return quotedAt(whole, offset, offset + match.length) ? escaped : sqlLiteral(unitKey);
  });
  if (filled) return { text: named, filled };
  const text = replacePositional(query, sqlLiteral(unitKey));
  return { text, filled: text !== query };
}

/** Replaces `?` and `$1` (not `$10`) outside '…' strings, "…" identifiers, -- and /* *\/ comments. */
function replacePositional(query: string, literal: string): string {
  let out = "";
  let i = 0;
  while (i < query.length) {
    const c = query[i];
    const skipTo = (end: number) => {
      out += query.slice(i, end);
      i = end;
    };
    if (c === "'" || c === '"') {
      let j = i + 1;
      while (j < query.length && !(query[j] === c && query[j + 1] !== c)) j += query[j] === c ? 2 : 1;
      skipTo(Math.min(j + 1, query.length));
    } else if (c === "-" && query[i + 1] === "-") {
      const nl = query.indexOf("\n", i);
      skipTo(nl === -1 ? query.length : nl);
    } else if (c === "/" && query[i + 1] === "*") {
      const close = query.indexOf("*/", i + 2);
      skipTo(close === -1 ? query.length : close + 2);
    } else if (c === "?") {
      out += literal;
      i += 1;
    } else if (c === "$" && query[i + 1] === "1" && !/\d/.test(query[i + 2] ?? "") && !/[\w$]/.test(query[i - 1] ?? "")) {
      out += literal;
      i += 2;
    } else {
      out += c;
      i += 1;
    }
  }
  return out;
}
