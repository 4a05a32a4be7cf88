/**
 * Integration tests of the population import (db/mutations/population.ts) against a real
 * temporary database (SQLite or PostgreSQL, db/testing.ts) with the committed migrations applied.
 */
import { createHash } from "node:crypto";
import { once } from "node:events";
import { Readable } from "node:stream";
import { asc, eq, max } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { populationChecksum } from "@/lib/checksum";
import { type ColumnMapping, MAX_REPORTED_ERRORS } from "@/lib/population-import";
import { AppError } from "@/lib/server/errors";
import type { Db } from "../handle";
import { createTestDb, FULL_MAPPING as MAPPING, MINIMAL_MAPPING as MINIMAL, rowCounts, type TestDb, validAuditForm } from "../testing";
import { createAudit, recordStabilityResult } from "./audits";
import { type ImportFormat, type ImportResult, importPopulation } from "./population";
import { UploadTooLargeError } from "./population-spool";
import { drawAuditSample } from "./sample";

let t: TestDb & { operatorId: number };
let db: Db;
let operatorId: number;

const newAudit = async (overrides: Record<string, unknown> = {}) => (await createAudit(db, { input: validAuditForm(overrides), actorId: operatorId })).id;

const lines = (...rows: string[]) => rows.map((r) => `${r}\n`).join("");
const sha256 = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");

/** Splits the UTF-8 bytes of `text` into chunks of `size` bytes (deliberately cutting multi-byte characters). */
function byteChunks(text: string, size: number): Buffer[] {
  const bytes = Buffer.from(text, "utf8");
  const out: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.subarray(i, i + size));
  return out;
}

function runImport(auditId: number, content: string | Buffer[], opts: { format?: ImportFormat; mapping?: ColumnMapping; fileName?: string; maxBytes?: number } = {}): Promise<ImportResult> {
  return importPopulation(db, {
    auditId,
    fileName: opts.fileName ?? "population.csv",
    format: opts.format ?? "csv",
    mapping: opts.mapping ?? MAPPING,
    source: Readable.from(typeof content === "string" ? [content] : content),
    actorId: operatorId,
    maxBytes: opts.maxBytes,
  });
}

const storedUnits = (auditId: number) => {
  const { units } = db.tables;
  return db.select().from(units).where(eq(units.auditId, auditId)).orderBy(asc(units.position));
};
const importRow = async (auditId: number) => {
  const { populationImports } = db.tables;
  return (await db.select().from(populationImports).where(eq(populationImports.auditId, auditId)))[0];
};
const counts = async () => {
  const { events } = db.tables;
  return {
    ...(await rowCounts(db, "units", "population_imports", "events", "import_leases")),
    lastEvent: (await db.select({ id: max(events.id) }).from(events))[0],
  };
};

/** A source stream that stays open until `end()`: the import reading it is under way meanwhile. */
function openSource(...chunks: string[]) {
  const source = new Readable({ read() {} });
  for (const c of chunks) source.push(c);
  return {
    source,
    /** Resolves once the import has taken its lease and started reading the stream. */
    reading: once(source, "resume"),
    end(...rest: string[]) {
      for (const c of rest) source.push(c);
      source.push(null);
    },
  };
}

beforeAll(async () => {
  t = await createTestDb("population");
  ({ db, operatorId } = t);
});

afterAll(() => t.close());

describe("importPopulation: success", () => {
  const CSV = lines(
    "unit_key,execution_status,subgroup,identity_key,name,amount",
    "u3,SUCCEEDED,EU,zurich|ch,Zürich,10",
    "u1,failed,US,zurich|ch,Boston,20",
    'u2,Unknown,,,"Quoted, name",30',
    "u10,succeeded,EU,,Paris,",
  );

  it("stores the units in file order with positions, statuses normalized and extra columns in record", async () => {
    const auditId = await newAudit();
    const result = await runImport(auditId, byteChunks(CSV, 7), { mapping: { ...MAPPING, highRiskSubgroups: ["EU"] } });
    expect(result).toMatchObject({ ok: true, rowCount: 4, failedCount: 1, unknownCount: 1 });

    const rows = await storedUnits(auditId);
    expect(rows.map((u) => [u.position, u.unitKey, u.executionStatus, u.subgroup, u.identityKey])).toEqual([
      [0, "u3", "SUCCEEDED", "EU", "zurich|ch"],
      [1, "u1", "FAILED", "US", "zurich|ch"],
      [2, "u2", "UNKNOWN", null, null],
      [3, "u10", "SUCCEEDED", "EU", null],
    ]);
    expect(rows.map((u) => JSON.parse(u.record))).toEqual([
      { name: "Zürich", amount: "10" },
      { name: "Boston", amount: "20" },
      { name: "Quoted, name", amount: "30" },
      { name: "Paris", amount: "" },
    ]);
  });

  it("stores the import record: SHA-256 and size of the exact bytes, counts, checksum, mapping", async () => {
    const auditId = await newAudit();
    const result = await runImport(auditId, byteChunks(CSV, 5), { fileName: "cities.csv", mapping: { ...MAPPING, highRiskSubgroups: ["EU"] } });
    const expectedChecksum = populationChecksum(await storedUnits(auditId));
    expect(result).toEqual({ ok: true, rowCount: 4, failedCount: 1, unknownCount: 1, sha256: sha256(CSV), populationChecksum: expectedChecksum });

    const row = (await importRow(auditId))!;
    expect(row).toMatchObject({
      fileName: "cities.csv",
      format: "csv",
      sha256: sha256(Buffer.from(CSV, "utf8")),
      byteSize: Buffer.byteLength(CSV, "utf8"),
      rowCount: 4,
      failedCount: 1,
      unknownCount: 1,
      populationChecksum: expectedChecksum,
      columnMapping: { unitKey: "unit_key", executionStatus: "execution_status", subgroup: "subgroup", identityKey: "identity_key" },
      highRiskSubgroups: ["EU"],
      importedBy: operatorId,
    });
  });

  it("counts bytes, not characters, when the stream yields strings", async () => {
    const auditId = await newAudit();
    const result = await runImport(auditId, CSV);
    expect(result.ok).toBe(true);
    expect(await importRow(auditId)).toMatchObject({ sha256: sha256(CSV), byteSize: Buffer.byteLength(CSV, "utf8") });
  });

  it("logs one population.imported event with the file hash and checksum", async () => {
    const auditId = await newAudit();
    const result = await runImport(auditId, CSV, { fileName: "p.csv" });
    if (!result.ok) throw new Error("import failed");
    const { events } = db.tables;
    const logged = await db.select().from(events).where(eq(events.auditId, auditId)).orderBy(asc(events.id));
    expect(logged.map((e) => e.type)).toEqual(["audit.created", "population.imported"]);
    expect(logged[1].actorId).toBe(operatorId);
    expect(JSON.parse(logged[1].payload)).toEqual({ fileName: "p.csv", sha256: sha256(CSV), rowCount: 4, populationChecksum: result.populationChecksum });
  });

  it("accepts a UTF-8 BOM and CRLF line endings; the hash covers the BOM", async () => {
    const auditId = await newAudit();
    const content = "\uFEFFunit_key,execution_status\r\na,SUCCEEDED\r\nb,FAILED\r\n";
    const result = await runImport(auditId, content, { mapping: MINIMAL });
    expect(result).toMatchObject({ ok: true, rowCount: 2, failedCount: 1, sha256: sha256(content) });
    expect((await storedUnits(auditId)).map((u) => [u.unitKey, u.executionStatus, JSON.parse(u.record)])).toEqual([
      ["a", "SUCCEEDED", {}],
      ["b", "FAILED", {}],
    ]);
  });

  it("imports JSON Lines: values normalized to strings, extra keys kept, blank lines skipped", async () => {
    const auditId = await newAudit();
    const content = lines(
      '{"unit_key":"k1","execution_status":"succeeded","subgroup":"EU","identity_key":null,"n":1,"ok":true,"nested":{"a":1}}',
      "",
      '{"unit_key":"k2","execution_status":"FAILED","subgroup":"","identity_key":"x","n":2.5,"ok":false,"nested":[1]}',
    );
    const result = await runImport(auditId, byteChunks(content, 11), { format: "jsonl", fileName: "p.jsonl" });
    expect(result).toMatchObject({ ok: true, rowCount: 2, failedCount: 1, unknownCount: 0, sha256: sha256(content) });
    expect(await importRow(auditId)).toMatchObject({ format: "jsonl", byteSize: Buffer.byteLength(content) });
    expect((await storedUnits(auditId)).map((u) => [u.position, u.unitKey, u.executionStatus, u.subgroup, u.identityKey, JSON.parse(u.record)])).toEqual([
      [0, "k1", "SUCCEEDED", "EU", null, { n: "1", ok: "true", nested: '{"a":1}' }],
      [1, "k2", "FAILED", null, "x", { n: "2.5", ok: "false", nested: "[1]" }],
    ]);
  });

  it("replaces the population (and its import record) when re-imported before sampling", async () => {
    const auditId = await newAudit();
    expect((await runImport(auditId, CSV)).ok).toBe(true);
    const second = lines("unit_key,execution_status,subgroup,identity_key", "z,SUCCEEDED,,");
    const result = await runImport(auditId, second, { fileName: "second.csv" });
    expect(result).toMatchObject({ ok: true, rowCount: 1 });
    expect((await storedUnits(auditId)).map((u) => u.unitKey)).toEqual(["z"]);
    expect(await importRow(auditId)).toMatchObject({ fileName: "second.csv", sha256: sha256(second), rowCount: 1 });
  });

  it("refuses an eventual-consistency audit", async () => {
    const auditId = await newAudit({ consistencyModel: "eventual" });
    await expect(runImport(auditId, CSV)).rejects.toThrow(AppError);
    expect(await storedUnits(auditId)).toEqual([]);
    expect(await importRow(auditId)).toBeUndefined();
  });

  it("refuses an unknown audit", async () => {
    await expect(runImport(999_999, CSV)).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("importPopulation: bad input writes nothing", () => {
  type Case = { name: string; content: string; format?: ImportFormat; mapping?: ColumnMapping; errors: { row: number; column: string; reason: string | RegExp }[] };
  const HEADER = "unit_key,execution_status,subgroup,identity_key";
  const cases: Case[] = [
    {
      name: "missing unit_key",
      content: lines(HEADER, "a,SUCCEEDED,EU,", ",FAILED,EU,", "c,SUCCEEDED,EU,"),
      errors: [{ row: 3, column: "unit_key", reason: "unit_key is missing" }],
    },
    {
      name: "blank (white space only) unit_key",
      content: lines(HEADER, "   ,SUCCEEDED,EU,"),
      errors: [{ row: 2, column: "unit_key", reason: "unit_key is missing" }],
    },
    {
      name: "duplicate unit_key (names the first row)",
      content: lines(HEADER, "a,SUCCEEDED,EU,", "b,SUCCEEDED,EU,", "a,FAILED,EU,"),
      errors: [{ row: 4, column: "unit_key", reason: 'duplicate unit_key "a" (first seen on row 2)' }],
    },
    {
      name: "unknown execution_status",
      content: lines(HEADER, "a,SUCCEEDED,EU,", "b,DONE,EU,"),
      errors: [{ row: 3, column: "execution_status", reason: 'unknown execution_status "DONE" (use SUCCEEDED, FAILED or UNKNOWN)' }],
    },
    {
      name: "missing execution_status",
      content: lines(HEADER, "a,,EU,"),
      errors: [{ row: 2, column: "execution_status", reason: "execution_status is missing" }],
    },
    {
      name: "mapped column missing from the header",
      content: lines("unit_key,execution_status,subgroup", "a,SUCCEEDED,EU"),
      errors: [{ row: 1, column: "identity_key", reason: 'column "identity_key" mapped to identity_key is not in the file' }],
    },
    {
      name: "high-risk subgroup not present",
      content: lines(HEADER, "a,SUCCEEDED,EU,", "b,SUCCEEDED,US,"),
      mapping: { ...MAPPING, highRiskSubgroups: ["EU", "LI"] },
      errors: [{ row: 0, column: "high-risk subgroups", reason: 'high-risk subgroup "LI" does not occur in the subgroup column' }],
    },
    {
      name: "high-risk subgroups without a subgroup column",
      content: lines("unit_key,execution_status", "a,SUCCEEDED"),
      mapping: { ...MINIMAL, highRiskSubgroups: ["EU"] },
      errors: [{ row: 0, column: "high-risk subgroups", reason: "high-risk subgroups need a subgroup column" }],
    },
    {
      name: "malformed CSV: unclosed quote on the last line",
      content: lines(HEADER, "a,SUCCEEDED,EU,", "b,SUCCEEDED,EU,", 'c,SUCCEEDED,"EU,'),
      errors: [{ row: 4, column: "", reason: /^not valid CSV: a quoted field opened on this row is never closed/ }],
    },
    {
      name: "malformed CSV: wrong number of fields",
      content: lines(HEADER, "a,SUCCEEDED,EU,", "b,SUCCEEDED"),
      errors: [{ row: 3, column: "", reason: /^not valid CSV: / }],
    },
    {
      name: "malformed CSV: duplicate column names",
      content: lines("unit_key,execution_status,unit_key", "a,SUCCEEDED,b"),
      mapping: MINIMAL,
      errors: [{ row: 1, column: "", reason: 'not valid CSV: duplicate column name "unit_key" in the header' }],
    },
    { name: "empty file", content: "", errors: [{ row: 0, column: "", reason: "the file holds no units" }] },
    { name: "header only", content: lines(HEADER), errors: [{ row: 0, column: "", reason: "the file holds no units" }] },
    {
      name: "row numbers count skipped blank lines",
      content: lines(HEADER, "", "a,SUCCEEDED,EU,", "", "", "b,MAYBE,EU,"),
      errors: [{ row: 6, column: "execution_status", reason: /unknown execution_status "MAYBE"/ }],
    },
    {
      name: "row numbers count the lines of a quoted multi-line field",
      content: lines(HEADER, 'a,SUCCEEDED,"multi', 'line",', ",SUCCEEDED,EU,"),
      errors: [{ row: 4, column: "unit_key", reason: "unit_key is missing" }],
    },
    {
      name: "several bad rows are all reported, in file order",
      content: lines(HEADER, ",SUCCEEDED,,", "b,BAD,,", "c,SUCCEEDED,,", "b,SUCCEEDED,,"),
      errors: [
        { row: 2, column: "unit_key", reason: "unit_key is missing" },
        { row: 3, column: "execution_status", reason: /unknown execution_status "BAD"/ },
        { row: 5, column: "unit_key", reason: 'duplicate unit_key "b" (first seen on row 3)' },
      ],
    },
    {
      name: "JSON Lines: invalid JSON line",
      format: "jsonl",
      content: lines('{"unit_key":"a","execution_status":"SUCCEEDED","subgroup":"EU","identity_key":""}', '{"unit_key":"b",', '{"unit_key":"c","execution_status":"FAILED","subgroup":"EU","identity_key":""}'),
      errors: [{ row: 2, column: "", reason: "line is not valid JSON" }],
    },
    {
      name: "JSON Lines: non-object lines (array, number, string, null)",
      format: "jsonl",
      content: lines('{"unit_key":"a","execution_status":"SUCCEEDED","subgroup":"EU","identity_key":""}', "[1,2]", "", "42", '"text"', "null"),
      errors: [
        { row: 2, column: "", reason: "line is not a JSON object" },
        { row: 4, column: "", reason: "line is not a JSON object" },
        { row: 5, column: "", reason: "line is not a JSON object" },
        { row: 6, column: "", reason: "line is not a JSON object" },
      ],
    },
    {
      name: "JSON Lines: mapped key missing from the first object",
      format: "jsonl",
      content: lines('{"unit_key":"a","execution_status":"SUCCEEDED","subgroup":"EU"}'),
      errors: [{ row: 1, column: "identity_key", reason: 'column "identity_key" mapped to identity_key is not in the file' }],
    },
    {
      name: "JSON Lines: duplicate and missing keys on later lines",
      format: "jsonl",
      content: lines(
        '{"unit_key":"a","execution_status":"SUCCEEDED","subgroup":"EU","identity_key":""}',
        '{"execution_status":"SUCCEEDED"}',
        '{"unit_key":"a","execution_status":"unknown"}',
      ),
      errors: [
        { row: 2, column: "unit_key", reason: "unit_key is missing" },
        { row: 3, column: "unit_key", reason: 'duplicate unit_key "a" (first seen on row 1)' },
      ],
    },
    { name: "JSON Lines: empty file", format: "jsonl", content: "", errors: [{ row: 0, column: "", reason: "the file holds no units" }] },
  ];

  it.each(cases)("$name", async ({ content, format, mapping, errors }) => {
    const auditId = await newAudit();
    const before = await counts();
    const result = await runImport(auditId, content, { format, mapping });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual(errors.map((e) => ({ ...e, reason: typeof e.reason === "string" ? e.reason : expect.stringMatching(e.reason) })));
    expect(result.errorCount).toBe(errors.length);
    expect(await counts()).toEqual(before);
    expect(await storedUnits(auditId)).toEqual([]);
    expect(await importRow(auditId)).toBeUndefined();
  });

  it("reports at most MAX_REPORTED_ERRORS rows but counts them all", async () => {
    const auditId = await newAudit();
    const bad = Array.from({ length: MAX_REPORTED_ERRORS + 10 }, (_, i) => `k${i},NOPE`);
    const result = await runImport(auditId, lines("unit_key,execution_status", ...bad), { mapping: MINIMAL });
    if (result.ok) throw new Error("expected failure");
    expect(result.errors).toHaveLength(MAX_REPORTED_ERRORS);
    expect(result.errorCount).toBe(MAX_REPORTED_ERRORS + 10);
    expect(result.errors[0].row).toBe(2);
    expect(result.errors.at(-1)!.row).toBe(MAX_REPORTED_ERRORS + 1);
  });

  it("a failed re-import leaves the previous population and import record untouched", async () => {
    const auditId = await newAudit();
    const good = lines("unit_key,execution_status", "a,SUCCEEDED", "b,FAILED");
    expect((await runImport(auditId, good, { mapping: MINIMAL })).ok).toBe(true);
    const unitsBefore = await storedUnits(auditId);
    const importBefore = await importRow(auditId);
    const before = await counts();
    const result = await runImport(auditId, lines("unit_key,execution_status", "x,SUCCEEDED", "x,SUCCEEDED"), { mapping: MINIMAL });
    expect(result.ok).toBe(false);
    expect(await storedUnits(auditId)).toEqual(unitsBefore);
    expect(await importRow(auditId)).toEqual(importBefore);
    expect(await counts()).toEqual(before);
  });

  /** The size limit (MAX_IMPORT_BYTES) destroys the source with an AppError; a dropped upload destroys it with a plain Error. */
  it.each([
    ["csv", new AppError("invalid", "The file is larger than the limit.")],
    ["csv", new Error("aborted")],
    ["jsonl", new AppError("invalid", "The file is larger than the limit.")],
    ["jsonl", new Error("aborted")],
  ] as const)("a source stream that fails mid-way (%s, %s) rejects with its error and writes nothing", async (format, failure) => {
    const auditId = await newAudit();
    const before = await counts();
    const { source, reading } = openSource(format === "csv" ? "unit_key,execution_status\na,SUCCEEDED\n" : '{"unit_key":"a","execution_status":"SUCCEEDED"}\n');
    // Mid-way: once the import is reading the stream (it has taken its lease and parsed the first rows).
    void reading.then(() => setTimeout(() => source.destroy(failure), 20));
    const outcome = importPopulation(db, { auditId, fileName: "p", format, mapping: MINIMAL, source, actorId: operatorId });
    const timeout = new Promise((resolve) => setTimeout(() => resolve("still pending after 2 s"), 2_000));
    await expect(Promise.race([outcome, timeout])).rejects.toBe(failure);
    expect(await counts()).toEqual(before);
    expect(await importRow(auditId)).toBeUndefined();
  });

  /** csv-parse reports an unclosed quote at the end of the input; the import names the row where it opens. */
  it("malformed CSV: an unclosed quote is reported on the line where it opens", async () => {
    const auditId = await newAudit();
    const result = await runImport(auditId, lines("unit_key,execution_status", 'a,"SUCCEEDED', "b,FAILED", "c,FAILED"), { mapping: MINIMAL });
    if (result.ok) throw new Error("expected failure");
    expect(result.errors[0].row).toBe(2);
  });
});

describe("importPopulation: strict decoding (issue 10)", () => {
  const NOT_UTF8 = "the file is not valid UTF-8; save it as UTF-8";
  type Case = { name: string; content: Buffer; format?: ImportFormat; error: { row: number; column: string; reason: string } };
  const csv = (...rows: string[]) => Buffer.from(lines("unit_key,execution_status", ...rows), "utf8");
  const cases: Case[] = [
    {
      name: "invalid UTF-8 (a Latin-1 byte) on row 7",
      content: Buffer.concat([csv("a,SUCCEEDED", "b,SUCCEEDED", "c,SUCCEEDED", "d,SUCCEEDED", "e,SUCCEEDED"), Buffer.from("f\xe9,SUCCEEDED\n", "latin1")]),
      error: { row: 7, column: "", reason: NOT_UTF8 },
    },
    { name: "a NUL byte on row 3", content: Buffer.concat([csv("a,SUCCEEDED"), Buffer.from("b\0,SUCCEEDED\n", "latin1")]), error: { row: 3, column: "", reason: "the file contains a NUL byte; is it a binary file?" } },
    { name: "UTF-16 LE with a byte-order mark", content: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(lines("unit_key,execution_status", "a,SUCCEEDED"), "utf16le")]), error: { row: 1, column: "", reason: "the file is UTF-16; save it as UTF-8" } },
    { name: "UTF-16 without a byte-order mark", content: Buffer.from(lines("unit_key,execution_status", "a,SUCCEEDED"), "utf16le"), error: { row: 1, column: "", reason: "the file is UTF-16; save it as UTF-8" } },
    {
      name: "JSON Lines: invalid UTF-8 on row 2",
      format: "jsonl",
      content: Buffer.concat([Buffer.from('{"unit_key":"a","execution_status":"SUCCEEDED"}\n'), Buffer.from('{"unit_key":"\xff","execution_status":"SUCCEEDED"}\n', "latin1")]),
      error: { row: 2, column: "", reason: NOT_UTF8 },
    },
    {
      name: "JSON Lines: a __proto__ key is refused with its row, not dropped",
      format: "jsonl",
      content: Buffer.from(lines('{"unit_key":"a","execution_status":"SUCCEEDED"}', '{"unit_key":"b","execution_status":"SUCCEEDED","__proto__":{"x":1}}')),
      error: { row: 2, column: "__proto__", reason: 'the name "__proto__" is not allowed as a column or key' },
    },
    {
      name: "CSV: a __proto__ column is refused",
      content: Buffer.from(lines("unit_key,execution_status,__proto__", "a,SUCCEEDED,x")),
      error: { row: 1, column: "__proto__", reason: 'the name "__proto__" is not allowed as a column or key' },
    },
  ];

  it.each(cases)("$name: refused with the row and a plain reason, nothing written", async ({ content, format, error }) => {
    const auditId = await newAudit();
    const before = await counts();
    // In small chunks too: a multi-byte character or the problem may straddle two chunks.
    for (const chunks of [[content], Array.from({ length: Math.ceil(content.length / 3) }, (_, i) => content.subarray(i * 3, i * 3 + 3))]) {
      const result = await importPopulation(db, { auditId, fileName: "p", format: format ?? "csv", mapping: MINIMAL, source: Readable.from(chunks), actorId: operatorId });
      expect(result).toEqual({ ok: false, errors: [error], errorCount: 1 });
    }
    expect(await counts()).toEqual(before);
    expect(await importRow(auditId)).toBeUndefined();
  });

  it("keeps constructor and prototype keys as ordinary record columns", async () => {
    const auditId = await newAudit();
    const result = await runImport(auditId, lines('{"unit_key":"a","execution_status":"SUCCEEDED","constructor":"c","prototype":"p"}'), { format: "jsonl", mapping: MINIMAL });
    expect(result.ok).toBe(true);
    expect(JSON.parse((await storedUnits(auditId))[0].record)).toEqual({ constructor: "c", prototype: "p" });
  });
});

describe("importPopulation: size limit while streaming (issue 10)", () => {
  it("a body past the limit is refused with 413 once the limit is passed, without reading the rest, and writes nothing", async () => {
    const auditId = await newAudit();
    const before = await counts();
    let pulled = 0;
    // An endless chunked body: only the limit can end this import.
    const endless = new Readable({
      read() {
        this.push(pulled++ === 0 ? "unit_key,execution_status\n" : `k${pulled},SUCCEEDED\n`);
      },
    });
    const outcome = importPopulation(db, { auditId, fileName: "big.csv", format: "csv", mapping: MINIMAL, source: endless, actorId: operatorId, maxBytes: 10_000 });
    await expect(outcome).rejects.toBeInstanceOf(UploadTooLargeError);
    await expect(outcome).rejects.toMatchObject({ status: 413, message: "The file is larger than the 10,000-byte limit; nothing was imported." });
    expect(pulled).toBeLessThan(2_000); // stopped at the limit (~700 rows), not read on
    expect(await counts()).toEqual(before);
  });

  it("a file exactly at the limit is accepted", async () => {
    const auditId = await newAudit();
    const content = lines("unit_key,execution_status", "a,SUCCEEDED");
    expect(await runImport(auditId, content, { mapping: MINIMAL, maxBytes: Buffer.byteLength(content) })).toMatchObject({ ok: true, rowCount: 1 });
  });
});

describe("importPopulation: populations larger than one batch (issue 10)", () => {
  const many = (n: number, key = (i: number) => `k${i}`) => Array.from({ length: n }, (_, i) => `${key(i)},${i % 97 === 0 ? "FAILED" : "SUCCEEDED"},G${i % 5},id${i % 1_500}`);

  it("stores 2,500 units across batches in file order with the same checksum as lib/checksum over the stored units", async () => {
    const auditId = await newAudit();
    const content = lines("unit_key,execution_status,subgroup,identity_key", ...many(2_500));
    const result = await runImport(auditId, byteChunks(content, 4_096));
    const stored = await storedUnits(auditId);
    expect(stored.map((u) => u.position)).toEqual(Array.from({ length: 2_500 }, (_, i) => i));
    expect(stored.map((u) => u.unitKey)).toEqual(Array.from({ length: 2_500 }, (_, i) => `k${i}`));
    expect(result).toMatchObject({ ok: true, rowCount: 2_500, failedCount: Math.ceil(2_500 / 97), populationChecksum: populationChecksum(stored) });
  });

  it("names exact rows for duplicates in the same batch and across batches, nothing written", async () => {
    const auditId = await newAudit();
    const before = await counts();
    // Row = index + 2. k5 again on row 1,202 (next batch); k1,500 twice within one batch (rows 1,502 and 1,503).
    const rows = many(2_400, (i) => (i === 1_200 ? "k5" : i === 1_501 ? "k1500" : `k${i}`));
    const result = await runImport(auditId, lines("unit_key,execution_status,subgroup,identity_key", ...rows));
    expect(result).toEqual({
      ok: false,
      errorCount: 2,
      errors: [
        { row: 1_202, column: "unit_key", reason: 'duplicate unit_key "k5" (first seen on row 7)' },
        { row: 1_503, column: "unit_key", reason: 'duplicate unit_key "k1500" (first seen on row 1502)' },
      ],
    });
    expect(await counts()).toEqual(before);
  });

  it("a key claimed by a row with a bad status is still reported as duplicated later", async () => {
    const auditId = await newAudit();
    const result = await runImport(auditId, lines("unit_key,execution_status", "a,SUCCEEDED", "b,NOPE", "b,SUCCEEDED"), { mapping: MINIMAL });
    expect(result).toMatchObject({ ok: false, errors: [{ row: 3, column: "execution_status" }, { row: 4, column: "unit_key", reason: 'duplicate unit_key "b" (first seen on row 3)' }] });
  });
});

describe("importPopulation after a sample is drawn", () => {
  const CONTENT = lines("unit_key,execution_status", "a,SUCCEEDED", "b,FAILED", "c,SUCCEEDED");

  it("refuses to re-import: the population is immutable", async () => {
    const auditId = await newAudit();
    expect((await runImport(auditId, CONTENT, { mapping: MINIMAL })).ok).toBe(true);
    await recordStabilityResult(db, { auditId, actualResult: "2", actorId: operatorId });
    await drawAuditSample(db, { auditId, actorId: operatorId, seed: "0123456789abcdef0123456789abcdef" });
    const unitsBefore = await storedUnits(auditId);
    const before = await counts();
    await expect(runImport(auditId, lines("unit_key,execution_status", "z,SUCCEEDED"), { mapping: MINIMAL })).rejects.toMatchObject({ code: "conflict" });
    expect(await storedUnits(auditId)).toEqual(unitsBefore);
    expect(await counts()).toEqual(before);
  });

  it("an import that was already streaming when the sample was drawn is refused with a clear conflict", async () => {
    const auditId = await newAudit();
    expect((await runImport(auditId, CONTENT, { mapping: MINIMAL })).ok).toBe(true);
    await recordStabilityResult(db, { auditId, actualResult: "2", actorId: operatorId });
    const { source, reading, end } = openSource("unit_key,execution_status\n");
    const pending = importPopulation(db, { auditId, fileName: "late.csv", format: "csv", mapping: MINIMAL, source, actorId: operatorId });
    await reading;
    await drawAuditSample(db, { auditId, actorId: operatorId, seed: "0123456789abcdef0123456789abcdef" });
    const unitsBefore = await storedUnits(auditId);
    const before = await counts();
    expect(before.import_leases).toBe(1); // the streaming import's
    end("z,SUCCEEDED\n");
    await expect(pending).rejects.toMatchObject({ code: "conflict", message: expect.stringMatching(/sample has been drawn/) });
    expect(await storedUnits(auditId)).toEqual(unitsBefore);
    expect(await counts()).toEqual({ ...before, import_leases: 0 });
  });
});

describe("importPopulation: one import per audit at a time", () => {
  const HEADER = "unit_key,execution_status\n";

  it("a second import into the same audit while one is in progress is refused (409 conflict) and writes nothing", async () => {
    const auditId = await newAudit();
    const first = openSource(HEADER, "a,SUCCEEDED\n", "b,FAILED\n");
    const pending = importPopulation(db, { auditId, fileName: "first.csv", format: "csv", mapping: MINIMAL, source: first.source, actorId: operatorId });
    await first.reading;

    const before = await counts();
    expect(before.import_leases).toBe(1); // the first import's
    const secondSource = Readable.from([lines("unit_key,execution_status", "x,SUCCEEDED", "y,SUCCEEDED")]);
    await expect(
      importPopulation(db, { auditId, fileName: "second.csv", format: "csv", mapping: MINIMAL, source: secondSource, actorId: operatorId }),
    ).rejects.toMatchObject({ code: "conflict", message: expect.stringMatching(/in progress/) });
    expect(secondSource.readableFlowing).toBeNull(); // refused before it read a byte
    expect(await counts()).toEqual(before);
    expect(await storedUnits(auditId)).toEqual([]);

    first.end("c,SUCCEEDED\n");
    const firstContent = `${HEADER}a,SUCCEEDED\nb,FAILED\nc,SUCCEEDED\n`;
    expect(await pending).toMatchObject({ ok: true, rowCount: 3, failedCount: 1, sha256: sha256(firstContent) });
    expect((await storedUnits(auditId)).map((u) => [u.unitKey, u.executionStatus])).toEqual([
      ["a", "SUCCEEDED"],
      ["b", "FAILED"],
      ["c", "SUCCEEDED"],
    ]);
    expect(await importRow(auditId)).toMatchObject({ fileName: "first.csv", sha256: sha256(firstContent), rowCount: 3 });
    const { events } = db.tables;
    const logged = await db.select().from(events).where(eq(events.auditId, auditId)).orderBy(asc(events.id));
    expect(logged.map((e) => e.type)).toEqual(["audit.created", "population.imported"]);
    expect(JSON.parse(logged[1].payload)).toMatchObject({ fileName: "first.csv" });
    expect((await counts()).import_leases).toBe(0);

    // The lease is released: a third import is accepted and replaces the population.
    const third = lines("unit_key,execution_status", "z,UNKNOWN");
    expect(await runImport(auditId, third, { mapping: MINIMAL, fileName: "third.csv" })).toMatchObject({ ok: true, rowCount: 1, unknownCount: 1 });
    expect((await storedUnits(auditId)).map((u) => u.unitKey)).toEqual(["z"]);
    expect(await importRow(auditId)).toMatchObject({ fileName: "third.csv", sha256: sha256(third) });
  });

  it("the lease is released after a failed import too: the next import is accepted", async () => {
    const auditId = await newAudit();
    const bad = await runImport(auditId, lines("unit_key,execution_status", "a,NOPE"), { mapping: MINIMAL });
    expect(bad.ok).toBe(false);
    const failing = openSource(HEADER, "a,SUCCEEDED\n");
    const failure = new Error("aborted");
    const outcome = importPopulation(db, { auditId, fileName: "p.csv", format: "csv", mapping: MINIMAL, source: failing.source, actorId: operatorId });
    await failing.reading;
    failing.source.destroy(failure);
    await expect(outcome).rejects.toBe(failure);
    expect((await counts()).import_leases).toBe(0);
    expect(await runImport(auditId, lines("unit_key,execution_status", "b,SUCCEEDED"), { mapping: MINIMAL })).toMatchObject({ ok: true, rowCount: 1 });
    expect((await storedUnits(auditId)).map((u) => u.unitKey)).toEqual(["b"]);
  });

  it("a source that fails before the import has taken its lease (an aborted upload) rejects with its error and releases the lease", async () => {
    const auditId = await newAudit();
    const failing = openSource(HEADER, "a,SUCCEEDED\n");
    const failure = new Error("aborted");
    const outcome = importPopulation(db, { auditId, fileName: "p.csv", format: "csv", mapping: MINIMAL, source: failing.source, actorId: operatorId });
    failing.reading.catch(() => {}); // never starts reading
    failing.source.destroy(failure); // synchronously: the lease transaction has not even started
    await expect(outcome).rejects.toBe(failure);
    expect((await counts()).import_leases).toBe(0);
    expect(await storedUnits(auditId)).toEqual([]);
    expect(await runImport(auditId, lines("unit_key,execution_status", "b,SUCCEEDED"), { mapping: MINIMAL })).toMatchObject({ ok: true, rowCount: 1 });
  });

  it("a source closed mid-file without an error (a dropped connection) is refused, not waited on forever", async () => {
    const auditId = await newAudit();
    const dropped = openSource(HEADER, "a,SUCCEEDED\n");
    const outcome = importPopulation(db, { auditId, fileName: "p.csv", format: "csv", mapping: MINIMAL, source: dropped.source, actorId: operatorId });
    await dropped.reading;
    dropped.source.destroy();
    await expect(outcome).rejects.toMatchObject({ code: "invalid", message: expect.stringMatching(/interrupted/) });
    expect((await counts()).import_leases).toBe(0);
    expect(await storedUnits(auditId)).toEqual([]);
  });

  it("imports into two different audits at the same time both succeed", async () => {
    const auditA = await newAudit();
    const auditB = await newAudit();
    const a = openSource(HEADER, "a1,SUCCEEDED\n");
    const b = openSource(HEADER, "b1,FAILED\n");
    const pendingA = importPopulation(db, { auditId: auditA, fileName: "a.csv", format: "csv", mapping: MINIMAL, source: a.source, actorId: operatorId });
    const pendingB = importPopulation(db, { auditId: auditB, fileName: "b.csv", format: "csv", mapping: MINIMAL, source: b.source, actorId: operatorId });
    await Promise.all([a.reading, b.reading]); // both under way at once, each holding its audit's lease
    expect((await counts()).import_leases).toBe(2);
    b.end("b2,SUCCEEDED\n");
    a.end("a2,UNKNOWN\n", "a3,SUCCEEDED\n");
    const [resultA, resultB] = await Promise.all([pendingA, pendingB]);
    expect(resultA).toMatchObject({ ok: true, rowCount: 3, unknownCount: 1, failedCount: 0 });
    expect(resultB).toMatchObject({ ok: true, rowCount: 2, unknownCount: 0, failedCount: 1 });
    expect((await storedUnits(auditA)).map((u) => u.unitKey)).toEqual(["a1", "a2", "a3"]);
    expect((await storedUnits(auditB)).map((u) => u.unitKey)).toEqual(["b1", "b2"]);
    expect(await importRow(auditA)).toMatchObject({ fileName: "a.csv", rowCount: 3 });
    expect(await importRow(auditB)).toMatchObject({ fileName: "b.csv", rowCount: 2 });
    expect((await counts()).import_leases).toBe(0);
  });
});
