import { describe, expect, it } from "vitest";
import { StrictUtf8Checker } from "./strict-utf8";

/** Feeds `bytes` in chunks of `size` and returns the first problem (or null). */
function check(bytes: Uint8Array, size = bytes.length || 1) {
  const c = new StrictUtf8Checker();
  for (let i = 0; i < bytes.length; i += size) {
    const problem = c.push(bytes.subarray(i, i + size));
    if (problem) return problem;
  }
  return c.end();
}

const utf8 = (s: string) => Buffer.from(s, "utf8");
const NOT_UTF8 = "the file is not valid UTF-8; save it as UTF-8";

describe("StrictUtf8Checker", () => {
  it("accepts UTF-8 with multi-byte characters, a BOM and CRLF, whatever the chunk size", () => {
    const text = utf8("\uFEFFunit_key,name\r\n1,Zürich\r\n2,東京 🏙️\r\n");
    for (const size of [1, 2, 3, 5, 7, text.length]) expect(check(text, size)).toBeNull();
  });

  it("names the row (file line) of the first invalid byte, whatever the chunk size", () => {
    const bytes = Buffer.concat([utf8("a\nb\nc\nd\ne\nf\n"), Buffer.from([0x31, 0x2c, 0xe9, 0x0a]), utf8("h\n")]); // Latin-1 é on line 7
    for (const size of [1, 2, 3, 4, 64]) expect(check(bytes, size)).toEqual({ row: 7, column: "", reason: NOT_UTF8 });
  });

  it("refuses an overlong encoding and a lone continuation byte", () => {
    expect(check(Buffer.from([0x61, 0x0a, 0xc0, 0xaf]))).toMatchObject({ row: 2, reason: NOT_UTF8 });
    expect(check(Buffer.from([0x80]))).toMatchObject({ row: 1, reason: NOT_UTF8 });
  });

  it("refuses a multi-byte sequence cut off at the end of the file, on the last line", () => {
    expect(check(Buffer.concat([utf8("a\nb\n"), Buffer.from([0xe6, 0x9d])]), 1)).toEqual({ row: 3, column: "", reason: NOT_UTF8 });
  });

  it("refuses UTF-16 files with a byte-order mark (LE and BE)", () => {
    for (const bom of [[0xff, 0xfe], [0xfe, 0xff]]) {
      const bytes = Buffer.concat([Buffer.from(bom), Buffer.from("unit_key\n1\n", "utf16le")]);
      expect(check(bytes)).toEqual({ row: 1, column: "", reason: "the file is UTF-16; save it as UTF-8" });
      expect(check(bytes, 1)).toEqual({ row: 1, column: "", reason: "the file is UTF-16; save it as UTF-8" });
    }
  });

  it("refuses UTF-16 without a byte-order mark (NUL-heavy start)", () => {
    expect(check(Buffer.from("unit_key,execution_status\n1,SUCCEEDED\n", "utf16le"))).toMatchObject({ row: 1, reason: "the file is UTF-16; save it as UTF-8" });
  });

  it("refuses a NUL byte in a UTF-8 file, naming its row", () => {
    expect(check(Buffer.concat([utf8("unit_key\n1\n2"), Buffer.from([0]), utf8("\n")]), 4)).toEqual({ row: 3, column: "", reason: "the file contains a NUL byte; is it a binary file?" });
  });
});
