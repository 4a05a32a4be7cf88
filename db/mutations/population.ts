import { parse } from "csv-parse";
import { eq } from "drizzle-orm";
import { createHash } from "node:crypto";
import { createInterface } from "node:readline";
import { PassThrough, type Readable } from "node:stream";
import { populationChecksum } from "@/lib/checksum";
import { type ColumnMapping, type ImportRowError, jsonValueToString, PopulationValidator } from "@/lib/population-import";
import { AppError } from "@/lib/server/errors";
import type { Db } from "../client";
import { appendEvent } from "../events";
import { audits, populationImports, samples, units } from "../schema";

export type ImportFormat = "csv" | "jsonl";

export type ImportResult =
  | { ok: true; rowCount: number; failedCount: number; unknownCount: number; sha256: string; populationChecksum: string }
  | { ok: false; errors: ImportRowError[]; errorCount: number };

/** Largest population file accepted, in bytes. */
export const MAX_IMPORT_BYTES = 512 * 1024 * 1024;

async function parseCsv(input: Readable, v: PopulationValidator): Promise<void> {
  const parser = parse({
    bom: true,
    columns: (header: string[]) => {
      const names = header.map((h) => h.trim());
      const dup = names.find((n, i) => names.indexOf(n) !== i);
      if (dup !== undefined) throw Object.assign(new Error(`duplicate column name "${dup}" in the header`), { lines: 1 });
      v.checkHeader(names, 1);
      return names;
    },
    skip_empty_lines: true,
    info: true,
  });
  // pipe() does not forward a source error (e.g. the size limit below); without this the parser never ends.
  let sourceError: unknown;
  input.on("error", (e) => {
    sourceError = e;
    parser.destroy(e);
  });
  input.pipe(parser);
  let lastRow = 1; // the header
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
      v.add(record, info.lines);
      lastRow = info.lines;
    }
  } catch (e) {
    if (e instanceof AppError || e === sourceError) throw e;
    const err = e as Error & { lines?: number; code?: string; records?: number; empty_lines?: number };
    if (err.code === "CSV_QUOTE_NOT_CLOSED") {
      // csv-parse reports the end of the file; the open quote starts the record after the last
      // complete one (counted by the parser even when the loop has not consumed it yet).
      const row = Math.max(lastRow, 1 + (err.records ?? 0) + (err.empty_lines ?? 0)) + 1;
      v.fail({ row, column: "", reason: "not valid CSV: a quoted field opened on this row is never closed" });
    } else v.fail({ row: err.lines ?? 0, column: "", reason: `not valid CSV: ${err.message}` });
  }
}

async function parseJsonLines(input: Readable, v: PopulationValidator): Promise<void> {
  let row = 0;
  let headerChecked = false;
  for await (const line of createInterface({ input, crlfDelay: Infinity })) {
    row++;
    const text = row === 1 ? line.replace(/^\uFEFF/, "") : line;
    if (text.trim() === "") continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      v.fail({ row, column: "", reason: "line is not valid JSON" });
      continue;
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      v.fail({ row, column: "", reason: "line is not a JSON object" });
      continue;
    }
    const record: Record<string, string> = {};
    for (const [k, val] of Object.entries(value)) record[k] = jsonValueToString(val);
    if (!headerChecked) {
      headerChecked = true;
      if (v.checkHeader(Object.keys(record), row).length > 0) return;
    }
    v.add(record, row);
  }
}

/**
 * Imports an audit's population from a CSV or JSON Lines stream (DESIGN.md "Nothing partial"):
 * parses as a stream, validates every row (lib/population-import.ts), and only when all rows are
 * valid writes the units, the import record (file SHA-256, row counts, population checksum) and
 * its event in one transaction. A population may be replaced until a sample is drawn.
 * @returns the counts, or the first bad rows (row number, column, reason) with nothing written.
 * @throws AppError not_found / conflict (eventual consistency, sample already drawn) / invalid (too large).
 */
export async function importPopulation(
  db: Db,
  args: { auditId: number; fileName: string; format: ImportFormat; mapping: ColumnMapping; source: Readable; actorId: number },
): Promise<ImportResult> {
  const audit = db.select().from(audits).where(eq(audits.id, args.auditId)).get();
  if (!audit) throw new AppError("not_found", "Audit not found.");
  if (audit.consistencyModel === "eventual") throw new AppError("conflict", "This audit is blocked by its consistency model (eventual consistency); no population can be imported.");
  if (db.select({ id: samples.auditId }).from(samples).where(eq(samples.auditId, args.auditId)).get()) {
    throw new AppError("conflict", "A sample has been drawn; the population is immutable now.");
  }

  const hash = createHash("sha256");
  let bytes = 0;
  const counted = new PassThrough();
  args.source.on("data", (chunk: Buffer | string) => {
    bytes += Buffer.byteLength(chunk);
    hash.update(chunk);
    if (bytes > MAX_IMPORT_BYTES) args.source.destroy(new AppError("invalid", `The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MiB.`));
  });
  args.source.on("error", (e) => counted.destroy(e));
  args.source.pipe(counted);

  const v = new PopulationValidator(args.mapping);
  if (args.format === "csv") await parseCsv(counted, v);
  else await parseJsonLines(counted, v);
  v.finish();
  if (!v.valid) return { ok: false, errors: v.errors, errorCount: v.errorCount };

  const sha256 = hash.digest("hex");
  const checksum = populationChecksum(v.units);
  const failedCount = v.units.filter((u) => u.executionStatus === "FAILED").length;
  const unknownCount = v.units.filter((u) => u.executionStatus === "UNKNOWN").length;

  db.transaction((tx) => {
    // Checked again here: a sample may have been drawn while the file was streaming.
    if (tx.select({ id: samples.auditId }).from(samples).where(eq(samples.auditId, args.auditId)).get()) {
      throw new AppError("conflict", "A sample has been drawn; the population is immutable now.");
    }
    tx.delete(units).where(eq(units.auditId, args.auditId)).run();
    tx.delete(populationImports).where(eq(populationImports.auditId, args.auditId)).run();
    const insert = db.$client.prepare(
      "INSERT INTO units (audit_id, position, unit_key, execution_status, subgroup, identity_key, record) VALUES (?, ?, ?, ?, ?, ?, ?)",
    );
    v.units.forEach((u, i) => insert.run(args.auditId, i, u.unitKey, u.executionStatus, u.subgroup, u.identityKey, JSON.stringify(u.record)));
    tx.insert(populationImports)
      .values({
        auditId: args.auditId,
        fileName: args.fileName,
        format: args.format,
        sha256,
        byteSize: bytes,
        rowCount: v.units.length,
        failedCount,
        unknownCount,
        populationChecksum: checksum,
        columnMapping: { unitKey: args.mapping.unitKey, executionStatus: args.mapping.executionStatus, subgroup: args.mapping.subgroup, identityKey: args.mapping.identityKey },
        highRiskSubgroups: args.mapping.highRiskSubgroups,
        importedBy: args.actorId,
      })
      .run();
    appendEvent(tx, { auditId: args.auditId, actorId: args.actorId, type: "population.imported", payload: { fileName: args.fileName, sha256, rowCount: v.units.length, populationChecksum: checksum } });
  });
  return { ok: true, rowCount: v.units.length, failedCount, unknownCount, sha256, populationChecksum: checksum };
}
