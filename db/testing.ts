/**
 * Shared set-up for the database integration tests (db/mutations/*.test.ts) and the benchmarks
 * (bench/): a fresh temporary SQLite database with the committed migrations applied, a valid
 * audit form, a CSV import, table row counts. Not imported by the app; no test-runner import,
 * so tsx can run it too.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { createAuditSchema } from "@/lib/audit-input";
import type { ColumnMapping } from "@/lib/population-import";
import { type Db, openDb } from "./client";
import { applyMigrations } from "./migrate";
import { type ImportResult, importPopulation } from "./mutations/population";
import { createUser } from "./mutations/users";

/** A temporary database; `close()` closes the SQLite handle and deletes its folder. */
export type TestDb = { db: Db; dir: string; close(): void };

/** Opens a fresh migrated database in a new temporary folder `countersign-<name>-…`, with no users. */
export function openTestDb(name: string): TestDb {
  const dir = mkdtempSync(path.join(os.tmpdir(), `countersign-${name}-`));
  const db = openDb(path.join(dir, "t.db"));
  const close = () => {
    db.$client.close();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    applyMigrations(db);
  } catch (e) {
    close();
    throw e;
  }
  return { db, dir, close };
}

/** Like openTestDb, plus one operator user (operator@test.example), whose id is `operatorId`. */
export async function createTestDb(name: string): Promise<TestDb & { operatorId: number }> {
  const testDb = openTestDb(name);
  try {
    const operatorId = await createUser(testDb.db, { email: "operator@test.example", name: "Op", password: "operator-test-pass", roles: ["operator"], actorId: null });
    return { ...testDb, operatorId };
  } catch (e) {
    testDb.close();
    throw e;
  }
}

let auditCounter = 0;

/** A parsed, valid audit form (tier 2, strong, expected stability result "2"); a new date on every call unless `auditDate` is given. */
export function validAuditForm(overrides: Record<string, unknown> = {}) {
  auditCounter++;
  return createAuditSchema.parse({
    projectName: "test-audit",
    auditDate: new Date(Date.UTC(2030, 0, 1) + auditCounter * 86_400_000).toISOString().slice(0, 10),
    title: "Test audit",
    changeDescription: "Created by the tests.",
    riskTier: "2",
    triggerReasons: ["always.high_impact_change"],
    triggerContractVersion: "1.0",
    bulkMutationThreshold: "100",
    duplicateClusterCap: "50",
    sotQuery: "SELECT 1",
    sotStabilityQuery: "SELECT 2",
    sotExpectedResult: "2",
    consistencyModel: "strong",
    ...overrides,
  });
}

/** Column mapping of the four standard columns unit_key, execution_status, subgroup, identity_key; no high-risk subgroups. */
export const FULL_MAPPING: ColumnMapping = { unitKey: "unit_key", executionStatus: "execution_status", subgroup: "subgroup", identityKey: "identity_key", highRiskSubgroups: [] };

/** Column mapping of unit_key and execution_status only. */
export const MINIMAL_MAPPING: ColumnMapping = { unitKey: "unit_key", executionStatus: "execution_status", subgroup: undefined, identityKey: undefined, highRiskSubgroups: [] };

/** Imports CSV text as the audit's population (file "p.csv"); throws when the import reports row errors. */
export async function importCsv(db: Db, args: { auditId: number; actorId: number; csv: string; mapping?: ColumnMapping }): Promise<Extract<ImportResult, { ok: true }>> {
  const { auditId, actorId, csv, mapping = MINIMAL_MAPPING } = args;
  const result = await importPopulation(db, { auditId, fileName: "p.csv", format: "csv", mapping, source: Readable.from([csv]), actorId });
  if (!result.ok) throw new Error(`import failed: ${JSON.stringify(result.errors)}`);
  return result;
}

/** Row count of each named table, keyed by table name (names must be plain lower-case identifiers). */
export function rowCounts<T extends string>(db: Db, ...tables: T[]): Record<T, number> {
  const counts = {} as Record<T, number>;
  for (const table of tables) {
    if (!/^[a-z_]+$/.test(table)) throw new Error(`not a table name: ${table}`);
    counts[table] = (db.$client.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  }
  return counts;
}
