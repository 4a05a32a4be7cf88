import { defineConfig } from "@playwright/test";
import base from "./playwright.config";

/*
 * The e2e suite on PostgreSQL with two app instances on one database (run by scripts/e2e-pg.ts,
 * which starts the cluster and sets DATABASE_URL and a shared NEXTAUTH_SECRET). Every journey runs
 * against instance A; e2e/scale-out/ also drives instance B.
 */
export const PORT_A = Number(process.env.E2E_PG_PORT_A ?? 3110);
export const PORT_B = Number(process.env.E2E_PG_PORT_B ?? 3111);

const instance = (port: number) => ({
  command: "npx tsx --conditions=react-server scripts/start.ts",
  url: `http://localhost:${port}/login`,
  timeout: 300_000,
  reuseExistingServer: false,
  stdout: "pipe" as const,
  env: { PORT: String(port), NEXTAUTH_URL: `http://localhost:${port}`, NEXT_TELEMETRY_DISABLED: "1" },
});

export default defineConfig({
  ...base,
  testIgnore: [],
  use: { ...base.use, baseURL: `http://localhost:${PORT_A}` },
  webServer: [instance(PORT_A), instance(PORT_B)],
});
