/**
 * Worker thread of a SQLite sample draw (db/population-draw.ts `drawInWorker`): opens the database
 * file read-only, runs `drawFromStoredPopulation` on it and posts the draw (or the error) back.
 * workerData: { file: string; request: DrawRequest }.
 */
import Database from "better-sqlite3";
import { parentPort, workerData } from "node:worker_threads";
import { AppError } from "@/lib/server/errors";
import { drawFromStoredPopulation, type DrawRequest, type WorkerReply } from "./population-draw";

const { file, request } = workerData as { file: string; request: DrawRequest };

async function run(): Promise<WorkerReply> {
  const db = new Database(file, { readonly: true, fileMustExist: true, timeout: 5_000 });
  try {
    const statements = new Map<string, Database.Statement>();
    const query = (sql: string, params: unknown[]) => {
      let statement = statements.get(sql);
      if (!statement) statements.set(sql, (statement = db.prepare(sql).raw()));
      return statement.all(...params) as unknown[][];
    };
    return { draw: await drawFromStoredPopulation(query, "sqlite", request) };
  } catch (e) {
    const error = e instanceof Error ? e : new Error(String(e));
    return { error: { name: error.name, message: error.message, code: e instanceof AppError ? e.code : undefined, stack: error.stack } };
  } finally {
    db.close();
  }
}

void run().then((reply) => parentPort!.postMessage(reply));
