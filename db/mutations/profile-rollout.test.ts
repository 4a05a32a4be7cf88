/**
 * Integration tests of the rollout expansion gate (db/mutations/profile-rollout.ts,
 * db/queries/profile-rollout.ts; issue 13, seed 004) on the engine under test: the first stage,
 * checkpoints, the refused and the allowed expansion, votes (one role slot per person and stage,
 * also under parallel requests), the approval document, the scorecard and the quality score.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_ROLLOUT_CONFIG, DEFAULT_SCORECARD_CONFIG } from "@/lib/profiles/config";
import type { Db } from "../handle";
import { getRolloutOverview, getRolloutVerdict } from "../queries/profile-rollout";
import type { ProfileAudit } from "../schema";
import { createTestDb, rowCounts, type TestDb } from "../testing";
import { expandRollout, generateExpansionApproval, recordCheckpoint, recordExpansionVote, recordQualityScore, recordRolloutStart, saveExpansionScorecard } from "./profile-rollout";
import { createUser } from "./users";

let t: TestDb & { operatorId: number };
let db: Db;
let operatorId: number;
let voters: number[];
let counter = 0;

// Seed 004 §1.1: 10% at Oct 23 22:00 UTC, flags set to 25% at 23:42 UTC.
const at10 = new Date("2025-10-23T22:00:00Z");
const flagsAt25 = new Date("2025-10-23T23:42:00Z");
const after48h = new Date("2025-10-25T22:05:00Z");
const ROLES = DEFAULT_ROLLOUT_CONFIG.approvers.map((a) => a.role);
const ALL_ITEMS = DEFAULT_SCORECARD_CONFIG.items.map((i) => i.id);
const TEXT = { rationale: "Stable at 10%.", metricsSummary: "p95 150 ms", securityStatus: "No open findings", riskAssessment: "Low", conditions: ["Watch cache hit rate"] };

const counts = () => rowCounts(db, "rollout_events", "expansion_votes", "expansion_scorecards", "profile_documents", "events");
const lastEvent = async () => (await db.select().from(db.tables.events).orderBy(asc(db.tables.events.id))).at(-1)!;

async function newRollout(config: Record<string, unknown> = {}): Promise<ProfileAudit> {
  const slug = `roll-${++counter}-rollout-2026-11-30`;
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(tx.tables.profileAudits).values({ slug, projectName: "roll", profile: "rollout", title: "Cache rollout", context: {}, config, createdBy: operatorId }).returning();
    return row;
  });
}
const reload = async (id: number) => (await db.select().from(db.tables.profileAudits).where(eq(db.tables.profileAudits.id, id)))[0];

/** A rollout at 10% since at10 with both 25% checkpoints complete. */
async function startedWithCheckpoints(): Promise<ProfileAudit> {
  const audit = await newRollout();
  await recordRolloutStart(db, { profileAuditId: audit.id, percentage: 10, at: at10, note: null, actorId: operatorId, now: flagsAt25 });
  for (const checkpoint of ["hour_24_checkpoint_complete", "hour_48_checkpoint_complete"]) {
    await recordCheckpoint(db, { profileAuditId: audit.id, checkpoint, at: new Date("2025-10-25T22:00:00Z"), note: "ok", actorId: operatorId, now: after48h });
  }
  return audit;
}
const vote = (audit: ProfileAudit, i: number, v: "GO" | "NO_GO", role = ROLES[i]) =>
  recordExpansionVote(db, { profileAuditId: audit.id, targetPercentage: 25, role, vote: v, rationale: `${role} says ${v}`, voterId: voters[i] });

beforeAll(async () => {
  t = await createTestDb("rollout");
  ({ db, operatorId } = t);
  voters = [];
  for (let i = 0; i < 6; i++) voters.push(await createUser(db, { email: `ap${i}@test.example`, name: `Approver ${i}`, password: "approver-test-pass", roles: ["approver"], actorId: null }));
});
afterAll(() => t.close());

describe("recordRolloutStart and recordCheckpoint", () => {
  it("records the first stage with its time and an event; the verdict is about 25%", async () => {
    const audit = await newRollout();
    expect(await getRolloutVerdict(db, audit)).toEqual({ verdict: "NOT_STARTED", gate: "BLOCKED", reasons: ["the rollout has not started: record when the 10% stage was reached"] });
    await recordRolloutStart(db, { profileAuditId: audit.id, percentage: 10, at: at10, note: "flags at 10%", actorId: operatorId, now: flagsAt25 });
    const o = await getRolloutOverview(db, audit, flagsAt25);
    expect(o.position).toMatchObject({ current: 10, reachedCurrentAt: at10, next: { percentage: 25 } });
    expect(o.verdict).toMatchObject({ verdict: "NO_GO", gate: "BLOCKED", target: 25 });
    expect(o.verdict.reasons).toContain("soak time at 10% is 1 h 42 min of the required 48 h");
    expect(await lastEvent()).toMatchObject({ auditId: null, actorId: operatorId, type: "rollout.stage_reached" });
    expect(JSON.parse((await lastEvent()).payload)).toEqual({ profileAuditId: audit.id, percentage: 10, at: at10.toISOString(), via: "start", note: "flags at 10%" });
  });

  it("refuses a later stage, a second start, a future time and a closed audit, writing nothing", async () => {
    const audit = await newRollout();
    const before = await counts();
    const start = (over: Partial<Parameters<typeof recordRolloutStart>[1]>) => recordRolloutStart(db, { profileAuditId: audit.id, percentage: 10, at: at10, note: null, actorId: operatorId, now: flagsAt25, ...over });
    await expect(start({ percentage: 25 })).rejects.toMatchObject({ code: "invalid", message: expect.stringContaining("only the first stage (10%)") });
    await expect(start({ at: new Date(flagsAt25.getTime() + 3_600_000) })).rejects.toMatchObject({ code: "invalid", message: "at: cannot be in the future." });
    expect(await counts()).toEqual(before);
    await start({});
    await expect(start({})).rejects.toMatchObject({ code: "conflict" });
    const closed = await newRollout();
    await db.transaction((tx) => tx.update(tx.tables.profileAudits).set({ closedAt: new Date() }).where(eq(tx.tables.profileAudits.id, closed.id)));
    await expect(recordRolloutStart(db, { profileAuditId: closed.id, percentage: 10, at: at10, note: null, actorId: operatorId, now: flagsAt25 })).rejects.toMatchObject({ code: "conflict", message: "The audit is closed and read-only." });
  });

  it("records a checkpoint once; refuses unknown ones, times before the start, and times before its hour", async () => {
    const audit = await newRollout();
    const cp = (checkpoint: string, at = new Date("2025-10-24T22:00:00Z")) => recordCheckpoint(db, { profileAuditId: audit.id, checkpoint, at, note: "green", actorId: operatorId, now: after48h });
    await expect(cp("hour_24_checkpoint_complete")).rejects.toMatchObject({ code: "conflict", message: expect.stringContaining("has not started") });
    await recordRolloutStart(db, { profileAuditId: audit.id, percentage: 10, at: at10, note: null, actorId: operatorId, now: flagsAt25 });
    await expect(cp("made_up")).rejects.toMatchObject({ code: "invalid", message: 'checkpoint: "made_up" is not a checkpoint of this rollout.' });
    await expect(cp("hour_24_checkpoint_complete", new Date("2025-10-23T21:00:00Z"))).rejects.toMatchObject({ code: "invalid" });
    // Seed 004 §1.1: the hour-48 checkpoint "SKIPPED, -33h early"; it is refused before its hour.
    const before = await counts();
    await expect(cp("hour_48_checkpoint_complete", new Date("2025-10-24T13:00:00Z"))).rejects.toMatchObject({
      code: "invalid",
      message: 'at: "hour_48_checkpoint_complete" is due 48 h after the rollout started, at 2025-10-25T22:00:00.000Z; it cannot be complete before then (seed 004: a checkpoint is not skipped or taken early).',
    });
    await expect(cp("hour_24_checkpoint_complete", new Date("2025-10-24T21:59:00Z"))).rejects.toMatchObject({ code: "invalid" });
    expect(await counts()).toEqual(before);
    await cp("hour_24_checkpoint_complete");
    await expect(cp("hour_24_checkpoint_complete")).rejects.toMatchObject({ code: "conflict" });
    const o = await getRolloutOverview(db, audit, after48h);
    expect(o.checkpoints[0]).toEqual({ name: "hour_24_checkpoint_complete", stage: 25, dueHours: 24, completedAt: new Date("2025-10-24T22:00:00Z"), note: "green" });
    expect(JSON.parse((await lastEvent()).payload)).toMatchObject({ checkpoint: "hour_24_checkpoint_complete", note: "green" });
  });
});

describe("expandRollout (the gate)", () => {
  it("refuses the seed's early expansion with every reason and writes nothing", async () => {
    const audit = await newRollout();
    await recordRolloutStart(db, { profileAuditId: audit.id, percentage: 10, at: at10, note: null, actorId: operatorId, now: flagsAt25 });
    const before = await counts();
    const r = await expandRollout(db, { profileAuditId: audit.id, targetPercentage: 25, note: null, actorId: operatorId, now: flagsAt25 });
    expect(r).toEqual({
      ok: false,
      reasons: [
        'required checkpoint "hour_24_checkpoint_complete" for 25% is not complete',
        'required checkpoint "hour_48_checkpoint_complete" for 25% is not complete',
        "soak time at 10% is 1 h 42 min of the required 48 h",
        "no expansion approval for 25% is recorded",
        "no expansion readiness scorecard for 25% is recorded",
      ],
    });
    expect(await counts()).toEqual(before);
    await expect(expandRollout(db, { profileAuditId: audit.id, targetPercentage: 50, note: null, actorId: operatorId, now: flagsAt25 })).rejects.toMatchObject({ code: "invalid", message: expect.stringContaining("the next stage is 25%") });
  });

  it("expands once checkpoints, soak, a GO approval and a GO scorecard are in place; parallel expansions reach 25% once", async () => {
    const audit = await startedWithCheckpoints();
    for (let i = 0; i < 5; i++) await vote(audit, i, i < 3 ? "GO" : "NO_GO");
    await saveExpansionScorecard(db, { profileAuditId: audit.id, targetPercentage: 25, met: ALL_ITEMS, actorId: operatorId, now: after48h });
    expect(await getRolloutVerdict(db, audit)).toEqual({ verdict: "GO", gate: "OPEN", reasons: [] });
    const results = await Promise.allSettled([0, 1, 2].map(() => expandRollout(db, { profileAuditId: audit.id, targetPercentage: 25, note: "go", actorId: operatorId, now: after48h })));
    const ok = results.filter((r) => r.status === "fulfilled" && r.value.ok);
    expect(ok).toHaveLength(1);
    expect(results.filter((r) => r.status === "rejected").map((r) => (r as PromiseRejectedResult).reason.code)).toEqual(["conflict", "conflict"]);
    const o = await getRolloutOverview(db, audit, after48h);
    expect(o.position).toMatchObject({ current: 25, next: { percentage: 50 } });
    expect((await db.select().from(db.tables.rolloutEvents).where(eq(db.tables.rolloutEvents.profileAuditId, audit.id))).filter((e) => e.kind === "stage_reached")).toHaveLength(2);
  });

  it("a scorecard of 70–89 points makes it GO with monitoring (CONDITIONAL_PASS), below 70 blocks", async () => {
    const audit = await startedWithCheckpoints();
    for (let i = 0; i < 5; i++) await vote(audit, i, "GO");
    await saveExpansionScorecard(db, { profileAuditId: audit.id, targetPercentage: 25, met: ALL_ITEMS.slice(0, 8), actorId: operatorId, now: after48h });
    expect(await getRolloutVerdict(db, audit)).toMatchObject({ verdict: "GO_WITH_MONITORING", gate: "CONDITIONAL_PASS" });
    const saved = await saveExpansionScorecard(db, { profileAuditId: audit.id, targetPercentage: 25, met: ALL_ITEMS.slice(0, 6), actorId: operatorId, now: after48h });
    expect(saved).toEqual({ points: 60, readiness: "NO_GO" });
    expect(await getRolloutVerdict(db, audit)).toMatchObject({ gate: "BLOCKED", reasons: ["the expansion readiness scorecard for 25% is 60 of 100 points: NO-GO (below 70)"] });
    await expect(saveExpansionScorecard(db, { profileAuditId: audit.id, targetPercentage: 25, met: ["nope"], actorId: operatorId })).rejects.toMatchObject({ code: "invalid", message: 'met: unknown scorecard item "nope".' });
  });
});

describe("recordExpansionVote (seed 004 §7.1, IMPROVEMENT 2)", () => {
  it("3 GO and 2 NO-GO → GO with the dissent visible; a role answers once; one person fills one slot", async () => {
    const audit = await startedWithCheckpoints();
    await vote(audit, 0, "GO");
    expect((await getRolloutOverview(db, audit, after48h)).decision).toMatchObject({ decision: "PENDING", goVotes: 1, missingRoles: ROLES.slice(1) });
    const before = await counts();
    await expect(vote(audit, 1, "GO", ROLES[0])).rejects.toMatchObject({ code: "conflict", message: "role: the Deployment lead slot for 25% is already answered by Approver 0." });
    await expect(vote(audit, 0, "GO", ROLES[1])).rejects.toMatchObject({ code: "conflict", message: "role: you already voted as Deployment lead for 25%; one person fills one role slot per stage." });
    await expect(vote(audit, 1, "GO", "cto")).rejects.toMatchObject({ code: "invalid" });
    await expect(recordExpansionVote(db, { profileAuditId: audit.id, targetPercentage: 25, role: ROLES[1], vote: "GO", rationale: "  ", voterId: voters[1] })).rejects.toMatchObject({ code: "invalid" });
    expect(await counts()).toEqual(before);
    await vote(audit, 1, "GO");
    await vote(audit, 2, "GO");
    await vote(audit, 3, "NO_GO");
    await vote(audit, 4, "NO_GO");
    const d = (await getRolloutOverview(db, audit, after48h)).decision!;
    expect(d).toMatchObject({ decision: "GO", goVotes: 3, noGoVotes: 2, missingRoles: [] });
    expect(d.dissent.map((v) => [v.approver, v.role, v.vote])).toEqual([["Approver 3", ROLES[3], "NO_GO"], ["Approver 4", ROLES[4], "NO_GO"]]);
    expect(JSON.parse((await lastEvent()).payload)).toEqual({ profileAuditId: audit.id, targetPercentage: 25, role: ROLES[4], vote: "NO_GO", rationale: `${ROLES[4]} says NO_GO` });
  });

  it("parallel votes by one person for two roles: exactly one lands", async () => {
    const audit = await startedWithCheckpoints();
    const results = await Promise.allSettled([vote(audit, 5, "GO", ROLES[0]), vote(audit, 5, "GO", ROLES[1]), vote(audit, 5, "NO_GO", ROLES[2])]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rows = await db.select().from(db.tables.expansionVotes).where(eq(db.tables.expansionVotes.profileAuditId, audit.id));
    expect(rows).toHaveLength(1);
  });

  it("parallel votes by two people for one role: exactly one lands", async () => {
    const audit = await startedWithCheckpoints();
    const results = await Promise.allSettled([vote(audit, 0, "GO", ROLES[3]), vote(audit, 1, "NO_GO", ROLES[3])]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect((results.find((r) => r.status === "rejected") as PromiseRejectedResult).reason.code).toBe("conflict");
  });
});

describe("generateExpansionApproval", () => {
  it("is refused while pending; then stores 25_EXPANSION_APPROVAL.md versions with the decision and dissent", async () => {
    const audit = await startedWithCheckpoints();
    for (let i = 0; i < 4; i++) await vote(audit, i, i < 2 ? "GO" : "NO_GO");
    const gen = () => generateExpansionApproval(db, { profileAuditId: audit.id, targetPercentage: 25, text: TEXT, actorId: operatorId, now: after48h });
    await expect(gen()).rejects.toMatchObject({ code: "conflict", message: "The approval for 25% is pending: Implementation readiness has not voted." });
    await vote(audit, 4, "GO");
    const first = await gen();
    const second = await gen();
    expect(first).toMatchObject({ version: 1, fileName: "25_EXPANSION_APPROVAL.md" });
    expect(second.version).toBe(2);
    const [doc] = await db.select().from(db.tables.profileDocuments).where(eq(db.tables.profileDocuments.id, first.id));
    expect(doc).toMatchObject({ kind: "approval", version: 1, fileName: "25_EXPANSION_APPROVAL.md", sha256: first.sha256 });
    expect(doc.body).toContain("**GO** (3 GO, 2 NO-GO)");
    expect(doc.body).toContain("- Approver 2 (checkpoint_reporting): NO-GO");
    expect(doc.body).toContain("- Watch cache hit rate");
    expect(doc.body).toContain("2025-10-25T22:05:00Z");
    expect((await getRolloutOverview(db, audit, after48h)).approvals.map((a) => [a.version, a.targetPercentage])).toEqual([[2, 25], [1, 25]]);
    expect(JSON.parse((await lastEvent()).payload)).toMatchObject({ targetPercentage: 25, version: 2, decision: "GO" });
  });
});

describe("recordQualityScore (issue 13: recomputed, never copied)", () => {
  const seed = JSON.parse(readFileSync(path.join("lib", "profiles", "fixtures", "seed-004-orchestration-score.json"), "utf8")) as { rows: { category: string; weight: number; score: number }[] };
  const table = seed.rows.map((r) => `${r.category}, ${r.weight}, ${r.score}`).join("\n");

  it("stores the seed 004 §11.1 table with stated 6.8 and flags the recomputed 5.475", async () => {
    const audit = await newRollout();
    const r = await recordQualityScore(db, { profileAuditId: audit.id, title: "Orchestration audit §11.1", table, stated: "6.8/10", actorId: operatorId });
    expect(r.recomputed).toBeCloseTo(5.475, 9);
    expect(r.mismatch).toBe(true);
    const [q] = (await getRolloutOverview(db, audit)).qualityScores;
    expect(q).toMatchObject({ title: "Orchestration audit §11.1", stated: 6.8, mismatch: true, rows: seed.rows.map(({ category, weight, score }) => ({ category, weight, score })) });
    expect(q.recomputed).toBeCloseTo(5.475, 9);
    expect(JSON.parse((await lastEvent()).payload)).toMatchObject({ stated: 6.8, mismatch: true });
  });

  it("bad rows → every error by row and field, nothing written", async () => {
    const audit = await newRollout();
    const before = await counts();
    await expect(recordQualityScore(db, { profileAuditId: audit.id, title: "r", table: "A, x, 1\nB, 50, y", stated: "5", actorId: operatorId })).rejects.toMatchObject({
      code: "invalid",
      message: 'weight: row 1: weight "x" is not a percentage ≥ 0; score: row 2: score "y" is not a number',
    });
    await expect(recordQualityScore(db, { profileAuditId: audit.id, title: "r", table: "A, 90, 1", stated: "5", actorId: operatorId })).rejects.toMatchObject({ message: "weight: weights must sum to 100%, not 90%" });
    expect(await counts()).toEqual(before);
  });
});

describe("config", () => {
  it("uses the audit's stored rollout config (e.g. 4 of 5 GO votes)", async () => {
    const audit = await startedWithCheckpoints();
    await db.transaction((tx) => tx.update(tx.tables.profileAudits).set({ config: { rollout: { ...DEFAULT_ROLLOUT_CONFIG, minGoVotes: 4 } } }).where(eq(tx.tables.profileAudits.id, audit.id)));
    for (let i = 0; i < 5; i++) await vote(audit, i, i < 3 ? "GO" : "NO_GO");
    expect((await getRolloutOverview(db, await reload(audit.id), after48h)).decision?.decision).toBe("NO_GO");
  });
});
