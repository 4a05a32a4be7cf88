/**
 * `npm start`: migrate, seed demo data when the database is empty, build when sources are newer
 * than the last build, then serve the production build and print the URL and demo sign-ins.
 * Next serves everything through its request handler in this process, except shared reports
 * (`GET /r/<token>`): those are answered before Next's pipeline from the cached snapshot page
 * (lib/server/shared-report.ts), with the token looked up on every request, so a revocation takes
 * effect on the next one (README "Benchmarks").
 * Every request is logged as one JSON line (lib/server/request-log.ts, README "Logs"); SIGTERM
 * and SIGINT shut down gracefully (lib/server/shutdown.ts).
 * Settings: see README "Settings". Pass --fresh to delete the SQLite database first (used by e2e;
 * on PostgreSQL create a new database instead).
 */
import { spawnSync } from "node:child_process";
import http from "node:http";
import next from "next";
import { existsSync, readdirSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { getDb } from "@/db/client";
import { openDatabase } from "@/db/open";
import { sharedReportHeaders, sharedReportPage } from "@/lib/server/shared-report";
import { contentSecurityPolicy, isHttpsRequest, securityHeaders } from "@/lib/security-headers";
import { getSettings } from "@/lib/server/settings";
import { getLogger, safeError } from "@/lib/server/logger";
import { sessionUserId, withRequestLog } from "@/lib/server/request-log";
import { gracefulShutdown } from "@/lib/server/shutdown";
import { DEMO_USERS } from "./seed";
import { setupDatabase } from "./setup";

const SOURCES = ["app", "components", "lib", "db", "public", "proxy.ts", "next.config.ts", "postcss.config.mjs", "package.json", "tsconfig.json"];

function newestMtime(p: string): number {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const name of readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, name)));
  return newest;
}

/** True when there is no production build or a source file changed after it. */
function buildNeeded(): boolean {
  const buildId = path.join(".next", "BUILD_ID");
  if (!existsSync(buildId)) return true;
  const built = statSync(buildId).mtimeMs;
  return SOURCES.some((s) => newestMtime(s) > built);
}

async function main() {
  process.env.NEXT_TELEMETRY_DISABLED = "1";
  const fresh = process.argv.includes("--fresh");
  const settingsBefore = getSettings();
  if (fresh && settingsBefore.databaseUrl) throw new Error("--fresh deletes a SQLite file; on PostgreSQL, point DATABASE_URL at a new, empty database instead.");
  if (fresh) for (const suffix of ["", "-wal", "-shm"]) rmSync(settingsBefore.databasePath + suffix, { force: true });
  const settings = getSettings();
  process.env.NEXTAUTH_SECRET = settings.authSecret;
  process.env.NEXTAUTH_URL = settings.baseUrl;

  await setupDatabase();
  await getDb().close(); // the server opens its own connections

  if (buildNeeded()) {
    console.log("Building Countersign (next build)…");
    const build = spawnSync(process.execPath, [require.resolve("next/dist/bin/next"), "build"], { stdio: "inherit", env: process.env });
    if (build.status !== 0) process.exit(build.status ?? 1);
  }

  // Next's route modules open their own database handle (db/client.ts); the shared-report path
  // below uses a private one, so the two never mix query builders from different module copies.
  delete (globalThis as { countersignDb?: unknown }).countersignDb;
  const reports = openDatabase(settings.databaseUrl ? { url: settings.databaseUrl } : { file: settings.databasePath });
  const app = next({ dev: false, dir: process.cwd(), hostname: "localhost", port: settings.port });
  const handle = app.getRequestHandler();
  await app.prepare();

  const logger = getLogger();
  // One JSON log line per request, with its id and the signed-in user's id (lib/server/request-log.ts).
  const requestLog = { logger, userId: (req: http.IncomingMessage) => sessionUserId(req, settings.authSecret) };
  const server = http.createServer(withRequestLog((req, res) => {
    const token = sharedReportToken(req);
    if (token === null) {
      void handle(req, res);
      return;
    }
    sharedReportPage(reports, token, new Date()).then(
      ({ status, html }) => {
        res.writeHead(status, sharedReportHeaders({ https: isHttpsRequest({ forwardedProto: req.headers["x-forwarded-proto"]?.toString(), baseUrl: settings.baseUrl }) }));
        res.end(req.method === "HEAD" ? undefined : html);
      },
      (e: unknown) => {
        logger.error({ reqId: req.headers["x-request-id"], err: safeError(e) }, "shared report failed");
        res.writeHead(500, { "content-type": "text/plain; charset=utf-8", ...securityHeaders({ csp: contentSecurityPolicy({ kind: "document" }), https: false }) });
        res.end("Something went wrong.");
      },
    );
  }, requestLog));
  server.listen(settings.port, () => {
    console.log(`\nCountersign is running at ${settings.baseUrl}\nDatabase: ${settings.databaseUrl ? "PostgreSQL (DATABASE_URL)" : settings.databasePath}\nDemo sign-ins:`);
    for (const u of DEMO_USERS) console.log(`  ${u.roles.join(", ").padEnd(9)} ${u.email.padEnd(28)} ${u.password}`);
  });
  // Graceful shutdown (lib/server/shutdown.ts): stop accepting, let in-flight requests finish
  // (10 s at most), close Next, the shared-report handle and the app's handle (db/client.ts, when
  // a request opened it), exit 0. A second signal cuts the open connections at once.
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      server.closeAllConnections();
      return;
    }
    stopping = true;
    logger.info({ signal }, "shutting down");
    const appDb = () => (globalThis as { countersignDb?: { close(): Promise<void> } }).countersignDb;
    void gracefulShutdown({
      server,
      logger,
      closers: [
        { name: "next", close: () => app.close() },
        { name: "shared-report database", close: () => reports.close() },
        { name: "app database", close: async () => appDb()?.close() },
      ],
    }).finally(() => process.exit(0));
    setTimeout(() => process.exit(0), 15_000).unref(); // should a close hang past the deadline
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

/** The token of a `GET`/`HEAD /r/<token>` request (the shared report page itself, not its JSON), else null. */
function sharedReportToken(req: http.IncomingMessage): string | null {
  if (req.method !== "GET" && req.method !== "HEAD") return null;
  const match = /^\/r\/([^/?#]+)(?:\?.*)?$/.exec(req.url ?? "");
  if (!match) return null;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return match[1]; // a malformed escape cannot be a token: it is looked up like any unknown one (404)
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
