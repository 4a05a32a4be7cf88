import { parse } from "csv-parse/browser/esm/sync";
import { DELIMITERS, type DelimiterChoice, type DelimiterName, detectDelimiter, wholeLines } from "@/lib/csv-delimiter";

/**
 * The head of a file as the wizard shows it: columns, the first PREVIEW_ROWS rows, and up to
 * SCAN_ROWS rows (`scanned`, for the subgroup values it offers; `scannedAll` when they are the
 * whole file). CSV only: `delimiter` the one used, `detected` the one found in the first lines.
 */
export type FilePreview = {
  format: "csv" | "jsonl";
  columns: string[];
  rows: Record<string, string>[];
  scanned: Record<string, string>[];
  scannedAll: boolean;
  delimiter: DelimiterName;
  detected: DelimiterName;
};

/** Rows shown in the preview table. */
const PREVIEW_ROWS = 5;
/** Rows read for the subgroup values the wizard offers (issue 11). */
export const SCAN_ROWS = 1_000;
/** Bytes of the file read in the browser. */
const HEAD_BYTES = 1024 * 1024;

/** Format from the file name: .jsonl / .ndjson → jsonl, anything else → csv. */
export function formatOf(fileName: string): "csv" | "jsonl" {
  return /\.(jsonl|ndjson)$/i.test(fileName) ? "jsonl" : "csv";
}

/**
 * Reads the first MiB of a file in the browser and returns its columns, up to 5 rows for the
 * column mapping step and up to SCAN_ROWS rows for the offered subgroups. The full file is
 * validated on the server.
 * @param delimiter CSV: the delimiter to split with, or `detect` (lib/csv-delimiter.ts, issue 11).
 * @throws Error with a readable message when the head cannot be parsed.
 */
export async function previewFile(file: File, delimiter: DelimiterChoice = "detect"): Promise<FilePreview> {
  const format = formatOf(file.name);
  const head = await file.slice(0, HEAD_BYTES).text();
  const whole = file.size <= HEAD_BYTES;
  const complete = wholeLines(head, whole);
  if (format === "jsonl") {
    const all = complete.replace(/^\uFEFF/, "").split(/\r?\n/).filter((l) => l.trim() !== "");
    const lines = all.slice(0, SCAN_ROWS);
    if (lines.length === 0) throw new Error("The file is empty.");
    // The previewed lines must parse; a bad line further on is left to the server's row report.
    const rows = lines.flatMap((l, i) => {
      try {
        const v = JSON.parse(l) as Record<string, unknown>;
        return [Object.fromEntries(Object.entries(v).map(([k, x]) => [k, typeof x === "string" ? x : x === null ? "" : JSON.stringify(x)]))];
      } catch {
        if (i < PREVIEW_ROWS) throw new Error(`Line ${i + 1} is not valid JSON.`);
        return [];
      }
    });
    const columns = [...new Set(rows.slice(0, PREVIEW_ROWS).flatMap((r) => Object.keys(r)))];
    return { format, columns, rows: rows.slice(0, PREVIEW_ROWS), scanned: rows, scannedAll: whole && all.length <= SCAN_ROWS, delimiter: "comma", detected: "comma" };
  }
  const detected = detectDelimiter(complete);
  const used = delimiter === "detect" ? detected : delimiter;
  let records: string[][];
  try {
    records = parse(complete, { bom: true, delimiter: DELIMITERS[used], to: SCAN_ROWS + 1, skip_empty_lines: true, relax_column_count: true }) as string[][];
  } catch (e) {
    throw new Error(`The file could not be read as CSV with this delimiter: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (records.length === 0) throw new Error("The file is empty.");
  const columns = records[0].map((c) => c.trim());
  const scanned = records.slice(1).map((r) => Object.fromEntries(columns.map((c, i) => [c, r[i] ?? ""])));
  return { format, columns, rows: scanned.slice(0, PREVIEW_ROWS), scanned, scannedAll: whole && records.length <= SCAN_ROWS, delimiter: used, detected };
}

/** Picks the column whose name best matches a field (exact, then normalized), or "". */
export function guessColumn(columns: string[], field: string, aliases: string[] = []): string {
  const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, "");
  const wanted = [field, ...aliases].map(norm);
  return columns.find((c) => wanted.includes(norm(c))) ?? "";
}
