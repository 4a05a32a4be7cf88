/**
 * The Playwright suite on PostgreSQL with two app instances (README "Scale out"): starts a
 * throwaway PostgreSQL cluster (scripts/pg-cluster.ts), creates an empty database, migrates and
 * seeds it once, builds when needed, then runs playwright.pg.config.ts, whose two web servers
 * (instance A and instance B, two ports) share that database, one NEXTAUTH_SECRET and one
 * EVENT_SIGNING_KEY.
 * Usage: npx tsx --conditions=react-server scripts/e2e-pg.ts [playwright args]
 */
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { generateSigningKeyPem } from "@/lib/signed-head";
import { Client } from "pg";
import { startPgCluster } from "./pg-cluster";

async function main(): Promise<number> {
  const cluster = await startPgCluster();
  try {
    const admin = new Client({ connectionString: cluster.url });
    await admin.connect();
    await admin.query("CREATE DATABASE countersign_e2e");
    await admin.end();
    const env = {
      ...process.env,
      DATABASE_URL: cluster.urlFor("countersign_e2e"),
      NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
      EVENT_SIGNING_KEY: generateSigningKeyPem(),
      NEXT_TELEMETRY_DISABLED: "1",
    };
    console.log(`PostgreSQL e2e: cluster on 127.0.0.1:${cluster.port}, database countersign_e2e`);
    // Migrate and seed once, so the two instances start on a ready database.
    const setup = spawnSync("npx", ["tsx", "--conditions=react-server", "scripts/setup.ts"], { stdio: "inherit", env });
    if (setup.status !== 0) return setup.status ?? 1;
    const run = spawnSync("npx", ["playwright", "test", "--config", "playwright.pg.config.ts", ...process.argv.slice(2)], { stdio: "inherit", env });
    return run.status ?? 1;
  } finally {
    cluster.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  },
);
