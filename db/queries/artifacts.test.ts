/**
 * The audit artifact bundle end to end on the engine under test (seed 000 "Output Artifacts"):
 * gathered from a real audit, zipped twice (byte-identical), unzipped, every file present at
 * tmp/by-week/YYYY-Www/{slug}/, every JSON file valid against public/schemas, contents matching
 * the audit, and the sample and verdict replayed from the bundle plus the population file alone.
 */
import { parse } from "csv-parse/sync";
import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assessAudit, type ConsistencyModel } from "@/lib/assessment";
import { buildBundleZip } from "@/lib/artifacts/bundle";
import { BUNDLE_FILES, SCHEMA_FILES } from "@/lib/artifacts/paths";
import { readZip, schemaErrors } from "@/lib/artifacts/testing";
import { populationChecksum } from "@/lib/checksum";
import { summarizeSample, type ReviewFinding } from "@/lib/estimation";
import type { ExecutionStatus, PopulationUnit } from "@/lib/population";
import { reviewSchema } from "@/lib/review-input";
import { drawSample, type RiskTier, type Stratum } from "@/lib/sampling";
import type { Db } from "../handle";
import { createAudit, recordStabilityResult } from "../mutations/audits";
import { saveReview } from "../mutations/reviews";
import { drawAuditSample } from "../mutations/sample";
import { createUser } from "../mutations/users";
import { createTestDb, FULL_MAPPING, importCsv, type TestDb, validAuditForm } from "../testing";
import { getBundleInput, latestMigrationId, runtimeEnvironment } from "./artifacts";
import { findingsByKind, progressByDay } from "@/lib/metrics";
import { getMetricsData } from "./metrics";
import { getAuditReport } from "./report";

let t: TestDb & { operatorId: number };
let db: Db;
let reviewerId: number;

const SEED = "0123456789abcdef0123456789abcdef";
const NOW = new Date("2027-01-05T12:00:00Z");

/** The population file: 80 units, 3 FAILED and 1 UNKNOWN, a high-risk subgroup and two identity clusters. */
const POPULATION_CSV = [
  "unit_key,execution_status,subgroup,identity_key",
  ...Array.from({ length: 80 }, (_, i) => {
    const status = i < 3 ? "FAILED" : i === 3 ? "unknown" : "SUCCEEDED";
    const subgroup = i === 70 ? "vip" : i % 2 === 0 ? "even" : "odd";
    const identity = i === 10 || i === 11 ? "dup-a" : i === 20 || i === 21 || i === 22 ? "dup-b" : `id-${i}`;
    return `row-${i},${status},${subgroup},${identity}`;
  }),
].join("\n");

/** Parses the population file as the app's import does for these four columns, in file order. */
function populationFromFile(csv: string): PopulationUnit[] {
  return (parse(csv, { columns: true }) as Record<string, string>[]).map((r) => ({
    unitKey: r.unit_key,
    executionStatus: r.execution_status.toUpperCase() as ExecutionStatus,
    subgroup: r.subgroup || null,
    identityKey: r.identity_key || null,
  }));
}

beforeAll(async () => {
  t = await createTestDb("artifacts");
  db = t.db;
  reviewerId = await createUser(db, { email: "rev@test.example", name: "Rafael Reviewer", password: "test-password-123", roles: ["reviewer"], actorId: null });
  await createUser(db, { email: "sec@test.example", name: "Sam Security", password: "test-password-123", roles: ["security"], actorId: null });
});

afterAll(() => t.close());

describe("artifact bundle of a real audit", () => {
  it("exports twice byte-identically; every file present, schema-valid and matching the audit; sample and verdict replay from the bundle", async () => {
    const { id: auditId, slug } = await createAudit(db, {
      input: validAuditForm({ auditDate: "2027-01-01", riskTier: "1", bulkMutationThreshold: "50", changeDescription: "Rewrote 80 ledger rows.", triggerReasons: ["always.high_impact_change", "risk.execution_failures", "risk.identity_collisions"] }),
      actorId: t.operatorId,
    });
    await importCsv(db, { auditId, actorId: t.operatorId, csv: POPULATION_CSV, mapping: { ...FULL_MAPPING, highRiskSubgroups: ["vip"] } });
    await recordStabilityResult(db, { auditId, actualResult: "3", actorId: t.operatorId }); // a failed attempt first
    await recordStabilityResult(db, { auditId, actualResult: "2", actorId: t.operatorId });
    await drawAuditSample(db, { auditId, actorId: t.operatorId, seed: SEED, randomSampleSize: 30 }); // a planned size above the tier size of 20
    const sampled = await db.select().from(db.tables.sampleUnits).where(eq(db.tables.sampleUnits.auditId, auditId)).orderBy(asc(db.tables.sampleUnits.position));
    for (const [i, su] of sampled.entries()) {
      const fail = i === 4;
      await saveReview(db, {
        review: reviewSchema.parse({
          sampleUnitId: su.id,
          finding: fail ? "FAIL" : i === 5 ? "UNKNOWN" : "PASS",
          criticalKind: fail ? "save_not_persisted" : "",
          falsePositive: i === 0 ? "true" : "",
          remediationOwner: fail ? "=ledger-team" : "",
          note: i === 6 ? "Challenge: the stability query covers two ids only." : "",
        }),
        actorId: reviewerId,
      });
    }

    const audit = (await db.select().from(db.tables.audits).where(eq(db.tables.audits.id, auditId)))[0];
    const report = await getAuditReport(db, { audit });
    expect(report.assessment.verdict).toBe("FAIL");
    // The metrics page's data (db/queries/metrics.ts) on the same reviews.
    const metricsData = await getMetricsData(db, { auditId });
    expect(metricsData.units).toHaveLength(sampled.length);
    expect(metricsData.units.every((u) => u.firstReviewedAt instanceof Date && !Number.isNaN(u.firstReviewedAt.getTime()))).toBe(true);
    expect(findingsByKind(metricsData.units)).toMatchObject({ fail: 1, critical: 1, unknown: 1, falsePositives: 1, unreviewed: 0 });
    expect(progressByDay(metricsData.units).at(-1)?.total).toBe(sampled.length);
    expect(metricsData.reasons.find((r) => r.reason === "random")?.units).toBe(30);
    const environment = runtimeEnvironment({ engine: t.engine, waiverKeyIds: [], separationOfDuties: true });
    expect(environment.migrationId).toBe(latestMigrationId(t.engine));
    expect(environment.libraries.yazl).toMatch(/^\d+\.\d+\.\d+$/);

    const first = await buildBundleZip(await getBundleInput(db, { audit, now: NOW, environment }));
    const second = await buildBundleZip(await getBundleInput(db, { audit, now: NOW, environment }));
    expect(second.equals(first)).toBe(true);

    // Every file at tmp/by-week/2026-W53/{slug}/ (2027-01-01 is in ISO week 53 of 2026).
    const root = `tmp/by-week/2026-W53/${slug}/`;
    const entries = await readZip(first);
    expect(entries.map((e) => e.path)).toEqual(BUNDLE_FILES.map((f) => root + f));
    const file = new Map(entries.map((e) => [e.path.slice(root.length), e.content.toString("utf8")]));
    for (const [name, schema] of Object.entries(SCHEMA_FILES)) {
      expect(schema, name).toBeDefined();
      expect(schemaErrors(name, file.get(name)!), name).toEqual([]);
    }
    const json = (name: string) => JSON.parse(file.get(name)!);
    const csv = (name: string) => parse(file.get(name)!, { columns: true }) as Record<string, string>[];

    // Contents against the audit.
    const metrics = json("summary_metrics.json");
    expect(metrics).toMatchObject({ audit_slug: slug, verdict: "FAIL", gate_state: report.gateState, population_size: 80, sampled: sampled.length, reviewed: sampled.length, critical_defects: 1, confirmed_false_positives: 1 });
    expect(metrics.defect_rate).toBe(report.assessment.defectRate);
    expect(metrics.strata.census.size).toBe(4);
    const gate = json("closure_gate_status.json");
    expect(gate).toMatchObject({ gate_state: "BLOCKED", verdict: "FAIL", closeout_allowed: false, exception: null, security_availability: [{ name: "Sam Security", available: true }] });
    expect(json("evidence/population_import.json").import).toMatchObject({ row_count: 80, failed_count: 3, unknown_count: 1, file_name: "p.csv" });
    expect(json("evidence/review_evidence.json").units).toHaveLength(sampled.length);
    expect(json("evidence/audit_events.json").events.map((e: { type: string }) => e.type)).toContain("sample.drawn");
    const manifest = csv("sample_manifest.csv");
    const verdicts = csv("sample_verdicts.csv");
    expect(manifest).toHaveLength(sampled.length);
    expect(verdicts[4]).toMatchObject({ verdict: "FAIL", critical_defect: "true", remediation_owner: "'=ledger-team" });
    expect(verdicts[4].remediation_due_at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(verdicts[0].confirmed_false_positives).toBe("true");
    const summary = file.get("post-production-audit-summary.md")!;
    expect(summary).toContain("| Verdict | **FAIL** |");
    expect(summary).toContain(`| \`${verdicts[4].unit_key}\` | Claimed save/update did not persist | =ledger-team | ${verdicts[4].remediation_due_at} | no |`);
    expect(file.get("adversarial.md")).toContain("STABILITY_FAILED_ATTEMPT");
    expect(file.get("adversarial.md")).toContain("REVIEWER_CHALLENGE");
    expect(file.get("conflict.md")).toContain("No conflict found.");
    expect(file.get("conflict.md")).toContain("| `BULK_THRESHOLD` | high-impact change affecting ≥ 50 units | 80 units imported | OK |");
    const packet = json("decision_replay_packet.json");
    expect(packet.schema_versions.database_migration).toBe(latestMigrationId(t.engine));
    expect(packet.decision.verdict).toBe("FAIL");
    expect(json("capability_check.json").degraded_modes.map((d: { code: string }) => d.code)).toEqual(["NO_WAIVER_KEY"]);

    // Replay from the bundle and the population file only.
    const population = populationFromFile(POPULATION_CSV);
    expect(populationChecksum(population)).toBe(packet.sampling.population_checksum);
    const s = packet.sampling;
    const redrawn = drawSample({ units: population, tier: s.risk_tier as RiskTier, duplicateClusterCap: s.duplicate_cluster_cap, highRiskSubgroups: s.high_risk_subgroups, seed: s.seed, randomSampleSize: s.requested_random_size ?? undefined });
    expect(redrawn.members.map((m) => ({ unit_key: population[m.index].unitKey, stratum: m.stratum, inclusion_reasons: m.reasons.join(";") }))).toEqual(
      manifest.map((r) => ({ unit_key: r.unit_key, stratum: r.stratum, inclusion_reasons: r.inclusion_reasons })),
    );
    expect({ tier_size: redrawn.tierSize, census_size: redrawn.censusSize, random_size: redrawn.randomSize, clusters_available: redrawn.clustersAvailable }).toEqual({
      tier_size: s.tier_size,
      census_size: s.census_size,
      random_size: s.random_size,
      clusters_available: s.clusters_available,
    });
    const recomputedSummary = summarizeSample(
      population.length,
      verdicts.map((r) => ({
        stratum: r.stratum as Stratum,
        finding: r.verdict === "UNREVIEWED" ? null : (r.verdict as ReviewFinding),
        critical: r.critical_defect === "true",
        remediationOwner: r.remediation_owner || null,
      })),
    );
    const pre = packet.preconditions;
    const recomputed = assessAudit(
      { consistencyModel: pre.consistency_model as ConsistencyModel, stabilityExpected: pre.stability_expected, stabilityActual: pre.stability_actual, hasPopulation: pre.has_population, hasSample: pre.has_sample },
      recomputedSummary,
    );
    expect({ verdict: recomputed.verdict, gate: recomputed.gateState, reasons: recomputed.reasons, defect: recomputed.defectRate, unknown: recomputed.unknownRate }).toEqual({
      verdict: packet.decision.verdict,
      gate: packet.decision.verdict_gate_state,
      reasons: packet.decision.reasons,
      defect: packet.decision.defect_rate,
      unknown: packet.decision.unknown_rate,
    });
    expect(recomputed.verdict).toBe(metrics.verdict);
  });

  it("changes after a review changes (the bundle is recomputed, never cached)", async () => {
    const [audit] = await db.select().from(db.tables.audits).where(eq(db.tables.audits.slug, "test-audit-2027-01-01"));
    const environment = runtimeEnvironment({ engine: t.engine, waiverKeyIds: ["k1"], separationOfDuties: true });
    const before = await buildBundleZip(await getBundleInput(db, { audit, now: NOW, environment }));
    const [su] = await db.select().from(db.tables.sampleUnits).where(eq(db.tables.sampleUnits.auditId, audit.id)).orderBy(asc(db.tables.sampleUnits.position));
    await saveReview(db, { review: reviewSchema.parse({ sampleUnitId: su.id, finding: "PASS" }), actorId: reviewerId });
    const after = await buildBundleZip(await getBundleInput(db, { audit, now: NOW, environment }));
    expect(after.equals(before)).toBe(false);
  });
});
