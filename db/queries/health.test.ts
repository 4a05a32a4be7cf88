/** GET /api/health's check (issue 10 "Operations"): healthy on a migrated database, "behind" when a migration is missing. */
import { desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET } from "@/app/api/health/route";
import { openTestDb, type TestDb } from "../testing";
import { databaseHealth, migrationsTable, readJournal } from "./health";

/** GET /api/health against the test database (the route reads the app's handle from globalThis, db/client.ts). */
async function getHealth(): Promise<{ status: number; body: unknown }> {
  const g = globalThis as { countersignDb?: unknown };
  g.countersignDb = t.db;
  try {
    const res = await GET(new Request("http://localhost/api/health"));
    return { status: res.status, body: await res.json() };
  } finally {
    delete g.countersignDb;
  }
}

let t: TestDb;
beforeAll(async () => {
  t = await openTestDb("health");
});
afterAll(() => t.close());

describe("databaseHealth", () => {
  it("is ok with the journal's latest tag on a migrated database", async () => {
    const journal = await readJournal(t.engine);
    expect(await databaseHealth(t.db)).toEqual({ ok: true, migration: journal.at(-1)!.tag });
    expect(await getHealth()).toEqual({ status: 200, body: { status: "ok", engine: t.engine, migration: journal.at(-1)!.tag } });
  });

  it("reports migrations behind when the newest one was not applied, and ok again once it is recorded", async () => {
    const table = migrationsTable(t.engine);
    const journal = await readJournal(t.engine);
    // Forget the newest applied migration: the database now looks one migration behind.
    await t.db.transaction(async (tx) => {
      const [newest] = await tx.select({ createdAt: table.createdAt }).from(table).orderBy(desc(table.createdAt)).limit(1);
      await tx.delete(table).where(eq(table.createdAt, newest.createdAt!)); // SQLite's id column is always null (drizzle declares it SERIAL there)
    });
    expect(await databaseHealth(t.db)).toEqual({ ok: false, reason: expect.stringContaining(`migrations behind: 1 pending (next ${journal.at(-1)!.tag}`) });
    expect(await getHealth()).toEqual({ status: 503, body: { status: "unavailable", engine: t.engine, reason: expect.stringContaining("migrations behind: 1 pending") } });
    // Record it again: healthy once more.
    await t.db.transaction((tx) => tx.insert(table).values({ hash: "restored", createdAt: journal.at(-1)!.when }).then(() => undefined));
    expect(await databaseHealth(t.db)).toEqual({ ok: true, migration: journal.at(-1)!.tag });
  });

  it("throws when the database cannot be reached, and the route answers 503 without the driver's message", async () => {
    const other = await openTestDb("health-closed");
    await other.db.close();
    await expect(databaseHealth(other.db)).rejects.toThrow();
    const g = globalThis as { countersignDb?: unknown };
    g.countersignDb = other.db;
    try {
      const res = await GET(new Request("http://localhost/api/health"));
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ status: "unavailable", engine: t.engine, reason: "database unreachable" });
    } finally {
      delete g.countersignDb;
    }
    await other.close().catch(() => undefined); // already closed: only the files/database remain to delete
  });
});
