/**
 * Worker thread of a SQLite sample draw (db/population-draw-thread.ts `drawInWorker`), in one of two
 * roles, each on its own read-only connection to the database file:
 * - "draw": runs `drawFromStoredPopulation` and posts the draw (or the error) to its parent; the
 *   helpers' ranges arrive on `ports`;
 * - "helper": reads and parses ranges (db/population-scan.ts `readClaimedRanges`) and posts each
 *   one to the draw thread on `port` (or `{ error }`).
 * workerData: { role: "draw"; file: string; request: DrawRequest; next: SharedArrayBuffer | null; ports: MessagePort[] }
 *   or { role: "helper"; file: string; request: DrawRequest; next: SharedArrayBuffer; port: MessagePort };
 *   `next` holds two Int32: the next range to claim and the next range to assemble (the helpers'
 *   back-pressure, db/population-scan.ts `claimWithin`); `window` the helpers' HELPER_WINDOW.
 */
import Database from "better-sqlite3";
import { type MessagePort, parentPort, workerData } from "node:worker_threads";
import { AppError } from "@/lib/server/errors";
import { drawFromStoredPopulation, type DrawRequest, type WorkerReply } from "./population-draw";
import { claimWithin, type RangeRead, readClaimedRanges, type RowQuery } from "./population-scan";

export type DrawWorkerData =
  | { role: "draw"; file: string; request: DrawRequest; next: SharedArrayBuffer | null; ports: MessagePort[] }
  | { role: "helper"; file: string; request: DrawRequest; next: SharedArrayBuffer; port: MessagePort; window: number };

/** What a helper posts to the draw thread. */
export type HelperMessage = RangeRead | Extract<WorkerReply, { error: unknown }>;

const data = workerData as DrawWorkerData;

function open(file: string) {
  const db = new Database(file, { readonly: true, fileMustExist: true, timeout: 5_000 });
  const statements = new Map<string, Database.Statement>();
  const query = (sql: string, params: unknown[]) => {
    let statement = statements.get(sql);
    if (!statement) statements.set(sql, (statement = db.prepare(sql).raw()));
    return statement.all(...params) as unknown[][];
  };
  return { db, query };
}

/** An error as plain data (an AppError keeps its code). */
function errorReply(e: unknown): Extract<WorkerReply, { error: unknown }> {
  const error = e instanceof Error ? e : new Error(String(e));
  return { error: { name: error.name, message: error.message, code: e instanceof AppError ? e.code : undefined, stack: error.stack } };
}

async function draw(d: Extract<DrawWorkerData, { role: "draw" }>): Promise<WorkerReply> {
  const { db, query } = open(d.file);
  try {
    const counter = d.next ? new Int32Array(d.next) : null;
    const rowQuery: RowQuery = Object.assign((sql: string, params: unknown[]) => query(sql, params), {
      helpers: counter
        ? {
            claim: () => Atomics.add(counter, 0, 1),
            assembled: (next: number) => {
              Atomics.store(counter, 1, next);
              Atomics.notify(counter, 1);
            },
            listen: (receive: (read: RangeRead | Error) => void) => {
              for (const port of d.ports) {
                port.on("message", (m: HelperMessage) => {
                  if ("error" in m) receive(m.error.code ? new AppError(m.error.code, m.error.message) : Object.assign(new Error(m.error.message), { name: m.error.name }));
                  else receive(m);
                });
              }
            },
          }
        : undefined,
    });
    return { draw: await drawFromStoredPopulation(rowQuery, "sqlite", d.request) };
  } catch (e) {
    return errorReply(e);
  } finally {
    db.close();
    for (const port of d.ports) port.close();
  }
}

function help(d: Extract<DrawWorkerData, { role: "helper" }>): void {
  const counter = new Int32Array(d.next);
  try {
    const { db, query } = open(d.file);
    try {
      readClaimedRanges(query, d.request.auditId, d.request.highRiskSubgroups, () => claimWithin(counter, d.window), (read) => {
        // Handing the byte strings over instead of copying them (better-sqlite3 gives each blob its own buffer).
        const transfer: ArrayBuffer[] = [];
        for (const view of [read.lines, read.parsed?.hashes]) {
          if (view && view.byteOffset === 0 && view.byteLength === view.buffer.byteLength && view.buffer instanceof ArrayBuffer) transfer.push(view.buffer);
        }
        d.port.postMessage(read, transfer);
      });
    } finally {
      db.close();
    }
  } catch (e) {
    d.port.postMessage(errorReply(e) satisfies HelperMessage);
  } finally {
    d.port.close();
  }
}

if (data.role === "helper") help(data);
else void draw(data).then((reply) => parentPort!.postMessage(reply));
