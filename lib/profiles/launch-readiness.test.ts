import { describe, expect, it } from "vitest";
import { findingSchema, type FindingInput } from "./findings";
import {
  PHASES, VERDICT_CRITERIA, categoryForTags, launchContextSchema, launchGate, launchVerdict, prefillCategory, remediationPlan, reportFileName, signOffRefusals, strictness,
  type LaunchContext,
} from "./launch-readiness";

const ctx = (over: Partial<LaunchContext> = {}): LaunchContext => ({
  kind: "internal", realUserData: false, payments: false, acceptableFailureMode: "DOWNTIME", expectedTraffic: 50, stopShipCriteria: [], ...over,
});
const f = (over: FindingInput) => findingSchema.parse(over);

describe("strictness (seed 001 Phase 1; rule ours)", () => {
  it.each([
    ["internal tool, no user data", ctx(), "LOW"],
    ["internal, data loss acceptable", ctx({ acceptableFailureMode: "DATA_LOSS" }), "LOW"],
    ["internal, no failure acceptable", ctx({ acceptableFailureMode: "NONE" }), "MEDIUM"],
    ["internal with real user data", ctx({ realUserData: true }), "MEDIUM"],
    ["beta", ctx({ kind: "beta", realUserData: true }), "MEDIUM"],
    ["public without user data", ctx({ kind: "public" }), "MEDIUM"],
    ["public with real user data (seed's ~5k MAU example)", ctx({ kind: "public", realUserData: true, expectedTraffic: 5_000 }), "HIGH"],
    ["paid", ctx({ kind: "paid" }), "HIGH"],
    ["payments on a beta", ctx({ kind: "beta", payments: true }), "HIGH"],
    ["internal but 100k MAU", ctx({ expectedTraffic: 100_000 }), "HIGH"],
    ["internal at 99,999 MAU", ctx({ expectedTraffic: 99_999 }), "LOW"],
  ] as const)("%s → %s", (_, c, level) => expect(strictness(c)).toBe(level));

  it("the traffic bound is config", () => {
    expect(strictness(ctx({ expectedTraffic: 1_000 }), { highTrafficMonthlyUsers: 1_000, fixSoonMaxDays: 14 })).toBe("HIGH");
  });

  it("the context schema names the bad field", () => {
    const r = launchContextSchema.safeParse({ ...ctx(), kind: "alpha", expectedTraffic: -1, stopShipCriteria: [" "] });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join("."))).toEqual(["kind", "expectedTraffic", "stopShipCriteria.0"]);
  });
});

describe("phases (seed 001)", () => {
  it("has the nine phases in order, each with a checklist", () => {
    expect(PHASES.map((p) => p.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(PHASES.map((p) => p.id)).toEqual(["launch-context", "system-map", "code-health", "data-safety", "security", "performance", "observability", "operations", "verdict"]);
    for (const p of PHASES) expect(p.checklist.length).toBeGreaterThan(0);
    expect(PHASES[3].checklist).toContain("Are migrations reversible?");
    expect(PHASES[4].checklist).toContain("Webhook verification");
  });
});

describe("Verdict Criteria (seed 001)", () => {
  it("lists 5 Stop-Ship, 5 Fix Soon and 4 Acceptable Risk criteria with unique tags", () => {
    const count = (c: string) => VERDICT_CRITERIA.filter((v) => v.category === c).length;
    expect([count("STOP_SHIP"), count("FIX_SOON"), count("ACCEPTABLE_RISK")]).toEqual([5, 5, 4]);
    expect(new Set(VERDICT_CRITERIA.map((v) => v.tag)).size).toBe(14);
  });

  it("maps each tag to its category", () => {
    expect(categoryForTags(["unverified-financial-webhook"])).toBe("STOP_SHIP");
    expect(categoryForTags(["missing-rate-limiting"])).toBe("FIX_SOON");
    expect(categoryForTags(["cold-start-latency"])).toBe("ACCEPTABLE_RISK");
    expect(categoryForTags(["no-such-tag"])).toBeNull();
    expect(categoryForTags([])).toBeNull();
  });

  it("Stop-Ship wins over Fix Soon over Acceptable Risk, whatever the order", () => {
    expect(categoryForTags(["cold-start-latency", "observability-gap"])).toBe("FIX_SOON");
    expect(categoryForTags(["cold-start-latency", "observability-gap", " Data-Loss-Risk "])).toBe("STOP_SHIP");
  });

  it("prefillCategory: tags, then Phase 5's critical/high security default; never overrides", () => {
    expect(prefillCategory(f({ section: "security", title: "t", severity: "HIGH" }))).toBe("STOP_SHIP");
    expect(prefillCategory(f({ section: "security", title: "t", severity: "MEDIUM" }))).toBeNull();
    expect(prefillCategory(f({ section: "security", title: "t", severity: "CRITICAL", tags: ["missing-rate-limiting"] }))).toBe("STOP_SHIP");
    expect(prefillCategory(f({ section: "performance", title: "t", severity: "CRITICAL", tags: ["missing-rate-limiting"] }))).toBe("FIX_SOON");
    expect(prefillCategory(f({ section: "security", title: "t", severity: "HIGH", category: "ACCEPTABLE_RISK" }))).toBe("ACCEPTABLE_RISK");
  });
});

describe("launchVerdict and launchGate (issue 13)", () => {
  const c = (...cats: ("STOP_SHIP" | "FIX_SOON" | "ACCEPTABLE_RISK")[]) => cats.map((category) => ({ category }));
  it.each([
    [c(), "READY", "OPEN"],
    [c("ACCEPTABLE_RISK", "ACCEPTABLE_RISK"), "READY", "OPEN"],
    [c("ACCEPTABLE_RISK", "FIX_SOON"), "READY_WITH_CONDITIONS", "CONDITIONAL_PASS"],
    [c("FIX_SOON", "STOP_SHIP", "ACCEPTABLE_RISK"), "NOT_READY", "BLOCKED"],
    [c("STOP_SHIP"), "NOT_READY", "BLOCKED"],
  ] as const)("%j → %s, gate %s", (findings, verdict, gate) => {
    expect(launchVerdict(findings)).toBe(verdict);
    expect(launchGate(launchVerdict(findings))).toBe(gate);
  });
});

describe("signOffRefusals (each Fix Soon needs a timeline)", () => {
  const base = { title: "x", dueDate: null, status: "OPEN" as const };
  it("refuses a Fix Soon without a due date and an uncategorised finding; skips resolved ones", () => {
    const r = signOffRefusals([
      { ...base, title: "no ids", category: "FIX_SOON" },
      { ...base, title: "dated", category: "FIX_SOON", dueDate: "2026-12-05" },
      { ...base, title: "uncat", category: null },
      { ...base, title: "done", category: "FIX_SOON", status: "RESOLVED" },
      { ...base, title: "risk", category: "ACCEPTABLE_RISK" },
      { ...base, title: "stop", category: "STOP_SHIP" },
    ]);
    expect(r.map((x) => [x.code, x.index])).toEqual([["FIX_SOON_WITHOUT_TIMELINE", 0], ["UNCATEGORISED", 2]]);
    expect(r[0].message).toBe('Fix Soon "no ids" needs a due date before sign-off');
  });

  it("with asOf, refuses timelines beyond fixSoonMaxDays (UTC calendar days)", () => {
    const asOf = new Date("2026-12-01T23:30:00Z");
    const items = [
      { ...base, title: "14 days", category: "FIX_SOON" as const, dueDate: "2026-12-15" },
      { ...base, title: "15 days", category: "FIX_SOON" as const, dueDate: "2026-12-16" },
    ];
    expect(signOffRefusals(items, { asOf }).map((x) => x.title)).toEqual(["15 days"]);
    expect(signOffRefusals(items)).toEqual([]);
    expect(() => signOffRefusals(items, { asOf: new Date("x") })).toThrow(RangeError);
  });
});

describe("remediationPlan (seed 001 Phase 9 step 4)", () => {
  it("orders Stop-Ship first, then severity, then due date (none last), then input order; drops risks and resolved", () => {
    const plan = remediationPlan([
      f({ section: "observability", title: "fix-soon critical", severity: "CRITICAL", category: "FIX_SOON", effortDays: 2 }),
      f({ section: "security", title: "stop low", severity: "LOW", category: "STOP_SHIP", approach: "add check", effortDays: 0.5 }),
      f({ section: "security", title: "stop high undated", severity: "HIGH", category: "STOP_SHIP" }),
      f({ section: "security", title: "stop high late", severity: "HIGH", category: "STOP_SHIP", dueDate: "2026-12-20" }),
      f({ section: "security", title: "stop high early", severity: "HIGH", category: "STOP_SHIP", dueDate: "2026-12-02" }),
      f({ section: "performance", title: "risk", severity: "HIGH", category: "ACCEPTABLE_RISK" }),
      f({ section: "security", title: "resolved", severity: "CRITICAL", category: "STOP_SHIP", status: "RESOLVED" }),
      f({ section: "security", title: "uncategorised", severity: "CRITICAL" }),
    ]);
    expect(plan.items.map((i) => i.title)).toEqual(["stop high early", "stop high late", "stop high undated", "stop low", "fix-soon critical"]);
    expect(plan.items.map((i) => i.rank)).toEqual([1, 2, 3, 4, 5]);
    expect(plan.items[3]).toMatchObject({ approach: "add check", effortDays: 0.5 });
    expect(plan.totalEffortDays).toBe(2.5);
    expect(plan.itemsWithoutEstimate).toBe(3);
  });
});

describe("reportFileName (seed 001 Phase 9 step 5)", () => {
  it("uses the UTC date", () => {
    expect(reportFileName(new Date("2026-03-05T23:59:59-05:00"))).toBe("prod-audit-2026-03-06.md");
    expect(reportFileName(new Date("2026-03-05T00:00:00Z"))).toBe("prod-audit-2026-03-05.md");
    expect(() => reportFileName(new Date("nope"))).toThrow(RangeError);
  });
});
