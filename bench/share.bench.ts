/**
 * Shared report vs static file benchmark (not a test): HTTP, 50 concurrent loopback clients, one
 * production server (issue 8, "Speed").
 * Usage: npx tsx --conditions=react-server bench/share.bench.ts
 *
 * Set-up: its own fresh SQLite database (data/bench-share/countersign.db, deleted first) migrated
 * and seeded with the demo data (scripts/setup.ts), a share link for the demo audit created through
 * the data layer (createShareLink, as the operator), then `npm start`'s server (scripts/start.ts) on a free port (3300 unless
 * BENCH_PORT says otherwise) from the existing production build (`next build` only when .next/ has
 * none; waits for a concurrent `next build` to finish first).
 * (a) static: a file in public/ served by the same Next server.
 * (b) report: /r/<token>, the published snapshot (one indexed token lookup + one "latest audit
 *     change" read per request, then cached HTML).
 * Load: 50 clients on a keep-alive http.Agent (maxSockets 50), each sending its next request when
 * the previous one ends; 2 s warm-up, then 10 s timed per run; runs alternate a-b-a-b (BENCH_ROUNDS,
 * default 2). Per target the best run (highest rate; the median run for 3 rounds or more) is
 * reported: requests/s, p50, p99, and the ratios report/static against the targets
 * (rate ≥ 0.5×, p99 ≤ 2×). Every latency is recorded; non-200 answers and socket errors are errors.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";
import Module from "node:module";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { asc } from "drizzle-orm";
import { getDb } from "@/db/client";
import { getUser } from "@/db/queries/users";
import { getSettings } from "@/lib/server/settings";
import { DEMO_USERS } from "../scripts/seed";
import { setupDatabase } from "../scripts/setup";
import { fmt, median, percentile } from "./engines";

const CLIENTS = 50;
const WARM_UP_MS = 2_000;
const TIMED_MS = 10_000;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const FIRST_PORT = Number(process.env.BENCH_PORT ?? 3300);
const DB_FILE = "data/bench-share/countersign.db";
const STATIC_FILE = "schemas/summary-metrics.schema.json"; // under public/
const TARGET_RATE = 0.5;
const TARGET_P99 = 2;

type Run = { target: string; requests: number; rate: number; p50: number; p99: number; errors: number; errorSamples: string[] };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The snapshot code imports canonicalize, an ESM-only package whose exports offer only the "import"
 * condition, so the CommonJS resolver tsx runs this file with cannot find it; Node ≥ 20.19 can
 * require() the ES module file itself, so point the resolver at it.
 */
function allowRequireOfCanonicalize(): void {
  const M = Module as unknown as { _resolveFilename: (this: unknown, request: string, ...rest: unknown[]) => string };
  const resolve = M._resolveFilename;
  const file = path.resolve("node_modules/canonicalize/lib/canonicalize.js");
  M._resolveFilename = function (request, ...rest) {
    return request === "canonicalize" ? file : resolve.call(this, request, ...rest);
  };
}

/** The first port from `from` on which nothing listens (checked by binding it on loopback). */
async function freePort(from: number): Promise<number> {
  for (let port = from; port < from + 50; port++) {
    const free = await new Promise<boolean>((resolve) => {
      const srv = net.createServer();
      srv.once("error", () => resolve(false));
      srv.listen(port, "127.0.0.1", () => srv.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error(`no free port in ${from}–${from + 49}`);
}

function nextBuildRunning(): boolean {
  return spawnSync("pgrep", ["-f", "next build"]).status === 0;
}

/** Uses the existing production build; builds only when there is none. Never deletes .next/. */
async function ensureBuild(): Promise<void> {
  let waited = false;
  while (nextBuildRunning()) {
    if (!waited) console.log("A `next build` is running; waiting for it to finish…");
    waited = true;
    await sleep(2_000);
  }
  if (existsSync(path.join(".next", "BUILD_ID"))) return;
  console.log("No production build in .next/; running `next build`…");
  const build = spawnSync(process.execPath, [require.resolve("next/dist/bin/next"), "build"], { stdio: "inherit", env: { ...process.env, NODE_ENV: "production" } });
  if (build.status !== 0) throw new Error(`next build failed (exit ${build.status})`);
}

/** One GET; resolves with status, body (only when asked) and the time to the last byte in ms. */
function get(agent: http.Agent, port: number, urlPath: string, keepBody = false): Promise<{ status: number; body: string; ms: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = http.request({ host: "127.0.0.1", port, path: urlPath, agent, method: "GET" }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => keepBody && chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: keepBody ? Buffer.concat(chunks).toString("utf8") : "", ms: performance.now() - started }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end();
  });
}

/** CLIENTS closed-loop clients on `urlPath`: warm-up, then a timed window whose completions are recorded. */
async function load(port: number, target: string, urlPath: string): Promise<Run> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS });
  const latencies: number[] = [];
  const errorSamples: string[] = [];
  let errors = 0;
  const t0 = performance.now();
  const timedFrom = t0 + WARM_UP_MS;
  const timedTo = timedFrom + TIMED_MS;
  const client = async () => {
    while (performance.now() < timedTo) {
      try {
        const { status, ms } = await get(agent, port, urlPath);
        const done = performance.now();
        if (done < timedFrom || done > timedTo) continue;
        if (status === 200) latencies.push(ms);
        else {
          errors++;
          if (errorSamples.length < 5) errorSamples.push(`HTTP ${status}`);
        }
      } catch (e) {
        const done = performance.now();
        if (done >= timedFrom && done <= timedTo) {
          errors++;
          if (errorSamples.length < 5) errorSamples.push((e as Error).message);
        }
      }
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, client));
  agent.destroy();
  return {
    target,
    requests: latencies.length,
    rate: latencies.length / (TIMED_MS / 1000),
    p50: latencies.length ? percentile(latencies, 0.5) : NaN,
    p99: latencies.length ? percentile(latencies, 0.99) : NaN,
    errors,
    errorSamples,
  };
}

/** The best run (highest rate) of two; the median run (by rate) of three or more. */
function representative(runs: Run[]): Run {
  const byRate = [...runs].sort((a, b) => a.rate - b.rate);
  if (runs.length < 3) return byRate[byRate.length - 1];
  const m = median(byRate.map((r) => r.rate));
  return byRate.reduce((best, r) => (Math.abs(r.rate - m) < Math.abs(best.rate - m) ? r : best));
}

const line = (r: Run) =>
  `${r.target.padEnd(6)} ${fmt(r.rate).padStart(6)} req/s  p50 ${fmt(r.p50, 1).padStart(6)} ms  p99 ${fmt(r.p99, 1).padStart(6)} ms  (${fmt(r.requests)} requests, ${r.errors} errors${r.errorSamples.length ? `: ${r.errorSamples.join("; ")}` : ""})`;

let server: ChildProcess | null = null;
let serverOutput = "";

/** Stops the server's whole process group (it was started detached): SIGTERM, then SIGKILL. */
async function stopServer(): Promise<void> {
  const s = server;
  server = null;
  if (!s?.pid || s.exitCode !== null) return;
  const exited = new Promise<void>((r) => s.once("exit", () => r()));
  try {
    process.kill(-s.pid, "SIGTERM");
  } catch {
    return;
  }
  const killed = await Promise.race([exited.then(() => true), sleep(5_000).then(() => false)]);
  if (!killed) {
    try {
      process.kill(-s.pid, "SIGKILL");
    } catch {
      /* already gone */
    }
  }
}

async function main() {
  const port = await freePort(FIRST_PORT);
  const baseUrl = `http://localhost:${port}`;
  Object.assign(process.env, { COUNTERSIGN_DB: DB_FILE, DATABASE_URL: "", PORT: String(port), NEXTAUTH_URL: baseUrl, NEXT_TELEMETRY_DISABLED: "1" });
  console.log(`Shared report vs static file benchmark: ${CLIENTS} clients, ${WARM_UP_MS / 1000} s warm-up + ${TIMED_MS / 1000} s timed per run, ${ROUNDS} rounds; node ${process.version}, ${os.cpus().length} CPUs`);

  await ensureBuild();

  // Own fresh database: migrate, seed the demo data, then a share link for the demo audit.
  const settings = getSettings();
  mkdirSync(path.dirname(settings.databasePath), { recursive: true });
  for (const suffix of ["", "-wal", "-shm"]) rmSync(settings.databasePath + suffix, { force: true });
  const seedStarted = performance.now();
  await setupDatabase();
  const db = getDb();
  const operator = await getUser(db, { email: DEMO_USERS.find((u) => u.roles.includes("operator"))!.email });
  const [audit] = await db.select({ id: db.tables.audits.id, slug: db.tables.audits.slug }).from(db.tables.audits).orderBy(asc(db.tables.audits.id)).limit(1);
  if (!operator || !audit) throw new Error("demo seed missing: no operator or no audit");
  allowRequireOfCanonicalize();
  const { createShareLink } = await import("@/db/mutations/share-links"); // after the hook above
  const { token } = await createShareLink(db, { auditId: audit.id, actorId: operator.id, expiresInDays: 1, label: "share bench" });
  await db.close();
  console.log(`Database ${DB_FILE} seeded (demo audit ${audit.slug}) and shared in ${fmt((performance.now() - seedStarted) / 1000, 1)} s`);

  // Production server, in its own process group so that stopping it stops everything it started.
  // `npm start`'s server (scripts/start.ts): Next's request handler, with shared reports answered
  // before Next's pipeline, as in production.
  server = spawn(process.execPath, [require.resolve("tsx/cli"), "--conditions=react-server", "scripts/start.ts"], {
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, NODE_ENV: "production", NEXTAUTH_SECRET: settings.authSecret, PORT: String(port) },
  });
  server.stdout!.on("data", (c: Buffer) => (serverOutput += c.toString()));
  server.stderr!.on("data", (c: Buffer) => (serverOutput += c.toString()));
  const probe = new http.Agent({ keepAlive: false });
  const deadline = performance.now() + 300_000; // scripts/start.ts builds first when sources are newer than the build
  for (;;) {
    if (server.exitCode !== null) throw new Error(`scripts/start.ts exited (${server.exitCode}):\n${serverOutput}`);
    try {
      if ((await get(probe, port, "/login")).status === 200) break;
    } catch {
      /* not listening yet */
    }
    if (performance.now() > deadline) throw new Error(`/login did not answer within 300 s:\n${serverOutput}`);
    await sleep(250);
  }
  console.log(`scripts/start.ts on ${baseUrl} (build ${readFileSync(path.join(".next", "BUILD_ID"), "utf8").trim()})`);

  const targets = { static: `/${STATIC_FILE}`, report: `/r/${token}` };
  const staticCheck = await get(probe, port, targets.static, true);
  const reportCheck = await get(probe, port, targets.report, true);
  if (staticCheck.status !== 200) throw new Error(`static file answered ${staticCheck.status}`);
  if (reportCheck.status !== 200 || !reportCheck.body.includes('data-testid="verdict"')) throw new Error(`report answered ${reportCheck.status} without data-testid="verdict"`);
  console.log(`static: GET ${targets.static} (${fmt(Buffer.byteLength(staticCheck.body))} bytes); report: GET /r/<token> (${fmt(Buffer.byteLength(reportCheck.body))} bytes, verdict present)`);
  console.log(`load average before: ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`);

  const runs: Run[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    for (const target of ["static", "report"] as const) {
      const run = await load(port, target, targets[target]);
      runs.push(run);
      console.log(`  round ${round}  ${line(run)}`);
    }
  }
  console.log(`load average after: ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`);

  const s = representative(runs.filter((r) => r.target === "static"));
  const r = representative(runs.filter((r) => r.target === "report"));
  const rateRatio = r.rate / s.rate;
  const p99Ratio = r.p99 / s.p99;
  console.log(`\n${ROUNDS < 3 ? "Best" : "Median"} run per target:`);
  console.log(`  ${line(s)}`);
  console.log(`  ${line(r)}`);
  console.log(`  rate report/static = ${rateRatio.toFixed(2)}× (target ≥ ${TARGET_RATE}×): ${rateRatio >= TARGET_RATE ? "met" : "NOT met"}`);
  console.log(`  p99  report/static = ${p99Ratio.toFixed(2)}× (target ≤ ${TARGET_P99}×): ${p99Ratio <= TARGET_P99 ? "met" : "NOT met"}`);
  const errors = runs.reduce((n, x) => n + x.errors, 0);
  if (errors) console.log(`  ${errors} errors in all runs (see above)`);
  probe.destroy();
}

main()
  .catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exitCode = 1;
  })
  .finally(async () => {
    await stopServer();
    process.exit();
  });

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    void stopServer().finally(() => process.exit(130));
  });
}
