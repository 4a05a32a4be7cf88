import { describe, expect, it } from "vitest";
import { DELIMITER_CHOICES, detectDelimiter, wholeLines } from "./csv-delimiter";

describe("detectDelimiter", () => {
  it.each([
    ["comma", "unit_key,execution_status,subgroup\nu1,SUCCEEDED,eu\n"],
    ["semicolon", "unit_key;execution_status;subgroup\nu1;SUCCEEDED;eu\n"],
    ["tab", "unit_key\texecution_status\tsubgroup\nu1\tSUCCEEDED\teu\n"],
    ["pipe", "unit_key|execution_status|subgroup\nu1|SUCCEEDED|eu\n"],
  ])("detects %s", (expected, text) => {
    expect(detectDelimiter(text)).toBe(expected);
  });

  it("prefers the delimiter giving the most header columns", () => {
    // Semicolon gives 3 columns, comma 2 (one comma inside a column name).
    expect(detectDelimiter("unit_key;amount,eur;status\nu1;1,5;SUCCEEDED\n")).toBe("semicolon");
  });

  it("skips a delimiter whose split of the second line disagrees with the header", () => {
    // Comma splits the header into 4 but the second line into 2; semicolon gives 3 and 3.
    expect(detectDelimiter("id,x,y,z;s;t\n1,5;3;4\n")).toBe("semicolon");
  });

  it("returns comma on a tie and when nothing splits the header", () => {
    expect(detectDelimiter("a,b;c\n1,2;3\n")).toBe("comma");
    expect(detectDelimiter("unit_key\nu1\n")).toBe("comma");
    expect(detectDelimiter("")).toBe("comma");
  });

  it("ignores delimiters inside quoted fields, including quoted line breaks and escaped quotes", () => {
    expect(detectDelimiter('"a;b";"c ""x;y"" d"\n"1\n;2";3\n')).toBe("semicolon");
    expect(detectDelimiter('"a;b;c",d\n"1;2;3",4\n')).toBe("comma");
  });

  it("accepts a header without a second line, CRLF line ends, empty lines and a byte-order mark", () => {
    expect(detectDelimiter("\uFEFFa;b;c")).toBe("semicolon");
    expect(detectDelimiter("a|b|c\r\n\r\n1|2|3\r\n")).toBe("pipe");
  });

  it("treats a quote inside an unquoted field as an ordinary character", () => {
    expect(detectDelimiter('size 5";b;c\n1;2;3\n')).toBe("semicolon");
  });
});

describe("wholeLines", () => {
  it("cuts a partial last line off a head that is not the whole file", () => {
    expect(wholeLines("a;b\n1;2\n3;", false)).toBe("a;b\n1;2");
    expect(wholeLines("a;b\n1;2\n3;", true)).toBe("a;b\n1;2\n3;");
    expect(wholeLines("a;b;c", false)).toBe("a;b;c");
  });
});

describe("DELIMITER_CHOICES", () => {
  it("offers detect first, then the named delimiters", () => {
    expect(DELIMITER_CHOICES).toEqual(["detect", "comma", "semicolon", "tab", "pipe"]);
  });
});
