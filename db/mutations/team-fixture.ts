/**
 * Set-up shared by the assignment and double-review integration tests: an audit with a drawn
 * sample on a fresh database (engine under test), three reviewers, an approver, and helpers.
 * Not imported by the app.
 */
import { asc, eq } from "drizzle-orm";
import { reviewSchema } from "@/lib/review-input";
import type { Db } from "../handle";
import { createTestDb, FULL_MAPPING, importCsv, rowCounts, type TestDb, validAuditForm } from "../testing";
import { createAudit, recordStabilityResult } from "./audits";
import { saveReview } from "./reviews";
import { drawAuditSample } from "./sample";
import { createUser } from "./users";

export type TeamFixture = {
  t: TestDb & { operatorId: number };
  db: Db;
  operatorId: number;
  /** Reviewers everywhere. */
  r1: number;
  r2: number;
  r3: number;
  /** Holds only the approver role. */
  approverId: number;
  newAudit(): Promise<number>;
  sampled(auditId: number): ReturnType<typeof sampledOf>;
  review(sampleUnitId: number, finding: "PASS" | "FAIL" | "UNKNOWN", actorId: number): Promise<void>;
  events(): Promise<number>;
};

const sampledOf = (db: Db, auditId: number) => db.select().from(db.tables.sampleUnits).where(eq(db.tables.sampleUnits.auditId, auditId)).orderBy(asc(db.tables.sampleUnits.position));

/** 60 units in three subgroups (eu 30, us 20, apac 10), 6 FAILED; a tier-1 sample drawn with a fixed seed. */
export async function openTeamFixture(name: string): Promise<TeamFixture> {
  const t = await createTestDb(name);
  const { db, operatorId } = t;
  const user = (n: string, roles: ("reviewer" | "approver")[]) => createUser(db, { email: `${n}@test.example`, name: n, password: "reviewer-test-pass", roles, actorId: null });
  const [r1, r2, r3, approverId] = [await user("r1", ["reviewer"]), await user("r2", ["reviewer"]), await user("r3", ["reviewer"]), await user("ap", ["approver"])];
  const subgroup = (i: number) => (i % 6 < 3 ? "eu" : i % 6 < 5 ? "us" : "apac");
  const csv = ["unit_key,execution_status,subgroup,identity_key", ...Array.from({ length: 60 }, (_, i) => `u${i},${i % 10 === 0 ? "FAILED" : "SUCCEEDED"},${subgroup(i)},k${i}`)].join("\n");
  const newAudit = async () => {
    const form = validAuditForm({ riskTier: "1", sotExpectedResult: "ok", consistencyModel: "bounded_staleness", stalenessBoundSeconds: "30" });
    const auditId = (await createAudit(db, { input: form, actorId: operatorId })).id;
    await importCsv(db, { auditId, actorId: operatorId, csv, mapping: FULL_MAPPING });
    await recordStabilityResult(db, { auditId, actualResult: "ok", actorId: operatorId });
    await drawAuditSample(db, { auditId, actorId: operatorId, seed: "a0a1a2a3a4a5a6a7a8a9aaabacadaeaf" });
    return auditId;
  };
  return {
    t,
    db,
    operatorId,
    r1,
    r2,
    r3,
    approverId,
    newAudit,
    sampled: (auditId) => sampledOf(db, auditId),
    review: async (sampleUnitId, finding, actorId) => {
      await saveReview(db, { review: reviewSchema.parse({ sampleUnitId, finding, remediationOwner: finding === "FAIL" ? "team" : "" }), actorId });
    },
    events: async () => (await rowCounts(db, "events")).events,
  };
}
