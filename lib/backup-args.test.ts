import { describe, expect, it } from "vitest";
import { backupTarget, libpqConnection, parseBackupArgs } from "./backup-args";

describe("parseBackupArgs", () => {
  it("takes one file and an optional --force, in any order", () => {
    expect(parseBackupArgs("backup", ["b.db"])).toEqual({ file: "b.db", force: false });
    expect(parseBackupArgs("restore", ["--force", "/tmp/b.dump"])).toEqual({ file: "/tmp/b.dump", force: true });
  });
  it("refuses a missing file, two files and unknown options, with the usage line", () => {
    expect(() => parseBackupArgs("backup", [])).toThrow("the backup file to write is missing; usage: npm run backup -- <file> [--force]");
    expect(() => parseBackupArgs("restore", ["--force"])).toThrow("the backup file to restore is missing; usage: npm run restore -- <file> [--force]");
    expect(() => parseBackupArgs("backup", ["a", "b"])).toThrow("one file only (got a and b)");
    expect(() => parseBackupArgs("restore", ["a", "--yes"])).toThrow("unknown option --yes");
  });
});

describe("libpqConnection", () => {
  it("moves the password out of the URL, decoded", () => {
    expect(libpqConnection("postgres://cs:p%40ss%2Fw@db.internal:5432/countersign?sslmode=require")).toEqual({
      dbname: "postgres://cs@db.internal:5432/countersign?sslmode=require",
      password: "p@ss/w",
    });
    expect(libpqConnection("postgresql://postgres@127.0.0.1:5433/x")).toEqual({ dbname: "postgresql://postgres@127.0.0.1:5433/x", password: undefined });
  });
  it("refuses other URLs without echoing them", () => {
    expect(() => libpqConnection("mysql://u:secret@h/d")).toThrow("DATABASE_URL must start with postgres:// or postgresql://.");
    expect(() => libpqConnection("not a url secret")).toThrow("DATABASE_URL is not a valid URL.");
  });
});

describe("backupTarget", () => {
  it("is DATABASE_URL when set, else COUNTERSIGN_DB or the default file under the working directory", () => {
    expect(backupTarget({ DATABASE_URL: "postgres://u@h/d", COUNTERSIGN_DB: "x.db" }, "/app")).toEqual({ url: "postgres://u@h/d" });
    expect(backupTarget({ DATABASE_URL: "", COUNTERSIGN_DB: "x.db" }, "/app")).toEqual({ file: "/app/x.db" });
    expect(backupTarget({ COUNTERSIGN_DB: "/var/lib/cs.db" }, "/app/")).toEqual({ file: "/var/lib/cs.db" });
    expect(backupTarget({}, "/app")).toEqual({ file: "/app/data/countersign.db" });
  });
});
