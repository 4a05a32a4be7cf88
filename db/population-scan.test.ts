/**
 * db/population-scan.ts on a bare units table (SQLite in memory): ranges read by this thread and
 * by helpers in any order give the checksum and facts of the units in memory; gaps in the
 * positions and helper failures are refused. SQLite only (the helpers are SQLite's).
 */
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { populationChecksum } from "@/lib/checksum";
import type { PopulationUnit } from "@/lib/population";
import { createRandom } from "@/lib/random";
import { populationFacts } from "@/lib/sampling";
import { ALL_ASSEMBLED, claimWithin, RANGE, type RangeRead, readClaimedRanges, type RowQuery, scanPopulation } from "./population-scan";
import { testEngine } from "./testing";

const AUDIT = 7;
const HIGH_RISK = ["G1", "G5"];

/** 2.6 ranges of units: ~1% census, clusters, absent values; a tab and a backslash in range 1. */
function population(n: number): PopulationUnit[] {
  const r = createRandom("00112233445566778899aabbccddeeff");
  return Array.from({ length: n }, (_, i) => {
    const k = r.nextInt(10);
    return {
      unitKey: i === RANGE + 17 ? "u\tab" : i === RANGE + 99 ? "c:\\u" : `u${i}`,
      executionStatus: r.nextInt(100) === 0 ? "FAILED" : "SUCCEEDED",
      subgroup: k === 0 ? null : `G${k}`,
      identityKey: k === 1 ? null : k === 2 ? "" : `id-${r.nextInt(n)}`,
    };
  });
}

describe.skipIf(testEngine() !== "sqlite")("scanPopulation", () => {
  const units = population(2 * RANGE + 30_001);
  let db: Database.Database;
  const query = (sql: string, params: unknown[]) => db.prepare(sql).raw().all(...params) as unknown[][];

  /** `query` with a helper that reads the ranges it claims at once and hands them over later, last first. */
  function helped(fail?: Error, handed: number[] = []): RowQuery {
    let next = 0;
    const claim = () => next++;
    return Object.assign((sql: string, params: unknown[]) => query(sql, params), {
      helpers: {
        claim,
        assembled: () => undefined,
        listen(receive: (read: RangeRead | Error) => void) {
          setImmediate(() => {
            const reads: RangeRead[] = [];
            readClaimedRanges(query, AUDIT, HIGH_RISK, claim, (read) => reads.push(structuredClone(read)));
            reads.reverse().forEach((read, i) => setTimeout(() => (handed.push(read.index), receive(fail ?? read)), 5 * i));
          });
        },
      },
    });
  }

  beforeAll(() => {
    db = new Database(":memory:");
    db.exec(
      "CREATE TABLE units (id INTEGER PRIMARY KEY, audit_id INTEGER NOT NULL, position INTEGER NOT NULL, unit_key TEXT NOT NULL, execution_status TEXT NOT NULL, subgroup TEXT, identity_key TEXT);" +
        "CREATE UNIQUE INDEX units_audit_position ON units (audit_id, position);",
    );
    const insert = db.prepare("INSERT INTO units (audit_id, position, unit_key, execution_status, subgroup, identity_key) VALUES (?, ?, ?, ?, ?, ?)");
    db.transaction(() => {
      units.forEach((u, i) => {
        insert.run(AUDIT, i, u.unitKey, u.executionStatus, u.subgroup, u.identityKey);
        if (i % 1_000 === 0) insert.run(AUDIT + 1, i, "other", "FAILED", "G1", "id-1"); // another audit's units in between
      });
    })();
  });
  afterAll(() => db.close());

  it("gives the checksum and facts of the units in memory, alone or with a helper handing ranges over out of order", async () => {
    const expected = populationFacts(units, HIGH_RISK);
    const handed: number[] = [];
    for (const q of [query, helped(undefined, handed)]) {
      const { checksum, facts } = await scanPopulation(q, "sqlite", AUDIT, HIGH_RISK);
      expect(checksum).toBe(populationChecksum(units));
      expect(facts.size).toBe(units.length);
      expect(Array.from(facts.census)).toEqual(Array.from(expected.census));
      expect(facts.subgroupMembers).toEqual(expected.subgroupMembers);
      expect(facts.clusters).toEqual(expected.clusters);
    }
    // This thread read range 0 (and the empty range 3); the helper ranges 1 (refused by the parse: a tab) and 2, handed over last first.
    expect(handed).toEqual([2, 1]);
  });

  it("passes a helper's failure on", async () => {
    await expect(scanPopulation(helped(new Error("helper broke")), "sqlite", AUDIT, HIGH_RISK)).rejects.toThrow("helper broke");
  });

  it("refuses positions with a gap, in a full range or in the last one", async () => {
    for (const position of [10, 2 * RANGE + 5]) {
      db.exec("SAVEPOINT gap");
      db.prepare("DELETE FROM units WHERE audit_id = ? AND position = ?").run(AUDIT, position);
      for (const q of [query, helped()]) await expect(scanPopulation(q, "sqlite", AUDIT, HIGH_RISK)).rejects.toMatchObject({ code: "conflict" });
      db.exec("ROLLBACK TO gap; RELEASE gap");
    }
  });
});

describe("claimWithin", () => {
  it("claims in order while the claim stays within the window of the next range to assemble", () => {
    const shared = new Int32Array(new SharedArrayBuffer(8));
    expect([claimWithin(shared, 2), claimWithin(shared, 2)]).toEqual([0, 1]);
    // Range 2 would be 2 beyond range 0, the next to assemble: only once range 0 is assembled.
    Atomics.store(shared, 1, 1);
    expect(claimWithin(shared, 2)).toBe(2);
    Atomics.store(shared, 1, ALL_ASSEMBLED - 2);
    expect([claimWithin(shared, 2), claimWithin(shared, 2)]).toEqual([3, 4]);
    expect(Array.from(shared)).toEqual([5, ALL_ASSEMBLED - 2]);
  });
});
