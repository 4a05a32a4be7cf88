import { describe, expect, it } from "vitest";
import seed from "./fixtures/seed-004-orchestration-score.json";
import { evaluateQualityScore, parseQualityTable, parseStatedScore } from "./quality-score";

// Seed 004 §11.1 as printed (lines 1592–1599 of the seed).
const SEED_TABLE = `| Category | Weight | Score | Weighted Score | Rationale |
|----------|--------|-------|----------------|-----------|
| **Deployment Execution Quality** | 20% | 5.5/10 | 1.1 | Rapid expansion, insufficient soak time |
| **Task Coordination** | 15% | 4.5/10 | 0.675 | Poor handoffs, missed stakeholders |
| **Decision Process** | 20% | 3.5/10 | 0.7 | Bypassed checkpoint, no approval documented |
| **Agent Workload Distribution** | 10% | 7.5/10 | 0.75 | Good selection, balanced workloads |
| **Monitoring & Observability** | 15% | 7.0/10 | 1.05 | Infrastructure good, baseline insufficient |
| **Risk Management** | 20% | 6.0/10 | 1.2 | Technical risks OK, process risks ignored |`;

describe("parseQualityTable", () => {
  it("reads the seed 004 §11.1 Markdown table: category, weight, score; the stated weighted column is not copied", () => {
    const r = parseQualityTable(SEED_TABLE);
    expect(r).toEqual({ ok: true, rows: seed.rows.map(({ category, weight, score }) => ({ category, weight, score })) });
  });

  it("reads comma-separated rows and skips blank lines", () => {
    expect(parseQualityTable("A, 60, 5\n\nB, 40%, 10/10\n")).toEqual({ ok: true, rows: [{ category: "A", weight: 60, score: 5 }, { category: "B", weight: 40, score: 10 }] });
  });

  it("lists every bad row by line and field, and returns no rows", () => {
    const r = parseQualityTable("A, x, 5\nB, 50\n| C | 10% | high |\n, 10, 1");
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual([
      { row: 1, field: "weight", message: 'row 1: weight "x" is not a percentage ≥ 0' },
      { row: 2, field: "table", message: 'row 2: expected "category, weight, score" or a Markdown table row' },
      { row: 3, field: "score", message: 'row 3: score "high" is not a number' },
      { row: 4, field: "category", message: "row 4: the category is empty" },
    ]);
  });

  it("refuses an empty table and a negative weight", () => {
    expect(parseQualityTable(" \n")).toEqual({ ok: false, errors: [{ row: null, field: "table", message: "enter at least one category row" }] });
    expect(parseQualityTable("A, -5, 1")).toMatchObject({ ok: false, errors: [{ row: 1, field: "weight" }] });
  });
});

describe("parseStatedScore", () => {
  it("takes the leading number of what the report states", () => {
    expect(parseStatedScore("6.8")).toBe(6.8);
    expect(parseStatedScore("6.8/10 (68%)")).toBe(6.8);
    expect(parseStatedScore("**6.8/10**")).toBe(6.8);
    expect(parseStatedScore("about seven")).toBeNull();
  });
});

describe("evaluateQualityScore (issue 13: recomputed, never copied)", () => {
  it("flags the seed's stated 6.8 against the recomputed 5.475", () => {
    const r = evaluateQualityScore(SEED_TABLE, "6.8/10 (68%)");
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.check.recomputed).toBeCloseTo(5.475, 9);
    expect(r.value.check.stated).toBe(6.8);
    expect(r.value.check.mismatch).toBe(true);
    expect(r.value.check.difference).toBeCloseTo(1.325, 9);
  });

  it("accepts a stated score that is the recomputed one rounded to one decimal", () => {
    const r = evaluateQualityScore(SEED_TABLE, "5.5");
    expect(r.ok && r.value.check.mismatch).toBe(false);
  });

  it("refuses weights that do not sum to 100 and an unreadable stated score", () => {
    expect(evaluateQualityScore("A, 60, 5\nB, 30, 5", "5")).toEqual({ ok: false, errors: [{ row: null, field: "weight", message: "weights must sum to 100%, not 90%" }] });
    expect(evaluateQualityScore("A, 100, 5", "n/a")).toEqual({ ok: false, errors: [{ row: null, field: "stated", message: 'the stated overall score "n/a" is not a number' }] });
  });
});
