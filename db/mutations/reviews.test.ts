/**
 * Integration tests of saving reviews (db/mutations/reviews.ts) against a real temporary SQLite
 * database: every change is kept in review_history, the latest one is the current review.
 */
import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reviewSchema } from "@/lib/review-input";
import type { Db } from "../client";
import { events, reviewHistory, sampleUnits } from "../schema";
import { createTestDb, importCsv, rowCounts, validAuditForm } from "../testing";
import { createAudit, recordStabilityResult } from "./audits";
import { saveReview } from "./reviews";
import { drawAuditSample } from "./sample";
import { createUser } from "./users";

let db: Db;
let close: () => void;
let operatorId: number;
let reviewerId: number;
let otherReviewerId: number;
let auditId: number;

const history = (sampleUnitId: number) => db.select().from(reviewHistory).where(eq(reviewHistory.sampleUnitId, sampleUnitId)).orderBy(asc(reviewHistory.id)).all();
const current = (sampleUnitId: number) => db.select().from(sampleUnits).where(eq(sampleUnits.id, sampleUnitId)).get()!;
const counts = () => ({
  ...rowCounts(db, "review_history", "events"),
  reviewed: (db.$client.prepare("SELECT count(*) AS n FROM sample_units WHERE finding IS NOT NULL").get() as { n: number }).n,
});

beforeAll(async () => {
  ({ db, operatorId, close } = await createTestDb("reviews"));
  reviewerId = await createUser(db, { email: "reviewer@test.example", name: "Rev", password: "reviewer-test-pass", roles: ["reviewer"], actorId: null });
  otherReviewerId = await createUser(db, { email: "reviewer2@test.example", name: "Rev2", password: "reviewer-test-pass", roles: ["reviewer"], actorId: null });
  const form = validAuditForm({ riskTier: "1", sotExpectedResult: "ok", consistencyModel: "bounded_staleness", stalenessBoundSeconds: "30" });
  auditId = createAudit(db, form, operatorId).id;
  const csv = ["unit_key,execution_status", ...Array.from({ length: 40 }, (_, i) => `u${i},${i % 10 === 0 ? "FAILED" : "SUCCEEDED"}`)].join("\n");
  await importCsv(db, { auditId, actorId: operatorId, csv });
  recordStabilityResult(db, auditId, "ok", operatorId);
  drawAuditSample(db, { auditId, actorId: operatorId, seed: "a0a1a2a3a4a5a6a7a8a9aaabacadaeaf" });
});

afterAll(() => close());

describe("saveReview", () => {
  it("keeps every change in review_history and makes the latest the current review", () => {
    const [first, second] = db.select().from(sampleUnits).where(eq(sampleUnits.auditId, auditId)).orderBy(asc(sampleUnits.position)).all();
    expect(first.finding).toBeNull();

    saveReview(db, reviewSchema.parse({ sampleUnitId: String(first.id), finding: "UNKNOWN", note: "  waiting for SoT access  " }), reviewerId);
    saveReview(db, reviewSchema.parse({ sampleUnitId: first.id, finding: "FAIL", criticalKind: "save_not_persisted", remediationOwner: "billing-team", note: "row missing" }), reviewerId);
    saveReview(db, reviewSchema.parse({ sampleUnitId: first.id, finding: "PASS", falsePositive: "on", criticalKind: "", remediationOwner: "" }), otherReviewerId);

    const rows = history(first.id);
    expect(rows.map((r) => [r.finding, r.criticalKind, r.falsePositive, r.remediationOwner, r.note, r.reviewedBy])).toEqual([
      ["UNKNOWN", null, false, null, "waiting for SoT access", reviewerId],
      ["FAIL", "save_not_persisted", false, "billing-team", "row missing", reviewerId],
      ["PASS", null, true, null, null, otherReviewerId],
    ]);

    const now = current(first.id);
    expect(now).toMatchObject({ finding: "PASS", criticalKind: null, falsePositive: true, remediationOwner: null, note: null, reviewedBy: otherReviewerId });
    expect(now.reviewedAt).toBeInstanceOf(Date);
    expect(Math.abs(now.reviewedAt!.getTime() - Date.now())).toBeLessThan(60_000);
    // Only the sample unit's review fields changed.
    expect({ ...now, finding: null, falsePositive: false, reviewedBy: null, reviewedAt: null }).toEqual({ ...first });

    // Other sampled units are untouched.
    expect(current(second.id)).toEqual(second);
    expect(history(second.id)).toEqual([]);
  });

  it("logs one review.saved event per save, with the saved values", () => {
    const su = db.select().from(sampleUnits).where(eq(sampleUnits.auditId, auditId)).orderBy(asc(sampleUnits.position)).all()[2];
    const before = db.select().from(events).all().length;
    saveReview(db, reviewSchema.parse({ sampleUnitId: su.id, finding: "FAIL", remediationOwner: "ops" }), reviewerId);
    const logged = db.select().from(events).orderBy(asc(events.id)).all();
    expect(logged).toHaveLength(before + 1);
    const last = logged.at(-1)!;
    expect(last).toMatchObject({ auditId, actorId: reviewerId, type: "review.saved" });
    expect(JSON.parse(last.payload)).toEqual({ sampleUnitId: su.id, finding: "FAIL", criticalKind: null, falsePositive: false, remediationOwner: "ops", note: null });
  });

  it("refuses an unknown sampled unit and writes nothing", () => {
    const before = counts();
    expect(() => saveReview(db, reviewSchema.parse({ sampleUnitId: 999_999, finding: "PASS" }), reviewerId)).toThrow(expect.objectContaining({ code: "not_found" }));
    expect(counts()).toEqual(before);
  });

  it("a failing write leaves neither history nor current review (one transaction)", () => {
    const su = db.select().from(sampleUnits).where(eq(sampleUnits.auditId, auditId)).orderBy(asc(sampleUnits.position)).all()[3];
    const before = counts();
    // reviewed_by references users: an unknown reviewer fails the foreign key inside the transaction.
    expect(() => saveReview(db, reviewSchema.parse({ sampleUnitId: su.id, finding: "PASS" }), 424_242)).toThrow(/FOREIGN KEY/);
    expect(counts()).toEqual(before);
    expect(current(su.id)).toEqual(su);
  });
});
