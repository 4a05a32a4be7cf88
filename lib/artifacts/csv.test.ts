import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { neutraliseCell, toCsv } from "./csv";

describe("neutraliseCell", () => {
  it.each([
    ["=SUM(A1:A9)", "'=SUM(A1:A9)"],
    ["+1", "'+1"],
    ["-3", "'-3"],
    ["@cmd", "'@cmd"],
    ["\tx", "'\tx"],
    ["\rx", "'\rx"],
  ])("prefixes %j with a quote", (cell, safe) => expect(neutraliseCell(cell)).toBe(safe));
  it.each(["u1", "", "a=b", " =x", "2027-01-01T00:00:00.000Z", "'quoted"])("leaves %j unchanged", (cell) => expect(neutraliseCell(cell)).toBe(cell));
});

describe("toCsv", () => {
  it("writes a header, CRLF rows, quoting, booleans and empty cells, with formula cells neutralised", () => {
    const text = toCsv(["a", "b", "c", "d"], [["=HYPERLINK(\"x\")", true, null, 'has "quote", comma'], ["-1", false, 3, "line\nbreak"]]);
    expect(text.startsWith("a,b,c,d\r\n")).toBe(true);
    expect(text.endsWith("\r\n")).toBe(true);
    const rows = parse(text, { columns: true }) as Record<string, string>[];
    expect(rows).toEqual([
      { a: "'=HYPERLINK(\"x\")", b: "true", c: "", d: 'has "quote", comma' },
      { a: "'-1", b: "false", c: "3", d: "line\nbreak" },
    ]);
  });
  it("refuses a row whose length differs from the header", () => {
    expect(() => toCsv(["a", "b"], [["1"]])).toThrow(RangeError);
  });
});
