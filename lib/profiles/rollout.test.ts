import { describe, expect, it } from "vitest";
import { DEFAULT_ROLLOUT_CONFIG, rolloutConfigSchema } from "./config";
import { canExpandRollout, expansionApprovalFileName, expansionDecision, formatDuration, type Vote } from "./rollout";

// Seed 004 §1.1: 10% rollout at Oct 23 22:00 UTC, flags set to 25% at 23:42 UTC.
const at10 = new Date("2025-10-23T22:00:00Z");
const flagsAt25 = new Date("2025-10-23T23:42:00Z");
const hour48 = new Date("2025-10-25T22:00:00Z");
const bothCheckpoints = { hour_24_checkpoint_complete: true, hour_48_checkpoint_complete: true };

describe("canExpandRollout (seed 004 §7.2 can_expand_rollout, §9.2 IMPROVEMENT 1)", () => {
  it("refuses the seed's 25% expansion: hour-48 checkpoint skipped, 1 h 42 min of 48 h soak, no approval", () => {
    const r = canExpandRollout({ current: 10, target: 25, checkpoints: { hour_24_checkpoint_complete: true }, reachedCurrentAt: at10, now: flagsAt25 });
    expect(r).toEqual({
      allowed: false,
      reasons: [
        'required checkpoint "hour_48_checkpoint_complete" for 25% is not complete',
        "soak time at 10% is 1 h 42 min of the required 48 h",
        "no expansion approval for 25% is recorded",
      ],
    });
  });

  it("refuses on soak time alone (1.7 h vs 48 h) when everything else is in place", () => {
    const r = canExpandRollout({ current: 10, target: 25, checkpoints: bothCheckpoints, reachedCurrentAt: at10, now: flagsAt25, approval: "GO" });
    expect(r).toEqual({ allowed: false, reasons: ["soak time at 10% is 1 h 42 min of the required 48 h"] });
  });

  it("refuses on the missing hour-48 checkpoint alone after 48 h", () => {
    const r = canExpandRollout({ current: 10, target: 25, checkpoints: { hour_24_checkpoint_complete: true, hour_48_checkpoint_complete: false }, reachedCurrentAt: at10, now: hour48, approval: "GO" });
    expect(r).toEqual({ allowed: false, reasons: ['required checkpoint "hour_48_checkpoint_complete" for 25% is not complete'] });
  });

  it("allows exactly at the soak bound with checkpoints and a GO", () => {
    expect(canExpandRollout({ current: 10, target: 25, checkpoints: bothCheckpoints, reachedCurrentAt: at10, now: hour48, approval: "GO" })).toEqual({ allowed: true });
    const oneMsShort = new Date(hour48.getTime() - 1);
    expect(canExpandRollout({ current: 10, target: 25, checkpoints: bothCheckpoints, reachedCurrentAt: at10, now: oneMsShort, approval: "GO" })).toEqual({
      allowed: false,
      reasons: ["soak time at 10% is 47 h 59 min of the required 48 h"],
    });
  });

  it("refuses while the approval is pending or NO-GO", () => {
    const base = { current: 10, target: 25, checkpoints: bothCheckpoints, reachedCurrentAt: at10, now: hour48 };
    expect(canExpandRollout({ ...base, approval: "PENDING" })).toEqual({ allowed: false, reasons: ["the expansion approval for 25% is pending: not every approver has voted"] });
    expect(canExpandRollout({ ...base, approval: "NO_GO" })).toEqual({ allowed: false, reasons: ["the expansion approval for 25% is NO-GO"] });
    const noApprovalNeeded = { ...DEFAULT_ROLLOUT_CONFIG, requireApproval: false };
    expect(canExpandRollout({ ...base, config: noApprovalNeeded })).toEqual({ allowed: true });
  });

  it("uses each stage's soak time: 24 h at 25% before 50% (seed 11.4: only 0.5 h at 25%)", () => {
    const at25 = new Date("2025-10-23T23:45:00Z");
    const r = canExpandRollout({ current: 25, target: 50, checkpoints: { day_3_checkpoint_complete: true }, reachedCurrentAt: at25, now: new Date("2025-10-24T00:15:00Z"), approval: "GO" });
    expect(r).toEqual({ allowed: false, reasons: ["soak time at 25% is 30 min of the required 24 h"] });
  });

  it("refuses skipping a stage and requires the skipped stage's checkpoints too", () => {
    const r = canExpandRollout({ current: 10, target: 50, checkpoints: { day_3_checkpoint_complete: true }, reachedCurrentAt: at10, now: new Date("2025-11-01T00:00:00Z"), approval: "GO" });
    expect(r.allowed).toBe(false);
    if (r.allowed) return;
    expect(r.reasons).toEqual([
      "expanding from 10% to 50% skips the 25% stage",
      'required checkpoint "hour_24_checkpoint_complete" for 25% is not complete',
      'required checkpoint "hour_48_checkpoint_complete" for 25% is not complete',
    ]);
  });

  it("the first stage needs no soak time", () => {
    expect(canExpandRollout({ current: 0, target: 10, checkpoints: {}, reachedCurrentAt: at10, now: at10, approval: "GO" })).toEqual({ allowed: true });
  });

  it("throws RangeError on bad input", () => {
    const base = { checkpoints: {}, reachedCurrentAt: at10, now: hour48 };
    expect(() => canExpandRollout({ ...base, current: 10, target: 30 })).toThrow(/30% is not a rollout stage/);
    expect(() => canExpandRollout({ ...base, current: 15, target: 25 })).toThrow(/current 15%/);
    expect(() => canExpandRollout({ ...base, current: 25, target: 25 })).toThrow(/must be above/);
    expect(() => canExpandRollout({ ...base, current: 25, target: 10 })).toThrow(RangeError);
    expect(() => canExpandRollout({ ...base, current: 10, target: 25, now: new Date("nope") })).toThrow(/now is not a valid date/);
    expect(() => canExpandRollout({ ...base, current: 10, target: 25, now: new Date(at10.getTime() - 1) })).toThrow(/before/);
  });
});

describe("formatDuration", () => {
  it.each([[0, "0 min"], [59_999, "0 min"], [60_000, "1 min"], [3_600_000, "1 h"], [6_120_000, "1 h 42 min"], [172_800_000, "48 h"], [-5, "0 min"]])("%s ms → %s", (ms, s) =>
    expect(formatDuration(ms)).toBe(s),
  );
});

const vote = (role: string, v: "GO" | "NO_GO", rationale = "metrics stable for 48 h"): Vote => ({ role, approver: role.split("_")[0], vote: v, rationale });
const roles = DEFAULT_ROLLOUT_CONFIG.approvers.map((a) => a.role);

describe("expansionDecision (seed 004 §7.1, IMPROVEMENT 2; issue 13 majority 3 of 5)", () => {
  it("has the seed's five approver roles", () => {
    expect(roles).toEqual(["deployment_lead", "metrics_validation", "checkpoint_reporting", "security_review", "implementation_readiness"]);
  });

  it("is PENDING until every role voted, even when GO already has a majority", () => {
    const r = expansionDecision(roles.slice(0, 4).map((r) => vote(r, "GO")));
    expect(r.decision).toBe("PENDING");
    expect(r.missingRoles).toEqual(["implementation_readiness"]);
    expect(expansionDecision([]).missingRoles).toEqual(roles);
  });

  it("is GO with 3 of 5 and lists the two dissenters", () => {
    const votes = [vote(roles[0], "GO"), vote(roles[1], "NO_GO", "p95 not validated"), vote(roles[2], "GO"), vote(roles[3], "NO_GO", "no security re-validation"), vote(roles[4], "GO")];
    const r = expansionDecision(votes);
    expect(r).toMatchObject({ decision: "GO", goVotes: 3, noGoVotes: 2, missingRoles: [] });
    expect(r.dissent.map((v) => v.role)).toEqual(["metrics_validation", "security_review"]);
  });

  it("is NO_GO with 2 of 5 GO, and the GO voters are the dissent", () => {
    const votes = roles.map((r, i) => vote(r, i < 2 ? "GO" : "NO_GO"));
    const r = expansionDecision(votes);
    expect(r.decision).toBe("NO_GO");
    expect(r.dissent.map((v) => v.role)).toEqual(roles.slice(0, 2));
  });

  it("is GO when unanimous with no dissent", () => {
    expect(expansionDecision(roles.map((r) => vote(r, "GO")))).toMatchObject({ decision: "GO", dissent: [] });
  });

  it("follows a configured threshold (all 5 required)", () => {
    const strict = rolloutConfigSchema.parse({ ...DEFAULT_ROLLOUT_CONFIG, minGoVotes: 5 });
    expect(expansionDecision(roles.map((r, i) => vote(r, i < 4 ? "GO" : "NO_GO")), strict).decision).toBe("NO_GO");
  });

  it("rejects unknown roles, double votes, bad votes and missing rationale", () => {
    expect(() => expansionDecision([vote("marketing", "GO")])).toThrow(/unknown approver role "marketing"/);
    expect(() => expansionDecision([vote(roles[0], "GO"), vote(roles[0], "NO_GO")])).toThrow(/voted twice/);
    expect(() => expansionDecision([{ ...vote(roles[0], "GO"), vote: "MAYBE" as "GO" }])).toThrow(/GO or NO_GO/);
    expect(() => expansionDecision([vote(roles[0], "GO", "  ")])).toThrow(/rationale is required/);
    expect(() => expansionDecision([{ ...vote(roles[0], "GO"), approver: "" }])).toThrow(/name is required/);
  });
});

describe("rollout config schema", () => {
  it("accepts the defaults and rejects a non-majority threshold, unordered stages and duplicate roles", () => {
    expect(rolloutConfigSchema.safeParse(DEFAULT_ROLLOUT_CONFIG).success).toBe(true);
    expect(rolloutConfigSchema.safeParse({ ...DEFAULT_ROLLOUT_CONFIG, minGoVotes: 2 }).success).toBe(false);
    expect(rolloutConfigSchema.safeParse({ ...DEFAULT_ROLLOUT_CONFIG, minGoVotes: 6 }).success).toBe(false);
    expect(rolloutConfigSchema.safeParse({ ...DEFAULT_ROLLOUT_CONFIG, stages: [...DEFAULT_ROLLOUT_CONFIG.stages].reverse() }).success).toBe(false);
    expect(rolloutConfigSchema.safeParse({ ...DEFAULT_ROLLOUT_CONFIG, approvers: [...DEFAULT_ROLLOUT_CONFIG.approvers, DEFAULT_ROLLOUT_CONFIG.approvers[0]] }).success).toBe(false);
  });

  it("defaults are frozen", () => {
    expect(Object.isFrozen(DEFAULT_ROLLOUT_CONFIG.stages[1].requiredCheckpoints)).toBe(true);
  });
});

describe("expansionApprovalFileName (seed 004 §7.1 approval_format)", () => {
  it("names the document after the target percentage", () => {
    expect(expansionApprovalFileName(25)).toBe("25_EXPANSION_APPROVAL.md");
    expect(expansionApprovalFileName(100)).toBe("100_EXPANSION_APPROVAL.md");
    expect(() => expansionApprovalFileName(0)).toThrow(RangeError);
    expect(() => expansionApprovalFileName(12.5)).toThrow(RangeError);
  });
});
