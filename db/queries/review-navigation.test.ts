/**
 * Integration tests of what the review page reads (db/queries/manifest.ts getReviewNeighbours and
 * getSampleUnit, db/queries/identity-siblings.ts) on SQLite and PostgreSQL (issue 11): keyboard
 * navigation walks the reviewer's queue, the current reviewer is named, identity-collision
 * siblings are listed with their findings.
 */
import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reviewSchema } from "@/lib/review-input";
import type { Db } from "../handle";
import { createAudit, recordStabilityResult } from "../mutations/audits";
import { saveReview } from "../mutations/reviews";
import { drawAuditSample } from "../mutations/sample";
import { createUser } from "../mutations/users";
import { createTestDb, FULL_MAPPING, importCsv, type TestDb, validAuditForm } from "../testing";
import { getIdentitySiblings, SIBLING_LIMIT } from "./identity-siblings";
import { getReviewNeighbours, getSampleUnit } from "./manifest";

let t: TestDb & { operatorId: number };
let db: Db;
let auditId: number;
let ann: number;
let bob: number;

const sampled = () => db.select().from(db.tables.sampleUnits).where(eq(db.tables.sampleUnits.auditId, auditId)).orderBy(asc(db.tables.sampleUnits.position));
const assign = (sampleUnitId: number, userId: number | null) =>
  db.transaction(async (tx) => void (await tx.update(tx.tables.sampleUnits).set({ assignedTo: userId }).where(eq(tx.tables.sampleUnits.id, sampleUnitId))));

beforeAll(async () => {
  t = await createTestDb("review_navigation");
  db = t.db;
  ann = await createUser(db, { email: "ann@test.example", name: "Ann", password: "reviewer-test-pass", roles: ["reviewer"], actorId: null });
  bob = await createUser(db, { email: "bob@test.example", name: "Bob", password: "reviewer-test-pass", roles: ["reviewer"], actorId: null });
  auditId = (await createAudit(db, { input: validAuditForm({ riskTier: "1" }), actorId: t.operatorId })).id;
  // Five units share identity key "holder-x" (a collision cluster), the rest have their own; u7 has none.
  const rows = Array.from({ length: 30 }, (_, i) => `u${i},SUCCEEDED,eu,${i < 5 ? "holder-x" : i === 7 ? "" : `holder-${i}`}`);
  await importCsv(db, { auditId, actorId: t.operatorId, csv: ["unit_key,execution_status,subgroup,identity_key", ...rows].join("\n"), mapping: FULL_MAPPING });
  await recordStabilityResult(db, { auditId, actualResult: "2", actorId: t.operatorId });
  await drawAuditSample(db, { auditId, actorId: t.operatorId, seed: "b0b1b2b3b4b5b6b7b8b9babbbcbdbebf" });
});

afterAll(() => t.close());

describe("getReviewNeighbours", () => {
  it("walks the reviewer's queue: units assigned to them and unassigned ones, skipping others' and reviewed ones", async () => {
    const s = await sampled();
    expect(s.length).toBeGreaterThanOrEqual(8);
    await assign(s[1].id, bob);
    await assign(s[2].id, ann);
    await assign(s[3].id, bob);
    await saveReview(db, { review: reviewSchema.parse({ sampleUnitId: s[4].id, finding: "PASS" }), actorId: ann });
    // From position 0, Ann's next unit is 2 (hers), then 5 (unassigned; 3 is Bob's, 4 is reviewed).
    expect(await getReviewNeighbours(db, { auditId, position: 0, reviewerId: ann })).toMatchObject({ next: s[1].id, nextUnreviewed: s[2].id, previousUnreviewed: null, firstUnreviewed: s[0].id });
    expect((await getReviewNeighbours(db, { auditId, position: 2, reviewerId: ann })).nextUnreviewed).toBe(s[5].id);
    expect((await getReviewNeighbours(db, { auditId, position: 5, reviewerId: ann })).previousUnreviewed).toBe(s[2].id);
    // Bob's queue holds his units and the unassigned ones, not Ann's.
    expect((await getReviewNeighbours(db, { auditId, position: 0, reviewerId: bob })).nextUnreviewed).toBe(s[1].id);
    expect((await getReviewNeighbours(db, { auditId, position: 1, reviewerId: bob })).nextUnreviewed).toBe(s[3].id);
    expect((await getReviewNeighbours(db, { auditId, position: 5, reviewerId: bob })).previousUnreviewed).toBe(s[3].id);
    // Without a reviewer every unreviewed unit counts, as the audit overview's "review next" wants.
    expect((await getReviewNeighbours(db, { auditId, position: 2 })).nextUnreviewed).toBe(s[3].id);
    // The plain neighbours ignore the queue.
    expect(await getReviewNeighbours(db, { auditId, position: 2, reviewerId: ann })).toMatchObject({ previous: s[1].id, next: s[3].id });
  });
});

describe("getSampleUnit", () => {
  it("names the current reviewer and gives each history row its round", async () => {
    const s = await sampled();
    await saveReview(db, { review: reviewSchema.parse({ sampleUnitId: s[6].id, finding: "FAIL", remediationOwner: "ops" }), actorId: bob });
    const item = (await getSampleUnit(db, { auditId, sampleUnitId: s[6].id }))!;
    expect(item.reviewerName).toBe("Bob");
    expect(item.su).toMatchObject({ finding: "FAIL", reviewedBy: bob, revision: 1 });
    expect(item.history.map((h) => [h.round, h.finding, h.reviewer])).toEqual([["primary", "FAIL", "Bob"]]);
    const fresh = (await getSampleUnit(db, { auditId, sampleUnitId: s[7].id }))!;
    expect(fresh.reviewerName).toBeNull();
  });
});

describe("getIdentitySiblings", () => {
  it("lists the other units with the same identity key, in population order, with their sampled id and finding", async () => {
    const { units, sampleUnits } = db.tables;
    const cluster = await db
      .select({ id: units.id, unitKey: units.unitKey, sampleUnitId: sampleUnits.id })
      .from(units)
      .leftJoin(sampleUnits, eq(sampleUnits.unitId, units.id))
      .where(eq(units.identityKey, "holder-x"))
      .orderBy(asc(units.position));
    expect(cluster.map((u) => u.unitKey)).toEqual(["u0", "u1", "u2", "u3", "u4"]);
    // The whole cluster is sampled (seed 000 identity-collision clusters, under DUPLICATE_CLUSTER_CAP).
    expect(cluster.every((u) => u.sampleUnitId !== null)).toBe(true);
    const reviewed = cluster[2];
    await saveReview(db, { review: reviewSchema.parse({ sampleUnitId: reviewed.sampleUnitId, finding: "FAIL", criticalKind: "wrong_sibling_retained" }), actorId: ann });

    const { siblings, more } = await getIdentitySiblings(db, { auditId, unitId: cluster[0].id, identityKey: "holder-x" });
    expect(more).toBe(false);
    expect(siblings.map((s) => s.unitKey)).toEqual(["u1", "u2", "u3", "u4"]);
    for (const s of siblings) {
      const c = cluster.find((u) => u.unitKey === s.unitKey)!;
      expect(s.sampleUnitId).toBe(c.sampleUnitId);
      expect([s.finding, s.criticalKind]).toEqual(c === reviewed ? ["FAIL", "wrong_sibling_retained"] : [null, null]);
    }
  });

  it("has no siblings for a unit alone with its key or without a key", async () => {
    const [u9] = await db.select().from(db.tables.units).where(eq(db.tables.units.unitKey, "u9"));
    expect(await getIdentitySiblings(db, { auditId, unitId: u9.id, identityKey: u9.identityKey })).toEqual({ siblings: [], more: false });
    expect(await getIdentitySiblings(db, { auditId, unitId: u9.id, identityKey: null })).toEqual({ siblings: [], more: false });
    expect(await getIdentitySiblings(db, { auditId, unitId: u9.id, identityKey: "" })).toEqual({ siblings: [], more: false });
  });

  it("stops at SIBLING_LIMIT and says there are more", async () => {
    const big = (await createAudit(db, { input: validAuditForm(), actorId: t.operatorId })).id;
    const rows = Array.from({ length: SIBLING_LIMIT + 3 }, (_, i) => `k${i},SUCCEEDED,eu,same`);
    await importCsv(db, { auditId: big, actorId: t.operatorId, csv: ["unit_key,execution_status,subgroup,identity_key", ...rows].join("\n"), mapping: FULL_MAPPING });
    const [first] = await db.select().from(db.tables.units).where(eq(db.tables.units.auditId, big)).orderBy(asc(db.tables.units.position)).limit(1);
    const { siblings, more } = await getIdentitySiblings(db, { auditId: big, unitId: first.id, identityKey: "same" });
    expect(siblings).toHaveLength(SIBLING_LIMIT);
    expect(siblings[0]).toMatchObject({ unitKey: "k1", sampleUnitId: null, finding: null });
    expect(more).toBe(true);
  });
});
