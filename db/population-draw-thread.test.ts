/**
 * The SQLite draw's worker thread (db/population-draw-thread.ts): the same draw as in the calling
 * thread, errors with their kinds, and the event loop free while it reads. SQLite only.
 */
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/server/errors";
import { drawFromStoredPopulation, type DrawRequest } from "./population-draw";
import { drawInWorker } from "./population-draw-thread";
import { createTestDb, drawReadyAudit, type TestDb, testEngine } from "./testing";

const SEED = "00112233445566778899aabbccddeeff";

describe.skipIf(testEngine() !== "sqlite")("drawInWorker (SQLite)", () => {
  let t: TestDb & { operatorId: number };
  let request: DrawRequest;
  let file: string;

  beforeAll(async () => {
    t = await createTestDb("draw-thread");
    const rows = Array.from({ length: 60_000 }, (_, i) => `u${i},${i % 97 === 0 ? "FAILED" : "SUCCEEDED"},${i % 500 === 0 ? "HR" : `G${i % 9}`},id${i % 59_000}`);
    request = await drawReadyAudit(t, { rows, duplicateClusterCap: 20, seed: SEED });
    file = t.db.sqliteFile!;
  }, 120_000);
  afterAll(() => t.close());

  it("gives exactly the draw of the calling thread, while the event loop keeps turning", async () => {
    const connection = new Database(file, { readonly: true });
    const inThread = await drawFromStoredPopulation((sql, params) => connection.prepare(sql).raw().all(...params) as unknown[][], "sqlite", request);
    connection.close();
    let longest = 0;
    let last = performance.now();
    const ticker = setInterval(() => {
      longest = Math.max(longest, performance.now() - last);
      last = performance.now();
    }, 2);
    try {
      const draw = await drawInWorker(file, request);
      expect(draw).toEqual(inThread);
      expect(draw.censusSize).toBe(619);
      expect(draw.clustersAvailable).toBe(1_000);
    } finally {
      clearInterval(ticker);
    }
    expect(longest).toBeLessThan(300); // worker start-up and the reply; loose, for a loaded machine
  });

  it("passes errors back with their kind: a changed checksum is a conflict, a bad seed a RangeError", async () => {
    await expect(drawInWorker(file, { ...request, expectedChecksum: "0".repeat(64) })).rejects.toMatchObject({ code: "conflict", message: expect.stringMatching(/import checksum/) });
    await expect(drawInWorker(file, { ...request, expectedChecksum: "0".repeat(64) })).rejects.toBeInstanceOf(AppError);
    await expect(drawInWorker(file, { ...request, seed: "nope" })).rejects.toBeInstanceOf(RangeError);
    await expect(drawInWorker(file, { ...request, randomSampleSize: 1 })).rejects.toMatchObject({ code: "invalid" });
  });
});
