/**
 * What an audit artifact bundle is built from (seed 000 "Output Artifacts"): one plain object
 * holding everything the ten outputs need, gathered by db/queries/artifacts.ts. Every instant is
 * an ISO-8601 UTC string (`…Z`), every rate a fraction 0–1, so the builders in lib/artifacts are
 * pure: the same input gives the same bytes, whatever the server's clock or time zone.
 */
import type { Assessment, ConsistencyModel } from "../assessment";
import type { ReviewFinding, SampleSummary } from "../estimation";
import type { ExecutionStatus } from "../population";
import type { InclusionReason, RiskTier, Stratum } from "../sampling";
import type { GateState, Reason } from "../verdict";

/** Version of the artifact formats (files, columns, JSON shapes) this module writes. */
export const ARTIFACT_SCHEMA_VERSION = "1.0";

/** An ISO-8601 UTC instant, e.g. `2027-01-01T09:30:00.000Z`. */
export type Instant = string;

export type BundleAudit = {
  slug: string;
  projectName: string;
  /** `YYYY-MM-DD`, the audit's date (its slug ends with it). */
  auditDate: string;
  title: string;
  changeDescription: string;
  riskTier: RiskTier;
  triggerReasons: string[];
  triggerContractVersion: string;
  bulkMutationThreshold: number;
  duplicateClusterCap: number;
  sotQuery: string;
  sotStabilityQuery: string;
  sotExpectedResult: string;
  consistencyModel: ConsistencyModel;
  stalenessBoundSeconds: number | null;
  stabilityActualResult: string | null;
  stabilityCheckedAt: Instant | null;
  createdAt: Instant;
  createdBy: string;
  closedAt: Instant | null;
  closedBy: string | null;
};

/** One recorded run of the identity stability pre-flight (from the event log), oldest first. */
export type StabilityAttempt = { at: Instant; actualResult: string; passed: boolean; by: string | null };

export type BundlePopulationImport = {
  fileName: string;
  format: "csv" | "jsonl";
  /** SHA-256 hex of the imported file's bytes. */
  sha256: string;
  byteSize: number;
  rowCount: number;
  failedCount: number;
  unknownCount: number;
  /** lib/checksum.ts populationChecksum of the stored units. */
  populationChecksum: string;
  columnMapping: Record<string, string | undefined>;
  highRiskSubgroups: string[];
  importedBy: string;
  importedAt: Instant;
};

export type BundleSample = {
  /** 128-bit seed, 32 hex characters (lib/random.ts). */
  seed: string;
  populationChecksum: string;
  riskTier: RiskTier;
  tierSize: number;
  /** Random-stratum size the operator asked for (planned size, ≥ tierSize); null: the tier size. */
  requestedRandomSize: number | null;
  populationSize: number;
  censusSize: number;
  randomSize: number;
  clustersIncluded: number;
  clusterUnits: number;
  clustersAvailable: number;
  warnings: Reason[];
  drawnBy: string;
  drawnAt: Instant;
};

/** One saved revision of a review (review history), oldest first. */
export type ReviewRevision = {
  revision: number;
  finding: ReviewFinding;
  criticalKind: string | null;
  falsePositive: boolean;
  remediationOwner: string | null;
  note: string | null;
  reviewer: string;
  at: Instant;
};

/** A sampled unit with its inclusion reasons and its latest review (all review fields null while unreviewed). */
export type BundleUnit = {
  /** 0-based review order within the sample. */
  position: number;
  unitKey: string;
  executionStatus: ExecutionStatus;
  subgroup: string | null;
  identityKey: string | null;
  /** The unit's row as imported (column name → text). */
  record: Record<string, string>;
  stratum: Stratum;
  reasons: InclusionReason[];
  finding: ReviewFinding | null;
  criticalKind: string | null;
  falsePositive: boolean;
  remediationOwner: string | null;
  remediationDueAt: Instant | null;
  remediationDestructive: boolean;
  note: string | null;
  reviewedBy: string | null;
  reviewedAt: Instant | null;
  /** Id of the latest review revision (what a sign-off snapshot covers), null while unreviewed. */
  revision: number | null;
  history: ReviewRevision[];
};

export type BundleSignature = {
  id: number;
  signer: string;
  snapshotHash: string;
  statement: string;
  createdAt: Instant;
  revokedAt: Instant | null;
  revokeReason: string | null;
  /** lib/signoff/sign-off.ts signatureStatus against the current snapshot. */
  status: string;
};

export type BundleCountersignature = { signer: string; roles: string[]; slot: "technical_owner" | "compliance_security"; statement: string; createdAt: Instant };

export type BundleBreakGlass = {
  requestedBy: string;
  impact: string;
  justification: string;
  contacts: { data_team_lead: string; compliance_officer: string; cto_escalation: string };
  allowed: boolean;
  securityUnavailableSince: Instant | null;
  singleSignerDeclaredAt: Instant | null;
  grantedAt: Instant | null;
  /** `YYYY-MM-DD`, set when granted. */
  retrospectiveDue: string | null;
  createdAt: Instant;
  /** lib/signoff/break-glass.ts breakGlassState. */
  state: "not_allowed" | "awaiting_countersign" | "escalated_to_cto" | "granted";
  pairWarning: string | null;
  countersignatures: BundleCountersignature[];
};

export type BundleWaiver = {
  waiverId: string;
  record: Record<string, string>;
  /** Hex HMAC-SHA256 of the record's canonical JSON (not a secret). */
  signature: string;
  keyId: string;
  recordedBy: string;
  createdAt: Instant;
  revokedAt: Instant | null;
  status: string;
};

export type BundleTwoPersonApproval = { approver: string; roles: string[]; statement: string; degraded: boolean; createdAt: Instant };

export type BundleSignOffChain = {
  /** SHA-256 of the current verdict snapshot's canonical JSON (lib/signoff/snapshot.ts). */
  snapshotHash: string;
  signatures: BundleSignature[];
  validSignOffs: number;
  breakGlass: BundleBreakGlass | null;
  destructive: { required: boolean; cleared: boolean; waivers: BundleWaiver[]; approvals: BundleTwoPersonApproval[] };
  closeoutRefusals: Reason[];
};

export type SecurityAvailability = { name: string; email: string; available: boolean; since: Instant };

/** One of the audit's own event-log entries (evidence). */
export type BundleEvent = { id: number; type: string; actor: string | null; createdAt: string; prevHash: string; hash: string; payload: unknown };

export type BundleEnvironment = {
  engine: "sqlite" | "pg";
  /** Tag of the newest database migration of the engine, e.g. `0003_share_snapshots_api_tokens`. */
  migrationId: string;
  appVersion: string;
  nodeVersion: string;
  platform: string;
  arch: string;
  /** Installed versions of key libraries, by package name. */
  libraries: Record<string, string>;
  /** Configured waiver key ids (never the secrets); empty: two-person approval only (degraded). */
  waiverKeyIds: string[];
  separationOfDuties: boolean;
};

export type BundleInput = {
  audit: BundleAudit;
  stabilityAttempts: StabilityAttempt[];
  populationImport: BundlePopulationImport | null;
  sample: BundleSample | null;
  /** Sampled units in review order (empty before the draw). */
  units: BundleUnit[];
  /** lib/estimation.ts summarizeSample of the units; null before the draw. */
  summary: SampleSummary | null;
  /** lib/assessment.ts assessAudit: the verdict recomputed from the stored reviews. */
  assessment: Assessment;
  /** Gate in force: the verdict's gate, or EXCEPTION while a break-glass exception is granted. */
  gateState: GateState;
  /** lib/estimation.ts defectRateUpperBound (one-sided 95%), fraction 0–1; null before the draw. */
  upperBound: number | null;
  signOff: BundleSignOffChain;
  securityAvailability: SecurityAvailability[];
  eventLog: { headHash: string | null; entries: number; intact: boolean; auditEvents: BundleEvent[] };
  environment: BundleEnvironment;
};
