import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/server/errors";
import type { Db } from "../client";
import { audits, events } from "../schema";
import { createTestDb, rowCounts, type TestDb, validAuditForm } from "../testing";
import { createAudit, recordStabilityResult } from "./audits";

let t: TestDb & { operatorId: number };
let db: Db;

beforeAll(async () => {
  t = await createTestDb("audits");
  db = t.db;
});
afterAll(() => t.close());

describe("createAudit", () => {
  it("stores the audit under its slug with an audit.created event", () => {
    const form = validAuditForm({ projectName: "billing-migration", auditDate: "2026-05-10" });
    const { id, slug } = createAudit(db, form, t.operatorId);
    expect(slug).toBe("billing-migration-2026-05-10");
    const row = db.select().from(audits).where(eq(audits.id, id)).get()!;
    expect(row).toMatchObject({ riskTier: form.riskTier, duplicateClusterCap: form.duplicateClusterCap, stabilityActualResult: null });
    const event = db.select().from(events).where(eq(events.auditId, id)).get()!;
    expect(event.type).toBe("audit.created");
  });

  it("refuses a taken slug with a conflict and writes nothing", () => {
    const form = validAuditForm({ projectName: "dup-check", auditDate: "2026-05-11" });
    createAudit(db, form, t.operatorId);
    const before = rowCounts(db, "audits", "events");
    expect(() => createAudit(db, form, t.operatorId)).toThrow(AppError);
    expect(() => createAudit(db, form, t.operatorId)).toThrow(/already exists/);
    expect(rowCounts(db, "audits", "events")).toEqual(before);
  });
});

describe("recordStabilityResult", () => {
  it("passes only when the actual result equals the expected one, and keeps the latest result", () => {
    const { id } = createAudit(db, validAuditForm({ sotExpectedResult: "2" }), t.operatorId);
    expect(recordStabilityResult(db, id, "3", t.operatorId)).toEqual({ passed: false });
    expect(db.select().from(audits).where(eq(audits.id, id)).get()!.stabilityActualResult).toBe("3");
    expect(recordStabilityResult(db, id, " 2 ", t.operatorId)).toEqual({ passed: true });
    expect(db.select().from(audits).where(eq(audits.id, id)).get()!.stabilityActualResult).toBe(" 2 ");
  });

  it("cannot unblock an eventual-consistency audit", () => {
    const { id } = createAudit(db, validAuditForm({ consistencyModel: "eventual" }), t.operatorId);
    const before = rowCounts(db, "events");
    expect(() => recordStabilityResult(db, id, "2", t.operatorId)).toThrow(/consistency model/);
    expect(rowCounts(db, "events")).toEqual(before);
  });

  it("refuses an unknown audit", () => {
    expect(() => recordStabilityResult(db, 999_999, "2", t.operatorId)).toThrow(/not found/);
  });
});
