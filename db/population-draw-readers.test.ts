/**
 * The SQLite draw with helper threads (db/population-draw-thread.ts `drawInWorker`, `readers`):
 * one, two or three threads reading the population give exactly the draw of the calling thread,
 * also with the helpers' read-ahead window at its smallest.
 * SQLite only.
 */
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { drawFromStoredPopulation, type DrawRequest } from "./population-draw";
import { drawInWorker } from "./population-draw-thread";
import { RANGE } from "./population-scan";
import { createTestDb, drawReadyAudit, type TestDb, testEngine } from "./testing";

describe.skipIf(testEngine() !== "sqlite")("drawInWorker with helper threads (SQLite)", () => {
  let t: TestDb & { operatorId: number };
  let request: DrawRequest;
  let file: string;

  beforeAll(async () => {
    t = await createTestDb("draw-readers");
    // Three full ranges and a part, one of them with a tab in a value (read as rows, escaped).
    const n = 3 * RANGE + 1_234;
    const rows = Array.from({ length: n }, (_, i) => `${i === RANGE + 3 ? '"u\tx"' : `u${i}`},${i % 89 === 0 ? "UNKNOWN" : "SUCCEEDED"},${i % 700 === 0 ? "HR" : `G${i % 7}`},id${i % (n - 900)}`);
    request = await drawReadyAudit(t, { rows, duplicateClusterCap: 30, seed: "ffeeddccbbaa99887766554433221100" });
    file = t.db.sqliteFile!;
  }, 180_000);
  afterAll(() => t.close());

  it("gives the calling thread's draw with one, two or three readers", async () => {
    const connection = new Database(file, { readonly: true });
    expect(connection.prepare("SELECT position FROM units WHERE instr(unit_key, char(9)) > 0").pluck().all()).toEqual([RANGE + 3]);
    const inThread = await drawFromStoredPopulation((sql, params) => connection.prepare(sql).raw().all(...params) as unknown[][], "sqlite", request);
    connection.close();
    expect(inThread.populationSize).toBe(3 * RANGE + 1_234);
    expect(inThread.clustersAvailable).toBe(900);
    for (const readers of [1, 2, 3]) expect(await drawInWorker(file, request, readers)).toEqual(inThread);
    // Helpers held to one range beyond the next one to assemble: they wait on the scanning thread, and nothing deadlocks.
    expect(await drawInWorker(file, request, 3, 1)).toEqual(inThread);
  }, 120_000);

  it("refuses a changed population with any number of readers", async () => {
    for (const readers of [1, 3]) {
      await expect(drawInWorker(file, { ...request, expectedChecksum: "0".repeat(64) }, readers)).rejects.toMatchObject({ code: "conflict" });
    }
  }, 60_000);
});
