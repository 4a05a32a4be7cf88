/**
 * Starts a SQLite sample draw's worker thread (db/population-draw.worker.ts) and awaits its answer
 * (issue 10 "Big populations": the event loop stays free while 5,000,000 units are read).
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { AppError } from "@/lib/server/errors";
import type { SampleDraw } from "@/lib/sampling";
import type { DrawRequest, WorkerReply } from "./population-draw";

/**
 * `drawFromStoredPopulation` on a SQLite file, in a worker thread with its own read-only
 * connection. The caller must hold the database's write lock and have written nothing yet in its
 * transaction (db/mutations/sample.ts takes it with BEGIN IMMEDIATE), so the worker reads exactly
 * what the caller's transaction sees.
 * @param file the SQLite database file.
 * @throws as `drawFromStoredPopulation`; Error when the worker fails or exits early.
 */
export function drawInWorker(file: string, request: DrawRequest): Promise<SampleDraw> {
  const workerData = { file, request };
  // Under Next the module is bundled, and Turbopack turns this exact `new Worker(new URL(…))` into the
  // worker's own chunk. From the sources (Vitest, tsx: npm start's scripts, the benchmarks) this
  // module is TypeScript, and so is the worker: it is loaded through tsx.
  const worker = import.meta.url.endsWith(".ts")
    ? new Worker(`require("tsx/cjs/api").register(); require(${JSON.stringify(path.join(path.dirname(fileURLToPath(import.meta.url)), "population-draw.worker.ts"))});`, { eval: true, workerData })
    : new Worker(new URL("./population-draw.worker.ts", import.meta.url), { workerData });
  return new Promise<SampleDraw>((resolve, reject) => {
    let settled = false;
    worker.once("message", (reply: WorkerReply) => {
      settled = true;
      if ("draw" in reply) resolve(reply.draw);
      else reject(rebuildError(reply.error));
    });
    worker.once("error", (e) => {
      settled = true;
      reject(e);
    });
    worker.once("exit", (code) => {
      if (!settled) reject(new Error(`The sample draw worker exited (code ${code}) without an answer.`));
    });
  });
}

/** The worker's error as the caller would have seen it in-thread: AppError with its code, RangeError (bad seed or cap), TypeError, else Error. */
function rebuildError(e: Extract<WorkerReply, { error: unknown }>["error"]): Error {
  if (e.code) return new AppError(e.code, e.message);
  const Kind = e.name === "RangeError" ? RangeError : e.name === "TypeError" ? TypeError : Error;
  return Object.assign(new Kind(e.message), { stack: e.stack });
}
