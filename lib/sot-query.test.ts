import { describe, expect, it } from "vitest";
import { fillSotQuery, sqlLiteral } from "./sot-query";

describe("sqlLiteral", () => {
  it("keeps plain integers bare and quotes everything else, doubling quotes", () => {
    expect(sqlLiteral("2988507")).toBe("2988507");
    expect(sqlLiteral("-4")).toBe("-4");
    expect(sqlLiteral("007")).toBe("'007'");
    expect(sqlLiteral("1.5")).toBe("'1.5'");
    expect(sqlLiteral("acct-001")).toBe("'acct-001'");
    expect(sqlLiteral("o'brien")).toBe("'o''brien'");
    expect(sqlLiteral("")).toBe("''");
    expect(sqlLiteral("1".repeat(19))).toBe(`'${"1".repeat(19)}'`);
  });
});

describe("fillSotQuery", () => {
  it("fills the demo audit's :unit_key (scripts/seed.ts)", () => {
    expect(fillSotQuery("SELECT geonameid, name FROM cities WHERE geonameid = :unit_key", "2988507")).toEqual({
      text: "SELECT geonameid, name FROM cities WHERE geonameid = 2988507",
      filled: true,
    });
  });

  it.each([
    ["SELECT * FROM records WHERE id = :unit_key", "SELECT * FROM records WHERE id = 'acct-001'"],
    ["SELECT * FROM records WHERE id = {{unit_key}}", "SELECT * FROM records WHERE id = 'acct-001'"],
    ["SELECT * FROM records WHERE id = {{ unit_key }}", "SELECT * FROM records WHERE id = 'acct-001'"],
    ["SELECT * FROM records WHERE id = {unit_key}", "SELECT * FROM records WHERE id = 'acct-001'"],
    ["SELECT * FROM records WHERE id = ?", "SELECT * FROM records WHERE id = 'acct-001'"],
    ["SELECT * FROM records WHERE id = $1", "SELECT * FROM records WHERE id = 'acct-001'"],
    ["SELECT * FROM records WHERE id = ':unit_key'", "SELECT * FROM records WHERE id = 'acct-001'"],
    ["GET /records/{{unit_key}}", "GET /records/'acct-001'"],
  ])("fills %s", (query, text) => {
    expect(fillSotQuery(query, "acct-001")).toEqual({ text, filled: true });
  });

  it("fills every occurrence", () => {
    expect(fillSotQuery("SELECT :unit_key, x FROM t WHERE a = :unit_key", "k").text).toBe("SELECT 'k', x FROM t WHERE a = 'k'");
  });

  it("escapes quotes in the key, inside and outside quotes", () => {
    expect(fillSotQuery("WHERE id = :unit_key", "o'b").text).toBe("WHERE id = 'o''b'");
    expect(fillSotQuery("WHERE id = ':unit_key'", "o'b").text).toBe("WHERE id = 'o''b'");
  });

  it("does not take casts or longer names for the placeholder", () => {
    expect(fillSotQuery("SELECT x::unit_key, :unit_keys FROM t", "k")).toEqual({ text: "SELECT x::unit_key, :unit_keys FROM t", filled: false });
  });

  it("leaves ? and $1 inside strings, quoted identifiers and comments alone", () => {
    const q = "SELECT '?', \"a?\", 'it''s $1' FROM t -- why?\n/* $1? */ WHERE id = ? AND v = $10";
    expect(fillSotQuery(q, "9").text).toBe("SELECT '?', \"a?\", 'it''s $1' FROM t -- why?\n/* $1? */ WHERE id = 9 AND v = $10");
  });

  it("prefers named placeholders over positional ones", () => {
    expect(fillSotQuery("SELECT * FROM t WHERE id = :unit_key AND flag = ?", "5").text).toBe("SELECT * FROM t WHERE id = 5 AND flag = ?");
  });

  it("reports a query without placeholder as not filled, unchanged", () => {
    expect(fillSotQuery("SELECT 1", "k")).toEqual({ text: "SELECT 1", filled: false });
    expect(fillSotQuery("SELECT 'unterminated ?", "k")).toEqual({ text: "SELECT 'unterminated ?", filled: false });
  });
});
