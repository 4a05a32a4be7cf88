import { describe, expect, it } from "vitest";
import { clampPage, fetchPageClamped, MAX_PAGE, pageCount, parsePageParam } from "./pagination";

describe("parsePageParam", () => {
  it("reads a positive whole number", () => {
    expect(parsePageParam("1")).toBe(1);
    expect(parsePageParam("42")).toBe(42);
    expect(parsePageParam(" 7 ")).toBe(7);
    expect(parsePageParam(["3", "9"])).toBe(3);
  });

  it("reads a huge number as MAX_PAGE, a safe integer whatever the digits (the SQLite datatype mismatch)", () => {
    expect(parsePageParam("99999999999999999999")).toBe(MAX_PAGE);
    expect(parsePageParam("9".repeat(400))).toBe(MAX_PAGE);
    expect(Number.isSafeInteger(MAX_PAGE * 50)).toBe(true);
  });

  it("reads junk as page 1", () => {
    for (const v of [undefined, "", "0", "-1", "1.5", "1e3", "abc", "0x10", "Infinity", "NaN", " ", "+2", []]) expect(parsePageParam(v), String(v)).toBe(1);
  });
});

describe("pageCount / clampPage", () => {
  it("counts at least one page and keeps a page within them", () => {
    expect(pageCount(0, 50)).toBe(1);
    expect(pageCount(275, 50)).toBe(6);
    expect(clampPage(99, 275, 50)).toBe(6);
    expect(clampPage(0, 275, 50)).toBe(1);
    expect(clampPage(3, 275, 50)).toBe(3);
    expect(clampPage(5, 0, 50)).toBe(1);
  });
});

describe("fetchPageClamped", () => {
  const fake = (total: number) => {
    const calls: number[] = [];
    const fetch = async (page: number) => {
      calls.push(page);
      return { total, rows: Array.from({ length: Math.max(0, Math.min(10, total - (page - 1) * 10)) }, (_, i) => (page - 1) * 10 + i) };
    };
    return { calls, fetch };
  };

  it("fetches a page within range once", async () => {
    const f = fake(25);
    expect(await fetchPageClamped(2, 10, f.fetch)).toEqual({ total: 25, page: 2, rows: [10, 11, 12, 13, 14, 15, 16, 17, 18, 19] });
    expect(f.calls).toEqual([2]);
  });

  it("shows the last page for a page past the end (not 'Rows 4901–275 of 275')", async () => {
    const f = fake(25);
    expect(await fetchPageClamped(MAX_PAGE, 10, f.fetch)).toEqual({ total: 25, page: 3, rows: [20, 21, 22, 23, 24] });
    expect(f.calls).toEqual([MAX_PAGE, 3]);
  });

  it("is page 1 of an empty list", async () => {
    const f = fake(0);
    expect(await fetchPageClamped(4, 10, f.fetch)).toEqual({ total: 0, page: 1, rows: [] });
  });
});
