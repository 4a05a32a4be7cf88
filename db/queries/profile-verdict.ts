import "server-only";
import { DEFAULT_LAUNCH_READINESS_CONFIG, launchReadinessConfigSchema, type LaunchReadinessConfig } from "@/lib/profiles/config";
import type { Category, FindingStatus, Severity } from "@/lib/profiles/findings";
import { launchReadinessVerdict, type LaunchReadinessVerdict } from "@/lib/profiles/launch-verdict";
import { profileSnapshotHash, profileSnapshotJson, type ProfileGate, type ProfileSnapshot } from "@/lib/profiles/profile-signoff";
import type { Reader } from "../handle";
import type { ProfileAudit, ProfileFinding } from "../schema";
import { getAdrVerdict } from "./profile-adr";
import { listProfileFindings } from "./profile-audits";
import { getRolloutVerdict } from "./profile-rollout";

export type ProfileVerdict = { verdict: string; gate: ProfileGate; reasons: string[] };

/** The launch readiness config in force for an audit: its stored config over the defaults (lib/profiles/config.ts). @throws ZodError when invalid. */
export function launchConfigOf(audit: ProfileAudit): LaunchReadinessConfig {
  return launchReadinessConfigSchema.parse({ ...DEFAULT_LAUNCH_READINESS_CONFIG, ...(audit.config ?? {}) });
}

/** A stored finding row in the shape of the pure rules (severity, category and status narrowed; the mutations only store valid values). */
export function asRuleFinding(f: ProfileFinding) {
  return { ...f, severity: f.severity as Severity, category: (f.category ?? null) as Category | null, status: f.status as FindingStatus };
}

/**
 * A launch readiness audit's verdict (lib/profiles/launch-verdict.ts): READY / READY_WITH_CONDITIONS
 * / NOT_READY, gate, reasons and sign-off refusals over its findings.
 * @param asOf when given, Fix Soon timelines longer than config.fixSoonMaxDays are refused too.
 */
export async function getLaunchVerdict(db: Reader, audit: ProfileAudit, { asOf }: { asOf?: Date } = {}): Promise<LaunchReadinessVerdict> {
  const findings = (await listProfileFindings(db, { profileAuditId: audit.id })).map(asRuleFinding);
  return launchReadinessVerdict(findings, { asOf, config: launchConfigOf(audit) });
}

/**
 * The verdict of any profile audit (issue 13 contract), dispatched by profile: launch readiness
 * (READY → OPEN, READY_WITH_CONDITIONS → CONDITIONAL_PASS, NOT_READY → BLOCKED), ADR
 * (db/queries/profile-adr.ts getAdrVerdict), rollout (db/queries/profile-rollout.ts getRolloutVerdict).
 */
export async function getProfileVerdict(db: Reader, audit: ProfileAudit): Promise<ProfileVerdict> {
  if (audit.profile === "launch_readiness") {
    const { verdict, gate, reasons } = await getLaunchVerdict(db, audit);
    return { verdict, gate, reasons };
  }
  if (audit.profile === "adr") return getAdrVerdict(db, audit);
  return getRolloutVerdict(db, audit);
}

export type ProfileSnapshotState = ProfileVerdict & {
  /** Why sign-off is refused by the profile itself (launch readiness: uncategorised, Fix Soon without/with too long a timeline). */
  profileRefusals: string[];
  snapshot: ProfileSnapshot;
  json: string;
  hash: string;
};

/**
 * What an approver signs now: the verdict, the findings' revisions, the canonical JSON and its
 * SHA-256 (lib/profiles/profile-signoff.ts), and the profile's own sign-off refusals as of `asOf`
 * (default now; refusals are not part of the hash).
 */
export async function getProfileSnapshot(db: Reader, audit: ProfileAudit, { asOf = new Date() }: { asOf?: Date } = {}): Promise<ProfileSnapshotState> {
  let verdict: ProfileVerdict;
  let profileRefusals: string[] = [];
  if (audit.profile === "launch_readiness") {
    const v = await getLaunchVerdict(db, audit, { asOf });
    verdict = { verdict: v.verdict, gate: v.gate, reasons: v.reasons };
    profileRefusals = v.refusals.map((r) => r.message);
  } else verdict = await getProfileVerdict(db, audit);
  const findings = await listProfileFindings(db, { profileAuditId: audit.id });
  const snapshot: ProfileSnapshot = { checkSlug: audit.slug, profile: audit.profile, ...verdict, findings: findings.map((f) => ({ id: f.id, revision: (f.updatedAt ?? f.createdAt).toISOString() })) };
  return { ...verdict, profileRefusals, snapshot, json: profileSnapshotJson(snapshot), hash: profileSnapshotHash(snapshot) };
}
