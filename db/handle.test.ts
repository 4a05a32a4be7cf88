/** readAll: the same results in order on the database handle (together) and inside a transaction (one at a time). */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Db, readAll } from "./handle";
import { createTestDb, type TestDb } from "./testing";

let t: TestDb & { operatorId: number };
let db: Db;

beforeAll(async () => {
  t = await createTestDb("read-all");
  db = t.db;
});
afterAll(() => t.close());

describe("readAll", () => {
  it("returns each read's result in order, outside and inside a transaction", async () => {
    const { users } = db.tables;
    const reads = (h: typeof db | Parameters<Parameters<Db["transaction"]>[0]>[0]) =>
      readAll(h, [() => h.select({ id: users.id }).from(users), () => Promise.resolve(42), () => h.select({ email: users.email }).from(users)] as const);
    const outside = await reads(db);
    const inside = await db.transaction((tx) => reads(tx));
    expect(outside[1]).toBe(42);
    expect(outside[0].map((r) => r.id)).toContain(t.operatorId);
    expect(inside).toEqual(outside);
  });

  it("inside a transaction, a read starts only after the one before it finished", async () => {
    const order: string[] = [];
    const step = (name: string, ms: number) => () => new Promise<string>((resolve) => {
      order.push(`start ${name}`);
      setTimeout(() => (order.push(`end ${name}`), resolve(name)), ms);
    });
    await db.transaction((tx) => readAll(tx, [step("a", 20), step("b", 1)]));
    expect(order).toEqual(["start a", "end a", "start b", "end b"]);
    order.length = 0;
    await readAll(db, [step("a", 20), step("b", 1)]);
    expect(order.slice(0, 2)).toEqual(["start a", "start b"]);
  });
});
