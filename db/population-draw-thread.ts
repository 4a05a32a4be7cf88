/**
 * Starts a SQLite sample draw's worker threads (db/population-draw.worker.ts) and awaits the draw
 * (issue 10 "Big populations": the event loop stays free while 5,000,000 units are read, and the
 * reading is shared between threads, one per core up to MAX_READERS).
 */
import { availableParallelism } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { MessageChannel, type MessagePort, Worker } from "node:worker_threads";
import { AppError } from "@/lib/server/errors";
import type { SampleDraw } from "@/lib/sampling";
import type { DrawRequest, WorkerReply } from "./population-draw";
import { HELPER_WINDOW } from "./population-scan";
import type { DrawWorkerData } from "./population-draw.worker";

/**
 * Threads reading the population at most (the draw thread and its helpers). Each costs a thread,
 * a connection and a few ~2 MB ranges in flight; measured on 2 cores only (the worker draw of
 * 5,000,000 units: 2.5–2.8 s with 2 readers, 3.5–4.8 s with one, the second core mostly free).
 */
const MAX_READERS = 4;

function startWorker(workerData: DrawWorkerData, transferList: MessagePort[]): Worker {
  // Under Next the module is bundled, and Turbopack turns this exact `new Worker(new URL(…))` into the
  // worker's own chunk. From the sources (Vitest, tsx: npm start's scripts, the benchmarks) this
  // module is TypeScript, and so is the worker: it is loaded through tsx.
  return import.meta.url.endsWith(".ts")
    ? new Worker(`require("tsx/cjs/api").register(); require(${JSON.stringify(path.join(path.dirname(fileURLToPath(import.meta.url)), "population-draw.worker.ts"))});`, {
        eval: true,
        workerData,
        transferList,
      })
    : new Worker(new URL("./population-draw.worker.ts", import.meta.url), { workerData, transferList });
}

/**
 * `drawFromStoredPopulation` on a SQLite file, in a worker thread with its own read-only
 * connection, helped by `readers − 1` helper threads (own connections too) that read and parse
 * ranges of the population beside it. The caller must hold the database's write lock and have
 * written nothing yet in its transaction (db/mutations/sample.ts takes it with BEGIN IMMEDIATE), so
 * every thread reads exactly what the caller's transaction sees.
 * @param file the SQLite database file.
 * @param readers threads reading the population (default: the cores, at most MAX_READERS; 1: no helpers).
 * @param window ranges a helper may read beyond the next one to assemble (db/population-scan.ts HELPER_WINDOW).
 * @throws as `drawFromStoredPopulation`; Error when a worker fails or exits early.
 */
export function drawInWorker(file: string, request: DrawRequest, readers = Math.min(MAX_READERS, availableParallelism()), window = HELPER_WINDOW): Promise<SampleDraw> {
  const next = readers > 1 ? new SharedArrayBuffer(8) : null;
  const helpers: Worker[] = [];
  const ports: MessagePort[] = [];
  for (let i = 1; i < readers; i++) {
    const { port1, port2 } = new MessageChannel();
    helpers.push(startWorker({ role: "helper", file, request, next: next!, port: port2, window }, [port2]));
    ports.push(port1);
  }
  const worker = startWorker({ role: "draw", file, request, next, ports }, ports);
  return new Promise<SampleDraw>((resolve, reject) => {
    let settled = false;
    const settle = (done: () => void) => {
      if (settled) return;
      settled = true;
      // A helper may still be reading (the draw failed early): its work is of no use any more.
      for (const h of helpers) void h.terminate();
      done();
    };
    worker.once("message", (reply: WorkerReply) => settle(() => ("draw" in reply ? resolve(reply.draw) : reject(rebuildError(reply.error)))));
    worker.once("error", (e) => settle(() => reject(e)));
    worker.once("exit", (code) => settle(() => reject(new Error(`The sample draw worker exited (code ${code}) without an answer.`))));
    for (const h of helpers) {
      // The draw thread would wait for this helper's ranges forever.
      const fail = (e: Error) => settle(() => (void worker.terminate(), reject(e)));
      h.once("error", fail);
      h.once("exit", (code) => code !== 0 && fail(new Error(`A sample draw helper thread exited (code ${code}).`)));
    }
  });
}

/** The worker's error as the caller would have seen it in-thread: AppError with its code, RangeError (bad seed or cap), TypeError, else Error. */
function rebuildError(e: Extract<WorkerReply, { error: unknown }>["error"]): Error {
  if (e.code) return new AppError(e.code, e.message);
  const Kind = e.name === "RangeError" ? RangeError : e.name === "TypeError" ? TypeError : Error;
  return Object.assign(new Kind(e.message), { stack: e.stack });
}
