import { defineConfig } from "vitest/config";
import path from "node:path";

/*
 * Three projects: `unit` (lib/, scripts/, tests/), and the database integration tests (db/) once
 * per engine: `db-sqlite` and `db-pg` (on a throwaway PostgreSQL cluster started by
 * vitest.global-setup.ts).
 */
export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // db/ modules are server-only; the marker throws outside Next's server bundle.
      "server-only": path.resolve(import.meta.dirname, "node_modules/server-only/empty.js"),
    },
  },
  test: {
    environment: "node",
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: "unit", include: ["lib/**/*.test.ts", "scripts/**/*.test.ts", "tests/**/*.test.ts"] } },
      { extends: true, test: { name: "db-sqlite", include: ["db/**/*.test.ts"], env: { COUNTERSIGN_TEST_ENGINE: "sqlite" } } },
      {
        extends: true,
        test: {
          name: "db-pg",
          include: ["db/**/*.test.ts"],
          exclude: ["db/schema/**"],
          env: { COUNTERSIGN_TEST_ENGINE: "pg" },
          globalSetup: ["./vitest.global-setup.ts"],
          setupFiles: ["./vitest.pg-setup.ts"],
        },
      },
    ],
  },
});
