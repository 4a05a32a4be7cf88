import { parse } from "csv-parse/browser/esm/sync";

export type FilePreview = { format: "csv" | "jsonl"; columns: string[]; rows: Record<string, string>[] };

/** Format from the file name: .jsonl / .ndjson → jsonl, anything else → csv. */
export function formatOf(fileName: string): "csv" | "jsonl" {
  return /\.(jsonl|ndjson)$/i.test(fileName) ? "jsonl" : "csv";
}

/**
 * Reads the first 64 KiB of a file in the browser and returns its columns and up to 5 rows,
 * for the column mapping step. The full file is validated on the server.
 * @throws Error with a readable message when the head cannot be parsed.
 */
export async function previewFile(file: File): Promise<FilePreview> {
  const format = formatOf(file.name);
  const head = await file.slice(0, 64 * 1024).text();
  const complete = file.size <= 64 * 1024 ? head : head.slice(0, Math.max(0, head.lastIndexOf("\n")));
  if (format === "jsonl") {
    const lines = complete.replace(/^\uFEFF/, "").split(/\r?\n/).filter((l) => l.trim() !== "").slice(0, 5);
    if (lines.length === 0) throw new Error("The file is empty.");
    const rows = lines.map((l, i) => {
      try {
        const v = JSON.parse(l) as Record<string, unknown>;
        return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, typeof x === "string" ? x : JSON.stringify(x)]));
      } catch {
        throw new Error(`Line ${i + 1} is not valid JSON.`);
      }
    });
    return { format, columns: [...new Set(rows.flatMap((r) => Object.keys(r)))], rows };
  }
  const records = parse(complete, { bom: true, to_line: 6, skip_empty_lines: true, relax_column_count: true }) as string[][];
  if (records.length === 0) throw new Error("The file is empty.");
  const columns = records[0].map((c) => c.trim());
  return { format, columns, rows: records.slice(1).map((r) => Object.fromEntries(columns.map((c, i) => [c, r[i] ?? ""]))) };
}

/** Picks the column whose name best matches a field (exact, then normalized), or "". */
export function guessColumn(columns: string[], field: string, aliases: string[] = []): string {
  const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, "");
  const wanted = [field, ...aliases].map(norm);
  return columns.find((c) => wanted.includes(norm(c))) ?? "";
}
