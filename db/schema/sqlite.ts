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
  /** Security role: whether the user can be reached for approvals now (seed 000 "Break-Glass Escalation"). */
  available: integer("available", { mode: "boolean" }).notNull().default(true),
  /** When `available` last changed; null: never (available since the account was created). */
  availabilityChangedAt: integer("availability_changed_at", { mode: "timestamp" }),
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
  /** One-sided confidence of the upper bound, in whole percent: 90, 95 (default) or 99 (issue 9). */
  confidencePercent: integer("confidence_percent").notNull().default(95),
  /** What the 3% / 7% / 2% thresholds apply to: the point estimate (seed 000 default) or the exact upper bound (strict). */
  decisionBasis: text("decision_basis", { enum: ["point_estimate", "upper_bound"] }).notNull().default("point_estimate"),
  stabilityActualResult: text("stability_actual_result"),
  stabilityCheckedAt: integer("stability_checked_at", { mode: "timestamp" }),
  /** Set by closeout; a closed audit is read-only. */
  closedAt: integer("closed_at", { mode: "timestamp" }),
  closedBy: integer("closed_by").references(() => users.id),
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
  /** Random-stratum size the operator asked for (the planned size, never below the tier size); null: the tier size. */
  requestedRandomSize: integer("requested_random_size"),
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
    /** FAIL units: when remediation is due (default SLA by severity, lib/signoff/remediation.ts). */
    remediationDueAt: integer("remediation_due_at", { mode: "timestamp" }),
    /** The remediation is a destructive or irreversible mutation: closeout needs its clearance. */
    remediationDestructive: integer("remediation_destructive", { mode: "boolean" }).notNull().default(false),
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
  /** The published report: RFC 8785 canonical JSON (lib/share-snapshot.ts), served as it was; null for links made before snapshots. */
  snapshot: text("snapshot"),
  /** SHA-256 hex of `snapshot`'s UTF-8 bytes. */
  snapshotHash: text("snapshot_hash"),
  /** The audit's newest event id when the snapshot was published: later audit events mean the audit changed since. */
  snapshotEventId: integer("snapshot_event_id"),
  publishedAt: integer("published_at", { mode: "timestamp" }),
});

/** API tokens for pipelines (gate API): only the SHA-256 of the token is stored. */
export const apiTokens = sqliteTable("api_tokens", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  name: text("name").notNull(),
  tokenHash: text("token_hash").notNull().unique(),
  /** What the token may do; today only reading gates. */
  scope: text("scope", { enum: ["gate:read"] }).notNull(),
  /** Restricts the token to one project's audits (audits.project_name); null: every project. */
  projectName: text("project_name"),
  createdBy: integer("created_by").notNull().references(() => users.id),
  createdAt: createdAt(),
  revokedAt: integer("revoked_at", { mode: "timestamp" }),
  lastUsedAt: integer("last_used_at", { mode: "timestamp" }),
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

/** An approver's signature on a verdict snapshot (lib/signoff/snapshot.ts), with its statement. */
export const signOffs = sqliteTable(
  "sign_offs",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    auditId: integer("audit_id").notNull().references(() => audits.id),
    signerId: integer("signer_id").notNull().references(() => users.id),
    snapshotHash: text("snapshot_hash").notNull(),
    /** The canonical JSON of the snapshot signed. */
    snapshot: text("snapshot").notNull(),
    statement: text("statement").notNull(),
    createdAt: createdAt(),
    revokedAt: integer("revoked_at", { mode: "timestamp" }),
    revokeReason: text("revoke_reason"),
  },
  (t) => [uniqueIndex("sign_offs_once").on(t.auditId, t.signerId, t.snapshotHash)],
);

/** A request for an approver's sign-off (any approver when approver_id is null), optionally with a deadline. */
export const signOffRequests = sqliteTable("sign_off_requests", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  auditId: integer("audit_id").notNull().references(() => audits.id),
  requestedBy: integer("requested_by").notNull().references(() => users.id),
  approverId: integer("approver_id").references(() => users.id),
  deadline: integer("deadline", { mode: "timestamp" }),
  createdAt: createdAt(),
});

/** A break-glass exception request (seed 000 "Break-Glass Escalation"); one per audit. */
export const breakGlassRequests = sqliteTable("break_glass_requests", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  auditId: integer("audit_id").notNull().unique().references(() => audits.id),
  requestedBy: integer("requested_by").notNull().references(() => users.id),
  impact: text("impact").notNull(),
  justification: text("justification").notNull(),
  /** { data_team_lead, compliance_officer, cto_escalation } */
  contacts: text("contacts", { mode: "json" }).$type<{ data_team_lead: string; compliance_officer: string; cto_escalation: string }>().notNull(),
  /** Whether breakGlassAllowed held when the request was made, and since when security was unavailable then. */
  allowed: integer("allowed", { mode: "boolean" }).notNull(),
  securityUnavailableSince: integer("security_unavailable_since", { mode: "timestamp" }),
  singleSignerDeclaredAt: integer("single_signer_declared_at", { mode: "timestamp" }),
  grantedAt: integer("granted_at", { mode: "timestamp" }),
  /** YYYY-MM-DD: the retrospective security audit's due date, set when granted. */
  retrospectiveDue: text("retrospective_due"),
  createdAt: createdAt(),
});

/** A countersignature on a break-glass request: one per slot, one per person. */
export const breakGlassSignatures = sqliteTable(
  "break_glass_signatures",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    requestId: integer("request_id").notNull().references(() => breakGlassRequests.id),
    signerId: integer("signer_id").notNull().references(() => users.id),
    slot: text("slot", { enum: ["technical_owner", "compliance_security"] }).notNull(),
    statement: text("statement").notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("break_glass_signatures_signer").on(t.requestId, t.signerId), uniqueIndex("break_glass_signatures_slot").on(t.requestId, t.slot)],
);

/** A verified HMAC-SHA256 waiver for an audit's destructive remediation (lib/signoff/waiver.ts). */
export const waivers = sqliteTable("waivers", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  auditId: integer("audit_id").notNull().references(() => audits.id),
  waiverId: text("waiver_id").notNull().unique(),
  record: text("record", { mode: "json" }).$type<Record<string, string>>().notNull(),
  signature: text("signature").notNull(),
  keyId: text("key_id").notNull(),
  recordedBy: integer("recorded_by").notNull().references(() => users.id),
  createdAt: createdAt(),
  revokedAt: integer("revoked_at", { mode: "timestamp" }),
});

/** One approval of the two-person path for a destructive remediation. */
export const twoPersonApprovals = sqliteTable(
  "two_person_approvals",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    auditId: integer("audit_id").notNull().references(() => audits.id),
    approverId: integer("approver_id").notNull().references(() => users.id),
    statement: text("statement").notNull(),
    /** Recorded when no waiver key was configured (degraded mode). */
    degraded: integer("degraded", { mode: "boolean" }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("two_person_approvals_once").on(t.auditId, t.approverId)],
);

/** An event-log head signed with the Ed25519 key held outside the database (lib/signed-head.ts). */
export const signedHeads = sqliteTable("signed_heads", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  eventId: integer("event_id").notNull().references(() => events.id),
  headHash: text("head_hash").notNull(),
  reason: text("reason", { enum: ["sign_off", "closeout", "break_glass"] }).notNull(),
  signedAt: text("signed_at").notNull(),
  signature: text("signature").notNull(),
  keyId: text("key_id").notNull(),
});
