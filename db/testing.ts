/**
 * Shared set-up for the database integration tests (db/**\/*.test.ts) and the benchmarks
 * (bench/): a fresh migrated database on the engine under test, a valid audit form, a CSV
 * import, table row counts. Not imported by the app; no test-runner import, so tsx can run it.
 *
 * Engine: COUNTERSIGN_TEST_ENGINE = sqlite (default; a file in a new temporary folder) or pg (a
 * new database on the cluster at COUNTERSIGN_TEST_PG_URL, which the Vitest global set-up starts).
 */
import { count, getTableName, type Table } from "drizzle-orm";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { Client } from "pg";
import { createAuditSchema } from "@/lib/audit-input";
import type { ColumnMapping } from "@/lib/population-import";
import type { Db } from "./handle";
import { createAudit, recordStabilityResult } from "./mutations/audits";
import { type ImportResult, importPopulation } from "./mutations/population";
import { createUser } from "./mutations/users";
import { openDatabase } from "./open";
import type { DrawRequest } from "./population-draw";
import type { Engine } from "./schema";

/** A temporary database; `close()` closes it and deletes it (folder or PostgreSQL database). */
export type TestDb = {
  db: Db;
  engine: Engine;
  /** PostgreSQL: the database's URL, to open a second handle on it (a second app instance). */
  url?: string;
  close(): Promise<void>;
};

/** The engine the tests run on (COUNTERSIGN_TEST_ENGINE, default sqlite). */
export function testEngine(): Engine {
  return process.env.COUNTERSIGN_TEST_ENGINE === "pg" ? "pg" : "sqlite";
}

let dbCounter = 0;

/**
 * Opens a fresh migrated database named after `name`, with no users.
 * @param engine defaults to `testEngine()`; pg needs COUNTERSIGN_TEST_PG_URL.
 */
export async function openTestDb(name: string, engine: Engine = testEngine()): Promise<TestDb> {
  if (engine === "sqlite") {
    const dir = mkdtempSync(path.join(os.tmpdir(), `countersign-${name}-`));
    const db = openDatabase({ file: path.join(dir, "t.db") });
    const close = async () => {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    };
    return migrated({ db, engine, close });
  }
  const adminUrl = process.env.COUNTERSIGN_TEST_PG_URL;
  if (!adminUrl) throw new Error("COUNTERSIGN_TEST_PG_URL is not set: the PostgreSQL tests run under the Vitest global set-up (vitest.global-setup.ts).");
  const database = `cs_${name.replace(/\W/g, "_").toLowerCase()}_${process.pid}_${++dbCounter}`;
  await adminQuery(adminUrl, `CREATE DATABASE ${database}`);
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  const db = openDatabase({ url: url.toString() });
  const close = async () => {
    await db.close();
    await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  };
  return migrated({ db, engine, url: url.toString(), close });
}

async function migrated(t: TestDb): Promise<TestDb> {
  try {
    await t.db.migrate();
  } catch (e) {
    await t.close();
    throw e;
  }
  return t;
}

async function adminQuery(url: string, statement: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** Like openTestDb, plus one operator user (operator@test.example), whose id is `operatorId`. */
export async function createTestDb(name: string, engine?: Engine): Promise<TestDb & { operatorId: number }> {
  const testDb = await openTestDb(name, engine);
  try {
    const operatorId = await createUser(testDb.db, { email: "operator@test.example", name: "Op", password: "operator-test-pass", roles: ["operator"], actorId: null });
    return { ...testDb, operatorId };
  } catch (e) {
    await testDb.close();
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

/** Row count of each named table (SQL table names), keyed by table name. */
export async function rowCounts<T extends string>(db: Db, ...tables: T[]): Promise<Record<T, number>> {
  const byName = new Map<string, Table>(Object.values(db.tables).map((t) => [getTableName(t), t]));
  const counts = {} as Record<T, number>;
  for (const name of tables) {
    const table = byName.get(name);
    if (!table) throw new Error(`not a table name: ${name}`);
    const [{ n }] = await db.select({ n: count() }).from(table as (typeof db.tables)["users"]);
    counts[name] = n;
  }
  return counts;
}

/**
 * A sampling audit ready to draw (the draw tests on SQLite's worker threads): `rows` imported as
 * CSV lines `unit_key,execution_status,subgroup,identity_key` (subgroup "HR" high-risk) and a
 * passed stability check. Returns the draw request (tier 2, the import's checksum).
 */
export async function drawReadyAudit(t: TestDb & { operatorId: number }, { rows, duplicateClusterCap, seed }: { rows: readonly string[]; duplicateClusterCap: number; seed: string }): Promise<DrawRequest> {
  const { id: auditId } = await createAudit(t.db, { input: validAuditForm({ duplicateClusterCap: String(duplicateClusterCap) }), actorId: t.operatorId });
  await importCsv(t.db, { auditId, actorId: t.operatorId, csv: ["unit_key,execution_status,subgroup,identity_key", ...rows].join("\n") + "\n", mapping: { ...FULL_MAPPING, highRiskSubgroups: ["HR"] } });
  await recordStabilityResult(t.db, { auditId, actualResult: "2", actorId: t.operatorId });
  const [imported] = await t.db.select().from(t.db.tables.populationImports);
  return { auditId, expectedChecksum: imported.populationChecksum, highRiskSubgroups: ["HR"], tier: 2, duplicateClusterCap, seed };
}
