import { z } from "zod";
import { EXECUTION_STATUSES, type ExecutionStatus, type PopulationUnit } from "./population";

/** Which source column holds each unit field. unitKey and executionStatus are required. */
export const columnMappingSchema = z.object({
  unitKey: z.string().trim().min(1, "Choose the unit_key column"),
  executionStatus: z.string().trim().min(1, "Choose the execution_status column"),
  subgroup: z.string().trim().optional().transform((v) => (v ? v : undefined)),
  identityKey: z.string().trim().optional().transform((v) => (v ? v : undefined)),
  highRiskSubgroups: z
    .array(z.string().trim().min(1).max(200))
    .max(500, "At most 500 high-risk subgroups")
    .default([]),
});
export type ColumnMapping = z.output<typeof columnMappingSchema>;

export type ImportRowError = { row: number; column: string; reason: string };
export type ImportedUnit = PopulationUnit & { record: Record<string, string> };

/** Most bad rows reported back to the user (the rest are counted). */
export const MAX_REPORTED_ERRORS = 50;
export const MAX_KEY_LENGTH = 500;

/**
 * Validates population rows one at a time and collects units and errors.
 * Rules: unit_key required, at most 500 characters, unique in the file; execution_status one of
 * SUCCEEDED / FAILED / UNKNOWN, case-insensitive; subgroup and identity_key optional (empty → none).
 * Mapped columns must exist in the header. Other columns are kept as the unit's record.
 * Row numbers are 1-based lines of the file as the user sees it (CSV header is row 1).
 */
export class PopulationValidator {
  readonly units: ImportedUnit[] = [];
  readonly errors: ImportRowError[] = [];
  errorCount = 0;
  private readonly seen = new Map<string, number>();
  private readonly subgroups = new Map<string, number>();

  constructor(private readonly mapping: ColumnMapping) {}

  /** Checks that every mapped column is present; returns the errors (row = header row). */
  checkHeader(columns: readonly string[], headerRow: number): ImportRowError[] {
    const present = new Set(columns);
    const wanted: [string, string | undefined][] = [
      ["unit_key", this.mapping.unitKey],
      ["execution_status", this.mapping.executionStatus],
      ["subgroup", this.mapping.subgroup],
      ["identity_key", this.mapping.identityKey],
    ];
    const errors = wanted
      .filter(([, col]) => col !== undefined && !present.has(col))
      .map(([field, col]) => ({ row: headerRow, column: col!, reason: `column "${col}" mapped to ${field} is not in the file` }));
    for (const e of errors) this.fail(e);
    return errors;
  }

  /** Reports an error that is not tied to a mapped field (e.g. unparseable line). */
  fail(error: ImportRowError): void {
    this.errorCount++;
    if (this.errors.length < MAX_REPORTED_ERRORS) this.errors.push(error);
  }

  /** Validates one row (all values as strings) and keeps it when valid. */
  add(record: Record<string, string>, row: number): void {
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
    } else {
      const first = this.seen.get(unitKey);
      if (first !== undefined) {
        this.fail({ row, column: m.unitKey, reason: `duplicate unit_key "${unitKey}" (first seen on row ${first})` });
        ok = false;
      } else this.seen.set(unitKey, row);
    }
    if (!(EXECUTION_STATUSES as readonly string[]).includes(statusRaw)) {
      const shown = (record[m.executionStatus] ?? "").trim();
      this.fail({ row, column: m.executionStatus, reason: shown === "" ? "execution_status is missing" : `unknown execution_status "${shown}" (use SUCCEEDED, FAILED or UNKNOWN)` });
      ok = false;
    }
    if (!ok) return;
    const subgroup = m.subgroup ? (record[m.subgroup] ?? "").trim() || null : null;
    const identityKey = m.identityKey ? (record[m.identityKey] ?? "").trim() || null : null;
    if (subgroup !== null) this.subgroups.set(subgroup, (this.subgroups.get(subgroup) ?? 0) + 1);
    const rest: Record<string, string> = {};
    for (const [k, v] of Object.entries(record)) {
      if (k !== m.unitKey && k !== m.executionStatus && k !== m.subgroup && k !== m.identityKey) rest[k] = v;
    }
    this.units.push({ unitKey, executionStatus: statusRaw as ExecutionStatus, subgroup, identityKey, record: rest });
  }

  /**
   * Final checks after the last row: the file has at least one unit, and every high-risk
   * subgroup occurs in it (a subgroup that is absent could never be covered by the sample).
   */
  finish(): void {
    if (this.errorCount === 0 && this.units.length === 0) this.fail({ row: 0, column: "", reason: "the file holds no units" });
    for (const g of this.mapping.highRiskSubgroups) {
      if (!this.mapping.subgroup) {
        this.fail({ row: 0, column: "high-risk subgroups", reason: "high-risk subgroups need a subgroup column" });
        break;
      }
      if (!this.subgroups.has(g)) this.fail({ row: 0, column: "high-risk subgroups", reason: `high-risk subgroup "${g}" does not occur in the subgroup column` });
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
