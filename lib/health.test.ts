import { describe, expect, it } from "vitest";
import { migrationStatus } from "./health";

const journal = [
  { tag: "0000_init", when: 1000 },
  { tag: "0002_c", when: 3000 },
  { tag: "0001_b", when: 2000 },
];

describe("migrationStatus", () => {
  it("is ok with the latest tag when the newest applied migration is the journal's newest", () => {
    expect(migrationStatus(journal, [1000, 2000, 3000])).toEqual({ ok: true, migration: "0002_c" });
    expect(migrationStatus(journal, ["3000", "1000"])).toEqual({ ok: true, migration: "0002_c" }); // PostgreSQL bigint strings
  });

  it("reports how many migrations are pending and the next one", () => {
    expect(migrationStatus(journal, [1000])).toEqual({ ok: false, reason: "migrations behind: 2 pending (next 0001_b, latest 0002_c)" });
    expect(migrationStatus(journal, [2000, 1000])).toEqual({ ok: false, reason: "migrations behind: 1 pending (next 0002_c, latest 0002_c)" });
  });

  it("reports a database with no migrations applied", () => {
    expect(migrationStatus(journal, [])).toEqual({ ok: false, reason: "no migrations applied; this build expects 0002_c" });
  });

  it("reports a database migrated by a newer build", () => {
    expect(migrationStatus(journal, [1000, 2000, 3000, 4000])).toMatchObject({ ok: false, reason: expect.stringContaining("newer than this build") });
  });

  it("refuses an empty journal", () => {
    expect(migrationStatus([], [1000])).toEqual({ ok: false, reason: "the migrations journal of this build is empty" });
  });
});
