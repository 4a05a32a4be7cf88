/**
 * Integration tests of the sample manifest listing (db/queries/manifest-list.ts listManifest) on
 * SQLite and PostgreSQL (issue 11, "Reviewing without mistakes"): each filter, the search (case
 * folded, `%` `_` `\` literal, over unit key, name, identity key and owner), each sort, paging.
 */
import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_MANIFEST_SORT, type ManifestFilter, type ManifestSort, parseManifestQuery } from "@/lib/manifest-query";
import type { Db } from "../handle";
import { createAudit, recordStabilityResult } from "../mutations/audits";
import { drawAuditSample } from "../mutations/sample";
import { createTestDb, FULL_MAPPING, importCsv, type TestDb, validAuditForm } from "../testing";
import { containsPattern, listManifest } from "./manifest-list";

let t: TestDb & { operatorId: number };
let db: Db;
let auditId: number;
let otherAuditId: number;

type SampleUnitPatch = Partial<typeof import("../schema/sqlite").sampleUnits.$inferInsert>;

// Every unit FAILED or UNKNOWN: the whole population is the census, so every unit is sampled.
const CSV = [
  "unit_key,execution_status,subgroup,identity_key,name,title,label",
  "a-1,FAILED,eu,ID-A,Alpha Widget,,",
  "B-2,FAILED,eu,ID-B,,Beta 50% off,",
  "c_3,FAILED,us,ID-C,,,gamma_ray",
  "cx3,FAILED,us,ID-D,,Delta,",
  "d-5,FAILED,us,holder\\x,Beta 500 off,,",
  "e-6,FAILED,eu,,,,",
  "f-7,UNKNOWN,eu,ID-F,,,",
  "g-8,UNKNOWN,eu,ID-G,,,",
  "h-9,UNKNOWN,us,ID-H,,,",
  "i-10,UNKNOWN,us,ID-I,,,",
].join("\n");

const at = (minute: number) => new Date(Date.UTC(2030, 0, 1, 12, minute));

/** The test's reviews, written straight to sample_units (the listing reads them; the review rules are tested elsewhere). */
const REVIEWS: Record<string, SampleUnitPatch> = {
  "a-1": { finding: "FAIL", remediationOwner: null, reviewedAt: at(5), stratum: "census" },
  "B-2": { finding: "FAIL", remediationOwner: "Ops_Team", criticalKind: "data_loss", reviewedAt: at(1), stratum: "random" },
  c_3: { finding: "FAIL", remediationOwner: "   ", reviewedAt: at(3), stratum: "supplementary" },
  cx3: { finding: "PASS", reviewedAt: at(2), stratum: "random" },
  // In an open double-review disagreement: not counted by the verdict, so not by the flags either.
  "d-5": { finding: "FAIL", remediationOwner: null, criticalKind: "data_loss", secondFinding: "PASS", reviewedAt: at(4) },
  // An adjudicated disagreement counts again.
  "e-6": { finding: "FAIL", remediationOwner: null, secondFinding: "PASS", adjudicatedAt: at(9), reviewedAt: at(6), stratum: "supplementary" },
  "f-7": { finding: "UNKNOWN", remediationOwner: "dba 100%", reviewedAt: at(7) },
};

const keys = (r: { rows: { unitKey: string }[] }) => r.rows.map((x) => x.unitKey);
const list = (filter: ManifestFilter, sort: ManifestSort = DEFAULT_MANIFEST_SORT, page = 1, pageSize = 50) => listManifest(db, { auditId, filter, sort, page, pageSize });

async function sampledAudit(csv: string): Promise<number> {
  const id = (await createAudit(db, { input: validAuditForm(), actorId: t.operatorId })).id;
  await importCsv(db, { auditId: id, actorId: t.operatorId, csv, mapping: FULL_MAPPING });
  await recordStabilityResult(db, { auditId: id, actualResult: "2", actorId: t.operatorId });
  await drawAuditSample(db, { auditId: id, actorId: t.operatorId, seed: "0123456789abcdef0123456789abcdef" });
  return id;
}

beforeAll(async () => {
  t = await createTestDb("manifest_list");
  db = t.db;
  auditId = await sampledAudit(CSV);
  // Another audit with the same unit keys: never listed with the first.
  otherAuditId = await sampledAudit(CSV);
  const { sampleUnits, units } = db.tables;
  await db.transaction(async (tx) => {
    const rows = await tx.select({ id: sampleUnits.id, unitKey: units.unitKey }).from(sampleUnits).innerJoin(units, eq(units.id, sampleUnits.unitId)).where(eq(sampleUnits.auditId, auditId));
    for (const r of rows) if (REVIEWS[r.unitKey]) await tx.update(tx.tables.sampleUnits).set(REVIEWS[r.unitKey]).where(eq(tx.tables.sampleUnits.id, r.id));
    await tx.update(tx.tables.units).set({ claimDiffers: true }).where(inArray(tx.tables.units.unitKey, ["cx3", "g-8"]));
  });
});

afterAll(() => t.close());

describe("listManifest", () => {
  it("lists the audit's whole sample in review order, with name, identity key, owner and review time", async () => {
    const all = await list({});
    expect(all.total).toBe(10);
    expect(keys(all)).toEqual(["a-1", "B-2", "c_3", "cx3", "d-5", "e-6", "f-7", "g-8", "h-9", "i-10"]);
    expect(all.rows.map((r) => r.position)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    // The name is the first non-empty of the record's name, title, label.
    expect(all.rows.map((r) => r.name)).toEqual(["Alpha Widget", "Beta 50% off", "gamma_ray", "Delta", "Beta 500 off", null, null, null, null, null]);
    expect(all.rows[1]).toMatchObject({ identityKey: "ID-B", remediationOwner: "Ops_Team", finding: "FAIL", criticalKind: "data_loss", reviewedAt: at(1), claimDiffers: false });
    expect(all.rows[3].claimDiffers).toBe(true);
    expect(all.rows[9]).toMatchObject({ finding: null, reviewedAt: null, executionStatus: "UNKNOWN", reasons: ["failed_or_unknown"] });
  });

  it("filters FAIL without owner as the verdict counts them: null or blank owner, not in an open disagreement", async () => {
    expect(keys(await list({ failedWithoutOwner: true }))).toEqual(["a-1", "c_3", "e-6"]);
  });

  it("filters critical defects, leaving out an open disagreement", async () => {
    expect(keys(await list({ critical: true }))).toEqual(["B-2"]);
  });

  it("filters units whose claim differs from the observation", async () => {
    expect(keys(await list({ claimDiffers: true }))).toEqual(["cx3", "g-8"]);
  });

  it("keeps the existing filters, and combines all filters with AND", async () => {
    expect(keys(await list({ review: "unreviewed" }))).toEqual(["g-8", "h-9", "i-10"]);
    expect(keys(await list({ review: "reviewed" }))).toHaveLength(7);
    expect(keys(await list({ review: "PASS" }))).toEqual(["cx3"]);
    expect(keys(await list({ status: "UNKNOWN" }))).toEqual(["f-7", "g-8", "h-9", "i-10"]);
    expect(keys(await list({ subgroup: "us" }))).toEqual(["c_3", "cx3", "d-5", "h-9", "i-10"]);
    expect(keys(await list({ reason: "failed_or_unknown" })).length).toBe(10);
    expect(keys(await list({ reason: "random" }))).toEqual([]);
    expect(keys(await list({ subgroup: "us", failedWithoutOwner: true }))).toEqual(["c_3"]);
    expect(keys(await list({ claimDiffers: true, review: "unreviewed" }))).toEqual(["g-8"]);
    expect(keys(await list({ claimDiffers: true, critical: true }))).toEqual([]);
  });

  it("searches unit key, name, identity key and owner, case-insensitively", async () => {
    expect(keys(await list({ search: "A-1" }))).toEqual(["a-1"]);
    expect(keys(await list({ search: "alpha wid" }))).toEqual(["a-1"]);
    expect(keys(await list({ search: "id-g" }))).toEqual(["g-8"]);
    expect(keys(await list({ search: "ops_t" }))).toEqual(["B-2"]);
    expect(keys(await list({ search: "GAMMA" }))).toEqual(["c_3"]);
    expect(keys(await list({ search: "no such thing" }))).toEqual([]);
    // Title and label count only through the name: cx3's title is its name ("Delta").
    expect(keys(await list({ search: "delta" }))).toEqual(["cx3"]);
  });

  it("treats %, _ and \\ in the search text as literal characters", async () => {
    // Unescaped, "c_3" would also match "cx3", "50%" also "500 off", "100%" every owner with "100".
    expect(keys(await list({ search: "c_3" }))).toEqual(["c_3"]);
    expect(keys(await list({ search: "50%" }))).toEqual(["B-2"]);
    expect(keys(await list({ search: "100%" }))).toEqual(["f-7"]);
    expect(keys(await list({ search: "_" }))).toEqual(["B-2", "c_3"]);
    expect(keys(await list({ search: "%" }))).toEqual(["B-2", "f-7"]);
    expect(keys(await list({ search: "holder\\x" }))).toEqual(["d-5"]);
    expect(keys(await list({ search: "\\" }))).toEqual(["d-5"]);
    expect(containsPattern("A%b_c\\")).toBe("%a\\%b\\_c\\\\%");
  });

  it("takes the search from the query string as typed", async () => {
    const { filter, sort } = parseManifestQuery(Object.fromEntries(new URLSearchParams("q=%20C_3%20&sort=unitKey")));
    expect(keys(await list(filter, sort))).toEqual(["c_3"]);
  });

  it("sorts by unit key by code point (upper case before lower case), both ways", async () => {
    const up = keys(await list({}, { key: "unitKey", dir: "asc" }));
    expect(up).toEqual(["B-2", "a-1", "c_3", "cx3", "d-5", "e-6", "f-7", "g-8", "h-9", "i-10"]);
    expect(keys(await list({}, { key: "unitKey", dir: "desc" }))).toEqual([...up].reverse());
  });

  it("sorts by finding: FAIL, UNKNOWN, PASS, then unreviewed; ties in review order", async () => {
    expect(keys(await list({}, { key: "finding", dir: "asc" }))).toEqual(["a-1", "B-2", "c_3", "d-5", "e-6", "f-7", "cx3", "g-8", "h-9", "i-10"]);
    expect(keys(await list({}, { key: "finding", dir: "desc" }))).toEqual(["g-8", "h-9", "i-10", "cx3", "f-7", "a-1", "B-2", "c_3", "d-5", "e-6"]);
  });

  it("sorts by stratum: census, random, supplementary", async () => {
    expect(keys(await list({}, { key: "stratum", dir: "asc" }))).toEqual(["a-1", "d-5", "f-7", "g-8", "h-9", "i-10", "B-2", "cx3", "c_3", "e-6"]);
    expect(keys(await list({}, { key: "stratum", dir: "desc" }))).toEqual(["c_3", "e-6", "B-2", "cx3", "a-1", "d-5", "f-7", "g-8", "h-9", "i-10"]);
  });

  it("sorts by review time, unreviewed units last both ways", async () => {
    expect(keys(await list({}, { key: "reviewedAt", dir: "asc" }))).toEqual(["B-2", "cx3", "c_3", "d-5", "a-1", "e-6", "f-7", "g-8", "h-9", "i-10"]);
    expect(keys(await list({}, { key: "reviewedAt", dir: "desc" }))).toEqual(["f-7", "e-6", "a-1", "d-5", "c_3", "cx3", "B-2", "g-8", "h-9", "i-10"]);
  });

  it("sorts by position descending", async () => {
    expect(keys(await list({}, { key: "position", dir: "desc" }))[0]).toBe("i-10");
  });

  it("pages a filtered, sorted list: totals count every match, pages do not overlap", async () => {
    const sort: ManifestSort = { key: "finding", dir: "asc" };
    const pages = await Promise.all([1, 2, 3, 4].map((p) => list({ subgroup: "eu" }, sort, p, 2)));
    expect(pages.map((p) => p.total)).toEqual([5, 5, 5, 5]);
    expect(pages.map(keys)).toEqual([["a-1", "B-2"], ["e-6", "f-7"], ["g-8"], []]);
  });

  it("never lists another audit's units", async () => {
    const other = await listManifest(db, { auditId: otherAuditId, filter: { failedWithoutOwner: true }, sort: DEFAULT_MANIFEST_SORT, page: 1, pageSize: 50 });
    expect(other).toEqual({ rows: [], total: 0 });
    expect((await listManifest(db, { auditId: otherAuditId, filter: { search: "a-1" }, sort: DEFAULT_MANIFEST_SORT, page: 1, pageSize: 50 })).total).toBe(1);
  });
});
