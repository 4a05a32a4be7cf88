import { describe, it, expect } from "vitest";
import {
  columnMappingSchema,
  duplicateKeyError,
  type ImportedUnit,
  jsonValueToString,
  MAX_KEY_LENGTH,
  MAX_REPORTED_ERRORS,
  PopulationValidator,
  type ColumnMapping,
} from "./population-import";

const mapping = (overrides: Partial<ColumnMapping> = {}): ColumnMapping => ({
  unitKey: "id",
  executionStatus: "status",
  subgroup: "region",
  identityKey: "email",
  highRiskSubgroups: [],
  ...overrides,
});

/** A validator that also keeps the units `add` returns (the import writes them to the database instead). */
function collecting(m: ColumnMapping) {
  const v = new PopulationValidator(m);
  const units: ImportedUnit[] = [];
  const add = (record: Record<string, string>, at: number) => {
    const unit = PopulationValidator.prototype.add.call(v, record, at);
    if (unit) units.push(unit);
    return unit;
  };
  return Object.assign(v, { units, add });
}

const row = (id: string, status: string, extra: Record<string, string> = {}) => ({ id, status, ...extra });

describe("columnMappingSchema", () => {
  it("requires the unit_key and execution_status columns", () => {
    const r = columnMappingSchema.safeParse({ unitKey: " ", executionStatus: "" });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => [i.path[0], i.message])).toEqual([
      ["unitKey", "Choose the unit_key column"],
      ["executionStatus", "Choose the execution_status column"],
    ]);
  });

  it("turns empty or blank optional columns into undefined and defaults high-risk subgroups to []", () => {
    expect(columnMappingSchema.parse({ unitKey: " id ", executionStatus: "status", subgroup: "", identityKey: "  " })).toEqual({
      unitKey: "id",
      executionStatus: "status",
      subgroup: undefined,
      identityKey: undefined,
      highRiskSubgroups: [],
    });
  });

  it("keeps chosen optional columns and trimmed high-risk subgroups", () => {
    expect(columnMappingSchema.parse({ unitKey: "id", executionStatus: "status", subgroup: " region ", identityKey: "email", highRiskSubgroups: [" eu "] })).toEqual({
      unitKey: "id",
      executionStatus: "status",
      subgroup: "region",
      identityKey: "email",
      highRiskSubgroups: ["eu"],
    });
  });

  it("rejects blank high-risk subgroup names", () => {
    expect(columnMappingSchema.safeParse({ unitKey: "id", executionStatus: "status", highRiskSubgroups: ["  "] }).success).toBe(false);
  });

  it("keeps chosen claimed/observed pairs (trimmed) and leaves them out when none are sent", () => {
    const pair = { field: " status ", claimed: " claimed_status", observed: "observed_status " };
    expect(columnMappingSchema.parse({ unitKey: "id", executionStatus: "status", claimPairs: [pair] }).claimPairs).toEqual([
      { field: "status", claimed: "claimed_status", observed: "observed_status" },
    ]);
    expect(columnMappingSchema.parse({ unitKey: "id", executionStatus: "status" }).claimPairs).toBeUndefined();
  });

  it.each([
    [[{ field: "", claimed: "claimed_x", observed: "observed_x" }], "A claimed/observed pair needs a field name"],
    [[{ field: "x", claimed: "claimed_x", observed: "claimed_x" }], "The claimed and observed columns of a pair must differ"],
    [
      [
        { field: "x", claimed: "claimed_x", observed: "observed_x" },
        { field: "x", claimed: "Claimed_x", observed: "Observed_x" },
      ],
      "Each claimed/observed pair needs its own field name",
    ],
  ])("refuses the pairs %j", (claimPairs, message) => {
    const r = columnMappingSchema.safeParse({ unitKey: "id", executionStatus: "status", claimPairs });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => [i.path[0], i.message])).toEqual([["claimPairs", message]]);
  });
});

describe("PopulationValidator.checkHeader", () => {
  it("accepts a header holding every mapped column", () => {
    const v = collecting(mapping());
    expect(v.checkHeader(["id", "status", "region", "email", "other"], 1)).toEqual([]);
    expect(v.valid).toBe(true);
  });

  it("reports each mapped column missing from the header on the header row", () => {
    const v = collecting(mapping());
    const errors = v.checkHeader(["id", "region"], 1);
    expect(errors).toEqual([
      { row: 1, column: "status", reason: 'column "status" mapped to execution_status is not in the file' },
      { row: 1, column: "email", reason: 'column "email" mapped to identity_key is not in the file' },
    ]);
    expect(v.errors).toEqual(errors);
    expect(v.errorCount).toBe(2);
    expect(v.valid).toBe(false);
  });

  it("reports each column of a chosen claimed/observed pair missing from the header, by name", () => {
    const v = collecting(mapping({ claimPairs: [{ field: "status", claimed: "claimed_status", observed: "observed_status" }] }));
    expect(v.checkHeader(["id", "status", "region", "email", "claimed_status"], 1)).toEqual([
      { row: 1, column: "observed_status", reason: 'column "observed_status" mapped to observed status is not in the file' },
    ]);
  });

  it("does not ask for unmapped optional columns", () => {
    const v = collecting(mapping({ subgroup: undefined, identityKey: undefined }));
    expect(v.checkHeader(["id", "status"], 1)).toEqual([]);
  });
});

describe("PopulationValidator.add", () => {
  it("flags a unit whose chosen claimed/observed pair differs, comparing the whole row", () => {
    const pairs = [{ field: "status", claimed: "claimed_status", observed: "status" }];
    const v = collecting(mapping({ claimPairs: pairs }));
    v.add(row("u1", "SUCCEEDED", { claimed_status: "SUCCEEDED" }), 2);
    v.add(row("u2", "FAILED", { claimed_status: "SUCCEEDED" }), 3);
    v.add(row("u3", "SUCCEEDED", { claimed_status: " SUCCEEDED " }), 4);
    expect(v.units.map((u) => [u.unitKey, u.claimDiffers])).toEqual([
      ["u1", false],
      ["u2", true],
      ["u3", false],
    ]);
  });

  it("flags no unit when no pair was chosen, even with claimed_/observed_ columns in the file", () => {
    const v = collecting(mapping());
    v.add(row("u1", "SUCCEEDED", { claimed_status: "closed", observed_status: "open" }), 2);
    expect(v.units[0].claimDiffers).toBe(false);
  });

  it("keeps a valid row as a unit, with unmapped columns as its record", () => {
    const v = collecting(mapping());
    v.add({ id: "u1", status: "SUCCEEDED", region: "eu", email: "a@x", amount: "12", note: " kept as is " }, 2);
    expect(v.units).toEqual([{ unitKey: "u1", executionStatus: "SUCCEEDED", subgroup: "eu", identityKey: "a@x", record: { amount: "12", note: " kept as is " }, claimDiffers: false }]);
    expect(v.valid).toBe(true);
  });

  it("trims key, status, subgroup and identity key", () => {
    const v = collecting(mapping());
    v.add({ id: "  u1 ", status: " FAILED\t", region: " eu ", email: " a@x " }, 2);
    expect(v.units[0]).toMatchObject({ unitKey: "u1", executionStatus: "FAILED", subgroup: "eu", identityKey: "a@x" });
  });

  it.each([
    ["succeeded", "SUCCEEDED"],
    ["Failed", "FAILED"],
    ["unknown", "UNKNOWN"],
  ])("reads status %j case-insensitively as %s", (status, expected) => {
    const v = collecting(mapping());
    v.add(row("u1", status), 2);
    expect(v.units[0].executionStatus).toBe(expected);
  });

  it("turns empty or absent subgroup and identity key into null", () => {
    const v = collecting(mapping());
    v.add({ id: "u1", status: "SUCCEEDED", region: "  ", email: "" }, 2);
    v.add({ id: "u2", status: "SUCCEEDED" }, 3);
    expect(v.units.map((u) => [u.subgroup, u.identityKey])).toEqual([
      [null, null],
      [null, null],
    ]);
  });

  it("gives null subgroup and identity key when those columns are not mapped, keeping them in the record", () => {
    const v = collecting(mapping({ subgroup: undefined, identityKey: undefined }));
    v.add({ id: "u1", status: "SUCCEEDED", region: "eu", email: "a@x" }, 2);
    expect(v.units[0]).toEqual({ unitKey: "u1", executionStatus: "SUCCEEDED", subgroup: null, identityKey: null, record: { region: "eu", email: "a@x" }, claimDiffers: false });
  });

  it.each(["", "   "])("rejects a missing unit key (%j)", (id) => {
    const v = collecting(mapping());
    v.add(row(id, "SUCCEEDED"), 4);
    expect(v.errors).toEqual([{ row: 4, column: "id", reason: "unit_key is missing" }]);
    expect(v.units).toEqual([]);
  });

  it("rejects a row without the unit key column at all", () => {
    const v = collecting(mapping());
    v.add({ status: "SUCCEEDED" }, 2);
    expect(v.errors).toEqual([{ row: 2, column: "id", reason: "unit_key is missing" }]);
  });

  it(`accepts a ${MAX_KEY_LENGTH}-character key and rejects a longer one`, () => {
    const v = collecting(mapping());
    v.add(row("k".repeat(MAX_KEY_LENGTH), "SUCCEEDED"), 2);
    v.add(row("k".repeat(MAX_KEY_LENGTH + 1), "SUCCEEDED"), 3);
    expect(v.units.map((u) => u.unitKey.length)).toEqual([MAX_KEY_LENGTH]);
    expect(v.errors).toEqual([{ row: 3, column: "id", reason: "unit_key is longer than 500 characters" }]);
  });

  it("leaves unit_key uniqueness to the writer (the database's unique index) and keeps no units itself", () => {
    const v = collecting(mapping());
    v.add(row("u1", "SUCCEEDED"), 2);
    v.add(row(" u1 ", "FAILED"), 3);
    expect(v.units.map((u) => u.unitKey)).toEqual(["u1", "u1"]);
    expect(v.errors).toEqual([]);
    expect(Object.keys(new PopulationValidator(mapping()))).not.toContain("units");
    expect([v.unitCount, v.failedCount, v.unknownCount]).toEqual([2, 1, 0]);
  });

  it("keeps the first reported errors in file order when a duplicate is reported after later rows' errors", () => {
    const v = new PopulationValidator(mapping());
    for (let i = 0; i < MAX_REPORTED_ERRORS + 5; i++) v.add(row(`u${i}`, "bogus"), i + 10);
    v.fail(duplicateKeyError("id", 3, "u1", 2));
    v.fail({ row: 0, column: "", reason: "whole file" });
    expect(v.errorCount).toBe(MAX_REPORTED_ERRORS + 7);
    expect(v.errors).toHaveLength(MAX_REPORTED_ERRORS);
    expect(v.errors[0]).toEqual({ row: 3, column: "id", reason: 'duplicate unit_key "u1" (first seen on row 2)' });
    expect(v.errors.slice(1).map((e) => e.row)).toEqual(Array.from({ length: MAX_REPORTED_ERRORS - 1 }, (_, i) => i + 10));
  });

  it("rejects a missing status", () => {
    const v = collecting(mapping());
    v.add(row("u1", "  "), 2);
    v.add({ id: "u2" }, 3);
    expect(v.errors).toEqual([
      { row: 2, column: "status", reason: "execution_status is missing" },
      { row: 3, column: "status", reason: "execution_status is missing" },
    ]);
    expect(v.units).toEqual([]);
  });

  it("rejects an unknown status, quoting it as written", () => {
    const v = collecting(mapping());
    v.add(row("u1", " Done "), 2);
    expect(v.errors).toEqual([{ row: 2, column: "status", reason: 'unknown execution_status "Done" (use SUCCEEDED, FAILED or UNKNOWN)' }]);
    expect(v.units).toEqual([]);
  });

  it("reports both a bad key and a bad status on the same row", () => {
    const v = collecting(mapping());
    v.add(row("", "nope"), 7);
    expect(v.errors.map((e) => [e.row, e.column])).toEqual([
      [7, "id"],
      [7, "status"],
    ]);
    expect(v.errorCount).toBe(2);
  });

  it(`counts every error but reports only the first ${MAX_REPORTED_ERRORS}`, () => {
    const v = collecting(mapping());
    for (let i = 0; i < MAX_REPORTED_ERRORS + 25; i++) v.add(row(`u${i}`, "bogus"), i + 2);
    expect(v.errorCount).toBe(MAX_REPORTED_ERRORS + 25);
    expect(v.errors).toHaveLength(MAX_REPORTED_ERRORS);
    expect(v.errors[0].row).toBe(2);
    expect(v.errors.at(-1)!.row).toBe(MAX_REPORTED_ERRORS + 1);
    expect(v.valid).toBe(false);
  });

  it("counts fail() calls like row errors", () => {
    const v = collecting(mapping());
    v.fail({ row: 9, column: "", reason: "unparseable line" });
    expect(v.errorCount).toBe(1);
    expect(v.errors).toEqual([{ row: 9, column: "", reason: "unparseable line" }]);
    expect(v.valid).toBe(false);
  });
});

describe("PopulationValidator.finish", () => {
  it("reports a file with no units", () => {
    const v = collecting(mapping());
    v.finish();
    expect(v.errors).toEqual([{ row: 0, column: "", reason: "the file holds no units" }]);
    expect(v.valid).toBe(false);
  });

  it("does not add the empty-file error when rows were rejected", () => {
    const v = collecting(mapping());
    v.add(row("", "SUCCEEDED"), 2);
    v.finish();
    expect(v.errors.map((e) => e.reason)).toEqual(["unit_key is missing"]);
  });

  it("stays valid when the file has units and every high-risk subgroup occurs", () => {
    const v = collecting(mapping({ highRiskSubgroups: ["eu", "apac"] }));
    v.add(row("u1", "SUCCEEDED", { region: "eu" }), 2);
    v.add(row("u2", "FAILED", { region: " apac " }), 3);
    v.finish();
    expect(v.errors).toEqual([]);
    expect(v.valid).toBe(true);
  });

  it("reports each high-risk subgroup absent from the subgroup column", () => {
    const v = collecting(mapping({ highRiskSubgroups: ["eu", "apac", "latam"] }));
    v.add(row("u1", "SUCCEEDED", { region: "eu" }), 2);
    v.add(row("u2", "bogus", { region: "latam" }), 3); // rejected rows do not count as occurrences
    v.finish();
    expect(v.errors.slice(1)).toEqual([
      { row: 0, column: "high-risk subgroups", reason: 'high-risk subgroup "apac" does not occur in the subgroup column' },
      { row: 0, column: "high-risk subgroups", reason: 'high-risk subgroup "latam" does not occur in the subgroup column' },
    ]);
  });

  it("reports high-risk subgroups without a subgroup column once", () => {
    const v = collecting(mapping({ subgroup: undefined, highRiskSubgroups: ["eu", "apac"] }));
    v.add(row("u1", "SUCCEEDED", { region: "eu" }), 2);
    v.finish();
    expect(v.errors).toEqual([{ row: 0, column: "high-risk subgroups", reason: "high-risk subgroups need a subgroup column" }]);
    expect(v.valid).toBe(false);
  });
});

describe("jsonValueToString", () => {
  it.each([
    [null, ""],
    [undefined, ""],
    ["text", "text"],
    ["", ""],
    [42, "42"],
    [1.5, "1.5"],
    [-0.25, "-0.25"],
    [true, "true"],
    [false, "false"],
    [{ a: 1 }, '{"a":1}'],
    [[1, "x"], '[1,"x"]'],
  ])("turns %j into %j", (value, expected) => {
    expect(jsonValueToString(value)).toBe(expected);
  });
});
