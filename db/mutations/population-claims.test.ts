/**
 * Integration tests of the population import's claimed/observed pairs and CSV delimiter (issue 11
 * "Claimed vs observed" and "Every page, for everyone": db/mutations/population.ts with
 * lib/claim-pairs.ts and lib/csv-delimiter.ts) on SQLite and PostgreSQL: units.claimDiffers is set
 * on exactly the units whose chosen pair differs, the import record keeps the pairs, the
 * manifest's "claim differs" filter lists those units; a semicolon-, tab- or pipe-delimited file
 * imports by detection or by the delimiter asked for.
 */
import { Readable } from "node:stream";
import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { claimPairsFromMapping } from "@/lib/claim-pairs";
import type { DelimiterChoice } from "@/lib/csv-delimiter";
import { DEFAULT_MANIFEST_SORT } from "@/lib/manifest-query";
import type { ColumnMapping } from "@/lib/population-import";
import type { Db } from "../handle";
import { listManifest } from "../queries/manifest-list";
import { createTestDb, FULL_MAPPING, rowCounts, type TestDb, validAuditForm } from "../testing";
import { createAudit, recordStabilityResult } from "./audits";
import { importPopulation } from "./population";
import { drawAuditSample } from "./sample";

let t: TestDb & { operatorId: number };
let db: Db;

const STATUS_PAIR = { field: "status", claimed: "claimed_status", observed: "observed_status" };
const WITH_PAIRS: ColumnMapping = { ...FULL_MAPPING, claimPairs: [STATUS_PAIR] };

const newAudit = async () => (await createAudit(db, { input: validAuditForm(), actorId: t.operatorId })).id;

function runImport(auditId: number, csv: string, mapping: ColumnMapping = WITH_PAIRS, delimiter?: DelimiterChoice) {
  return importPopulation(db, { auditId, fileName: "claims.csv", format: "csv", mapping, delimiter, source: Readable.from([csv]), actorId: t.operatorId });
}

async function storedUnits(auditId: number) {
  const { units } = db.tables;
  return db.select().from(units).where(eq(units.auditId, auditId)).orderBy(asc(units.position));
}

const flagged = async (auditId: number) => (await storedUnits(auditId)).filter((u) => u.claimDiffers).map((u) => u.unitKey);

// Every unit FAILED or UNKNOWN: all are census units, so the sample holds them all.
// claimed_balance/observed_balance differ on c-1 but that pair is not chosen.
const CSV = [
  "unit_key,execution_status,subgroup,identity_key,claimed_status,observed_status,claimed_balance,observed_balance",
  "c-1,FAILED,eu,,closed,closed,10,11",
  "c-2,FAILED,eu,,closed,open,10,10",
  "c-3,UNKNOWN,us,,closed, closed ,10,10",
  "c-4,UNKNOWN,us,,closed,CLOSED,10,10",
  "c-5,FAILED,us,,,open,,",
  "c-6,FAILED,eu,,,,,",
].join("\n");

beforeAll(async () => {
  t = await createTestDb("population_claims");
  db = t.db;
});

afterAll(() => t.close());

describe("importPopulation: claimed/observed pairs", () => {
  it("flags exactly the units whose chosen pair differs, keeps the pairs in the import record, and the manifest filter lists them", async () => {
    const auditId = await newAudit();
    expect(await runImport(auditId, CSV)).toMatchObject({ ok: true, rowCount: 6 });
    // c-3 differs only by surrounding spaces (equal); c-4 by case (differs); c-5 empty vs "open".
    expect(await flagged(auditId)).toEqual(["c-2", "c-4", "c-5"]);
    const [imp] = await db.select().from(db.tables.populationImports).where(eq(db.tables.populationImports.auditId, auditId));
    expect(imp.columnMapping).toMatchObject({ unitKey: "unit_key", "claimed.status": "claimed_status", "observed.status": "observed_status" });
    expect(claimPairsFromMapping(imp.columnMapping)).toEqual([STATUS_PAIR]);

    await recordStabilityResult(db, { auditId, actualResult: "2", actorId: t.operatorId });
    await drawAuditSample(db, { auditId, actorId: t.operatorId, seed: "0123456789abcdef0123456789abcdef" });
    const list = (claimDiffers?: true) => listManifest(db, { auditId, filter: { claimDiffers }, sort: DEFAULT_MANIFEST_SORT, page: 1, pageSize: 50 });
    expect((await list()).total).toBe(6);
    const differing = await list(true);
    expect(differing.rows.map((r) => r.unitKey).sort()).toEqual(["c-2", "c-4", "c-5"]);
    expect(differing.rows.every((r) => r.claimDiffers)).toBe(true);
  });

  it("flags nothing when no pair is chosen, though the file has claimed_/observed_ columns", async () => {
    const auditId = await newAudit();
    expect(await runImport(auditId, CSV, FULL_MAPPING)).toMatchObject({ ok: true, rowCount: 6 });
    expect(await flagged(auditId)).toEqual([]);
    const [imp] = await db.select().from(db.tables.populationImports).where(eq(db.tables.populationImports.auditId, auditId));
    expect(claimPairsFromMapping(imp.columnMapping)).toEqual([]);
  });

  it("refuses a pair whose column is not in the file, naming the column, and writes nothing", async () => {
    const auditId = await newAudit();
    const before = await rowCounts(db, "units", "population_imports", "events");
    const result = await runImport(auditId, CSV, { ...FULL_MAPPING, claimPairs: [{ field: "owner", claimed: "claimed_owner", observed: "observed_owner" }] });
    expect(result).toEqual({
      ok: false,
      errorCount: 2,
      errors: [
        { row: 1, column: "claimed_owner", reason: 'column "claimed_owner" mapped to claimed owner is not in the file' },
        { row: 1, column: "observed_owner", reason: 'column "observed_owner" mapped to observed owner is not in the file' },
      ],
    });
    expect(await rowCounts(db, "units", "population_imports", "events")).toEqual(before);
  });

  it("sets the flag right in every batch of a population larger than one batch (2,500 units)", async () => {
    const auditId = await newAudit();
    const rows = Array.from({ length: 2_500 }, (_, i) => `k${i},SUCCEEDED,,,a,${i % 7 === 0 ? "b" : "a"},,`);
    expect(await runImport(auditId, [CSV.split("\n")[0], ...rows].join("\n"))).toMatchObject({ ok: true, rowCount: 2_500 });
    const expected = Array.from({ length: 2_500 }, (_, i) => i).filter((i) => i % 7 === 0).map((i) => `k${i}`);
    expect(await flagged(auditId)).toEqual(expected);
  });

  it("parallel imports into two audits each flag their own units", async () => {
    const [a, b] = [await newAudit(), await newAudit()];
    const other = CSV.replace("c-2,FAILED,eu,,closed,open", "c-2,FAILED,eu,,open,open").replace("c-6,FAILED,eu,,,", "c-6,FAILED,eu,,x,");
    const results = await Promise.all([runImport(a, CSV), runImport(b, other)]);
    expect(results.map((r) => r.ok)).toEqual([true, true]);
    expect(await flagged(a)).toEqual(["c-2", "c-4", "c-5"]);
    expect(await flagged(b)).toEqual(["c-4", "c-5", "c-6"]);
  });
});

describe("importPopulation: CSV delimiter", () => {
  const SEMICOLON = ["unit_key;execution_status;subgroup;identity_key;claimed_status;observed_status;amount", "s-1;FAILED;eu;;closed;open;1,5", "s-2;SUCCEEDED;us;;closed;closed;2,5"].join("\n");

  it("detects a semicolon-delimited file (commas inside values stay in their column) and flags its pairs", async () => {
    const auditId = await newAudit();
    expect(await runImport(auditId, SEMICOLON)).toMatchObject({ ok: true, rowCount: 2, failedCount: 1 });
    const units = await storedUnits(auditId);
    expect(units.map((u) => [u.unitKey, u.executionStatus, u.subgroup, u.claimDiffers, JSON.parse(u.record).amount])).toEqual([
      ["s-1", "FAILED", "eu", true, "1,5"],
      ["s-2", "SUCCEEDED", "us", false, "2,5"],
    ]);
  });

  it.each([
    ["tab", "\t"],
    ["pipe", "|"],
  ] as const)("detects a %s-delimited file", async (_name, d) => {
    const auditId = await newAudit();
    expect(await runImport(auditId, SEMICOLON.replaceAll(";", d).replaceAll(",", "."))).toMatchObject({ ok: true, rowCount: 2 });
  });

  it("parses with the delimiter asked for: comma on a semicolon file finds one column and is refused by name", async () => {
    const auditId = await newAudit();
    const result = await runImport(auditId, SEMICOLON, FULL_MAPPING, "comma");
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors[0]).toEqual({ row: 1, column: "unit_key", reason: 'column "unit_key" mapped to unit_key is not in the file' });
    expect(await storedUnits(auditId)).toEqual([]);
    expect(await runImport(auditId, SEMICOLON, FULL_MAPPING, "semicolon")).toMatchObject({ ok: true, rowCount: 2 });
  });

  it("names the first row of a duplicate key in a semicolon file (the second pass uses the same delimiter)", async () => {
    const auditId = await newAudit();
    const result = await runImport(auditId, `${SEMICOLON}\ns-1;FAILED;eu;;a;a;1`);
    expect(result).toMatchObject({ ok: false, errors: [{ row: 4, column: "unit_key", reason: 'duplicate unit_key "s-1" (first seen on row 2)' }] });
  });
});
