/**
 * SQLite write locking (issue 10 "Operations": writers use BEGIN IMMEDIATE with a busy timeout, so
 * an outside writer, reader or backup never makes a save fail at once). SQLite only.
 */
import Database from "better-sqlite3";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createUser } from "../mutations/users";
import { openDatabase } from "../open";
import type { Db } from "../handle";
import { testEngine } from "../testing";
import { beginImmediate } from "./sqlite";

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
});
