/**
 * Test fixtures for lib/artifacts (not imported by the app): a consistent BundleInput built with
 * the real sampling, estimation and verdict rules, and JSON Schema validation of bundle files
 * against public/schemas/ with ajv. No test-runner import.
 */
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { assessAudit } from "../assessment";
import { defectRateUpperBound, summarizeSample } from "../estimation";
import type { PopulationUnit } from "../population";
import { drawSample, type RiskTier } from "../sampling";
import type { BundleInput, BundleUnit } from "./input";
import { SCHEMA_FILES, type BundleFile } from "./paths";

export const FIXTURE_SEED = "00112233445566778899aabbccddeeff";

/** A population of `size` units u0…; the first `failed` are FAILED, the rest SUCCEEDED. */
export function fixturePopulation(size: number, failed = 0): PopulationUnit[] {
  return Array.from({ length: size }, (_, i) => ({ unitKey: `u${i}`, executionStatus: i < failed ? "FAILED" : "SUCCEEDED", subgroup: null, identityKey: null }));
}

export type FixtureOptions = {
  auditDate?: string;
  tier?: RiskTier;
  population?: PopulationUnit[];
  /** Finding per sampled position; PASS when absent; null leaves the unit unreviewed. */
  findings?: Record<number, { finding: "PASS" | "FAIL" | "UNKNOWN" | null; critical?: string; owner?: string | null; dueAt?: string | null; note?: string; falsePositive?: boolean }>;
  unitKeyOverride?: Record<number, string>;
  waiverKeyIds?: string[];
};

const T0 = "2027-01-01T09:00:00.000Z";

/** A BundleInput for an audit of `population` (default 40 SUCCEEDED units, tier 1), every sampled unit reviewed as in `findings`. */
export function fixtureBundleInput(o: FixtureOptions = {}): BundleInput {
  const auditDate = o.auditDate ?? "2027-01-01";
  const tier = o.tier ?? 1;
  const population = o.population ?? fixturePopulation(40);
  const draw = drawSample({ units: population, tier, duplicateClusterCap: 50, highRiskSubgroups: [], seed: FIXTURE_SEED });
  const units: BundleUnit[] = draw.members.map((m, position) => {
    const u = population[m.index];
    const f = o.findings?.[position] === undefined ? { finding: "PASS" as const } : o.findings[position];
    const finding = f.finding;
    const unitKey = o.unitKeyOverride?.[position] ?? u.unitKey;
    return {
      position,
      unitKey,
      executionStatus: u.executionStatus,
      subgroup: u.subgroup,
      identityKey: u.identityKey,
      record: { unit_key: unitKey, execution_status: u.executionStatus },
      stratum: m.stratum,
      reasons: m.reasons,
      finding,
      criticalKind: finding === "FAIL" ? (f.critical ?? null) : null,
      falsePositive: f.falsePositive ?? false,
      remediationOwner: finding === "FAIL" ? (f.owner === undefined ? "data-team" : f.owner) : null,
      remediationDueAt: finding === "FAIL" ? (f.dueAt === undefined ? "2027-01-11T09:00:00.000Z" : f.dueAt) : null,
      remediationDestructive: false,
      note: f.note ?? null,
      reviewedBy: finding ? "Rafael Reviewer" : null,
      reviewedAt: finding ? T0 : null,
      revision: finding ? position + 1 : null,
      history: finding ? [{ revision: position + 1, finding, criticalKind: finding === "FAIL" ? (f.critical ?? null) : null, falsePositive: f.falsePositive ?? false, remediationOwner: null, note: f.note ?? null, reviewer: "Rafael Reviewer", at: T0 }] : [],
    };
  });
  const summary = summarizeSample(
    population.length,
    units.map((u) => ({ stratum: u.stratum, finding: u.finding, critical: u.finding === "FAIL" && u.criticalKind !== null, remediationOwner: u.remediationOwner })),
  );
  const assessment = assessAudit({ consistencyModel: "strong", stabilityExpected: "2", stabilityActual: "2", hasPopulation: true, hasSample: true }, summary);
  const slug = `fixture-${auditDate}`;
  return {
    audit: {
      slug,
      projectName: "fixture",
      auditDate,
      title: "Fixture audit",
      changeDescription: `Rewrote ${population.length} records.`,
      riskTier: tier,
      triggerReasons: ["always.high_impact_change"],
      triggerContractVersion: "1.0",
      bulkMutationThreshold: 10,
      duplicateClusterCap: 50,
      sotQuery: "SELECT 1",
      sotStabilityQuery: "SELECT 2",
      sotExpectedResult: "2",
      consistencyModel: "strong",
      stalenessBoundSeconds: null,
      stabilityActualResult: "2",
      stabilityCheckedAt: T0,
      createdAt: T0,
      createdBy: "Olivia Operator",
      closedAt: null,
      closedBy: null,
    },
    stabilityAttempts: [{ at: T0, actualResult: "2", passed: true, by: "Olivia Operator" }],
    populationImport: {
      fileName: "p.csv",
      format: "csv",
      sha256: "a".repeat(64),
      byteSize: 1000,
      rowCount: population.length,
      failedCount: population.filter((u) => u.executionStatus === "FAILED").length,
      unknownCount: population.filter((u) => u.executionStatus === "UNKNOWN").length,
      populationChecksum: "b".repeat(64),
      columnMapping: { unitKey: "unit_key", executionStatus: "execution_status", subgroup: undefined },
      highRiskSubgroups: [],
      importedBy: "Olivia Operator",
      importedAt: T0,
    },
    sample: {
      seed: FIXTURE_SEED,
      populationChecksum: "b".repeat(64),
      riskTier: tier,
      tierSize: draw.tierSize, requestedRandomSize: null,
      populationSize: draw.populationSize,
      censusSize: draw.censusSize,
      randomSize: draw.randomSize,
      clustersIncluded: draw.clustersIncluded,
      clusterUnits: draw.clusterUnits,
      clustersAvailable: draw.clustersAvailable,
      warnings: draw.warnings,
      drawnBy: "Olivia Operator",
      drawnAt: T0,
    },
    units,
    summary,
    assessment,
    gateState: assessment.gateState,
    upperBound: defectRateUpperBound(summary),
    signOff: { snapshotHash: "c".repeat(64), signatures: [], validSignOffs: 0, breakGlass: null, destructive: { required: false, cleared: false, waivers: [], approvals: [] }, closeoutRefusals: [] },
    securityAvailability: [{ name: "Sam Security", email: "security@countersign.test", available: true, since: T0 }],
    eventLog: { headHash: "d".repeat(64), entries: 3, intact: true, auditEvents: [{ id: 1, type: "audit.created", actor: "Olivia Operator", createdAt: T0, prevHash: "0".repeat(64), hash: "d".repeat(64), payload: { slug } }] },
    environment: { engine: "sqlite", migrationId: "0003_fixture", appVersion: "0.1.0", nodeVersion: "v20.0.0", platform: "linux", arch: "x64", libraries: { yazl: "3.3.1" }, waiverKeyIds: o.waiverKeyIds ?? [], separationOfDuties: true },
  };
}

let ajv: Ajv2020 | null = null;

/**
 * Validates a bundle file's text against its JSON Schema in public/schemas/ (draft 2020-12, ajv
 * with formats).
 * @param file the path relative to the bundle root, e.g. `summary_metrics.json`.
 * @returns ajv's error list, empty when valid.
 * @throws Error when the file has no schema.
 */
export function schemaErrors(file: string, text: string): string[] {
  if (!ajv) {
    ajv = new Ajv2020({ allErrors: true, strict: true });
    addFormats(ajv);
    const dir = path.join(process.cwd(), "public", "schemas");
    for (const f of readdirSync(dir).filter((n) => n.endsWith(".schema.json"))) ajv.addSchema(JSON.parse(readFileSync(path.join(dir, f), "utf8")) as object, f);
  }
  const schemaFile = SCHEMA_FILES[file as BundleFile];
  if (!schemaFile) throw new Error(`no schema for ${file}`);
  const validate = ajv.getSchema(schemaFile)!;
  return validate(JSON.parse(text)) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

export type ZipEntryRead = { path: string; content: Buffer; mtime: Date };

/** Reads every entry of a zip (yauzl), in the archive's order. */
export async function readZip(zip: Buffer): Promise<ZipEntryRead[]> {
  const yauzl = await import("yauzl");
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(zip, { lazyEntries: true }, (err, file) => {
      if (err || !file) return reject(err ?? new Error("no zip"));
      const out: ZipEntryRead[] = [];
      file.on("error", reject);
      file.on("end", () => resolve(out));
      file.on("entry", (entry: import("yauzl").Entry) => {
        file.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e ?? new Error("no stream"));
          const chunks: Buffer[] = [];
          stream.on("data", (c: Buffer) => chunks.push(c));
          stream.on("error", reject);
          stream.on("end", () => {
            out.push({ path: entry.fileName, content: Buffer.concat(chunks), mtime: entry.getLastModDate() });
            file.readEntry();
          });
        });
      });
      file.readEntry();
    });
  });
}
