/**
 * A report's weighted quality-score table as the operator enters it (issue 13 "Weighted quality
 * scores are recomputed, never copied"; seed 004 §11.1 "Overall Orchestration Score"): parsed
 * from pasted text, recomputed with `weightedScore`, compared with the score the report states.
 */
import { compareStatedScore, type StatedScoreCheck } from "./scorecard";

export type QualityRow = { category: string; weight: number; score: number };
export type QualityScoreError = { row: number | null; field: "table" | "weight" | "score" | "category" | "stated"; message: string };
export type QualityScore = { rows: QualityRow[]; check: StatedScoreCheck };

/** At most this many category rows (a report's breakdown table, not a data set). */
export const MAX_QUALITY_ROWS = 50;

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/** "20%", "20" → 20; "5.5/10", "5.5" → 5.5; anything else → null. */
function numberCell(raw: string, unit: "%" | "/"): number | null {
  let s = raw.replace(/\*/g, "").trim();
  if (unit === "%") s = s.replace(/%$/, "").trim();
  else s = s.replace(/\/\s*\d+(\.\d+)?$/, "").trim();
  return NUMBER.test(s) ? Number(s) : null;
}

/**
 * Parses the stated overall score: "6.8", "6.8/10", "**6.8/10** (68%)" → 6.8.
 * @returns null when no number leads the text.
 */
export function parseStatedScore(raw: string): number | null {
  const m = /^\s*\**\s*([+-]?(\d+(\.\d*)?|\.\d+))/.exec(raw);
  return m ? Number(m[1]) : null;
}

/**
 * Parses a category table, one row a line, in either form:
 * - a Markdown table as a report prints it (`| **Category** | 20% | 5.5/10 | 1.1 | … |`): the
 *   first three cells are category, weight (percent) and score; further cells (the report's own
 *   "Weighted Score", rationale) are ignored, never copied; the header and `|---|` rows are skipped;
 * - `category, weight, score` (comma-separated; the category may not contain a comma).
 * Blank lines are skipped. Rows are numbered by line (1-based) in errors.
 * All-or-nothing: any bad row → errors, no rows.
 */
export function parseQualityTable(text: string): { ok: true; rows: QualityRow[] } | { ok: false; errors: QualityScoreError[] } {
  const errors: QualityScoreError[] = [];
  const rows: QualityRow[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const row = i + 1;
    const trimmed = line.trim();
    if (trimmed === "") return;
    let cells: string[];
    if (trimmed.startsWith("|")) {
      cells = trimmed.replace(/^\|/, "").replace(/\|$/, "").split("|").map((c) => c.trim());
      if (cells.every((c) => /^:?-+:?$/.test(c))) return; // |---|---|
      if (/^weight$/i.test(cells[1] ?? "")) return; // header row
    } else {
      cells = trimmed.split(",").map((c) => c.trim());
      if (cells.length !== 3) {
        errors.push({ row, field: "table", message: `row ${row}: expected "category, weight, score" or a Markdown table row` });
        return;
      }
    }
    if (cells.length < 3) {
      errors.push({ row, field: "table", message: `row ${row}: a table row needs category, weight and score cells` });
      return;
    }
    const category = cells[0].replace(/\*/g, "").trim();
    const weight = numberCell(cells[1], "%");
    const score = numberCell(cells[2], "/");
    if (!category) errors.push({ row, field: "category", message: `row ${row}: the category is empty` });
    if (weight === null || weight < 0) errors.push({ row, field: "weight", message: `row ${row}: weight "${cells[1]}" is not a percentage ≥ 0` });
    if (score === null) errors.push({ row, field: "score", message: `row ${row}: score "${cells[2]}" is not a number` });
    if (category && weight !== null && weight >= 0 && score !== null) rows.push({ category, weight, score });
  });
  if (errors.length === 0 && rows.length === 0) errors.push({ row: null, field: "table", message: "enter at least one category row" });
  if (rows.length > MAX_QUALITY_ROWS) errors.push({ row: null, field: "table", message: `at most ${MAX_QUALITY_ROWS} rows` });
  return errors.length ? { ok: false, errors } : { ok: true, rows };
}

/**
 * The table parsed and recomputed, next to the stated overall score (issue 13: "the app shows the
 * recomputed one next to it and flags a mismatch"; mismatch beyond 0.05, scorecard.ts
 * compareStatedScore). Weights must sum to 100 (percent).
 * @returns errors by row and field (nothing to store) or the rows and the comparison.
 */
export function evaluateQualityScore(table: string, stated: string): { ok: true; value: QualityScore } | { ok: false; errors: QualityScoreError[] } {
  const parsed = parseQualityTable(table);
  const statedValue = parseStatedScore(stated);
  const errors: QualityScoreError[] = parsed.ok ? [] : [...parsed.errors];
  if (statedValue === null) errors.push({ row: null, field: "stated", message: `the stated overall score "${stated.trim()}" is not a number` });
  if (!parsed.ok || statedValue === null) return { ok: false, errors };
  const total = parsed.rows.reduce((s, r) => s + r.weight, 0);
  if (Math.abs(total - 100) > 1e-9) return { ok: false, errors: [{ row: null, field: "weight", message: `weights must sum to 100%, not ${Number(total.toFixed(6))}%` }] };
  return { ok: true, value: { rows: parsed.rows, check: compareStatedScore(statedValue, parsed.rows) } };
}
