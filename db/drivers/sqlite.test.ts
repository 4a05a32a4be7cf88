/**
 * SQLite write locking (issue 10 "Operations": writers use BEGIN IMMEDIATE with a busy timeout, so
 * an outside writer, reader or backup never makes a save fail at once). SQLite only.
 */
import Database from "better-sqlite3";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createUser } from "../mutations/users";
import { openDatabase } from "../open";
import type { Db } from "../handle";
import { testEngine } from "../testing";
import { beginImmediate, CHECKPOINT_WAL_BYTES, checkpointInBackground } from "./sqlite";

describe.skipIf(testEngine() !== "sqlite")("SQLite write lock", () => {
  let dir: string;
  let file: string;
  let db: Db;
  let other: Database.Database;

  beforeEach(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), "countersign-sqlite-lock-"));
    file = path.join(dir, "t.db");
    db = openDatabase({ file });
    await db.migrate();
    other = new Database(file);
  });
  afterEach(async () => {
    if (other.inTransaction) other.exec("ROLLBACK");
    other.close();
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const addUser = (email: string) => createUser(db, { email, name: email, password: "a-long-test-password", roles: ["reviewer"], actorId: null });

  it("a transaction waits while another connection holds the write lock for 300 ms, then succeeds, and the event loop stays free", async () => {
    await addUser("first@test.example");
    other.exec("BEGIN IMMEDIATE");
    other.prepare("UPDATE users SET name = 'Outside' WHERE email = 'first@test.example'").run();
    const heldFor = 300;
    const started = Date.now();
    let released = 0;
    setTimeout(() => {
      other.exec("COMMIT");
      released = Date.now();
    }, heldFor);
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 20);
    try {
      const [a, b] = await Promise.all([addUser("a@test.example"), addUser("b@test.example")]);
      expect(a).toBeGreaterThan(0);
      expect(b).toBeGreaterThan(0);
    } finally {
      clearInterval(ticker);
    }
    expect(released).toBeGreaterThan(0);
    expect(Date.now() - started).toBeGreaterThanOrEqual(heldFor - 5);
    expect(ticks).toBeGreaterThanOrEqual(5); // timers ran while the transaction waited
    const rows = await db.select({ email: db.tables.users.email, name: db.tables.users.name }).from(db.tables.users);
    expect(rows.map((r) => r.email).sort()).toEqual(["a@test.example", "b@test.example", "first@test.example"]);
    expect(rows.find((r) => r.email === "first@test.example")?.name).toBe("Outside"); // the outside write is kept too
  });

  it("a save during an online backup of the database succeeds", async () => {
    await addUser("before@test.example");
    const backup = other.backup(path.join(dir, "copy.db"), { progress: () => 1 }); // one page per step: the backup spans many turns
    await addUser("during@test.example");
    await backup;
    const copy = new Database(path.join(dir, "copy.db"), { readonly: true });
    try {
      expect((copy.prepare("SELECT count(*) AS n FROM users").get() as { n: number }).n).toBeGreaterThanOrEqual(1);
    } finally {
      copy.close();
    }
  });

  it("gives up with SQLITE_BUSY once the wait is over, and leaves no transaction open", async () => {
    other.exec("BEGIN IMMEDIATE");
    const writer = new Database(file);
    writer.pragma("busy_timeout = 0");
    try {
      const started = Date.now();
      await expect(beginImmediate(writer, 150)).rejects.toMatchObject({ code: "SQLITE_BUSY" });
      expect(Date.now() - started).toBeGreaterThanOrEqual(145);
      expect(writer.inTransaction).toBe(false);
    } finally {
      writer.close();
    }
  });

  it("a COMMIT never checkpoints the WAL (no stall on the event loop); a worker thread does it once the WAL is large, and the WAL is then reset and truncated", async () => {
    const { promptTemplates } = db.tables;
    const body = "x".repeat(20_000);
    const mainBytes = () => statSync(file).size;
    const walBytes = () => statSync(`${file}-wal`).size;
    const before = mainBytes();
    await db.transaction(async (tx) => {
      for (let v = 1; v <= 600; v++) await tx.insert(promptTemplates).values({ role: "auditor-primary", version: v, body });
    });
    // Right after the COMMIT: ~12 MB in the WAL, none of it copied into the database file yet
    // (SQLite's automatic checkpoint would have copied it inside the COMMIT).
    expect(walBytes()).toBeGreaterThan(CHECKPOINT_WAL_BYTES);
    expect(mainBytes() - before).toBeLessThan(1024 * 1024);
    for (let waited = 0; mainBytes() - before < 10 * 1024 * 1024 && waited < 10_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
    expect(mainBytes() - before).toBeGreaterThan(10 * 1024 * 1024); // checkpointed, by the worker
    await addUser("after@test.example"); // the next write starts the WAL over and truncates it
    expect(walBytes()).toBeLessThanOrEqual(4 * 1024 * 1024);
  });

  it("checkpointInBackground reports SQLite's answer", async () => {
    await addUser("one@test.example");
    const result = await checkpointInBackground(file);
    expect(result.busy).toBe(0);
    expect(result.checkpointed).toBe(result.log);
  });
});
