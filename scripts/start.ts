/**
 * `npm start`: migrate, seed demo data when the database is empty, build when sources are newer
 * than the last build, then serve with `next start` and print the URL and demo sign-ins.
 * Settings: see README "Settings". Pass --fresh to delete the SQLite database first (used by e2e;
 * on PostgreSQL create a new database instead).
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { getDb } from "@/db/client";
import { getSettings } from "@/lib/server/settings";
import { DEMO_USERS } from "./seed";
import { setupDatabase } from "./setup";

const SOURCES = ["app", "components", "lib", "db", "public", "next.config.ts", "postcss.config.mjs", "package.json", "tsconfig.json"];

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

  const server = spawn(process.execPath, [require.resolve("next/dist/bin/next"), "start", "-p", String(settings.port)], { stdio: ["ignore", "pipe", "inherit"], env: process.env });
  let announced = false;
  server.stdout.on("data", (chunk: Buffer) => {
    process.stdout.write(chunk);
    if (!announced && /Ready|started server|Local:/i.test(chunk.toString())) {
      announced = true;
      console.log(`\nCountersign is running at ${settings.baseUrl}\nDatabase: ${settings.databaseUrl ? "PostgreSQL (DATABASE_URL)" : settings.databasePath}\nDemo sign-ins:`);
      for (const u of DEMO_USERS) console.log(`  ${u.roles.join(", ").padEnd(9)} ${u.email.padEnd(28)} ${u.password}`);
    }
  });
  const stop = () => server.kill("SIGTERM");
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  server.on("exit", (code) => process.exit(code ?? 0));
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
