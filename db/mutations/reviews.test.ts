/**
 * Integration tests of saving reviews (db/mutations/reviews.ts) against a real temporary database
 * (SQLite or PostgreSQL): every change is kept in review_history, the latest one is the current
 * review, and a save from a stale page (older revision) is refused (issue 11).
 */
import { and, asc, count, eq, isNotNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reviewSchema } from "@/lib/review-input";
import type { Db } from "../handle";
import { openDatabase } from "../open";
import { createTestDb, importCsv, rowCounts, type TestDb, validAuditForm } from "../testing";
import { createAudit, recordStabilityResult } from "./audits";
import { saveReview } from "./reviews";
import { drawAuditSample } from "./sample";
import { createUser } from "./users";

let t: TestDb & { operatorId: number };
let db: Db;
let operatorId: number;
let reviewerId: number;
let otherReviewerId: number;
let auditId: number;

const history = (sampleUnitId: number) => {
  const { reviewHistory } = db.tables;
  return db.select().from(reviewHistory).where(eq(reviewHistory.sampleUnitId, sampleUnitId)).orderBy(asc(reviewHistory.id));
};
const current = async (sampleUnitId: number) => (await db.select().from(db.tables.sampleUnits).where(eq(db.tables.sampleUnits.id, sampleUnitId)))[0];
const sampled = () => db.select().from(db.tables.sampleUnits).where(eq(db.tables.sampleUnits.auditId, auditId)).orderBy(asc(db.tables.sampleUnits.position));
const counts = async () => {
  const { sampleUnits } = db.tables;
  const [{ reviewed }] = await db.select({ reviewed: count() }).from(sampleUnits).where(and(eq(sampleUnits.auditId, auditId), isNotNull(sampleUnits.finding)));
  return { ...(await rowCounts(db, "review_history", "events")), reviewed };
};
const save = (input: Record<string, unknown>, actorId: number, expectedRevision?: number, handle: Db = db) =>
  saveReview(handle, { review: reviewSchema.parse(input), actorId, expectedRevision });

beforeAll(async () => {
  t = await createTestDb("reviews");
  ({ db, operatorId } = t);
  reviewerId = await createUser(db, { email: "reviewer@test.example", name: "Rev", password: "reviewer-test-pass", roles: ["reviewer"], actorId: null });
  otherReviewerId = await createUser(db, { email: "reviewer2@test.example", name: "Rev2", password: "reviewer-test-pass", roles: ["reviewer"], actorId: null });
  const form = validAuditForm({ riskTier: "1", sotExpectedResult: "ok", consistencyModel: "bounded_staleness", stalenessBoundSeconds: "30" });
  auditId = (await createAudit(db, { input: form, actorId: operatorId })).id;
  const csv = ["unit_key,execution_status", ...Array.from({ length: 40 }, (_, i) => `u${i},${i % 10 === 0 ? "FAILED" : "SUCCEEDED"}`)].join("\n");
  await importCsv(db, { auditId, actorId: operatorId, csv });
  await recordStabilityResult(db, { auditId, actualResult: "ok", actorId: operatorId });
  await drawAuditSample(db, { auditId, actorId: operatorId, seed: "a0a1a2a3a4a5a6a7a8a9aaabacadaeaf" });
});

afterAll(() => t.close());

describe("saveReview", () => {
  it("keeps every change in review_history and makes the latest the current review", async () => {
    const [first, second] = await sampled();
    expect(first.finding).toBeNull();

    await save({ sampleUnitId: String(first.id), finding: "UNKNOWN", note: "  waiting for SoT access  " }, reviewerId);
    await save({ sampleUnitId: first.id, finding: "FAIL", criticalKind: "save_not_persisted", remediationOwner: "billing-team", note: "row missing" }, reviewerId);
    await save({ sampleUnitId: first.id, finding: "PASS", falsePositive: "on", criticalKind: "", remediationOwner: "" }, otherReviewerId);

    const rows = await history(first.id);
    expect(rows.map((r) => [r.finding, r.criticalKind, r.falsePositive, r.remediationOwner, r.note, r.reviewedBy])).toEqual([
      ["UNKNOWN", null, false, null, "waiting for SoT access", reviewerId],
      ["FAIL", "save_not_persisted", false, "billing-team", "row missing", reviewerId],
      ["PASS", null, true, null, null, otherReviewerId],
    ]);

    const now = await current(first.id);
    expect(now).toMatchObject({ finding: "PASS", criticalKind: null, falsePositive: true, remediationOwner: null, note: null, reviewedBy: otherReviewerId });
    expect(now.reviewedAt).toBeInstanceOf(Date);
    expect(Math.abs(now.reviewedAt!.getTime() - Date.now())).toBeLessThan(60_000);
    // Only the sample unit's review fields changed, and its revision counts the three saves.
    expect(now.revision).toBe(3);
    expect({ ...now, finding: null, falsePositive: false, reviewedBy: null, reviewedAt: null, revision: 0 }).toEqual({ ...first });

    // Other sampled units are untouched.
    expect(await current(second.id)).toEqual(second);
    expect(await history(second.id)).toEqual([]);
  });

  it("logs one review.saved event per save, with the saved values", async () => {
    const su = (await sampled())[2];
    const { events } = db.tables;
    const before = (await db.select().from(events)).length;
    await save({ sampleUnitId: su.id, finding: "FAIL", remediationOwner: "ops" }, reviewerId);
    const logged = await db.select().from(events).orderBy(asc(events.id));
    expect(logged).toHaveLength(before + 1);
    const last = logged.at(-1)!;
    expect(last).toMatchObject({ auditId, actorId: reviewerId, type: "review.saved" });
    expect(JSON.parse(last.payload)).toEqual({ sampleUnitId: su.id, finding: "FAIL", criticalKind: null, falsePositive: false, remediationOwner: "ops", note: null });
  });

  it("refuses an unknown sampled unit and writes nothing", async () => {
    const before = await counts();
    await expect(save({ sampleUnitId: 999_999, finding: "PASS" }, reviewerId)).rejects.toMatchObject({ code: "not_found" });
    expect(await counts()).toEqual(before);
  });

  it("a failing write leaves neither history nor current review (one transaction)", async () => {
    const su = (await sampled())[3];
    const before = await counts();
    // reviewed_by references users: an unknown reviewer fails the foreign key inside the transaction.
    const failure = await save({ sampleUnitId: su.id, finding: "PASS" }, 424_242).then(
      () => null,
      (e: Error & { code?: string; cause?: { code?: string } }) => e,
    );
    // better-sqlite3 throws its own error; node-postgres' comes wrapped by drizzle as the cause.
    expect(["SQLITE_CONSTRAINT_FOREIGNKEY", "23503"]).toContain(failure?.code ?? failure?.cause?.code);
    expect(await counts()).toEqual(before);
    expect(await current(su.id)).toEqual(su);
  });

  it("ten saves on different units at once all land, each with its history row and event", async () => {
    const units = (await sampled()).slice(5, 15);
    expect(units).toHaveLength(10);
    const before = await counts();
    await Promise.all(units.map((su, i) => save({ sampleUnitId: su.id, finding: i % 2 ? "PASS" : "UNKNOWN" }, i % 2 ? reviewerId : otherReviewerId)));
    expect(await counts()).toEqual({ review_history: before.review_history + 10, events: before.events + 10, reviewed: before.reviewed + 10 });
    for (const [i, su] of units.entries()) expect((await current(su.id)).finding).toBe(i % 2 ? "PASS" : "UNKNOWN");
  });

  it("bumps the revision on every save and keeps each save as a primary-round history row", async () => {
    const su = (await sampled())[16];
    expect(su.revision).toBe(0);
    expect(await save({ sampleUnitId: su.id, finding: "FAIL", remediationOwner: "ops" }, reviewerId, 0)).toEqual({ revision: 1 });
    expect(await save({ sampleUnitId: su.id, finding: "PASS" }, otherReviewerId, 1)).toEqual({ revision: 2 });
    expect((await current(su.id)).revision).toBe(2);
    expect((await history(su.id)).map((r) => [r.round, r.finding, r.reviewedBy])).toEqual([
      ["primary", "FAIL", reviewerId],
      ["primary", "PASS", otherReviewerId],
    ]);
  });

  it("refuses a save from a page loaded before someone else's save, naming who and when, and writes nothing", async () => {
    const su = (await sampled())[17];
    await save({ sampleUnitId: su.id, finding: "FAIL", remediationOwner: "billing" }, reviewerId, 0);
    const stored = await current(su.id);
    const before = await counts();
    const at = stored.reviewedAt!.toISOString().replace("T", " ").slice(0, 16);
    // Rev2 opened the page at revision 0, before Rev saved: their PASS must not overwrite Rev's FAIL.
    await expect(save({ sampleUnitId: su.id, finding: "PASS" }, otherReviewerId, 0)).rejects.toMatchObject({
      code: "conflict",
      message: `Rev saved a review of this unit at ${at} UTC (FAIL) after you opened it. Your review was not saved: reload to see their review.`,
    });
    expect(await counts()).toEqual(before);
    expect(await current(su.id)).toEqual(stored);
    // A revision from the future is as stale as one from the past.
    await expect(save({ sampleUnitId: su.id, finding: "PASS" }, otherReviewerId, 5)).rejects.toMatchObject({ code: "conflict" });
    // After a reload (the current revision) the change goes through and both reviews stay in the history.
    await save({ sampleUnitId: su.id, finding: "PASS" }, otherReviewerId, stored.revision);
    expect((await history(su.id)).map((r) => [r.finding, r.reviewedBy])).toEqual([
      ["FAIL", reviewerId],
      ["PASS", otherReviewerId],
    ]);
  });

  it("of parallel saves from the same loaded revision exactly one lands, also across two handles", async () => {
    // On PostgreSQL a second handle is a second connection pool, as a second app instance has.
    const second = t.url ? openDatabase({ url: t.url }) : db;
    try {
      for (const su of (await sampled()).slice(18, 21)) {
        const before = await counts();
        const results = await Promise.allSettled(
          Array.from({ length: 6 }, (_, i) => save({ sampleUnitId: su.id, finding: i % 2 ? "PASS" : "FAIL", note: `attempt ${i}` }, i % 2 ? reviewerId : otherReviewerId, 0, i % 2 ? second : db)),
        );
        const won = results.flatMap((r, i) => (r.status === "fulfilled" ? [i] : []));
        expect(won).toHaveLength(1);
        for (const r of results) if (r.status === "rejected") expect(r.reason).toMatchObject({ code: "conflict", message: expect.stringMatching(/reload to see their review/) });
        expect(await counts()).toEqual({ review_history: before.review_history + 1, events: before.events + 1, reviewed: before.reviewed + 1 });
        const now = await current(su.id);
        expect(now).toMatchObject({ revision: 1, note: `attempt ${won[0]}`, finding: won[0] % 2 ? "PASS" : "FAIL" });
        expect((await history(su.id)).map((r) => r.note)).toEqual([`attempt ${won[0]}`]);
      }
    } finally {
      if (second !== db) await second.close();
    }
  });

  it("refuses an unknown sampled unit with a revision too, and writes nothing", async () => {
    const before = await counts();
    await expect(save({ sampleUnitId: 999_999, finding: "PASS" }, reviewerId, 0)).rejects.toMatchObject({ code: "not_found" });
    expect(await counts()).toEqual(before);
  });
});
