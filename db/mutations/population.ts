import "server-only";
import { parse } from "csv-parse";
import { and, eq, lt } from "drizzle-orm";
import { createHash, randomBytes } from "node:crypto";
import { createInterface } from "node:readline";
import { PassThrough, type Readable } from "node:stream";
import { populationChecksum } from "@/lib/checksum";
import { type ColumnMapping, type ImportRowError, jsonValueToString, PopulationValidator } from "@/lib/population-import";
import { AppError } from "@/lib/server/errors";
import { appendEvent } from "../events";
import type { Db, Tx } from "../handle";
import { lockAudit } from "./lock";

export type ImportFormat = "csv" | "jsonl";

export type ImportResult =
  | { ok: true; rowCount: number; failedCount: number; unknownCount: number; sha256: string; populationChecksum: string }
  | { ok: false; errors: ImportRowError[]; errorCount: number };

/** Largest population file accepted, in bytes. */
export const MAX_IMPORT_BYTES = 512 * 1024 * 1024;
/** Units per multi-row INSERT (7 parameters each: well under SQLite's and PostgreSQL's limits). */
const INSERT_BATCH = 1_000;
/** How long an import lease holds before another import may take it over (a crashed instance's lease). */
const IMPORT_LEASE_MS = 30 * 60 * 1000;

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

/** Refuses an import the audit's state forbids: eventual consistency, or a sample already drawn. */
async function assertImportable(tx: Tx, auditId: number): Promise<void> {
  const { samples } = tx.tables;
  const audit = await lockAudit(tx, auditId);
  if (audit.consistencyModel === "eventual") throw new AppError("conflict", "This audit is blocked by its consistency model (eventual consistency); no population can be imported.");
  const [sample] = await tx.select({ id: samples.auditId }).from(samples).where(eq(samples.auditId, auditId));
  if (sample) throw new AppError("conflict", "A sample has been drawn; the population is immutable now.");
}

/**
 * Takes the audit's import lease: at most one import per audit runs at a time, across app
 * instances (the lease row's primary key decides; an expired lease is taken over).
 * @returns the lease token to release it with.
 * @throws AppError conflict while another import holds the lease; not_found / conflict as `assertImportable`.
 */
async function takeImportLease(db: Db, auditId: number, actorId: number): Promise<string> {
  const token = randomBytes(16).toString("hex");
  return db.transaction(async (tx) => {
    const { importLeases } = tx.tables;
    await assertImportable(tx, auditId);
    const now = new Date();
    const expiresAt = new Date(now.getTime() + IMPORT_LEASE_MS);
    const taken = await tx
      .insert(importLeases)
      .values({ auditId, token, startedBy: actorId, expiresAt })
      .onConflictDoUpdate({ target: importLeases.auditId, set: { token, startedBy: actorId, expiresAt }, setWhere: lt(importLeases.expiresAt, now) })
      .returning({ token: importLeases.token });
    if (taken.length === 0) throw new AppError("conflict", "Another import into this audit is in progress; wait for it to finish, then try again.");
    return token;
  });
}

async function releaseImportLease(db: Db, auditId: number, token: string): Promise<void> {
  await db.transaction(async (tx) => {
    const { importLeases } = tx.tables;
    await tx.delete(importLeases).where(and(eq(importLeases.auditId, auditId), eq(importLeases.token, token)));
  });
}

/**
 * Imports an audit's population from a CSV or JSON Lines stream (DESIGN.md "Nothing partial"):
 * parses as a stream, validates every row (lib/population-import.ts), and only when all rows are
 * valid writes the units (multi-row inserts in batches), the import record (file SHA-256, row
 * counts, population checksum) and its event in one transaction. A population may be replaced
 * until a sample is drawn. One import per audit at a time: a second one started while the first
 * is under way (in any app instance) is refused before it reads a byte.
 * @returns the counts, or the first bad rows (row number, column, reason) with nothing written.
 * @throws AppError not_found / conflict (eventual consistency, sample already drawn, import in progress) / invalid (too large).
 */
export async function importPopulation(
  db: Db,
  args: { auditId: number; fileName: string; format: ImportFormat; mapping: ColumnMapping; source: Readable; actorId: number },
): Promise<ImportResult> {
  // A source can fail (an aborted upload) while the lease is being taken, before the parser
  // listens: keep that error (a listener also stops it from crashing the process) and report it.
  let earlyError: unknown = null;
  args.source.on("error", (e) => (earlyError ??= e));
  let lease: string;
  try {
    lease = await takeImportLease(db, args.auditId, args.actorId);
  } catch (e) {
    args.source.destroy();
    throw e;
  }
  try {
    const failed = earlyError ?? args.source.errored;
    if (failed) throw failed;
    if (args.source.destroyed) throw new AppError("invalid", UPLOAD_INTERRUPTED);
    return await readAndWrite(db, args);
  } finally {
    await releaseImportLease(db, args.auditId, lease);
  }
}

const UPLOAD_INTERRUPTED = "The upload was interrupted before the end of the file; nothing was imported.";

async function readAndWrite(
  db: Db,
  args: { auditId: number; fileName: string; format: ImportFormat; mapping: ColumnMapping; source: Readable; actorId: number },
): Promise<ImportResult> {
  const hash = createHash("sha256");
  let bytes = 0;
  const counted = new PassThrough();
  args.source.on("data", (chunk: Buffer | string) => {
    bytes += Buffer.byteLength(chunk);
    hash.update(chunk);
    if (bytes > MAX_IMPORT_BYTES) args.source.destroy(new AppError("invalid", `The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MiB.`));
  });
  args.source.on("error", (e) => counted.destroy(e));
  // Closed without an end and without an error (a dropped connection): the parser must not wait forever.
  args.source.on("close", () => {
    if (!args.source.readableEnded && !counted.destroyed) counted.destroy(new AppError("invalid", UPLOAD_INTERRUPTED));
  });
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

  await db.transaction(async (tx) => {
    const { units, populationImports } = tx.tables;
    // Checked again under the audit's lock: a sample may have been drawn while the file was streaming.
    await assertImportable(tx, args.auditId);
    await tx.delete(units).where(eq(units.auditId, args.auditId));
    await tx.delete(populationImports).where(eq(populationImports.auditId, args.auditId));
    for (let start = 0; start < v.units.length; start += INSERT_BATCH) {
      const batch = v.units.slice(start, start + INSERT_BATCH).map((u, i) => ({
        auditId: args.auditId,
        position: start + i,
        unitKey: u.unitKey,
        executionStatus: u.executionStatus,
        subgroup: u.subgroup,
        identityKey: u.identityKey,
        record: JSON.stringify(u.record),
      }));
      await tx.insert(units).values(batch);
      // Let other requests' reads run between batches (SQLite's writer is synchronous).
      await new Promise((resolve) => setImmediate(resolve));
    }
    await tx.insert(populationImports).values({
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
    });
    await appendEvent(tx, { auditId: args.auditId, actorId: args.actorId, type: "population.imported", payload: { fileName: args.fileName, sha256, rowCount: v.units.length, populationChecksum: checksum } });
  });
  return { ok: true, rowCount: v.units.length, failedCount, unknownCount, sha256, populationChecksum: checksum };
}
