/**
 * Evidence files of the bundle (seed 000 "Output Artifacts": "Evidence files — Screenshots, HTML,
 * query-output extracts"): the population import's metadata, each sampled unit's imported record
 * with its review history, and the audit's own hash-chained event-log entries.
 */
import { ARTIFACT_SCHEMA_VERSION, type BundleInput } from "./input";
import { stableJson } from "./json";

/**
 * evidence/population_import.json: the imported file (name, format, SHA-256, bytes), row counts
 * (total, FAILED, UNKNOWN), population checksum, column mapping, high-risk subgroups, who imported
 * it and when (ISO UTC); `import: null` before any import.
 */
export function buildPopulationImportEvidence(input: BundleInput): string {
  const p = input.populationImport;
  return stableJson({
    schema_version: ARTIFACT_SCHEMA_VERSION,
    audit_slug: input.audit.slug,
    import: p
      ? {
          file_name: p.fileName,
          format: p.format,
          file_sha256: p.sha256,
          byte_size: p.byteSize,
          row_count: p.rowCount,
          failed_count: p.failedCount,
          unknown_count: p.unknownCount,
          succeeded_count: p.rowCount - p.failedCount - p.unknownCount,
          population_checksum: p.populationChecksum,
          column_mapping: Object.fromEntries(Object.entries(p.columnMapping).map(([k, v]) => [k, v ?? null])),
          high_risk_subgroups: p.highRiskSubgroups,
          imported_by: p.importedBy,
          imported_at: p.importedAt,
        }
      : null,
  });
}

/**
 * evidence/review_evidence.json: per sampled unit (review order) its unit key, the record as
 * imported (the query-output extract the reviewer checked against), stratum, reasons, latest
 * finding with note, and every saved review revision (oldest first).
 */
export function buildReviewEvidence(input: BundleInput): string {
  return stableJson({
    schema_version: ARTIFACT_SCHEMA_VERSION,
    audit_slug: input.audit.slug,
    units: input.units.map((u) => ({
      position: u.position,
      unit_key: u.unitKey,
      execution_status: u.executionStatus,
      stratum: u.stratum,
      inclusion_reasons: u.reasons,
      record: u.record,
      finding: u.finding,
      critical_defect_kind: u.criticalKind,
      confirmed_false_positive: u.falsePositive,
      remediation_owner: u.remediationOwner,
      note: u.note,
      reviewed_by: u.reviewedBy,
      reviewed_at: u.reviewedAt,
      history: u.history.map((h) => ({
        revision: h.revision,
        finding: h.finding,
        critical_defect_kind: h.criticalKind,
        confirmed_false_positive: h.falsePositive,
        remediation_owner: h.remediationOwner,
        note: h.note,
        reviewer: h.reviewer,
        at: h.at,
      })),
    })),
  });
}

/**
 * evidence/audit_events.json: the audit's own event-log entries in order (id, type, actor, time,
 * previous hash, hash, payload), with the whole log's head hash and whether its chain is intact;
 * anyone can re-verify the links with lib/event-chain.ts.
 */
export function buildAuditEventsEvidence(input: BundleInput): string {
  const { eventLog } = input;
  return stableJson({
    schema_version: ARTIFACT_SCHEMA_VERSION,
    audit_slug: input.audit.slug,
    head_hash: eventLog.headHash,
    chain_intact: eventLog.intact,
    total_entries: eventLog.entries,
    events: eventLog.auditEvents.map((e) => ({ id: e.id, type: e.type, actor: e.actor, created_at: e.createdAt, prev_hash: e.prevHash, hash: e.hash, payload: e.payload })),
  });
}
