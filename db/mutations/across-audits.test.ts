/**
 * Issue 11 "Across audits" on both engines: settings edits before the draw, archive / restore,
 * and re-audits (population copied exactly, slugs suffixed, concurrent requests).
 */
import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditSettingsSchema } from "@/lib/audit-input";
import { getRunChain, listAuditReports } from "../queries/audits";
import { getAuditReport } from "../queries/report";
import { importCsv, MINIMAL_MAPPING, rowCounts, validAuditForm } from "../testing";
import { changeAssignment } from "./assignment";
import { createAudit, recordStabilityResult, setAuditArchived, updateAuditSettings, updateDecisionSettings } from "./audits";
import { drawAuditSample } from "./sample";
import { requestSignOff } from "./signoff";
import { startReaudit } from "./rerun";
import { openTeamFixture, type TeamFixture } from "./team-fixture";

let f: TeamFixture;
beforeAll(async () => {
  f = await openTeamFixture("across-audits");
});
afterAll(() => f.t.close());

const auditRow = async (id: number) => (await f.db.select().from(f.db.tables.audits).where(eq(f.db.tables.audits.id, id)))[0];
const eventsOf = async (id: number) => (await f.db.select().from(f.db.tables.events).where(eq(f.db.tables.events.auditId, id))).map((e) => ({ type: e.type, payload: JSON.parse(e.payload) }));
const settingsForm = (over: Record<string, unknown> = {}) =>
  auditSettingsSchema.parse({
    title: "Edited title",
    changeDescription: "Created by the tests.",
    riskTier: "3",
    triggerReasons: ["always.high_impact_change"],
    triggerContractVersion: "1.0",
    bulkMutationThreshold: "100",
    duplicateClusterCap: "50",
    sotQuery: "SELECT 1",
    sotStabilityQuery: "SELECT 2",
    sotExpectedResult: "2",
    consistencyModel: "strong",
    ...over,
  });

/** A finished audit: every sampled unit reviewed with `finding`. */
async function finishedAudit(finding: "PASS" | "FAIL" | "UNKNOWN"): Promise<number> {
  const auditId = await f.newAudit();
  for (const u of await f.sampled(auditId)) await f.review(u.id, finding, f.r1);
  return auditId;
}

describe("updateAuditSettings", () => {
  it("saves the changed fields before the draw, with one event listing them", async () => {
    const { id } = await createAudit(f.db, { input: validAuditForm(), actorId: f.operatorId });
    const { changed } = await updateAuditSettings(f.db, { auditId: id, input: settingsForm({ consistencyModel: "bounded_staleness", stalenessBoundSeconds: "45" }), actorId: f.operatorId });
    expect(changed.sort()).toEqual(["consistencyModel", "riskTier", "stalenessBoundSeconds", "title"]);
    expect(await auditRow(id)).toMatchObject({ title: "Edited title", riskTier: 3, consistencyModel: "bounded_staleness", stalenessBoundSeconds: 45 });
    const events = (await eventsOf(id)).filter((e) => e.type === "audit.settings_changed");
    expect(events).toEqual([{ type: "audit.settings_changed", payload: { changed: expect.objectContaining({ riskTier: { from: 2, to: 3 }, title: { from: "Test audit", to: "Edited title" } }) } }]);
  });

  it("writes nothing when nothing changed", async () => {
    const { id } = await createAudit(f.db, { input: validAuditForm({ title: "Edited title", riskTier: "3" }), actorId: f.operatorId });
    const before = await rowCounts(f.db, "events");
    expect(await updateAuditSettings(f.db, { auditId: id, input: settingsForm(), actorId: f.operatorId })).toEqual({ changed: [] });
    expect(await rowCounts(f.db, "events")).toEqual(before);
  });

  it("is refused once the sample is drawn, and nothing is written", async () => {
    const auditId = await f.newAudit();
    const before = { row: await auditRow(auditId), counts: await rowCounts(f.db, "events") };
    await expect(updateAuditSettings(f.db, { auditId, input: settingsForm(), actorId: f.operatorId })).rejects.toMatchObject({ code: "conflict", message: expect.stringMatching(/sample is drawn/) });
    expect(await auditRow(auditId)).toEqual(before.row);
    expect(await rowCounts(f.db, "events")).toEqual(before.counts);
  });

  it("is refused on an archived audit", async () => {
    const { id } = await createAudit(f.db, { input: validAuditForm(), actorId: f.operatorId });
    await setAuditArchived(f.db, { auditId: id, archived: true, actorId: f.operatorId });
    await expect(updateAuditSettings(f.db, { auditId: id, input: settingsForm(), actorId: f.operatorId })).rejects.toThrow(/archived/);
  });
});

describe("setAuditArchived", () => {
  it("archives and restores, keeping the audit whole, each with its event", async () => {
    const auditId = await f.newAudit();
    const units = await rowCounts(f.db, "units", "sample_units");
    await setAuditArchived(f.db, { auditId, archived: true, actorId: f.operatorId });
    expect((await auditRow(auditId)).archivedAt).toBeInstanceOf(Date);
    expect(await rowCounts(f.db, "units", "sample_units")).toEqual(units);
    await expect(setAuditArchived(f.db, { auditId, archived: true, actorId: f.operatorId })).rejects.toThrow(/already archived/);
    await setAuditArchived(f.db, { auditId, archived: false, actorId: f.operatorId });
    expect((await auditRow(auditId)).archivedAt).toBeNull();
    await expect(setAuditArchived(f.db, { auditId, archived: false, actorId: f.operatorId })).rejects.toThrow(/not archived/);
    expect((await eventsOf(auditId)).map((e) => e.type).filter((t) => t.startsWith("audit.") && t !== "audit.created" && t !== "audit.stability_recorded")).toEqual(["audit.archived", "audit.restored"]);
  });

  it("an archived audit is read-only until restored: every write is refused and nothing is written", async () => {
    const auditId = await f.newAudit();
    const [unit] = await f.sampled(auditId);
    const drawable = (await createAudit(f.db, { input: validAuditForm(), actorId: f.operatorId })).id;
    await importCsv(f.db, { auditId: drawable, actorId: f.operatorId, csv: "unit_key,execution_status\na,SUCCEEDED\nb,FAILED", mapping: MINIMAL_MAPPING });
    for (const id of [auditId, drawable]) await setAuditArchived(f.db, { auditId: id, archived: true, actorId: f.operatorId });
    const before = await rowCounts(f.db, "events", "review_history", "units", "sample_units", "sign_off_requests");
    const writes: [string, () => Promise<unknown>][] = [
      ["review", () => f.review(unit.id, "FAIL", f.r1)],
      ["stability", () => recordStabilityResult(f.db, { auditId, actualResult: "ok", actorId: f.operatorId })],
      ["decision settings", () => updateDecisionSettings(f.db, { auditId, confidencePercent: 99, decisionBasis: "upper_bound", actorId: f.operatorId })],
      ["assignment", () => changeAssignment(f.db, { auditId, request: { mode: "even", reviewerIds: [f.r1, f.r2] }, actorId: f.operatorId })],
      ["sign-off request", () => requestSignOff(f.db, { auditId, requestedBy: f.operatorId, approverId: f.approverId, deadline: null })],
      ["import", () => importCsv(f.db, { auditId: drawable, actorId: f.operatorId, csv: "unit_key,execution_status\nc,SUCCEEDED", mapping: MINIMAL_MAPPING })],
      ["draw", () => drawAuditSample(f.db, { auditId: drawable, actorId: f.operatorId, seed: "b0b1b2b3b4b5b6b7b8b9babbbcbdbebf" })],
    ];
    for (const [what, write] of writes) await expect(write(), what).rejects.toMatchObject({ code: "conflict", message: "The audit is archived and read-only: restore it first." });
    expect(await rowCounts(f.db, "events", "review_history", "units", "sample_units", "sign_off_requests")).toEqual(before);

    await setAuditArchived(f.db, { auditId, archived: false, actorId: f.operatorId });
    await f.review(unit.id, "PASS", f.r1);
    expect((await f.sampled(auditId))[0].finding).toBe("PASS");
  });

  it("two archive requests at once give one archive and one conflict", async () => {
    const { id } = await createAudit(f.db, { input: validAuditForm(), actorId: f.operatorId });
    const outcomes = await Promise.allSettled([1, 2, 3].map(() => setAuditArchived(f.db, { auditId: id, archived: true, actorId: f.operatorId })));
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    expect((await eventsOf(id)).filter((e) => e.type === "audit.archived")).toHaveLength(1);
  });
});

describe("startReaudit", () => {
  const unitsOf = (auditId: number) =>
    f.db
      .select({ position: f.db.tables.units.position, unitKey: f.db.tables.units.unitKey, executionStatus: f.db.tables.units.executionStatus, subgroup: f.db.tables.units.subgroup, identityKey: f.db.tables.units.identityKey, record: f.db.tables.units.record, claimDiffers: f.db.tables.units.claimDiffers })
      .from(f.db.tables.units)
      .where(eq(f.db.tables.units.auditId, auditId))
      .orderBy(asc(f.db.tables.units.position));

  it("creates a linked audit with the same settings and exactly the same units, no sample, a -r suffix when the day's slug is taken", async () => {
    const sourceId = await finishedAudit("FAIL");
    const source = await auditRow(sourceId);
    expect((await getAuditReport(f.db, { audit: source })).assessment.verdict).toBe("FAIL");
    // The day's slug is taken: by an audit created in the project that day.
    await createAudit(f.db, { input: validAuditForm({ auditDate: "2031-03-04" }), actorId: f.operatorId });
    const { id, slug } = await startReaudit(f.db, { auditId: sourceId, actorId: f.operatorId, today: "2031-03-04" });
    expect(slug).toBe("test-audit-2031-03-04-r2");
    const rerun = await auditRow(id);
    expect(rerun).toMatchObject({ rerunOf: sourceId, auditDate: "2031-03-04", projectName: source.projectName, riskTier: source.riskTier, sotQuery: source.sotQuery, consistencyModel: source.consistencyModel, stalenessBoundSeconds: source.stalenessBoundSeconds, triggerReasons: source.triggerReasons, stabilityActualResult: null, closedAt: null });
    expect(await unitsOf(id)).toEqual(await unitsOf(sourceId));
    const [srcImport, newImport] = await Promise.all([sourceId, id].map(async (a) => (await f.db.select().from(f.db.tables.populationImports).where(eq(f.db.tables.populationImports.auditId, a)))[0]));
    expect(newImport).toMatchObject({ populationChecksum: srcImport.populationChecksum, sha256: srcImport.sha256, rowCount: srcImport.rowCount, columnMapping: srcImport.columnMapping });
    const report = await getAuditReport(f.db, { audit: rerun });
    expect(report.sample).toBeNull();
    expect((await eventsOf(id)).map((e) => e.type)).toEqual(["audit.created", "audit.rerun_started"]);
  });

  it("is refused for a PASS audit, an audit still in review, and an audit already re-audited; nothing is written", async () => {
    const passId = await finishedAudit("PASS");
    const reviewingId = await f.newAudit();
    const before = await rowCounts(f.db, "audits", "units", "population_imports", "events");
    await expect(startReaudit(f.db, { auditId: passId, actorId: f.operatorId, today: "2031-04-01" })).rejects.toThrow(/FAIL or INCONCLUSIVE/);
    await expect(startReaudit(f.db, { auditId: reviewingId, actorId: f.operatorId, today: "2031-04-01" })).rejects.toThrow(/reviewed first/);
    expect(await rowCounts(f.db, "audits", "units", "population_imports", "events")).toEqual(before);
    const failId = await finishedAudit("FAIL");
    await startReaudit(f.db, { auditId: failId, actorId: f.operatorId, today: "2031-04-01" });
    await expect(startReaudit(f.db, { auditId: failId, actorId: f.operatorId, today: "2031-04-01" })).rejects.toThrow(/already re-audited/);
  });

  it("parallel requests: one re-audit per source (the others conflict), distinct slugs across sources", async () => {
    const [a, b] = [await finishedAudit("FAIL"), await finishedAudit("FAIL")];
    const before = await rowCounts(f.db, "audits", "units");
    const outcomes = await Promise.allSettled([a, a, b, b].map((auditId) => startReaudit(f.db, { auditId, actorId: f.operatorId, today: "2031-06-01" })));
    const ok = outcomes.filter((o) => o.status === "fulfilled").map((o) => (o as PromiseFulfilledResult<{ slug: string }>).value.slug);
    expect(ok.sort()).toEqual(["test-audit-2031-06-01", "test-audit-2031-06-01-r2"]);
    for (const o of outcomes.filter((o) => o.status === "rejected")) expect((o as PromiseRejectedResult).reason).toMatchObject({ code: "conflict" });
    const after = await rowCounts(f.db, "audits", "units");
    expect(after.audits).toBe(before.audits + 2);
    expect(after.units).toBe(before.units + 120);
  });
});

describe("listing and chains", () => {
  it("hides archived audits unless asked, and filters by stage", async () => {
    const { id } = await createAudit(f.db, { input: validAuditForm({ projectName: "listing" }), actorId: f.operatorId });
    const { id: other } = await createAudit(f.db, { input: validAuditForm({ projectName: "listing" }), actorId: f.operatorId });
    await setAuditArchived(f.db, { auditId: id, archived: true, actorId: f.operatorId });
    const ids = async (o: { includeArchived?: boolean; stage?: "preflight" | "review" }) => (await listAuditReports(f.db, { page: 1, pageSize: 10, projects: ["listing"], ...o })).rows.map((r) => r.audit.id);
    expect(await ids({})).toEqual([other]);
    expect((await ids({ includeArchived: true })).sort()).toEqual([id, other].sort());
    expect(await ids({ stage: "preflight" })).toEqual([other]);
    expect(await ids({ stage: "review" })).toEqual([]);
    const reviewing = await f.newAudit();
    const inReview = await listAuditReports(f.db, { page: 1, pageSize: 50, projects: "all", stage: "review" });
    expect(inReview.rows.map((r) => r.audit.id)).toContain(reviewing);
    expect(inReview.total).toBe(inReview.rows.length);
  });

  it("walks the chain of runs from any run", async () => {
    const first = await finishedAudit("FAIL");
    const second = await startReaudit(f.db, { auditId: first, actorId: f.operatorId, today: "2031-07-01" });
    const chainFromFirst = (await getRunChain(f.db, { audit: await auditRow(first) })).map((r) => r.audit.id);
    const chainFromSecond = (await getRunChain(f.db, { audit: await auditRow(second.id) })).map((r) => r.audit.id);
    expect(chainFromFirst).toEqual([first, second.id]);
    expect(chainFromSecond).toEqual([first, second.id]);
  });
});
