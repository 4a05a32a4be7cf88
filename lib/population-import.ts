import { z } from "zod";
import { type ClaimPair, claimDiffers } from "./claim-pairs";
import { EXECUTION_STATUSES, type ExecutionStatus, type PopulationUnit } from "./population";

const columnName = z.string().trim().min(1).max(500);

/**
 * One claimed/observed column pair the operator chose at import (issue 11 "Claimed vs observed";
 * lib/claim-pairs.ts). Both columns must exist in the file (checked against the header).
 */
export const claimPairSchema = z
  .object({ field: z.string().trim().min(1, "A claimed/observed pair needs a field name").max(200), claimed: columnName, observed: columnName })
  .refine((p) => p.claimed !== p.observed, { message: "The claimed and observed columns of a pair must differ", path: ["observed"] });

/**
 * Which source column holds each unit field. unitKey and executionStatus are required.
 * `claimPairs` (optional, none when absent): the claimed_* / observed_* pairs whose difference
 * sets units.claimDiffers.
 */
export const columnMappingSchema = z.object({
  unitKey: z.string().trim().min(1, "Choose the unit_key column"),
  executionStatus: z.string().trim().min(1, "Choose the execution_status column"),
  subgroup: z.string().trim().optional().transform((v) => (v ? v : undefined)),
  identityKey: z.string().trim().optional().transform((v) => (v ? v : undefined)),
  highRiskSubgroups: z
    .array(z.string().trim().min(1).max(200))
    .max(500, "At most 500 high-risk subgroups")
    .default([]),
  claimPairs: z
    .array(claimPairSchema)
    .max(100, "At most 100 claimed/observed pairs")
    .refine((pairs) => new Set(pairs.map((p) => p.field)).size === pairs.length, "Each claimed/observed pair needs its own field name")
    .optional(),
});
export type ColumnMapping = z.output<typeof columnMappingSchema>;

export type ImportRowError = { row: number; column: string; reason: string };
/** A validated row: the unit, its other columns, and whether a mapped claimed/observed pair differs. */
export type ImportedUnit = PopulationUnit & { record: Record<string, string>; claimDiffers: boolean };

/** Most bad rows reported back to the user (the rest are counted). */
export const MAX_REPORTED_ERRORS = 50;
export const MAX_KEY_LENGTH = 500;

/**
 * Keys a row may not use: a JSON Lines `__proto__` key would otherwise be dropped silently when the
 * row becomes an object (issue 10 "Strict decoding"). `constructor` and `prototype` become plain
 * own properties of the record and are kept like any other column.
 */
export const FORBIDDEN_KEYS: readonly string[] = ["__proto__"];

/** The error for a forbidden key (column name or JSON Lines key) on `row`. */
export function forbiddenKeyError(row: number, key: string): ImportRowError {
  return { row, column: key, reason: `the name "${key}" is not allowed as a column or key` };
}

/** The error for a unit_key that occurs again on `row` (first seen on `firstRow`; 0 when not known yet). */
export function duplicateKeyError(column: string, row: number, unitKey: string, firstRow: number): ImportRowError {
  return { row, column, reason: `duplicate unit_key "${unitKey}" (first seen on row ${firstRow})` };
}

/** Sort key of a reported error: file order, with whole-file errors (row 0) after the rows. */
const errorOrder = (e: ImportRowError) => (e.row === 0 ? Number.POSITIVE_INFINITY : e.row);

/**
 * Validates population rows one at a time without keeping them (memory independent of the file
 * size: the caller writes each accepted unit). Rules: unit_key required, at most 500 characters;
 * execution_status one of SUCCEEDED / FAILED / UNKNOWN, case-insensitive; subgroup and
 * identity_key optional (empty → none). Mapped columns must exist in the header. Other columns
 * are kept as the unit's record. Uniqueness of unit_key is checked by the caller (the database's
 * unique index on (audit_id, unit_key), db/mutations/population.ts), which reports duplicates
 * through `fail`.
 * Row numbers are 1-based lines of the file as the user sees it (CSV header is row 1).
 * Errors: all counted; the first MAX_REPORTED_ERRORS in file order are kept (`fail` may be called
 * out of order, e.g. for a duplicate found when a batch is written; whole-file errors, row 0, last).
 */
export class PopulationValidator {
  readonly errors: ImportRowError[] = [];
  errorCount = 0;
  /** Rows accepted so far (exact counts of the population once the file is valid). */
  unitCount = 0;
  failedCount = 0;
  unknownCount = 0;
  private readonly highRiskSeen = new Set<string>();
  private readonly highRisk: ReadonlySet<string>;
  private readonly claimPairs: readonly ClaimPair[];

  constructor(private readonly mapping: ColumnMapping) {
    this.highRisk = new Set(mapping.highRiskSubgroups);
    this.claimPairs = mapping.claimPairs ?? [];
  }

  /**
   * Checks that every mapped column (claimed/observed pair columns included) is present and no
   * name is forbidden; returns the errors (row = header row), each naming the missing column.
   */
  checkHeader(columns: readonly string[], headerRow: number): ImportRowError[] {
    const present = new Set(columns);
    const wanted: [string, string | undefined][] = [
      ["unit_key", this.mapping.unitKey],
      ["execution_status", this.mapping.executionStatus],
      ["subgroup", this.mapping.subgroup],
      ["identity_key", this.mapping.identityKey],
      ...this.claimPairs.flatMap((p): [string, string][] => [
        [`claimed ${p.field}`, p.claimed],
        [`observed ${p.field}`, p.observed],
      ]),
    ];
    const errors = [
      ...columns.filter((c) => FORBIDDEN_KEYS.includes(c)).map((c) => forbiddenKeyError(headerRow, c)),
      ...wanted
        .filter(([, col]) => col !== undefined && !present.has(col))
        .map(([field, col]) => ({ row: headerRow, column: col!, reason: `column "${col}" mapped to ${field} is not in the file` })),
    ];
    for (const e of errors) this.fail(e);
    return errors;
  }

  /** Records an error (counted; kept when among the first MAX_REPORTED_ERRORS in file order). */
  fail(error: ImportRowError): void {
    this.errorCount++;
    const key = errorOrder(error);
    if (this.errors.length >= MAX_REPORTED_ERRORS && key >= errorOrder(this.errors[this.errors.length - 1])) return;
    let at = this.errors.length;
    while (at > 0 && errorOrder(this.errors[at - 1]) > key) at--;
    this.errors.splice(at, 0, error);
    if (this.errors.length > MAX_REPORTED_ERRORS) this.errors.pop();
  }

  /**
   * The row's unit_key when it is a usable key (present, at most MAX_KEY_LENGTH characters), else
   * null. A row rejected for another reason still claims its key, so a later row with the same
   * key is reported as a duplicate of it.
   */
  keyOf(record: Record<string, string>): string | null {
    const unitKey = (record[this.mapping.unitKey] ?? "").trim();
    return unitKey !== "" && unitKey.length <= MAX_KEY_LENGTH ? unitKey : null;
  }

  /**
   * Validates one row (all values as strings). `claimDiffers` of the unit compares the mapped
   * claimed/observed pairs in the whole row (lib/claim-pairs.ts `claimDiffers`).
   * @returns the unit to write when the row is valid, else null (its errors are recorded).
   */
  add(record: Record<string, string>, row: number): ImportedUnit | null {
    const m = this.mapping;
    const unitKey = (record[m.unitKey] ?? "").trim();
    const statusRaw = (record[m.executionStatus] ?? "").trim().toUpperCase();
    let ok = true;
    if (unitKey === "") {
      this.fail({ row, column: m.unitKey, reason: "unit_key is missing" });
      ok = false;
    } else if (unitKey.length > MAX_KEY_LENGTH) {
      this.fail({ row, column: m.unitKey, reason: `unit_key is longer than ${MAX_KEY_LENGTH} characters` });
      ok = false;
    }
    if (!(EXECUTION_STATUSES as readonly string[]).includes(statusRaw)) {
      const shown = (record[m.executionStatus] ?? "").trim();
      this.fail({ row, column: m.executionStatus, reason: shown === "" ? "execution_status is missing" : `unknown execution_status "${shown}" (use SUCCEEDED, FAILED or UNKNOWN)` });
      ok = false;
    }
    if (!ok) return null;
    const subgroup = m.subgroup ? (record[m.subgroup] ?? "").trim() || null : null;
    const identityKey = m.identityKey ? (record[m.identityKey] ?? "").trim() || null : null;
    if (subgroup !== null && this.highRisk.has(subgroup)) this.highRiskSeen.add(subgroup);
    const rest: Record<string, string> = {};
    for (const [k, v] of Object.entries(record)) {
      if (k !== m.unitKey && k !== m.executionStatus && k !== m.subgroup && k !== m.identityKey) rest[k] = v;
    }
    this.unitCount++;
    if (statusRaw === "FAILED") this.failedCount++;
    else if (statusRaw === "UNKNOWN") this.unknownCount++;
    return { unitKey, executionStatus: statusRaw as ExecutionStatus, subgroup, identityKey, record: rest, claimDiffers: claimDiffers(record, this.claimPairs) };
  }

  /**
   * Final checks after the last row: the file has at least one unit, and every high-risk
   * subgroup occurs in it (a subgroup that is absent could never be covered by the sample).
   */
  finish(): void {
    if (this.errorCount === 0 && this.unitCount === 0) this.fail({ row: 0, column: "", reason: "the file holds no units" });
    for (const g of this.mapping.highRiskSubgroups) {
      if (!this.mapping.subgroup) {
        this.fail({ row: 0, column: "high-risk subgroups", reason: "high-risk subgroups need a subgroup column" });
        break;
      }
      if (!this.highRiskSeen.has(g)) this.fail({ row: 0, column: "high-risk subgroups", reason: `high-risk subgroup "${g}" does not occur in the subgroup column` });
    }
  }

  get valid(): boolean {
    return this.errorCount === 0;
  }
}

/** Normalizes one JSON Lines value to a string (numbers and booleans as written, null → ""). */
export function jsonValueToString(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}
