/**
 * `npm run backup` / `npm run restore` (issue 10 "Operations"): a backup restores into an empty
 * database with the same row count in every table and the same intact event-chain head, also when
 * it was taken while writes went on; a non-empty target is refused unless forced.
 */
import { getTableName } from "drizzle-orm";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Client } from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BackupTarget, backupDatabase, isDatabaseEmpty, restoreDatabase } from "./backup";
import type { Db } from "./handle";
import { createAudit } from "./mutations/audits";
import { createUser } from "./mutations/users";
import { openDatabase } from "./open";
import { verifyEventChain } from "./queries/events";
import { createTestDb, importCsv, rowCounts, testEngine, type TestDb, validAuditForm } from "./testing";

const engine = testEngine();
let dir: string;
let db: Db;
let operatorId: number;
let source: BackupTarget;
let closeSource: () => Promise<void>;
const pgDatabases: string[] = [];
const opened: Db[] = [];

async function adminQuery(statement: string) {
  const client = new Client({ connectionString: process.env.COUNTERSIGN_TEST_PG_URL! });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** A new, empty target: a SQLite file that does not exist yet, or a new PostgreSQL database without tables. */
async function emptyTarget(name: string): Promise<BackupTarget> {
  if (engine === "sqlite") return { file: path.join(dir, name, "restored.db") };
  const database = `cs_restore_${name}_${process.pid}`;
  await adminQuery(`CREATE DATABASE ${database}`);
  pgDatabases.push(database);
  const url = new URL(process.env.COUNTERSIGN_TEST_PG_URL!);
  url.pathname = `/${database}`;
  return { url: url.toString() };
}

function open(target: BackupTarget): Db {
  const handle = openDatabase(target);
  opened.push(handle);
  return handle;
}

const tableNames = (d: Db): string[] => Object.values(d.tables).map((table) => getTableName(table as never));
const allCounts = (d: Db) => rowCounts(d, ...tableNames(d));

const addUsers = (prefix: string, n: number) =>
  Promise.all(Array.from({ length: n }, (_, i) => createUser(db, { email: `${prefix}${i}@test.example`, name: `${prefix}${i}`, password: "reviewer-test-pass", roles: ["reviewer"], actorId: operatorId })));

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), "countersign-backup-"));
  if (engine === "sqlite") {
    const file = path.join(dir, "source.db");
    db = openDatabase({ file });
    await db.migrate();
    operatorId = await createUser(db, { email: "operator@test.example", name: "Op", password: "operator-test-pass", roles: ["operator"], actorId: null });
    source = { file };
    closeSource = () => db.close();
  } else {
    const t: TestDb & { operatorId: number } = await createTestDb("backup");
    db = t.db;
    operatorId = t.operatorId;
    source = { url: t.url! };
    closeSource = () => t.close();
  }
  // Some of everything: users, an audit with its population, and their events.
  await addUsers("r", 2);
  const audit = await createAudit(db, { input: validAuditForm(), actorId: operatorId });
  await importCsv(db, { auditId: audit.id, actorId: operatorId, csv: "unit_key,execution_status\n" + Array.from({ length: 50 }, (_, i) => `u${i},SUCCEEDED`).join("\n") });
});

afterAll(async () => {
  for (const handle of opened) await handle.close().catch(() => undefined);
  await closeSource();
  rmSync(dir, { recursive: true, force: true });
  for (const d of pgDatabases) await adminQuery(`DROP DATABASE IF EXISTS ${d} WITH (FORCE)`);
});

describe(`backup and restore (${engine})`, () => {
  const file = () => path.join(dir, "countersign.backup");

  it("restores into an empty database with every table's row count and the event-chain head", async () => {
    await backupDatabase(source, file());
    expect(readdirSync(dir).filter((f) => f.startsWith("countersign.backup"))).toEqual(["countersign.backup"]); // one self-contained file
    const target = await emptyTarget("plain");
    expect(await isDatabaseEmpty(target)).toBe(true);
    await restoreDatabase(target, file());
    const restored = open(target);
    const counts = await allCounts(restored);
    expect(counts).toEqual(await allCounts(db));
    expect(counts.users).toBe(3);
    expect(counts.units).toBe(50);
    expect(counts.events).toBeGreaterThanOrEqual(5);
    const [before, after] = [await verifyEventChain(db), await verifyEventChain(restored)];
    expect(after).toEqual(before);
    expect(after.firstBroken).toBeNull();
    expect(after.headHash).toMatch(/^[0-9a-f]{64}$/);
    // The restored database is a working one: the next append continues the same chain.
    await createUser(restored, { email: "after@test.example", name: "After", password: "reviewer-test-pass", roles: ["reviewer"], actorId: null });
    expect((await verifyEventChain(restored)).firstBroken).toBeNull();
  });

  it("a backup taken while saves go on restores to an intact chain holding the writes that came before it", async () => {
    const before = await allCounts(db);
    const writes = addUsers("during", 8);
    const out = path.join(dir, "during.backup");
    await backupDatabase(source, out);
    await writes;
    const target = await emptyTarget("during");
    await restoreDatabase(target, out);
    const restored = open(target);
    const chain = await verifyEventChain(restored);
    expect(chain.firstBroken).toBeNull();
    const counts = await allCounts(restored);
    expect(counts.users).toBeGreaterThanOrEqual(before.users);
    expect(counts.users).toBeLessThanOrEqual(before.users + 8);
    expect(counts.events - before.events).toBe(counts.users - before.users); // every user kept with its event, none without
    expect(counts.units).toBe(before.units);
  });

  it("refuses a target that is not empty and writes nothing; --force replaces its contents", async () => {
    const target = await emptyTarget("force");
    await restoreDatabase(target, file());
    const restored = open(target);
    await createUser(restored, { email: "extra@test.example", name: "Extra", password: "reviewer-test-pass", roles: ["reviewer"], actorId: null });
    const withExtra = await allCounts(restored);
    await expect(restoreDatabase(target, file())).rejects.toThrow(/target database is not empty; .*--force/);
    expect(await allCounts(restored)).toEqual(withExtra);
    await restored.close();
    opened.splice(opened.indexOf(restored), 1);
    await restoreDatabase(target, file(), { force: true });
    const replaced = open(target);
    expect((await allCounts(replaced)).users).toBe(withExtra.users - 1);
    expect((await verifyEventChain(replaced)).firstBroken).toBeNull();
  });

  it("refuses to overwrite a backup file without --force, and a file that is not a backup", async () => {
    await expect(backupDatabase(source, file())).rejects.toThrow(/exists; pass --force/);
    await backupDatabase(source, file(), { force: true });
    const junk = path.join(dir, "junk.backup");
    writeFileSync(junk, "not a backup at all, just some text ".repeat(200));
    const target = await emptyTarget("junk");
    await expect(restoreDatabase(target, junk)).rejects.toThrow(engine === "sqlite" ? /not a SQLite database/ : /pg_restore failed/);
    expect(await isDatabaseEmpty(target)).toBe(true);
    await expect(restoreDatabase(target, path.join(dir, "missing.backup"))).rejects.toThrow(/no backup file at/);
  });
});
