import { sql } from "drizzle-orm";
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

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
  /** Security role: whether the user can be reached for approvals now (seed 000 "Break-Glass Escalation"). */
  available: integer("available", { mode: "boolean" }).notNull().default(true),
  /** When `available` last changed; null: never (available since the account was created). */
  availabilityChangedAt: integer("availability_changed_at", { mode: "timestamp" }),
  /** Bumped by sign-out, a role change, a password change and deactivation; a session carrying an older value is refused (issue 10). */
  sessionVersion: integer("session_version").notNull().default(0),
  /** Set while the account is deactivated: no sign-in, no session. */
  deactivatedAt: integer("deactivated_at", { mode: "timestamp" }),
  createdAt: createdAt(),
});

/**
 * Failed sign-ins per normalised email, whether or not an account has that email, so a locked
 * unknown address answers like a locked account (issue 10, user enumeration).
 */
export const signInThrottle = sqliteTable("sign_in_throttle", {
  emailKey: text("email_key").primaryKey(),
  failures: integer("failures").notNull().default(0),
  lockedUntil: integer("locked_until", { mode: "timestamp" }),
  updatedAt: integer("updated_at", { mode: "timestamp" }).notNull(),
});

/** A project groups audits; roles can be granted per project (issue 10, access by project). */
export const projects = sqliteTable("projects", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  slug: text("slug").notNull().unique(),
  /** The name audits carry in `audits.project_name`. */
  name: text("name").notNull().unique(),
  createdAt: createdAt(),
});

/** Roles a user holds in one project, comma-separated like `users.roles` (which holds the roles granted everywhere). */
export const projectMembers = sqliteTable(
  "project_members",
  {
    projectId: integer("project_id").notNull().references(() => projects.id),
    userId: integer("user_id").notNull().references(() => users.id),
    roles: text("roles").notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.userId] }), index("project_members_user").on(t.userId)],
);

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
  /** Archived audits are hidden from the default list, kept whole and restorable (issue 11). */
  archivedAt: integer("archived_at", { mode: "timestamp" }),
  /** A re-audit names the audit it re-runs (same settings, population file, fresh seed; issue 11). */
  rerunOf: integer("rerun_of"),
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
    /** Some mapped claimed_* / observed_* column pair differs in this unit's record (issue 11). */
    claimDiffers: integer("claim_differs", { mode: "boolean" }).notNull().default(false),
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
    /** Bumped by every save of the primary review: a save from a page loaded at an older revision is refused (issue 11). */
    revision: integer("revision").notNull().default(0),
    /** The reviewer this unit is assigned to; null: any reviewer may review it. */
    assignedTo: integer("assigned_to").references(() => users.id),
    /** A blind second review is requested on this unit (issue 11, double review). */
    secondReviewRequested: integer("second_review_requested", { mode: "boolean" }).notNull().default(false),
    secondReviewedBy: integer("second_reviewed_by").references(() => users.id),
    secondFinding: text("second_finding", { enum: ["PASS", "FAIL", "UNKNOWN"] }),
    secondReviewedAt: integer("second_reviewed_at", { mode: "timestamp" }),
    /** Set when a disagreement between the two reviews was adjudicated; the adjudicated finding is then the unit's current review. */
    adjudicatedBy: integer("adjudicated_by").references(() => users.id),
    adjudicatedAt: integer("adjudicated_at", { mode: "timestamp" }),
  },
  (t) => [uniqueIndex("sample_units_audit_unit").on(t.auditId, t.unitId), uniqueIndex("sample_units_audit_position").on(t.auditId, t.position)],
);

export const reviewHistory = sqliteTable(
  "review_history",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    sampleUnitId: integer("sample_unit_id").notNull().references(() => sampleUnits.id),
    /** primary: the unit's review; second: a blind second review; adjudication: the decision on a disagreement. */
    round: text("round", { enum: ["primary", "second", "adjudication"] }).notNull().default("primary"),
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

/**
 * Evidence attached to a sampled unit's review (issue 11): a file stored under the data directory
 * by its SHA-256, or a link. Removing one sets `removedAt`; nothing is erased.
 */
export const evidence = sqliteTable(
  "evidence",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    auditId: integer("audit_id").notNull().references(() => audits.id),
    sampleUnitId: integer("sample_unit_id").notNull().references(() => sampleUnits.id),
    kind: text("kind", { enum: ["file", "link"] }).notNull(),
    /** file: SHA-256 hex of the bytes (the stored file's name). */
    sha256: text("sha256"),
    /** file: the uploaded name (shown and used for the download); link: its label. */
    fileName: text("file_name"),
    /** file: the media type detected from the content. */
    mediaType: text("media_type"),
    sizeBytes: integer("size_bytes"),
    url: text("url"),
    addedBy: integer("added_by").notNull().references(() => users.id),
    addedAt: createdAt(),
    removedBy: integer("removed_by").references(() => users.id),
    removedAt: integer("removed_at", { mode: "timestamp" }),
    removedReason: text("removed_reason"),
  },
  (t) => [index("evidence_unit").on(t.sampleUnitId)],
);

export const shareLinks = sqliteTable(
  "share_links",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** The sampling audit whose report is shared; null for a checklist audit's link. */
    auditId: integer("audit_id").references(() => audits.id),
    /** The checklist (profile) audit whose report is shared (issue 13); null for a sampling audit's link. */
    profileAuditId: integer("profile_audit_id").references(() => profileAudits.id),
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
    /** The audit's newest event id when the snapshot was published (its report-changing events): later ones mean the audit changed since. */
    snapshotEventId: integer("snapshot_event_id"),
    publishedAt: integer("published_at", { mode: "timestamp" }),
  },
  (t) => [index("share_links_profile_audit").on(t.profileAuditId), check("share_links_one_audit", sql`(${t.auditId} is null) <> (${t.profileAuditId} is null)`)],
);

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
    /**
     * The checklist (profile) audit an entry belongs to: payload.profileAuditId, copied when the
     * entry is appended so a checklist audit's timeline is an index lookup. Not part of the entry's
     * hash (the payload it is copied from is).
     */
    profileAuditId: integer("profile_audit_id").references(() => profileAudits.id),
    actorId: integer("actor_id").references(() => users.id),
    type: text("type").notNull(),
    payload: text("payload").notNull(),
    /** Unique: two entries can never follow the same one, so the chain cannot fork. */
    prevHash: text("prev_hash").notNull().unique(),
    hash: text("hash").notNull().unique(),
    createdAt: text("created_at").notNull(),
  },
  (t) => [index("events_audit").on(t.auditId), index("events_profile_audit").on(t.profileAuditId)],
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

/** Prompt templates of the external-audit cycle (seed 002); every edit is a new version, never an overwrite (issue 12). */
export const promptTemplates = sqliteTable(
  "prompt_templates",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    role: text("role", { enum: ["auditor-primary", "auditor-secondary", "calibrator-reconciler"] }).notNull(),
    version: integer("version").notNull(),
    body: text("body").notNull(),
    createdBy: integer("created_by").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("prompt_templates_role_version").on(t.role, t.version)],
);

/** One audit's external-audit cycle (seed 002): the material the prompts are resolved from and the heterogeneity override. */
export const externalAudits = sqliteTable("external_audits", {
  auditId: integer("audit_id").primaryKey().references(() => audits.id),
  gitRange: text("git_range"),
  gitDiff: text("git_diff"),
  ailogPaths: text("ailog_paths"),
  ailogContents: text("ailog_contents"),
  /** Set when an operator accepts two auditors of the same model family, with the reason the report shows. */
  sameFamilyOverrideReason: text("same_family_override_reason"),
  sameFamilyOverrideBy: integer("same_family_override_by").references(() => users.id),
  sameFamilyOverrideAt: integer("same_family_override_at", { mode: "timestamp" }),
  finalizedAt: integer("finalized_at", { mode: "timestamp" }),
  createdAt: createdAt(),
});

/**
 * Resolved prompts and pasted outputs of the cycle, immutable; a re-paste adds the next version.
 * kind prompt: `templateId` names the template version it was resolved from.
 */
export const externalAuditDocuments = sqliteTable(
  "external_audit_documents",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    auditId: integer("audit_id").notNull().references(() => audits.id),
    kind: text("kind", { enum: ["prompt", "output"] }).notNull(),
    role: text("role", { enum: ["auditor-primary", "auditor-secondary", "calibrator"] }).notNull(),
    version: integer("version").notNull(),
    templateId: integer("template_id").references(() => promptTemplates.id),
    /** Where the seed's CLI would keep it, e.g. audit/charters/<slug>/prompts/auditor-primary.prompt.md (what prompt_used cites). */
    path: text("path").notNull(),
    body: text("body").notNull(),
    /** SHA-256 hex of the body's UTF-8 bytes. */
    sha256: text("sha256").notNull(),
    /** output: whether it passed the schema and the cross-checks; `errors` lists why not. */
    valid: integer("valid", { mode: "boolean" }).notNull().default(false),
    errors: text("errors", { mode: "json" }).$type<{ path: string; message: string }[]>(),
    modelFamily: text("model_family"),
    modelName: text("model_name"),
    createdBy: integer("created_by").notNull().references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("external_audit_documents_version").on(t.auditId, t.kind, t.role, t.version)],
);

/** An auditor finding linked to a sampled unit, to compare machine and human findings (issue 12). */
export const externalFindingLinks = sqliteTable(
  "external_finding_links",
  {
    auditId: integer("audit_id").notNull().references(() => audits.id),
    role: text("role", { enum: ["auditor-primary", "auditor-secondary"] }).notNull(),
    findingId: text("finding_id").notNull(),
    sampleUnitId: integer("sample_unit_id").notNull().references(() => sampleUnits.id),
    createdBy: integer("created_by").notNull().references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.auditId, t.role, t.findingId, t.sampleUnitId] })],
);

/** A human decision on a finding the calibrator marked disputed (issue 12). */
export const externalFindingDecisions = sqliteTable(
  "external_finding_decisions",
  {
    auditId: integer("audit_id").notNull().references(() => audits.id),
    /** The calibrator's reconciled finding id. */
    findingId: text("finding_id").notNull(),
    decision: text("decision", { enum: ["upheld", "rejected"] }).notNull(),
    category: text("category", { enum: ["hallucination", "implementation_gap", "real_debt", "false_positive"] }),
    note: text("note").notNull(),
    decidedBy: integer("decided_by").notNull().references(() => users.id),
    decidedAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.auditId, t.findingId] })],
);

/**
 * An audit of one of the checklist profiles (issue 13): production readiness (seed 001), ADR
 * quality gate (seed 003) or rollout expansion gate (seed 004). Its rules are lib/profiles/*.
 */
export const profileAudits = sqliteTable("profile_audits", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  slug: text("slug").notNull().unique(),
  projectName: text("project_name").notNull(),
  profile: text("profile", { enum: ["launch_readiness", "adr", "rollout"] }).notNull(),
  title: text("title").notNull(),
  /** Profile input: launch context (launch readiness), ADR meta, rollout plan. */
  context: text("context", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
  /** The profile's config (thresholds, weights) in force for this audit, validated by lib/profiles/config.ts. */
  config: text("config", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
  createdBy: integer("created_by").notNull().references(() => users.id),
  createdAt: createdAt(),
  closedAt: integer("closed_at", { mode: "timestamp" }),
  /** Set while archived: hidden from the default lists, kept whole and read-only until restored. */
  archivedAt: integer("archived_at", { mode: "timestamp" }),
});

/** A checklist finding in a section (phase or lens) of a profile audit (issue 13). */
export const profileFindings = sqliteTable(
  "profile_findings",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    profileAuditId: integer("profile_audit_id").notNull().references(() => profileAudits.id),
    section: text("section").notNull(),
    title: text("title").notNull(),
    severity: text("severity").notNull(),
    /** launch readiness: STOP_SHIP | FIX_SOON | ACCEPTABLE_RISK; ADR: the lens finding's check class. */
    category: text("category"),
    evidence: text("evidence"),
    location: text("location"),
    owner: text("owner"),
    /** YYYY-MM-DD (UTC calendar date). */
    dueDate: text("due_date"),
    status: text("status").notNull(),
    tags: text("tags", { mode: "json" }).$type<string[]>().notNull(),
    approach: text("approach"),
    effortDays: integer("effort_days"),
    /** ADR lens findings: the playbook check cited. */
    checkRef: text("check_ref"),
    createdBy: integer("created_by").notNull().references(() => users.id),
    createdAt: createdAt(),
    updatedAt: integer("updated_at", { mode: "timestamp" }),
  },
  (t) => [index("profile_findings_audit").on(t.profileAuditId)],
);

/** Versioned documents of a profile audit: the ADR under review, rendered reports, approval documents; never overwritten. */
export const profileDocuments = sqliteTable(
  "profile_documents",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    profileAuditId: integer("profile_audit_id").notNull().references(() => profileAudits.id),
    kind: text("kind", { enum: ["adr", "report", "approval"] }).notNull(),
    version: integer("version").notNull(),
    fileName: text("file_name").notNull(),
    body: text("body").notNull(),
    sha256: text("sha256").notNull(),
    createdBy: integer("created_by").notNull().references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("profile_documents_version").on(t.profileAuditId, t.kind, t.version)],
);

/** ADR content review: one 0–100 score per lens (seed 003). */
export const profileLensScores = sqliteTable(
  "profile_lens_scores",
  {
    profileAuditId: integer("profile_audit_id").notNull().references(() => profileAudits.id),
    lens: text("lens").notNull(),
    score: integer("score").notNull(),
    reviewerId: integer("reviewer_id").notNull().references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.profileAuditId, t.lens] })],
);

/** Rollout: when each stage was reached and each checkpoint completed (seed 004). */
export const rolloutEvents = sqliteTable(
  "rollout_events",
  {
    profileAuditId: integer("profile_audit_id").notNull().references(() => profileAudits.id),
    kind: text("kind", { enum: ["stage_reached", "checkpoint_completed"] }).notNull(),
    /** stage_reached: the percentage ("25"); checkpoint_completed: the checkpoint's name. */
    name: text("name").notNull(),
    at: integer("at", { mode: "timestamp" }).notNull(),
    recordedBy: integer("recorded_by").notNull().references(() => users.id),
    note: text("note"),
  },
  (t) => [primaryKey({ columns: [t.profileAuditId, t.kind, t.name] })],
);

/** Rollout expansion approval: each configured approver role's GO / NO-GO with its rationale, per target stage. */
export const expansionVotes = sqliteTable(
  "expansion_votes",
  {
    profileAuditId: integer("profile_audit_id").notNull().references(() => profileAudits.id),
    targetPercentage: integer("target_percentage").notNull(),
    role: text("role").notNull(),
    voterId: integer("voter_id").notNull().references(() => users.id),
    vote: text("vote", { enum: ["GO", "NO_GO"] }).notNull(),
    rationale: text("rationale").notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.profileAuditId, t.targetPercentage, t.role] })],
);

/** Rollout expansion readiness scorecard per target stage (seed 004 IMPROVEMENT 5): points per item. */
export const expansionScorecards = sqliteTable(
  "expansion_scorecards",
  {
    profileAuditId: integer("profile_audit_id").notNull().references(() => profileAudits.id),
    targetPercentage: integer("target_percentage").notNull(),
    items: text("items", { mode: "json" }).$type<Record<string, number>>().notNull(),
    createdBy: integer("created_by").notNull().references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.profileAuditId, t.targetPercentage] })],
);

/** Sign-offs of a profile audit's verdict snapshot (lib/signoff rules: one signature per signer and snapshot). */
export const profileSignOffs = sqliteTable(
  "profile_sign_offs",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    profileAuditId: integer("profile_audit_id").notNull().references(() => profileAudits.id),
    signerId: integer("signer_id").notNull().references(() => users.id),
    snapshotHash: text("snapshot_hash").notNull(),
    statement: text("statement").notNull(),
    signedAt: createdAt(),
    revokedAt: integer("revoked_at", { mode: "timestamp" }),
    revokeReason: text("revoke_reason"),
  },
  (t) => [uniqueIndex("profile_sign_offs_once").on(t.profileAuditId, t.signerId, t.snapshotHash)],
);
