import { describe, expect, it } from "vitest";
import { DEFAULT_ROLLOUT_CONFIG, DEFAULT_SCORECARD_CONFIG } from "./config";
import { rolloutPosition, rolloutSettingsOf, rolloutVerdict, type RolloutVerdictInput } from "./rollout-state";

const settings = { rollout: DEFAULT_ROLLOUT_CONFIG, scorecard: DEFAULT_SCORECARD_CONFIG };
// Seed 004 §1.1: 10% at Oct 23 22:00 UTC; flags set to 25% at 23:42 UTC.
const at10 = new Date("2025-10-23T22:00:00Z");
const flagsAt25 = new Date("2025-10-23T23:42:00Z");
const after48h = new Date("2025-10-25T22:00:00Z");
const both = { hour_24_checkpoint_complete: true, hour_48_checkpoint_complete: true };

describe("rolloutSettingsOf", () => {
  it("gives the defaults for {} and null, reads { rollout, scorecard } and a bare rollout config", () => {
    expect(rolloutSettingsOf({})).toEqual(settings);
    expect(rolloutSettingsOf(null)).toEqual(settings);
    const custom = { ...DEFAULT_ROLLOUT_CONFIG, minGoVotes: 4 };
    expect(rolloutSettingsOf({ rollout: custom }).rollout.minGoVotes).toBe(4);
    expect(rolloutSettingsOf(custom).rollout.minGoVotes).toBe(4);
  });
  it("throws on a config that fails its schema", () => {
    expect(() => rolloutSettingsOf({ rollout: { ...DEFAULT_ROLLOUT_CONFIG, minGoVotes: 2 } })).toThrow(/majority/);
  });
});

describe("rolloutPosition", () => {
  it("before the start: 0%, next is the first stage", () => {
    const p = rolloutPosition(DEFAULT_ROLLOUT_CONFIG, []);
    expect(p).toMatchObject({ current: 0, reachedCurrentAt: null, next: { percentage: 10 } });
    expect(p.stages.map((s) => s.status)).toEqual(["next", "later", "later", "later", "later"]);
  });
  it("the highest stage reached is current; unknown percentages are ignored", () => {
    const at25 = new Date("2025-10-26T00:00:00Z");
    const p = rolloutPosition(DEFAULT_ROLLOUT_CONFIG, [{ percentage: 10, at: at10 }, { percentage: 25, at: at25 }, { percentage: 33, at: at25 }]);
    expect(p).toMatchObject({ current: 25, reachedCurrentAt: at25, next: { percentage: 50 } });
    expect(p.stages.map((s) => [s.percentage, s.status, s.reachedAt])).toEqual([[10, "passed", at10], [25, "current", at25], [50, "next", null], [75, "later", null], [100, "later", null]]);
  });
  it("after the last stage there is no next", () => {
    expect(rolloutPosition(DEFAULT_ROLLOUT_CONFIG, [{ percentage: 100, at: at10 }]).next).toBeNull();
  });
});

describe("rolloutVerdict (the next expansion's gate)", () => {
  const base = (over: Partial<RolloutVerdictInput> = {}): RolloutVerdictInput => ({
    settings,
    position: rolloutPosition(DEFAULT_ROLLOUT_CONFIG, [{ percentage: 10, at: at10 }]),
    checkpoints: both,
    approval: "GO",
    scorecardPoints: 95,
    now: after48h,
    ...over,
  });

  it("not started → NOT_STARTED, BLOCKED", () => {
    expect(rolloutVerdict(base({ position: rolloutPosition(DEFAULT_ROLLOUT_CONFIG, []) }))).toEqual({ verdict: "NOT_STARTED", gate: "BLOCKED", reasons: ["the rollout has not started: record when the 10% stage was reached"], target: null });
  });

  it("the seed's 25% expansion → NO_GO, BLOCKED, with every reason", () => {
    const v = rolloutVerdict(base({ checkpoints: { hour_24_checkpoint_complete: true }, approval: undefined, scorecardPoints: null, now: flagsAt25 }));
    expect(v).toEqual({
      verdict: "NO_GO",
      gate: "BLOCKED",
      target: 25,
      reasons: [
        'required checkpoint "hour_48_checkpoint_complete" for 25% is not complete',
        "soak time at 10% is 1 h 42 min of the required 48 h",
        "no expansion approval for 25% is recorded",
        "no expansion readiness scorecard for 25% is recorded",
      ],
    });
  });

  it("everything in place and scorecard GO → GO, OPEN", () => {
    expect(rolloutVerdict(base())).toEqual({ verdict: "GO", gate: "OPEN", reasons: [], target: 25 });
    expect(rolloutVerdict(base({ scorecardPoints: 90 })).gate).toBe("OPEN");
  });

  it("an open Stop-Ship finding holds an otherwise GO expansion: NO_GO, BLOCKED, named first", () => {
    expect(rolloutVerdict(base({ stopShipFindings: ["Cache poisoning across tenants"] }))).toEqual({ verdict: "NO_GO", gate: "BLOCKED", reasons: ['Stop-Ship finding "Cache poisoning across tenants" is open'], target: 25 });
    expect(rolloutVerdict(base({ stopShipFindings: [] }))).toMatchObject({ verdict: "GO", gate: "OPEN" });
  });

  it("scorecard 70–89 → GO_WITH_MONITORING, CONDITIONAL_PASS; below 70 → BLOCKED", () => {
    expect(rolloutVerdict(base({ scorecardPoints: 80 }))).toMatchObject({ verdict: "GO_WITH_MONITORING", gate: "CONDITIONAL_PASS", reasons: [expect.stringContaining("80 of 100 points")] });
    expect(rolloutVerdict(base({ scorecardPoints: 60 }))).toMatchObject({ verdict: "NO_GO", gate: "BLOCKED", reasons: ["the expansion readiness scorecard for 25% is 60 of 100 points: NO-GO (below 70)"] });
  });

  it("a NO-GO or pending approval blocks even with a GO scorecard", () => {
    expect(rolloutVerdict(base({ approval: "NO_GO" }))).toMatchObject({ gate: "BLOCKED", reasons: ["the expansion approval for 25% is NO-GO"] });
    expect(rolloutVerdict(base({ approval: "PENDING" })).gate).toBe("BLOCKED");
  });

  it("after the last stage → COMPLETE, OPEN", () => {
    expect(rolloutVerdict(base({ position: rolloutPosition(DEFAULT_ROLLOUT_CONFIG, [{ percentage: 100, at: at10 }]) }))).toEqual({ verdict: "COMPLETE", gate: "OPEN", reasons: [], target: null });
  });
});
