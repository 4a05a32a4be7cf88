import { sql } from "drizzle-orm";
import { boolean, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

/*
 * PostgreSQL declaration of the schema: the same tables, columns, keys and indexes as
 * db/schema/sqlite.ts (db/schema/drift.test.ts fails when they disagree). Timestamps are
 * `timestamp with time zone`, JSON columns jsonb, flags boolean; every column reads back as the
 * same JavaScript type on both engines. Change both, then run `npm run db:generate`.
 */

const id = () => integer("id").primaryKey().generatedByDefaultAsIdentity();
const stamp = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });
const createdAt = () => stamp("created_at").notNull().defaultNow();

export const users = pgTable("users", {
  id: id(),
  email: text("email").notNull().unique(),
  name: text("name").notNull(),
  passwordHash: text("password_hash").notNull(),
  /** Comma-separated roles: operator, reviewer, approver, security, admin. */
  roles: text("roles").notNull(),
  /** Security role: whether the user can be reached for approvals now (seed 000 "Break-Glass Escalation"). */
  available: boolean("available").notNull().default(true),
  /** When `available` last changed; null: never (available since the account was created). */
  availabilityChangedAt: stamp("availability_changed_at"),
  /** Bumped by sign-out, a role change, a password change and deactivation; a session carrying an older value is refused (issue 10). */
  sessionVersion: integer("session_version").notNull().default(0),
  /** Set while the account is deactivated: no sign-in, no session. */
  deactivatedAt: stamp("deactivated_at"),
  createdAt: createdAt(),
});

/**
 * Failed sign-ins per normalised email, whether or not an account has that email, so a locked
 * unknown address answers like a locked account (issue 10, user enumeration).
 */
export const signInThrottle = pgTable("sign_in_throttle", {
  emailKey: text("email_key").primaryKey(),
  failures: integer("failures").notNull().default(0),
  lockedUntil: stamp("locked_until"),
  updatedAt: stamp("updated_at").notNull(),
});

/** A project groups audits; roles can be granted per project (issue 10, access by project). */
export const projects = pgTable("projects", {
  id: id(),
  slug: text("slug").notNull().unique(),
  /** The name audits carry in `audits.project_name`. */
  name: text("name").notNull().unique(),
  createdAt: createdAt(),
});

/** Roles a user holds in one project, comma-separated like `users.roles` (which holds the roles granted everywhere). */
export const projectMembers = pgTable(
  "project_members",
  {
    projectId: integer("project_id").notNull().references(() => projects.id),
    userId: integer("user_id").notNull().references(() => users.id),
    roles: text("roles").notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.userId] }), index("project_members_user").on(t.userId)],
);

export const audits = pgTable("audits", {
  id: id(),
  slug: text("slug").notNull().unique(),
  projectName: text("project_name").notNull(),
  auditDate: text("audit_date").notNull(),
  title: text("title").notNull(),
  changeDescription: text("change_description").notNull(),
  riskTier: integer("risk_tier").notNull(),
  triggerReasons: jsonb("trigger_reasons").$type<string[]>().notNull(),
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
  stabilityCheckedAt: stamp("stability_checked_at"),
  /** Set by closeout; a closed audit is read-only. */
  closedAt: stamp("closed_at"),
  closedBy: integer("closed_by").references(() => users.id),
  /** Archived audits are hidden from the default list, kept whole and restorable (issue 11). */
  archivedAt: stamp("archived_at"),
  /** A re-audit names the audit it re-runs (same settings, population file, fresh seed; issue 11). */
  rerunOf: integer("rerun_of"),
  createdBy: integer("created_by").notNull().references(() => users.id),
  createdAt: createdAt(),
});

export const populationImports = pgTable("population_imports", {
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
  columnMapping: jsonb("column_mapping").$type<Record<string, string | undefined>>().notNull(),
  highRiskSubgroups: jsonb("high_risk_subgroups").$type<string[]>().notNull(),
  importedBy: integer("imported_by").notNull().references(() => users.id),
  importedAt: createdAt(),
});

export const units = pgTable(
  "units",
  {
    id: id(),
    auditId: integer("audit_id").notNull().references(() => audits.id),
    /** 0-based position in the imported file: the population order sampling uses. */
    position: integer("position").notNull(),
    unitKey: text("unit_key").notNull(),
    executionStatus: text("execution_status", { enum: ["SUCCEEDED", "FAILED", "UNKNOWN"] }).notNull(),
    subgroup: text("subgroup"),
    identityKey: text("identity_key"),
    record: text("record").notNull(),
    /** Some mapped claimed_* / observed_* column pair differs in this unit's record (issue 11). */
    claimDiffers: boolean("claim_differs").notNull().default(false),
  },
  (t) => [uniqueIndex("units_audit_key").on(t.auditId, t.unitKey), uniqueIndex("units_audit_position").on(t.auditId, t.position)],
);

export const samples = pgTable("samples", {
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
  warnings: jsonb("warnings").$type<{ code: string; message: string }[]>().notNull(),
  drawnBy: integer("drawn_by").notNull().references(() => users.id),
  drawnAt: createdAt(),
});

export const sampleUnits = pgTable(
  "sample_units",
  {
    id: id(),
    auditId: integer("audit_id").notNull().references(() => audits.id),
    unitId: integer("unit_id").notNull().references(() => units.id),
    /** 0-based review order: census, then random (draw order), then supplementary. */
    position: integer("position").notNull(),
    stratum: text("stratum", { enum: ["census", "random", "supplementary"] }).notNull(),
    /** Current review (latest of review_history); null finding = not reviewed. */
    finding: text("finding", { enum: ["PASS", "FAIL", "UNKNOWN"] }),
    criticalKind: text("critical_kind"),
    falsePositive: boolean("false_positive").notNull().default(false),
    remediationOwner: text("remediation_owner"),
    note: text("note"),
    reviewedBy: integer("reviewed_by").references(() => users.id),
    reviewedAt: stamp("reviewed_at"),
    /** FAIL units: when remediation is due (default SLA by severity, lib/signoff/remediation.ts). */
    remediationDueAt: stamp("remediation_due_at"),
    /** The remediation is a destructive or irreversible mutation: closeout needs its clearance. */
    remediationDestructive: boolean("remediation_destructive").notNull().default(false),
    /** Bumped by every save of the primary review: a save from a page loaded at an older revision is refused (issue 11). */
    revision: integer("revision").notNull().default(0),
    /** The reviewer this unit is assigned to; null: any reviewer may review it. */
    assignedTo: integer("assigned_to").references(() => users.id),
    /** A blind second review is requested on this unit (issue 11, double review). */
    secondReviewRequested: boolean("second_review_requested").notNull().default(false),
    secondReviewedBy: integer("second_reviewed_by").references(() => users.id),
    secondFinding: text("second_finding", { enum: ["PASS", "FAIL", "UNKNOWN"] }),
    secondReviewedAt: stamp("second_reviewed_at"),
    /** Set when a disagreement between the two reviews was adjudicated; the adjudicated finding is then the unit's current review. */
    adjudicatedBy: integer("adjudicated_by").references(() => users.id),
    adjudicatedAt: stamp("adjudicated_at"),
  },
  (t) => [uniqueIndex("sample_units_audit_unit").on(t.auditId, t.unitId), uniqueIndex("sample_units_audit_position").on(t.auditId, t.position)],
);

export const reviewHistory = pgTable(
  "review_history",
  {
    id: id(),
    sampleUnitId: integer("sample_unit_id").notNull().references(() => sampleUnits.id),
    /** primary: the unit's review; second: a blind second review; adjudication: the decision on a disagreement. */
    round: text("round", { enum: ["primary", "second", "adjudication"] }).notNull().default("primary"),
    finding: text("finding", { enum: ["PASS", "FAIL", "UNKNOWN"] }).notNull(),
    criticalKind: text("critical_kind"),
    falsePositive: boolean("false_positive").notNull(),
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
export const evidence = pgTable(
  "evidence",
  {
    id: id(),
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
    removedAt: stamp("removed_at"),
    removedReason: text("removed_reason"),
  },
  (t) => [index("evidence_unit").on(t.sampleUnitId)],
);

export const shareLinks = pgTable(
  "share_links",
  {
    id: id(),
    /** The sampling audit whose report is shared; null for a checklist audit's link. */
    auditId: integer("audit_id").references(() => audits.id),
    /** The checklist (profile) audit whose report is shared (issue 13); null for a sampling audit's link. */
    profileAuditId: integer("profile_audit_id").references(() => profileAudits.id),
    /** SHA-256 hex of the token; the token itself is never stored. */
    tokenHash: text("token_hash").notNull().unique(),
    label: text("label"),
    expiresAt: stamp("expires_at").notNull(),
    revokedAt: stamp("revoked_at"),
    createdBy: integer("created_by").notNull().references(() => users.id),
    createdAt: createdAt(),
    /** The published report: RFC 8785 canonical JSON (lib/share-snapshot.ts), served as it was; null for links made before snapshots. */
    snapshot: text("snapshot"),
    /** SHA-256 hex of `snapshot`'s UTF-8 bytes. */
    snapshotHash: text("snapshot_hash"),
    /** The audit's newest event id when the snapshot was published (its report-changing events): later ones mean the audit changed since. */
    snapshotEventId: integer("snapshot_event_id"),
    publishedAt: stamp("published_at"),
  },
  (t) => [index("share_links_profile_audit").on(t.profileAuditId), check("share_links_one_audit", sql`(${t.auditId} is null) <> (${t.profileAuditId} is null)`)],
);

/** API tokens for pipelines (gate API): only the SHA-256 of the token is stored. */
export const apiTokens = pgTable("api_tokens", {
  id: id(),
  name: text("name").notNull(),
  tokenHash: text("token_hash").notNull().unique(),
  /** What the token may do; today only reading gates. */
  scope: text("scope", { enum: ["gate:read"] }).notNull(),
  /** Restricts the token to one project's audits (audits.project_name); null: every project. */
  projectName: text("project_name"),
  createdBy: integer("created_by").notNull().references(() => users.id),
  createdAt: createdAt(),
  revokedAt: stamp("revoked_at"),
  lastUsedAt: stamp("last_used_at"),
});

export const events = pgTable(
  "events",
  {
    id: id(),
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
export const sampleUnitReasons = pgTable(
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
export const importLeases = pgTable("import_leases", {
  auditId: integer("audit_id").primaryKey().references(() => audits.id),
  token: text("token").notNull(),
  startedBy: integer("started_by").notNull().references(() => users.id),
  expiresAt: stamp("expires_at").notNull(),
});

/** An approver's signature on a verdict snapshot (lib/signoff/snapshot.ts), with its statement. */
export const signOffs = pgTable(
  "sign_offs",
  {
    id: id(),
    auditId: integer("audit_id").notNull().references(() => audits.id),
    signerId: integer("signer_id").notNull().references(() => users.id),
    snapshotHash: text("snapshot_hash").notNull(),
    /** The canonical JSON of the snapshot signed. */
    snapshot: text("snapshot").notNull(),
    statement: text("statement").notNull(),
    createdAt: createdAt(),
    revokedAt: stamp("revoked_at"),
    revokeReason: text("revoke_reason"),
  },
  (t) => [uniqueIndex("sign_offs_once").on(t.auditId, t.signerId, t.snapshotHash)],
);

/** A request for an approver's sign-off (any approver when approver_id is null), optionally with a deadline. */
export const signOffRequests = pgTable("sign_off_requests", {
  id: id(),
  auditId: integer("audit_id").notNull().references(() => audits.id),
  requestedBy: integer("requested_by").notNull().references(() => users.id),
  approverId: integer("approver_id").references(() => users.id),
  deadline: stamp("deadline"),
  createdAt: createdAt(),
});

/** A break-glass exception request (seed 000 "Break-Glass Escalation"); one per audit. */
export const breakGlassRequests = pgTable("break_glass_requests", {
  id: id(),
  auditId: integer("audit_id").notNull().unique().references(() => audits.id),
  requestedBy: integer("requested_by").notNull().references(() => users.id),
  impact: text("impact").notNull(),
  justification: text("justification").notNull(),
  /** { data_team_lead, compliance_officer, cto_escalation } */
  contacts: jsonb("contacts").$type<{ data_team_lead: string; compliance_officer: string; cto_escalation: string }>().notNull(),
  /** Whether breakGlassAllowed held when the request was made, and since when security was unavailable then. */
  allowed: boolean("allowed").notNull(),
  securityUnavailableSince: stamp("security_unavailable_since"),
  singleSignerDeclaredAt: stamp("single_signer_declared_at"),
  grantedAt: stamp("granted_at"),
  /** YYYY-MM-DD: the retrospective security audit's due date, set when granted. */
  retrospectiveDue: text("retrospective_due"),
  createdAt: createdAt(),
});

/** A countersignature on a break-glass request: one per slot, one per person. */
export const breakGlassSignatures = pgTable(
  "break_glass_signatures",
  {
    id: id(),
    requestId: integer("request_id").notNull().references(() => breakGlassRequests.id),
    signerId: integer("signer_id").notNull().references(() => users.id),
    slot: text("slot", { enum: ["technical_owner", "compliance_security"] }).notNull(),
    statement: text("statement").notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("break_glass_signatures_signer").on(t.requestId, t.signerId), uniqueIndex("break_glass_signatures_slot").on(t.requestId, t.slot)],
);

/** A verified HMAC-SHA256 waiver for an audit's destructive remediation (lib/signoff/waiver.ts). */
export const waivers = pgTable("waivers", {
  id: id(),
  auditId: integer("audit_id").notNull().references(() => audits.id),
  waiverId: text("waiver_id").notNull().unique(),
  record: jsonb("record").$type<Record<string, string>>().notNull(),
  signature: text("signature").notNull(),
  keyId: text("key_id").notNull(),
  recordedBy: integer("recorded_by").notNull().references(() => users.id),
  createdAt: createdAt(),
  revokedAt: stamp("revoked_at"),
});

/** One approval of the two-person path for a destructive remediation. */
export const twoPersonApprovals = pgTable(
  "two_person_approvals",
  {
    id: id(),
    auditId: integer("audit_id").notNull().references(() => audits.id),
    approverId: integer("approver_id").notNull().references(() => users.id),
    statement: text("statement").notNull(),
    /** Recorded when no waiver key was configured (degraded mode). */
    degraded: boolean("degraded").notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("two_person_approvals_once").on(t.auditId, t.approverId)],
);

/** An event-log head signed with the Ed25519 key held outside the database (lib/signed-head.ts). */
export const signedHeads = pgTable("signed_heads", {
  id: id(),
  eventId: integer("event_id").notNull().references(() => events.id),
  headHash: text("head_hash").notNull(),
  reason: text("reason", { enum: ["sign_off", "closeout", "break_glass"] }).notNull(),
  signedAt: text("signed_at").notNull(),
  signature: text("signature").notNull(),
  keyId: text("key_id").notNull(),
});

/** Prompt templates of the external-audit cycle (seed 002); every edit is a new version, never an overwrite (issue 12). */
export const promptTemplates = pgTable(
  "prompt_templates",
  {
    id: id(),
    role: text("role", { enum: ["auditor-primary", "auditor-secondary", "calibrator-reconciler"] }).notNull(),
    version: integer("version").notNull(),
    body: text("body").notNull(),
    createdBy: integer("created_by").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("prompt_templates_role_version").on(t.role, t.version)],
);

/** One audit's external-audit cycle (seed 002): the material the prompts are resolved from and the heterogeneity override. */
export const externalAudits = pgTable("external_audits", {
  auditId: integer("audit_id").primaryKey().references(() => audits.id),
  gitRange: text("git_range"),
  gitDiff: text("git_diff"),
  ailogPaths: text("ailog_paths"),
  ailogContents: text("ailog_contents"),
  /** Set when an operator accepts two auditors of the same model family, with the reason the report shows. */
  sameFamilyOverrideReason: text("same_family_override_reason"),
  sameFamilyOverrideBy: integer("same_family_override_by").references(() => users.id),
  sameFamilyOverrideAt: stamp("same_family_override_at"),
  finalizedAt: stamp("finalized_at"),
  createdAt: createdAt(),
});

/**
 * Resolved prompts and pasted outputs of the cycle, immutable; a re-paste adds the next version.
 * kind prompt: `templateId` names the template version it was resolved from.
 */
export const externalAuditDocuments = pgTable(
  "external_audit_documents",
  {
    id: id(),
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
    valid: boolean("valid").notNull().default(false),
    errors: jsonb("errors").$type<{ path: string; message: string }[]>(),
    modelFamily: text("model_family"),
    modelName: text("model_name"),
    createdBy: integer("created_by").notNull().references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("external_audit_documents_version").on(t.auditId, t.kind, t.role, t.version)],
);

/** An auditor finding linked to a sampled unit, to compare machine and human findings (issue 12). */
export const externalFindingLinks = pgTable(
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
export const externalFindingDecisions = pgTable(
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
export const profileAudits = pgTable("profile_audits", {
  id: id(),
  slug: text("slug").notNull().unique(),
  projectName: text("project_name").notNull(),
  profile: text("profile", { enum: ["launch_readiness", "adr", "rollout"] }).notNull(),
  title: text("title").notNull(),
  /** Profile input: launch context (launch readiness), ADR meta, rollout plan. */
  context: jsonb("context").$type<Record<string, unknown>>().notNull(),
  /** The profile's config (thresholds, weights) in force for this audit, validated by lib/profiles/config.ts. */
  config: jsonb("config").$type<Record<string, unknown>>().notNull(),
  createdBy: integer("created_by").notNull().references(() => users.id),
  createdAt: createdAt(),
  closedAt: stamp("closed_at"),
  /** Set while archived: hidden from the default lists, kept whole and read-only until restored. */
  archivedAt: stamp("archived_at"),
});

/** A checklist finding in a section (phase or lens) of a profile audit (issue 13). */
export const profileFindings = pgTable(
  "profile_findings",
  {
    id: id(),
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
    tags: jsonb("tags").$type<string[]>().notNull(),
    approach: text("approach"),
    effortDays: integer("effort_days"),
    /** ADR lens findings: the playbook check cited. */
    checkRef: text("check_ref"),
    createdBy: integer("created_by").notNull().references(() => users.id),
    createdAt: createdAt(),
    updatedAt: stamp("updated_at"),
  },
  (t) => [index("profile_findings_audit").on(t.profileAuditId)],
);

/** Versioned documents of a profile audit: the ADR under review, rendered reports, approval documents; never overwritten. */
export const profileDocuments = pgTable(
  "profile_documents",
  {
    id: id(),
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
export const profileLensScores = pgTable(
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
export const rolloutEvents = pgTable(
  "rollout_events",
  {
    profileAuditId: integer("profile_audit_id").notNull().references(() => profileAudits.id),
    kind: text("kind", { enum: ["stage_reached", "checkpoint_completed"] }).notNull(),
    /** stage_reached: the percentage ("25"); checkpoint_completed: the checkpoint's name. */
    name: text("name").notNull(),
    at: stamp("at").notNull(),
    recordedBy: integer("recorded_by").notNull().references(() => users.id),
    note: text("note"),
  },
  (t) => [primaryKey({ columns: [t.profileAuditId, t.kind, t.name] })],
);

/** Rollout expansion approval: each configured approver role's GO / NO-GO with its rationale, per target stage. */
export const expansionVotes = pgTable(
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
export const expansionScorecards = pgTable(
  "expansion_scorecards",
  {
    profileAuditId: integer("profile_audit_id").notNull().references(() => profileAudits.id),
    targetPercentage: integer("target_percentage").notNull(),
    items: jsonb("items").$type<Record<string, number>>().notNull(),
    createdBy: integer("created_by").notNull().references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.profileAuditId, t.targetPercentage] })],
);

/** Sign-offs of a profile audit's verdict snapshot (lib/signoff rules: one signature per signer and snapshot). */
export const profileSignOffs = pgTable(
  "profile_sign_offs",
  {
    id: id(),
    profileAuditId: integer("profile_audit_id").notNull().references(() => profileAudits.id),
    signerId: integer("signer_id").notNull().references(() => users.id),
    snapshotHash: text("snapshot_hash").notNull(),
    statement: text("statement").notNull(),
    signedAt: createdAt(),
    revokedAt: stamp("revoked_at"),
    revokeReason: text("revoke_reason"),
  },
  (t) => [uniqueIndex("profile_sign_offs_once").on(t.profileAuditId, t.signerId, t.snapshotHash)],
);
