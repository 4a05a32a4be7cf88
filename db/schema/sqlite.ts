import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/*
 * SQLite declaration of the schema. db/schema/pg.ts declares the same tables for PostgreSQL;
 * db/schema/drift.test.ts fails when the two disagree. Change both, then run `npm run db:generate`.
 */

const createdAt = () => integer("created_at", { mode: "timestamp" }).notNull().default(sql`(unixepoch())`);

export const users = sqliteTable("users", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  email: text("email").notNull().unique(),
  name: text("name").notNull(),
  passwordHash: text("password_hash").notNull(),
  /** Comma-separated roles: operator, reviewer, approver, security, admin. */
  roles: text("roles").notNull(),
  failedSignIns: integer("failed_sign_ins").notNull().default(0),
  lockedUntil: integer("locked_until", { mode: "timestamp" }),
  createdAt: createdAt(),
});

export const audits = sqliteTable("audits", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  slug: text("slug").notNull().unique(),
  projectName: text("project_name").notNull(),
  auditDate: text("audit_date").notNull(),
  title: text("title").notNull(),
  changeDescription: text("change_description").notNull(),
  riskTier: integer("risk_tier").notNull(),
  triggerReasons: text("trigger_reasons", { mode: "json" }).$type<string[]>().notNull(),
  triggerContractVersion: text("trigger_contract_version").notNull(),
  bulkMutationThreshold: integer("bulk_mutation_threshold").notNull(),
  duplicateClusterCap: integer("duplicate_cluster_cap").notNull(),
  sotQuery: text("sot_query").notNull(),
  sotStabilityQuery: text("sot_stability_query").notNull(),
  sotExpectedResult: text("sot_expected_result").notNull(),
  consistencyModel: text("consistency_model", { enum: ["strong", "bounded_staleness", "eventual"] }).notNull(),
  stalenessBoundSeconds: integer("staleness_bound_seconds"),
  stabilityActualResult: text("stability_actual_result"),
  stabilityCheckedAt: integer("stability_checked_at", { mode: "timestamp" }),
  createdBy: integer("created_by").notNull().references(() => users.id),
  createdAt: createdAt(),
});

export const populationImports = sqliteTable("population_imports", {
  auditId: integer("audit_id").primaryKey().references(() => audits.id),
  fileName: text("file_name").notNull(),
  format: text("format", { enum: ["csv", "jsonl"] }).notNull(),
  sha256: text("sha256").notNull(),
  byteSize: integer("byte_size").notNull(),
  rowCount: integer("row_count").notNull(),
  failedCount: integer("failed_count").notNull(),
  unknownCount: integer("unknown_count").notNull(),
  /** SHA-256 of the canonical unit list (lib/checksum.ts), what sample reproducibility is tied to. */
  populationChecksum: text("population_checksum").notNull(),
  columnMapping: text("column_mapping", { mode: "json" }).$type<Record<string, string | undefined>>().notNull(),
  highRiskSubgroups: text("high_risk_subgroups", { mode: "json" }).$type<string[]>().notNull(),
  importedBy: integer("imported_by").notNull().references(() => users.id),
  importedAt: createdAt(),
});

export const units = sqliteTable(
  "units",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    auditId: integer("audit_id").notNull().references(() => audits.id),
    /** 0-based position in the imported file: the population order sampling uses. */
    position: integer("position").notNull(),
    unitKey: text("unit_key").notNull(),
    executionStatus: text("execution_status", { enum: ["SUCCEEDED", "FAILED", "UNKNOWN"] }).notNull(),
    subgroup: text("subgroup"),
    identityKey: text("identity_key"),
    record: text("record").notNull(),
  },
  (t) => [uniqueIndex("units_audit_key").on(t.auditId, t.unitKey), uniqueIndex("units_audit_position").on(t.auditId, t.position)],
);

export const samples = sqliteTable("samples", {
  auditId: integer("audit_id").primaryKey().references(() => audits.id),
  seed: text("seed").notNull(),
  populationChecksum: text("population_checksum").notNull(),
  riskTier: integer("risk_tier").notNull(),
  tierSize: integer("tier_size").notNull(),
  populationSize: integer("population_size").notNull(),
  censusSize: integer("census_size").notNull(),
  randomSize: integer("random_size").notNull(),
  clustersIncluded: integer("clusters_included").notNull(),
  clusterUnits: integer("cluster_units").notNull(),
  clustersAvailable: integer("clusters_available").notNull(),
  warnings: text("warnings", { mode: "json" }).$type<{ code: string; message: string }[]>().notNull(),
  drawnBy: integer("drawn_by").notNull().references(() => users.id),
  drawnAt: createdAt(),
});

export const sampleUnits = sqliteTable(
  "sample_units",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    auditId: integer("audit_id").notNull().references(() => audits.id),
    unitId: integer("unit_id").notNull().references(() => units.id),
    /** 0-based review order: census, then random (draw order), then supplementary. */
    position: integer("position").notNull(),
    stratum: text("stratum", { enum: ["census", "random", "supplementary"] }).notNull(),
    /** Current review (latest of review_history); null finding = not reviewed. */
    finding: text("finding", { enum: ["PASS", "FAIL", "UNKNOWN"] }),
    criticalKind: text("critical_kind"),
    falsePositive: integer("false_positive", { mode: "boolean" }).notNull().default(false),
    remediationOwner: text("remediation_owner"),
    note: text("note"),
    reviewedBy: integer("reviewed_by").references(() => users.id),
    reviewedAt: integer("reviewed_at", { mode: "timestamp" }),
  },
  (t) => [uniqueIndex("sample_units_audit_unit").on(t.auditId, t.unitId), uniqueIndex("sample_units_audit_position").on(t.auditId, t.position)],
);

export const reviewHistory = sqliteTable(
  "review_history",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    sampleUnitId: integer("sample_unit_id").notNull().references(() => sampleUnits.id),
    finding: text("finding", { enum: ["PASS", "FAIL", "UNKNOWN"] }).notNull(),
    criticalKind: text("critical_kind"),
    falsePositive: integer("false_positive", { mode: "boolean" }).notNull(),
    remediationOwner: text("remediation_owner"),
    note: text("note"),
    reviewedBy: integer("reviewed_by").notNull().references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index("review_history_unit").on(t.sampleUnitId)],
);

export const shareLinks = sqliteTable("share_links", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  auditId: integer("audit_id").notNull().references(() => audits.id),
  /** SHA-256 hex of the token; the token itself is never stored. */
  tokenHash: text("token_hash").notNull().unique(),
  label: text("label"),
  expiresAt: integer("expires_at", { mode: "timestamp" }).notNull(),
  revokedAt: integer("revoked_at", { mode: "timestamp" }),
  createdBy: integer("created_by").notNull().references(() => users.id),
  createdAt: createdAt(),
});

export const events = sqliteTable(
  "events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    auditId: integer("audit_id").references(() => audits.id),
    actorId: integer("actor_id").references(() => users.id),
    type: text("type").notNull(),
    payload: text("payload").notNull(),
    /** Unique: two entries can never follow the same one, so the chain cannot fork. */
    prevHash: text("prev_hash").notNull().unique(),
    hash: text("hash").notNull().unique(),
    createdAt: text("created_at").notNull(),
  },
  (t) => [index("events_audit").on(t.auditId)],
);



/** Inclusion reasons of a sampled unit (lib/sampling.ts `InclusionReason`), one row each. */
export const sampleUnitReasons = sqliteTable(
  "sample_unit_reasons",
  {
    sampleUnitId: integer("sample_unit_id").notNull().references(() => sampleUnits.id),
    reason: text("reason").notNull(),
  },
  (t) => [primaryKey({ columns: [t.sampleUnitId, t.reason] }), index("sample_unit_reasons_reason").on(t.reason, t.sampleUnitId)],
);

/**
 * An import under way into an audit (at most one per audit, across app instances): taken before
 * the file is read, released when the import ends; a lease past `expires_at` may be taken over.
 */
export const importLeases = sqliteTable("import_leases", {
  auditId: integer("audit_id").primaryKey().references(() => audits.id),
  token: text("token").notNull(),
  startedBy: integer("started_by").notNull().references(() => users.id),
  expiresAt: integer("expires_at", { mode: "timestamp" }).notNull(),
});
