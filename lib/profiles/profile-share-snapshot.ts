/**
 * The published report behind a checklist (profile) audit's share link (issue 13: profiles reuse
 * share links; issue 8 "Shared reports you can verify" for the mechanism): the verdict, gate,
 * reasons, findings, documents and sign-offs as they were when published, as RFC 8785 canonical
 * JSON with its SHA-256, like a sampling audit's snapshot (lib/share-snapshot.ts). Pure.
 *
 * Findings are published without their evidence and location: those can name internal systems,
 * files and URLs, and a share link goes to people outside the project.
 */
import { serializeCanonical } from "../share-snapshot";
import { signatureStatus } from "../signoff/sign-off";
import { ADR_LENSES } from "./config";
import { PHASE_IDS } from "./launch-readiness";
import type { ProfileGate } from "./profile-signoff";

const KNOWN_SECTIONS: readonly string[] = [...PHASE_IDS, ...ADR_LENSES];

/** Orders sections: the launch readiness phases as seed 001 numbers them, the ADR lenses as seed 003 lists them, then others by name. */
function sectionOrder(a: string, b: string): number {
  const [ra, rb] = [KNOWN_SECTIONS.indexOf(a), KNOWN_SECTIONS.indexOf(b)].map((r) => (r === -1 ? KNOWN_SECTIONS.length : r));
  return ra - rb || (a < b ? -1 : a > b ? 1 : 0);
}

export const PROFILE_SHARE_SNAPSHOT_FORMAT = "countersign.profile-share-snapshot/1";

export type ProfileShareSnapshot = {
  format: typeof PROFILE_SHARE_SNAPSHOT_FORMAT;
  audit: { slug: string; title: string; profile: string; profileLabel: string; projectName: string; strictness: string | null };
  verdict: string;
  gate: ProfileGate;
  reasons: string[];
  /** SHA-256 of the sign-off snapshot (lib/profiles/profile-signoff.ts) when published: what a valid signature signed. */
  signOffHash: string;
  /** By section (phase order, lens order, then by name), then id. Due dates are YYYY-MM-DD (UTC calendar dates). */
  findings: { id: number; section: string; title: string; severity: string; category: string | null; status: string; owner: string | null; dueDate: string | null }[];
  /** The newest version of each generated document (ADR, report, approval): name, version, SHA-256 of its bytes. */
  documents: { kind: string; version: number; fileName: string; sha256: string }[];
  /** Sign-offs with their status when published: valid (signed this sign-off hash), stale (an earlier state) or revoked. */
  signatures: { signer: string; status: "valid" | "stale" | "revoked"; signedAt: string; signedHash: string }[];
  /** UTC instant, ISO 8601. */
  publishedAt: string;
  /** Hash of the newest entry of the whole event log when published (null: empty log). */
  eventLogHeadHash: string | null;
};

export type ProfileShareSnapshotInput = {
  audit: ProfileShareSnapshot["audit"];
  verdict: string;
  gate: ProfileGate;
  reasons: readonly string[];
  signOffHash: string;
  findings: readonly { id: number; section: string; title: string; severity: string; category: string | null; status: string; owner: string | null; dueDate: string | null }[];
  /** Every stored version; only the newest of each kind is published. */
  documents: readonly { kind: string; version: number; fileName: string; sha256: string }[];
  signOffs: readonly { signer: string; signedAt: Date; snapshotHash: string; revokedAt: Date | null }[];
  publishedAt: Date;
  eventLogHeadHash: string | null;
};

/**
 * Builds the snapshot: findings sorted by section (launch phases in the seed's order, then ADR
 * lenses in theirs, then any other section by name) then id (only the published fields), the newest
 * document of each kind (sorted by kind), signatures in the order given with their status against
 * `signOffHash` (lib/signoff/sign-off.ts `signatureStatus`), instants as ISO 8601 UTC.
 */
export function buildProfileShareSnapshot(i: ProfileShareSnapshotInput): ProfileShareSnapshot {
  const newest = new Map<string, ProfileShareSnapshotInput["documents"][number]>();
  for (const d of i.documents) if ((newest.get(d.kind)?.version ?? -Infinity) < d.version) newest.set(d.kind, d);
  return {
    format: PROFILE_SHARE_SNAPSHOT_FORMAT,
    audit: { ...i.audit },
    verdict: i.verdict,
    gate: i.gate,
    reasons: [...i.reasons],
    signOffHash: i.signOffHash,
    findings: [...i.findings]
      .sort((a, b) => sectionOrder(a.section, b.section) || a.id - b.id)
      .map((f) => ({ id: f.id, section: f.section, title: f.title, severity: f.severity, category: f.category, status: f.status, owner: f.owner, dueDate: f.dueDate })),
    documents: [...newest.values()].sort((a, b) => (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0)).map((d) => ({ kind: d.kind, version: d.version, fileName: d.fileName, sha256: d.sha256 })),
    signatures: i.signOffs.map((s) => ({ signer: s.signer, status: signatureStatus(s, i.signOffHash), signedAt: s.signedAt.toISOString(), signedHash: s.snapshotHash })),
    publishedAt: i.publishedAt.toISOString(),
    eventLogHeadHash: i.eventLogHeadHash,
  };
}

/**
 * The snapshot's RFC 8785 canonical JSON and its SHA-256 (lowercase hex of the UTF-8 bytes).
 * @throws TypeError when the snapshot holds a value JSON cannot carry.
 */
export function serializeProfileShareSnapshot(s: ProfileShareSnapshot): { json: string; hash: string } {
  return serializeCanonical(s);
}
