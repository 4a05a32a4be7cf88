/**
 * decision_replay_packet.json (seed 000 "Output Artifacts": "Query hashes (SHA-256), schema
 * versions, tool versions, window_start and window_end timestamps, and environment metadata";
 * "Destructive Mutation Clearance" and "Break-Glass Escalation": the approval chain and both
 * countersignatures are documented here). With it and the population file, the sample can be
 * redrawn (lib/sampling.ts drawSample) and the verdict recomputed (lib/assessment.ts assessAudit).
 */
import { sha256Hex } from "../checksum";
import { approvalChain } from "./approval-chain";
import { ARTIFACT_SCHEMA_VERSION, type BundleInput } from "./input";
import { stableJson } from "./json";

/**
 * The audit window (ISO UTC): from the audit's creation to its closeout, or, while open, to its
 * latest event-log entry (the last recorded state change; never the time of export, so the packet
 * does not change between two exports of the same state).
 */
export function auditWindow(input: BundleInput): { start: string; end: string } {
  const last = input.eventLog.auditEvents.at(-1)?.createdAt ?? input.audit.createdAt;
  return { start: input.audit.createdAt, end: input.audit.closedAt ?? last };
}

/**
 * The packet as an object (schema public/schemas/decision_replay_packet.schema.json):
 * `query_hashes` (SHA-256 hex of the source-of-truth query and the stability test query, UTF-8),
 * the queries and expected result themselves, `schema_versions` (database engine + newest
 * migration id, auditor output schema version, trigger contract version), `tool_versions` (app,
 * Node, key libraries), `window_start` / `window_end`, `environment`, `sampling` (seed, population
 * checksum and every parameter drawSample needs), `preconditions` (what assessAudit needs besides
 * the reviews), the recomputed `decision`, the event-log head hash, and `approval_chain`.
 */
export function decisionReplayPacket(input: BundleInput) {
  const { audit, sample, environment: env, populationImport: imp, assessment } = input;
  const window = auditWindow(input);
  return {
    schema_version: ARTIFACT_SCHEMA_VERSION,
    audit_slug: audit.slug,
    query_hashes: {
      algorithm: "SHA-256",
      source_of_truth_query: sha256Hex(audit.sotQuery),
      stability_test_query: sha256Hex(audit.sotStabilityQuery),
    },
    queries: { source_of_truth_query: audit.sotQuery, stability_test_query: audit.sotStabilityQuery, expected_stability_result: audit.sotExpectedResult },
    schema_versions: { database_engine: env.engine, database_migration: env.migrationId, auditor_output_schema: ARTIFACT_SCHEMA_VERSION, trigger_contract_version: audit.triggerContractVersion },
    tool_versions: { app: env.appVersion, node: env.nodeVersion, libraries: env.libraries },
    window_start: window.start,
    window_end: window.end,
    environment: { database_engine: env.engine, platform: env.platform, arch: env.arch, node: env.nodeVersion },
    sampling: {
      seed: sample?.seed ?? null,
      population_checksum: sample?.populationChecksum ?? imp?.populationChecksum ?? null,
      population_file_sha256: imp?.sha256 ?? null,
      population_order: "import order (row order of the population file)",
      risk_tier: sample?.riskTier ?? audit.riskTier,
      duplicate_cluster_cap: audit.duplicateClusterCap,
      high_risk_subgroups: imp?.highRiskSubgroups ?? [],
      tier_size: sample?.tierSize ?? null,
      requested_random_size: sample?.requestedRandomSize ?? null,
      population_size: sample?.populationSize ?? null,
      census_size: sample?.censusSize ?? null,
      random_size: sample?.randomSize ?? null,
      clusters_included: sample?.clustersIncluded ?? null,
      cluster_units: sample?.clusterUnits ?? null,
      clusters_available: sample?.clustersAvailable ?? null,
      drawn_by: sample?.drawnBy ?? null,
      drawn_at: sample?.drawnAt ?? null,
      algorithm: "Countersign lib/sampling.ts drawSample, xoshiro128** seeded from SHA-256 of the seed",
    },
    preconditions: {
      consistency_model: audit.consistencyModel,
      staleness_bound_seconds: audit.stalenessBoundSeconds,
      stability_expected: audit.sotExpectedResult,
      stability_actual: audit.stabilityActualResult,
      stability_checked_at: audit.stabilityCheckedAt,
      has_population: imp !== null,
      has_sample: sample !== null,
    },
    decision: {
      verdict: assessment.verdict,
      verdict_gate_state: assessment.gateState,
      gate_state: input.gateState,
      reasons: assessment.reasons,
      defect_rate: assessment.defectRate,
      unknown_rate: assessment.unknownRate,
      defect_rate_upper_bound: input.upperBound,
      snapshot_hash: input.signOff.snapshotHash,
    },
    event_log_head_hash: input.eventLog.headHash,
    approval_chain: approvalChain(input),
  };
}

/** decision_replay_packet.json text (deterministic JSON, lib/artifacts/json.ts). */
export function buildDecisionReplayPacketJson(input: BundleInput): string {
  return stableJson(decisionReplayPacket(input));
}
