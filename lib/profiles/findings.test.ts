import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { findingSchema, importFindingsCsv, importFindingsJson, isCalendarDate, isFindingLocation, standingFindings } from "./findings";
import { PHASE_IDS } from "./launch-readiness";

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, "fixtures", name), "utf8");

describe("finding schema", () => {
  it("normalises spellings and applies defaults", () => {
    const f = findingSchema.parse({ section: " security ", title: "x", severity: "high", category: "stop-ship", tags: "Data-Loss-Risk; cold-start-latency", effortDays: "1.5" });
    expect(f).toMatchObject({ section: "security", severity: "HIGH", category: "STOP_SHIP", status: "OPEN", tags: ["data-loss-risk", "cold-start-latency"], effortDays: 1.5, dueDate: null, location: null, owner: null });
    expect(findingSchema.parse({ section: "s", title: "t", severity: "LOW", category: "Fix Soon" }).category).toBe("FIX_SOON");
  });

  it.each([["src/app.ts:42", true], ["src/app.ts:42-50", true], ["https://example.org/x#L3", true], ["src/app.ts", false], ["ftp://x/y", false], ["a b.ts:1", false]])("location %s valid: %s", (s, ok) =>
    expect(isFindingLocation(s)).toBe(ok),
  );

  it.each([["2026-02-28", true], ["2024-02-29", true], ["2026-02-29", false], ["2026-13-01", false], ["26-01-01", false]])("date %s valid: %s", (s, ok) => expect(isCalendarDate(s)).toBe(ok));

  it("standingFindings drops resolved findings only", () => {
    const fs = (["OPEN", "RESOLVED", "ACCEPTED", "IN_PROGRESS"] as const).map((status) => ({ status }));
    expect(standingFindings(fs).map((f) => f.status)).toEqual(["OPEN", "ACCEPTED", "IN_PROGRESS"]);
  });
});

describe("importFindingsCsv", () => {
  it("imports the valid fixture", () => {
    const r = importFindingsCsv(fixture("findings-valid.csv"), { sections: PHASE_IDS });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.findings).toHaveLength(3);
    expect(r.findings[0]).toMatchObject({ section: "security", category: null, tags: ["unverified-financial-webhook"], location: "app/api/stripe/route.ts:14", dueDate: "2026-12-01", effortDays: 1 });
    expect(r.findings[1].evidence).toBe("Logs lack a request id, so one request cannot be traced");
    expect(r.findings[2]).toMatchObject({ owner: null, dueDate: null, approach: null, effortDays: null });
  });

  it("is all-or-nothing and lists every error by row and field", () => {
    const r = importFindingsCsv(fixture("findings-invalid.csv"));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const brief = r.errors.map((e) => `${e.row}:${e.field}`);
    expect(brief).toEqual(["1:severity", "1:dueDate", "2:section", "3:category", "3:location", "3:effortDays"]);
    expect(r.errors.find((e) => e.field === "dueDate")?.message).toMatch(/real calendar date/);
    expect(r.errors.find((e) => e.field === "effortDays")?.message).toMatch(/greater than 0/);
  });

  it("rejects unknown sections when sections are given", () => {
    const r = importFindingsCsv("section,title,severity\nsecurty,Typo section,LOW\n", { sections: PHASE_IDS });
    expect(r).toEqual({ ok: false, errors: [{ row: 1, field: "section", message: expect.stringMatching(/unknown section "securty"/) }] });
  });

  it("names an unknown section in the same pass as the row's other errors", () => {
    const r = importFindingsJson(JSON.stringify([{ section: "nope", title: "" }]), { sections: PHASE_IDS });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors.map((e) => e.field).sort()).toEqual(["section", "severity", "title"]);
    expect(!r.ok && r.errors.find((e) => e.field === "section")?.message).toMatch(/unknown section "nope"/);
  });

  it("reports header problems as file-level errors", () => {
    const r = importFindingsCsv("section,title,colour\nsecurity,x,red\n");
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual([
      { row: null, field: "colour", message: 'unknown column "colour"' },
      { row: null, field: "severity", message: 'missing required column "severity"' },
    ]);
    expect(importFindingsCsv("section,title,severity,title\n").ok).toBe(false);
    expect(importFindingsCsv("")).toEqual({ ok: false, errors: [{ row: null, field: null, message: "the file is empty" }] });
    expect(importFindingsCsv("section,title,severity\n")).toEqual({ ok: false, errors: [{ row: null, field: null, message: "the file holds no findings" }] });
  });

  it("reports a malformed CSV without throwing", () => {
    const r = importFindingsCsv('section,title,severity\nsecurity,"unterminated,LOW\n');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toMatchObject({ row: null, message: expect.stringMatching(/not valid CSV/) });
  });

  it("accepts a BOM and CRLF line ends", () => {
    const r = importFindingsCsv("\uFEFFsection,title,severity\r\nsecurity,x,LOW\r\n");
    expect(r.ok).toBe(true);
  });
});

describe("importFindingsJson", () => {
  it("imports an array of findings (tags as an array)", () => {
    const r = importFindingsJson(JSON.stringify([{ section: "data-safety", title: "Hard deletes on users", severity: "CRITICAL", tags: ["data-loss-risk"] }]));
    expect(r.ok && r.findings[0]).toMatchObject({ section: "data-safety", tags: ["data-loss-risk"], category: null });
  });

  it("is all-or-nothing with errors by row and field, including unknown fields", () => {
    const r = importFindingsJson(JSON.stringify([{ section: "security", title: "ok", severity: "LOW" }, { section: "security", title: "", severity: "LOW", colour: "red" }, "nope"]));
    expect(r).toEqual({
      ok: false,
      errors: [
        { row: 2, field: "colour", message: 'unknown field "colour"' },
        { row: 2, field: "title", message: "title is required" },
        { row: 3, field: null, message: "each finding must be an object" },
      ],
    });
  });

  it("file-level errors: bad JSON, not an array, too many rows", () => {
    expect(importFindingsJson("{").ok).toBe(false);
    expect(importFindingsJson('{"a":1}')).toEqual({ ok: false, errors: [{ row: null, field: null, message: "the JSON must be an array of findings" }] });
    const many = JSON.stringify(Array.from({ length: 3 }, () => ({ section: "s", title: "t", severity: "LOW" })));
    expect(importFindingsJson(many, { maxRows: 2 })).toEqual({ ok: false, errors: [{ row: null, field: null, message: "too many findings: 3 (max 2)" }] });
  });
});
