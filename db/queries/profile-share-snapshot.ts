import "server-only";
import { desc, eq } from "drizzle-orm";
import { PROFILE_LABELS } from "@/lib/profiles/profile-input";
import { buildProfileShareSnapshot, serializeProfileShareSnapshot } from "@/lib/profiles/profile-share-snapshot";
import { type Reader, readAll } from "../handle";
import type { ProfileAudit } from "../schema";
import { listProfileFindings, listProfileSignOffs } from "./profile-audits";
import { getProfileSnapshot } from "./profile-verdict";
import { latestProfileChangeId } from "./share-links";

/**
 * The share snapshot of a checklist audit's report as it is now
 * (lib/profiles/profile-share-snapshot.ts): its canonical JSON, SHA-256, and the audit's latest
 * report-changing event id (to tell later whether the audit changed since). Call inside the
 * transaction that stores it so the three agree.
 */
export async function currentProfileShareSnapshot(db: Reader, { audit, now }: { audit: ProfileAudit; now: Date }): Promise<{ json: string; hash: string; changeId: number }> {
  const { events, profileDocuments: docs } = db.tables;
  const [state, findings, signOffs, documents, [head], changeId] = await readAll(db, [
    () => getProfileSnapshot(db, audit, { asOf: now }),
    () => listProfileFindings(db, { profileAuditId: audit.id }),
    () => listProfileSignOffs(db, { profileAuditId: audit.id }),
    () => db.select({ kind: docs.kind, version: docs.version, fileName: docs.fileName, sha256: docs.sha256 }).from(docs).where(eq(docs.profileAuditId, audit.id)),
    () => db.select({ hash: events.hash }).from(events).orderBy(desc(events.id)).limit(1),
    () => latestProfileChangeId(db, { profileAuditId: audit.id }),
  ]);
  const context = audit.context as Record<string, unknown>;
  const snapshot = buildProfileShareSnapshot({
    audit: {
      slug: audit.slug,
      title: audit.title,
      profile: audit.profile,
      profileLabel: PROFILE_LABELS[audit.profile],
      projectName: audit.projectName,
      strictness: typeof context.strictness === "string" ? context.strictness : null,
    },
    verdict: state.verdict,
    gate: state.gate,
    reasons: state.reasons,
    signOffHash: state.hash,
    findings,
    documents,
    signOffs: signOffs.map((s) => ({ signer: s.signerName ?? `user ${s.signerId}`, signedAt: s.signedAt, snapshotHash: s.snapshotHash, revokedAt: s.revokedAt })),
    publishedAt: now,
    eventLogHeadHash: head?.hash ?? null,
  });
  return { ...serializeProfileShareSnapshot(snapshot), changeId };
}
