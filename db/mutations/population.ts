import "server-only";
import { parse } from "csv-parse";
import { and, eq, lt, sql } from "drizzle-orm";
import { randomBytes } from "node:crypto";
import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { createInterface } from "node:readline";
import type { Readable } from "node:stream";
import { PopulationChecksum } from "@/lib/checksum";
import { claimPairsToMapping } from "@/lib/claim-pairs";
import { DELIMITERS, type DelimiterChoice, type DelimiterName, detectDelimiter, wholeLines } from "@/lib/csv-delimiter";
import {
  type ColumnMapping,
  duplicateKeyError,
  FORBIDDEN_KEYS,
  forbiddenKeyError,
  type ImportedUnit,
  type ImportRowError,
  jsonValueToString,
  PopulationValidator,
} from "@/lib/population-import";
import { AppError } from "@/lib/server/errors";
import { appendEvent } from "../events";
import type { Db, Tx } from "../handle";
import { lockAudit } from "./lock";
import { spoolUpload, UPLOAD_INTERRUPTED, type Spooled } from "./population-spool";

export type ImportFormat = "csv" | "jsonl";

export type ImportResult =
  | { ok: true; rowCount: number; failedCount: number; unknownCount: number; sha256: string; populationChecksum: string }
  | { ok: false; errors: ImportRowError[]; errorCount: number };

/** Largest population file accepted by default, in bytes (settings: IMPORT_MAX_MB). */
export const MAX_IMPORT_BYTES = 512 * 1024 * 1024;
/** Units per multi-row INSERT (7 parameters each: well under SQLite's and PostgreSQL's limits). */
const INSERT_BATCH = 1_000;
/** How long an import lease holds before another import may take it over (a crashed instance's lease). */
const IMPORT_LEASE_MS = 30 * 60 * 1000;

/**
 * Where a parser sends what it reads: the header's column names (returns false when the header is
 * unusable, which stops a JSON Lines file), each record with its row, and unparseable rows.
 * `row` may return false to stop reading.
 */
type Sink = {
  header(columns: readonly string[], row: number): boolean;
  row(record: Record<string, string>, row: number): Promise<boolean | void> | boolean | void;
  fail(error: ImportRowError): void;
};

async function parseCsv(input: Readable, sink: Sink, delimiter: DelimiterName): Promise<void> {
  const parser = parse({
    bom: true,
    delimiter: DELIMITERS[delimiter],
    columns: (header: string[]) => {
      const names = header.map((h) => h.trim());
      const dup = names.find((n, i) => names.indexOf(n) !== i);
      if (dup !== undefined) throw Object.assign(new Error(`duplicate column name "${dup}" in the header`), { lines: 1 });
      sink.header(names, 1);
      return names;
    },
    skip_empty_lines: true,
    info: true,
  });
  // pipe() does not forward a source error; without this the parser never ends.
  let sourceError: unknown;
  input.on("error", (e) => {
    sourceError = e;
    parser.destroy(e);
  });
  input.pipe(parser);
  let lastRow = 1; // the header
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
      if ((await sink.row(record, info.lines)) === false) break;
      lastRow = info.lines;
    }
  } catch (e) {
    if (e instanceof AppError || e === sourceError) throw e;
    const err = e as Error & { lines?: number; code?: string; records?: number; empty_lines?: number };
    if (err.code === "CSV_QUOTE_NOT_CLOSED") {
      // csv-parse reports the end of the file; the open quote starts the record after the last
      // complete one (counted by the parser even when the loop has not consumed it yet).
      const row = Math.max(lastRow, 1 + (err.records ?? 0) + (err.empty_lines ?? 0)) + 1;
      sink.fail({ row, column: "", reason: "not valid CSV: a quoted field opened on this row is never closed" });
    } else sink.fail({ row: err.lines ?? 0, column: "", reason: `not valid CSV: ${err.message}` });
  } finally {
    input.destroy();
  }
}

async function parseJsonLines(input: Readable, sink: Sink): Promise<void> {
  let row = 0;
  let headerChecked = false;
  const lines = createInterface({ input, crlfDelay: Infinity });
  try {
    for await (const line of lines) {
      row++;
      const text = row === 1 ? line.replace(/^\uFEFF/, "") : line;
      if (text.trim() === "") continue;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        sink.fail({ row, column: "", reason: "line is not valid JSON" });
        continue;
      }
      if (typeof value !== "object" || value === null || Array.isArray(value)) {
        sink.fail({ row, column: "", reason: "line is not a JSON object" });
        continue;
      }
      // JSON.parse keeps "__proto__" as an own key; copied into a record it would vanish silently.
      const forbidden = Object.keys(value).find((k) => FORBIDDEN_KEYS.includes(k));
      if (forbidden !== undefined) {
        sink.fail(forbiddenKeyError(row, forbidden));
        continue;
      }
      const record: Record<string, string> = {};
      for (const [k, val] of Object.entries(value)) record[k] = jsonValueToString(val);
      if (!headerChecked) {
        headerChecked = true;
        if (!sink.header(Object.keys(record), row)) return;
      }
      if ((await sink.row(record, row)) === false) return;
    }
  } finally {
    lines.close();
    input.destroy();
  }
}

/** How a spooled file is parsed: its format and, for CSV, the field delimiter. */
type FileSyntax = { format: ImportFormat; delimiter: DelimiterName };

const parseFile = (syntax: FileSyntax, file: string, sink: Sink) =>
  syntax.format === "csv" ? parseCsv(createReadStream(file), sink, syntax.delimiter) : parseJsonLines(createReadStream(file), sink);

/** Bytes of a CSV file's head read to detect its delimiter. */
const DELIMITER_HEAD_BYTES = 64 * 1024;

/**
 * The delimiter to parse a CSV file with: the requested one, or for `detect` the one
 * lib/csv-delimiter.ts `detectDelimiter` finds in the file's first 64 KiB (whole lines).
 */
async function csvDelimiter(file: string, choice: DelimiterChoice): Promise<DelimiterName> {
  if (choice !== "detect") return choice;
  const handle = await open(file);
  try {
    const buffer = Buffer.alloc(DELIMITER_HEAD_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, DELIMITER_HEAD_BYTES, 0);
    return detectDelimiter(wholeLines(buffer.toString("utf8", 0, bytesRead), bytesRead < DELIMITER_HEAD_BYTES));
  } finally {
    await handle.close();
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

type ImportArgs = {
  auditId: number;
  fileName: string;
  format: ImportFormat;
  mapping: ColumnMapping;
  /** CSV field delimiter (default `detect`: lib/csv-delimiter.ts); ignored for JSON Lines. */
  delimiter?: DelimiterChoice;
  source: Readable;
  actorId: number;
  /** Size limit in bytes (default MAX_IMPORT_BYTES). */
  maxBytes?: number;
};

/**
 * Imports an audit's population from a CSV or JSON Lines stream (DESIGN.md "Nothing partial";
 * issue 10 "Big populations"). Memory does not depend on the file size:
 * 1. the upload is copied to a temporary file while it arrives (SHA-256, size limit, strict
 *    UTF-8: db/mutations/population-spool.ts), outside any transaction;
 * 2. one transaction then parses that copy as a stream (CSV with the requested delimiter, or the
 *    one detected from the file's first lines: lib/csv-delimiter.ts), validates each row
 *    (lib/population-import.ts; `units.claimDiffers` is set when a chosen claimed/observed pair
 *    differs, issue 11) and inserts the valid units in batches of INSERT_BATCH, yielding
 *    to the event loop between batches; unit_key uniqueness is checked exactly by the database's
 *    unique index on (audit_id, unit_key) (ON CONFLICT DO NOTHING: a row not inserted is a
 *    duplicate); the import record (file SHA-256, row counts, population checksum, identical to
 *    lib/checksum.ts `populationChecksum` of the units in file order) and its event are written
 *    in the same transaction. Any bad row rolls everything back, and the result lists the first
 *    50 bad rows in file order (a duplicate names the row of the key's first occurrence, found by
 *    a second pass over the copy). The stored column mapping keeps the chosen claimed/observed
 *    pairs (lib/claim-pairs.ts `claimPairsToMapping`).
 * A population may be replaced until a sample is drawn. One import per audit at a time: a second
 * one started while the first is under way (in any app instance) is refused before it reads a byte.
 * @returns the counts, or the first bad rows (row number, column, reason) with nothing written.
 * @throws AppError not_found / conflict (eventual consistency, sample already drawn, import in
 *   progress) / invalid (upload interrupted); UploadTooLargeError (413) past `maxBytes`; the
 *   source's own error (an aborted upload).
 */
export async function importPopulation(db: Db, args: ImportArgs): Promise<ImportResult> {
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
    const spooled = await spoolUpload(args.source, args.maxBytes ?? MAX_IMPORT_BYTES);
    try {
      if (spooled.decodingError) return { ok: false, errors: [spooled.decodingError], errorCount: 1 };
      return await writePopulation(db, args, spooled);
    } finally {
      await spooled.remove();
    }
  } finally {
    await releaseImportLease(db, args.auditId, lease);
  }
}

const UNIT_COLUMNS = ["auditId", "position", "unitKey", "executionStatus", "subgroup", "identityKey", "record", "claimDiffers"] as const;
type UnitColumn = (typeof UNIT_COLUMNS)[number];
type Slot = readonly [row: number, column: UnitColumn] | { constant: unknown };
type InsertTemplate = { sql: string; slots: Slot[] };

/** Thrown inside the import transaction to roll it back when the file has bad rows. */
class InvalidFile extends Error {}

/**
 * Inserts validated units in multi-row batches at consecutive positions, feeding the population
 * checksum, and reports keys the unique index refused as duplicates.
 */
class UnitBatchWriter {
  private batch: { unit: ImportedUnit; row: number }[] = [];
  private position = 0;
  readonly checksum = new PopulationChecksum();
  /** Reported duplicate errors whose first row is still to be found, by unit key. */
  readonly duplicates = new Map<string, ImportRowError[]>();

  constructor(
    private readonly tx: Tx,
    private readonly auditId: number,
    private readonly v: PopulationValidator,
    private readonly keyColumn: string,
  ) {}

  private readonly templates = new Map<number, InsertTemplate>();

  /**
   * The multi-row INSERT … ON CONFLICT DO NOTHING RETURNING position for `n` units, rendered once
   * by drizzle with a marker value in every cell; a batch then only fills the parameters (drizzle's
   * builder costs more per value than the insert itself: 5,000,000 units are 35 million values).
   */
  private templateFor(n: number): InsertTemplate {
    let template = this.templates.get(n);
    if (template) return template;
    const { units } = this.tx.tables;
    const marker = (i: number, column: UnitColumn) => `\u0000${i}\u0000${column}`;
    // A boolean column maps any value to its driver form (SQLite: 1), which would erase the
    // marker: it goes in as raw SQL, and `flush` maps the value itself.
    const cell = (i: number, column: UnitColumn) => (column === "claimDiffers" ? sql`${marker(i, column)}` : marker(i, column));
    const query = this.tx
      .insert(units)
      .values(Array.from({ length: n }, (_, i) => Object.fromEntries(UNIT_COLUMNS.map((c) => [c, cell(i, c)])) as unknown as typeof units.$inferInsert))
      .onConflictDoNothing()
      .returning({ position: units.position })
      .toSQL();
    // A parameter that is not a marker is a column default drizzle renders as a value (same for every row).
    const slots = query.params.map((p): Slot => {
      const [empty, i, column] = typeof p === "string" ? p.split("\u0000") : [];
      return empty === "" && UNIT_COLUMNS.includes(column as UnitColumn) ? [Number(i), column as UnitColumn] : { constant: p };
    });
    template = { sql: query.sql, slots };
    this.templates.set(n, template);
    return template;
  }

  async add(unit: ImportedUnit, row: number): Promise<void> {
    this.batch.push({ unit, row });
    this.checksum.add(unit);
    if (this.batch.length >= INSERT_BATCH) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.batch.length === 0) return;
    const batch = this.batch;
    const start = this.position;
    this.batch = [];
    this.position += batch.length;
    const template = this.templateFor(batch.length);
    const params = template.slots.map((slot) => {
      if ("constant" in slot) return slot.constant;
      const [i, column] = slot;
      const { unit } = batch[i];
      switch (column) {
        case "auditId":
          return this.auditId;
        case "position":
          return start + i;
        case "record":
          return JSON.stringify(unit.record);
        case "claimDiffers":
          return this.tx.tables.units.claimDiffers.mapToDriverValue(unit.claimDiffers);
        default:
          return unit[column];
      }
    });
    const inserted = (await this.tx.rawRows({ toSQL: () => ({ sql: template.sql, params }) })).map(([position]) => ({ position: Number(position) }));
    if (inserted.length < batch.length) {
      const kept = new Set(inserted.map((r) => r.position));
      batch.forEach(({ unit, row }, i) => {
        if (kept.has(start + i)) return;
        const error = duplicateKeyError(this.keyColumn, row, unit.unitKey, 0);
        this.v.fail(error);
        if (this.v.errors.includes(error)) this.duplicates.set(unit.unitKey, [...(this.duplicates.get(unit.unitKey) ?? []), error]);
      });
    }
    // Let other requests run between batches (SQLite's writer is synchronous).
    await new Promise((resolve) => setImmediate(resolve));
  }
}

async function writePopulation(db: Db, args: ImportArgs, spooled: Spooled): Promise<ImportResult> {
  const v = new PopulationValidator(args.mapping);
  const syntax: FileSyntax = { format: args.format, delimiter: args.format === "csv" ? await csvDelimiter(spooled.file, args.delimiter ?? "detect") : "comma" };
  let duplicates = new Map<string, ImportRowError[]>();
  try {
    return await db.transaction(async (tx) => {
      const { units, populationImports } = tx.tables;
      // Checked again under the audit's lock: a sample may have been drawn while the file was arriving.
      await assertImportable(tx, args.auditId);
      await tx.delete(units).where(eq(units.auditId, args.auditId));
      await tx.delete(populationImports).where(eq(populationImports.auditId, args.auditId));
      const writer = new UnitBatchWriter(tx, args.auditId, v, args.mapping.unitKey);
      duplicates = writer.duplicates;
      await parseFile(syntax, spooled.file, {
        header: (columns, row) => v.checkHeader(columns, row).length === 0,
        row: async (record, row) => {
          const unit = v.add(record, row);
          if (unit) await writer.add(unit, row);
          else {
            // A rejected row still claims its key (the file fails anyway; everything is rolled back).
            const unitKey = v.keyOf(record);
            if (unitKey !== null) await writer.add({ unitKey, executionStatus: "UNKNOWN", subgroup: null, identityKey: null, record: {}, claimDiffers: false }, row);
          }
        },
        fail: (e) => v.fail(e),
      });
      await writer.flush();
      v.finish();
      if (!v.valid) throw new InvalidFile();
      const checksum = writer.checksum.digest();
      const counts = { rowCount: v.unitCount, failedCount: v.failedCount, unknownCount: v.unknownCount };
      await tx.insert(populationImports).values({
        auditId: args.auditId,
        fileName: args.fileName,
        format: args.format,
        sha256: spooled.sha256,
        byteSize: spooled.bytes,
        ...counts,
        populationChecksum: checksum,
        columnMapping: {
          unitKey: args.mapping.unitKey,
          executionStatus: args.mapping.executionStatus,
          subgroup: args.mapping.subgroup,
          identityKey: args.mapping.identityKey,
          ...claimPairsToMapping(args.mapping.claimPairs ?? []),
        },
        highRiskSubgroups: args.mapping.highRiskSubgroups,
        importedBy: args.actorId,
      });
      await appendEvent(tx, { auditId: args.auditId, actorId: args.actorId, type: "population.imported", payload: { fileName: args.fileName, sha256: spooled.sha256, rowCount: counts.rowCount, populationChecksum: checksum } });
      return { ok: true as const, ...counts, sha256: spooled.sha256, populationChecksum: checksum };
    });
  } catch (e) {
    if (!(e instanceof InvalidFile)) throw e;
  }
  await nameFirstRows(args, syntax, spooled.file, duplicates, v);
  return { ok: false, errors: v.errors, errorCount: v.errorCount };
}

/**
 * Fills in "first seen on row N" for the reported duplicates: a second pass over the spooled
 * file finds the first row claiming each key (the one the unique index kept).
 */
async function nameFirstRows(args: ImportArgs, syntax: FileSyntax, file: string, duplicates: Map<string, ImportRowError[]>, v: PopulationValidator): Promise<void> {
  const wanted = new Map([...duplicates].map(([key, errors]) => [key, errors.filter((e) => v.errors.includes(e))] as const).filter(([, errors]) => errors.length > 0));
  if (wanted.size === 0) return;
  const replay = new PopulationValidator(args.mapping);
  await parseFile(syntax, file, {
    header: () => true,
    row: (record, row) => {
      const unitKey = replay.keyOf(record);
      const errors = unitKey !== null && wanted.get(unitKey);
      if (!errors) return;
      for (const e of errors) {
        const i = v.errors.indexOf(e);
        v.errors[i] = duplicateKeyError(e.column, e.row, unitKey, row);
      }
      wanted.delete(unitKey);
      return wanted.size > 0;
    },
    fail: () => {},
  });
}
