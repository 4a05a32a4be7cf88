/**
 * Spreadsheet-safe CSV for the artifact bundle (issue 8 "Artifact bundle": written with a CSV
 * library; cells starting with `=`, `+`, `-`, `@`, tab or carriage return are neutralised, after
 * OWASP "CSV Injection").
 */
import { stringify } from "csv-stringify/sync";

const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Neutralises one cell against formula injection: text starting with `=`, `+`, `-`, `@`, a tab or
 * a carriage return gets a single quote `'` in front; anything else is returned unchanged.
 * @param cell the cell text.
 * @returns the safe text (e.g. `=SUM(A1)` → `'=SUM(A1)`, `-3` → `'-3`). Throws nothing.
 */
export function neutraliseCell(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

export type CsvCell = string | number | boolean | null;

function cellText(cell: CsvCell): string {
  if (cell === null) return "";
  if (typeof cell === "boolean") return cell ? "true" : "false";
  return String(cell);
}

/**
 * CSV text (RFC 4180: comma-separated, fields quoted when needed, CRLF line ends, header row
 * first) written by csv-stringify, every cell neutralised by `neutraliseCell`. null → empty cell,
 * booleans → `true`/`false`, numbers → their JavaScript decimal text.
 * @param header column names.
 * @param rows one array per record, in header order.
 * @throws RangeError when a row's length differs from the header's.
 */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  for (const [i, row] of rows.entries()) {
    if (row.length !== header.length) throw new RangeError(`row ${i + 1} has ${row.length} cells, the header ${header.length}`);
  }
  const records = [header.map((h) => neutraliseCell(h)), ...rows.map((row) => row.map((c) => neutraliseCell(cellText(c))))];
  return stringify(records, { record_delimiter: "windows" });
}
