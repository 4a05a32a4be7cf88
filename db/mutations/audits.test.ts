import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/server/errors";
import type { Db } from "../handle";
import { createTestDb, rowCounts, type TestDb, validAuditForm } from "../testing";
import { createAudit, recordStabilityResult } from "./audits";

let t: TestDb & { operatorId: number };
let db: Db;

beforeAll(async () => {
  t = await createTestDb("audits");
  db = t.db;
});
afterAll(() => t.close());

const auditRow = async (id: number) => (await db.select().from(db.tables.audits).where(eq(db.tables.audits.id, id)))[0];

describe("createAudit", () => {
  it("stores the audit under its slug with an audit.created event", async () => {
    const form = validAuditForm({ projectName: "billing-migration", auditDate: "2026-05-10" });
    const { id, slug } = await createAudit(db, { input: form, actorId: t.operatorId });
    expect(slug).toBe("billing-migration-2026-05-10");
    expect(await auditRow(id)).toMatchObject({ riskTier: form.riskTier, duplicateClusterCap: form.duplicateClusterCap, stabilityActualResult: null, triggerReasons: form.triggerReasons });
    const [event] = await db.select().from(db.tables.events).where(eq(db.tables.events.auditId, id));
    expect(event.type).toBe("audit.created");
  });

  it("refuses a taken slug with a conflict and writes nothing", async () => {
    const form = validAuditForm({ projectName: "dup-check", auditDate: "2026-05-11" });
    await createAudit(db, { input: form, actorId: t.operatorId });
    const before = await rowCounts(db, "audits", "events");
    await expect(createAudit(db, { input: form, actorId: t.operatorId })).rejects.toThrow(AppError);
    await expect(createAudit(db, { input: form, actorId: t.operatorId })).rejects.toThrow(/already exists/);
    expect(await rowCounts(db, "audits", "events")).toEqual(before);
  });

  it("two requests creating the same slug at once give one audit and one conflict", async () => {
    const form = validAuditForm({ projectName: "race-check", auditDate: "2026-05-12" });
    const before = await rowCounts(db, "audits", "events");
    const outcomes = await Promise.allSettled(Array.from({ length: 4 }, () => createAudit(db, { input: form, actorId: t.operatorId })));
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    for (const o of outcomes.filter((o) => o.status === "rejected")) expect((o as PromiseRejectedResult).reason).toMatchObject({ code: "conflict" });
    const after = await rowCounts(db, "audits", "events");
    // audit.created, and project.created for the audit's new project "race-check".
    expect(after).toEqual({ audits: before.audits + 1, events: before.events + 2 });
  });
});

describe("recordStabilityResult", () => {
  it("passes only when the actual result equals the expected one, and keeps the latest result", async () => {
    const { id } = await createAudit(db, { input: validAuditForm({ sotExpectedResult: "2" }), actorId: t.operatorId });
    expect(await recordStabilityResult(db, { auditId: id, actualResult: "3", actorId: t.operatorId })).toEqual({ passed: false });
    expect((await auditRow(id)).stabilityActualResult).toBe("3");
    expect(await recordStabilityResult(db, { auditId: id, actualResult: " 2 ", actorId: t.operatorId })).toEqual({ passed: true });
    expect((await auditRow(id)).stabilityActualResult).toBe(" 2 ");
  });

  it("keeps every attempt, failed ones included, in the event log", async () => {
    const { id } = await createAudit(db, { input: validAuditForm({ sotExpectedResult: "2" }), actorId: t.operatorId });
    await recordStabilityResult(db, { auditId: id, actualResult: "0", actorId: t.operatorId });
    await recordStabilityResult(db, { auditId: id, actualResult: "2", actorId: t.operatorId });
    const rows = await db.select().from(db.tables.events).where(eq(db.tables.events.auditId, id));
    expect(rows.filter((r) => r.type === "audit.stability_recorded").map((r) => JSON.parse(r.payload))).toEqual([
      { passed: false, actualResult: "0" },
      { passed: true, actualResult: "2" },
    ]);
  });

  it("cannot unblock an eventual-consistency audit", async () => {
    const { id } = await createAudit(db, { input: validAuditForm({ consistencyModel: "eventual" }), actorId: t.operatorId });
    const before = await rowCounts(db, "events");
    await expect(recordStabilityResult(db, { auditId: id, actualResult: "2", actorId: t.operatorId })).rejects.toThrow(/consistency model/);
    expect(await rowCounts(db, "events")).toEqual(before);
  });

  it("refuses an unknown audit", async () => {
    await expect(recordStabilityResult(db, { auditId: 999_999, actualResult: "2", actorId: t.operatorId })).rejects.toThrow(/not found/);
  });
});
