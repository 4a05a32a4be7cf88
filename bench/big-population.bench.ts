/**
 * Big-population benchmark (issue 10 "Big populations"; not a test). Usage:
 *   npx tsx --conditions=react-server bench/big-population.bench.ts [sqlite|pg|both] [units]
 * (default sqlite, 5,000,000 units).
 *
 * 1. Generates a CSV of N units in a temporary folder: ~0.5% FAILED/UNKNOWN, 200 subgroups,
 *    ~1% of the units in identity-collision clusters of 2–4, two extra columns.
 * 2. Serves a typical page's database read (db/queries/audits listAuditReports, the audit list)
 *    through the same database handle from an HTTP server in this process; a client in a worker
 *    thread (its own event loop) requests it every 50 ms and samples the process RSS every 50 ms.
 * 3. Phases, each with the client's latencies: idle (baseline, 3 s), the import
 *    (importPopulation of the file, streamed from disk), the draw (drawAuditSample, tier 3,
 *    DUPLICATE_CLUSTER_CAP 50, 3 high-risk subgroups).
 * Prints the import and draw times, the peak RSS per phase, and the client's p50/p99/max latency
 * per phase with the ratio of p99 to the idle p99. Targets: peak RSS during the import < 500 MB,
 * draw < 5 s, p99 during import and draw < 1 s.
 */
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { once } from "node:events";
import { Worker } from "node:worker_threads";
import { createAudit, recordStabilityResult } from "@/db/mutations/audits";
import { importPopulation } from "@/db/mutations/population";
import { drawAuditSample } from "@/db/mutations/sample";
import { createUser } from "@/db/mutations/users";
import { listAuditReports } from "@/db/queries/audits";
import { validAuditForm } from "@/db/testing";
import type { Engine } from "@/db/schema";
import { createRandom } from "@/lib/random";
import { fmt, freshDb, percentile, stopCluster } from "./engines";

const N = Number(process.argv[3] ?? 5_000_000);
const ENGINES: Engine[] = process.argv[2] === "pg" ? ["pg"] : process.argv[2] === "both" ? ["sqlite", "pg"] : ["sqlite"];
const SEED = "5eed5eed5eed5eed5eed5eed5eed5eed";
const HIGH_RISK = ["S007", "S123", "S199"];
const MAPPING = { unitKey: "unit_key", executionStatus: "execution_status", subgroup: "subgroup", identityKey: "identity_key", highRiskSubgroups: HIGH_RISK };

/** Writes the CSV (deterministic, fixed-seed generator) and returns its size in bytes. */
async function generateCsv(file: string): Promise<number> {
  const random = createRandom("0123456789abcdef0123456789abcdef");
  const out = createWriteStream(file);
  let chunk = "unit_key,execution_status,subgroup,identity_key,amount,region_code\n";
  let i = 0;
  while (i < N) {
    const clusterSize = random.nextInt(10_000) < 33 ? 2 + random.nextInt(3) : 1;
    const identity = `id-${i}`;
    for (let k = 0; k < clusterSize && i < N; k++, i++) {
      const s = random.nextInt(1_000);
      const status = s < 3 ? "FAILED" : s < 5 ? "UNKNOWN" : "SUCCEEDED";
      chunk += `unit-${i},${status},S${String(random.nextInt(200)).padStart(3, "0")},${identity},${random.nextInt(100_000)},R${random.nextInt(50)}\n`;
    }
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, "drain");
      chunk = "";
    }
  }
  out.end(chunk);
  await once(out, "finish");
  return statSync(file).size;
}

/** The client and RSS sampler, in a worker thread so that its timers keep time while the main thread works. */
const CLIENT = `
const { parentPort, workerData } = require("node:worker_threads");
const http = require("node:http");
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
let phase = "idle";
const samples = [];
const rss = [];
parentPort.on("message", (m) => {
  if (m.phase) phase = m.phase;
  if (m.stop) {
    clearInterval(a); clearInterval(b);
    parentPort.postMessage({ samples, rss });
  }
});
const a = setInterval(() => {
  const p = phase, t0 = performance.now();
  http.get({ host: "127.0.0.1", port: workerData.port, path: "/", agent }, (res) => {
    res.resume();
    let body = "";
    res.setEncoding("utf8");
    res.on("data", (d) => { if (res.statusCode !== 200) body += d; });
    res.on("end", () => samples.push({ phase: p, ms: performance.now() - t0, status: res.statusCode, body: body.slice(0, 200) }));
  }).on("error", () => samples.push({ phase: p, ms: performance.now() - t0, status: 0 }));
}, 50);
const b = setInterval(() => rss.push({ phase, bytes: process.memoryUsage.rss() }), 50);
`;

type Sample = { phase: string; ms: number; status: number; body?: string };

async function runOn(engine: Engine, file: string, bytes: number) {
  const b = await freshDb(engine);
  const db = b.db;
  const userId = await createUser(db, { email: "bench@example.test", name: "Bench", password: "bench-password-1", roles: ["operator"], actorId: null });
  const { id: auditId } = await createAudit(db, { input: validAuditForm({ riskTier: "3", duplicateClusterCap: "50" }), actorId: userId });
  await recordStabilityResult(db, { auditId, actualResult: "2", actorId: userId });

  const server = http.createServer((_req, res) => {
    listAuditReports(db, { page: 1, pageSize: 20, projects: "all" }).then(
      (r) => res.end(JSON.stringify({ total: r.total, verdicts: r.rows.length })),
      (e) => ((res.statusCode = 500), res.end(String(e))),
    );
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const worker = new Worker(CLIENT, { eval: true, workerData: { port: (server.address() as AddressInfo).port } });
  const phase = (name: string) => worker.postMessage({ phase: name });

  await new Promise((resolve) => setTimeout(resolve, 3_000)); // idle baseline
  phase("import");
  let started = performance.now();
  const imported = await importPopulation(db, { auditId, fileName: "big.csv", format: "csv", mapping: MAPPING, source: createReadStream(file), actorId: userId, maxBytes: 4 * 1024 ** 3 });
  const importMs = performance.now() - started;
  if (!imported.ok) throw new Error(`import refused: ${JSON.stringify(imported.errors.slice(0, 3))}`);
  phase("between");
  await new Promise((resolve) => setTimeout(resolve, 500));
  phase("draw");
  started = performance.now();
  const draw = await drawAuditSample(db, { auditId, actorId: userId, seed: SEED });
  const drawMs = performance.now() - started;
  phase("after");
  await new Promise((resolve) => setTimeout(resolve, 300));
  worker.postMessage({ stop: true });
  const [{ samples, rss }] = (await once(worker, "message")) as [{ samples: Sample[]; rss: { phase: string; bytes: number }[] }];
  await worker.terminate();
  server.close();
  await b.close();

  const mb = (x: number) => `${fmt(x / 1024 / 1024)} MB`;
  const peak = (p: string) => Math.max(0, ...rss.filter((r) => r.phase === p).map((r) => r.bytes));
  const lat = (p: string) => samples.filter((s) => s.phase === p);
  const idleP99 = percentile(lat("idle").map((s) => s.ms), 0.99);
  console.log(`\n[${engine}] ${fmt(N)} units, ${mb(bytes)} CSV`);
  console.log(`  import: ${fmt(importMs)} ms (${fmt(N / (importMs / 1000))} rows/s), ${imported.rowCount} rows, ${imported.failedCount} FAILED, ${imported.unknownCount} UNKNOWN`);
  console.log(`  draw:   ${fmt(drawMs)} ms, ${draw.members.length} sampled (census ${draw.censusSize}, random ${draw.randomSize}, ${draw.clustersIncluded}/${fmt(draw.clustersAvailable)} clusters)`);
  console.log(`  peak RSS: idle ${mb(peak("idle"))}, import ${mb(peak("import"))}, draw ${mb(peak("draw"))}`);
  for (const p of ["idle", "import", "draw"]) {
    const ms = lat(p).map((s) => s.ms);
    const errors = lat(p).filter((s) => s.status !== 200).length;
    const firstError = lat(p).find((s) => s.status !== 200);
    if (firstError) console.log(`  first error during ${p}: HTTP ${firstError.status} ${firstError.body ?? ""}`);
    const p99 = percentile(ms, 0.99);
    console.log(`  page latency during ${p.padEnd(6)}: n=${ms.length} p50 ${fmt(percentile(ms, 0.5), 1)} ms, p99 ${fmt(p99, 1)} ms, max ${fmt(Math.max(...ms), 1)} ms${p === "idle" ? "" : `, p99/idle p99 ${fmt(p99 / idleP99, 1)}×`}${errors ? `, ${errors} errors` : ""}`);
  }
  const met = (ok: boolean) => (ok ? "met" : "NOT met");
  console.log(`  targets: import peak RSS < 500 MB ${met(peak("import") < 500 * 1024 * 1024)}; draw < 5 s ${met(drawMs < 5_000)}; p99 < 1 s during import ${met(percentile(lat("import").map((s) => s.ms), 0.99) < 1_000)}, during draw ${met(percentile(lat("draw").map((s) => s.ms), 0.99) < 1_000)}`);
}

async function main() {
  const dir = mkdtempSync(path.join(os.tmpdir(), "countersign-big-"));
  try {
    const file = path.join(dir, "big.csv");
    let t = performance.now();
    const bytes = await generateCsv(file);
    console.log(`Big population benchmark: generated ${fmt(N)} units (${fmt(bytes / 1024 / 1024)} MB) in ${fmt(performance.now() - t)} ms; node ${process.version}, ${os.cpus().length} CPUs`);
    for (const engine of ENGINES) {
      t = performance.now();
      await runOn(engine, file, bytes);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    stopCluster();
  }
}

main().catch((e) => {
  console.error(e);
  stopCluster();
  process.exit(1);
});
