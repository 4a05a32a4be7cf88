import "server-only";
import { desc, inArray } from "drizzle-orm";
import { defectRateUpperBound } from "@/lib/estimation";
import { decisionSettingsOf } from "@/lib/decision-basis";
import { buildShareSnapshot, serializeShareSnapshot } from "@/lib/share-snapshot";
import { explainEstimate } from "@/lib/statistics/explain";
import { type Reader, readAll } from "../handle";
import type { Audit } from "../schema";
import { getPlanningView } from "./planning";
import { latestAuditChangeId } from "./share-links";
import { getAuditReport } from "./report";
import { getReviewerIds, getSignOffState } from "./signoff";


/**
 * The share snapshot of the audit's report as it is now (lib/share-snapshot.ts): its canonical
 * JSON, SHA-256, and the audit's latest change id (to tell later whether the audit changed since).
 * Call inside the transaction that stores it so the three agree.
 */
export async function currentShareSnapshot(db: Reader, { audit, now }: { audit: Audit; now: Date }): Promise<{ json: string; hash: string; changeId: number }> {
  const { events, users } = db.tables;
  const [report, signOff, reviewerIds, [head], changeId] = await readAll(db, [
    () => getAuditReport(db, { audit }),
    () => getSignOffState(db, { audit, now }),
    () => getReviewerIds(db, { auditId: audit.id }),
    () => db.select({ hash: events.hash }).from(events).orderBy(desc(events.id)).limit(1),
    () => latestAuditChangeId(db, { auditId: audit.id }),
  ]);
  const reviewers = reviewerIds.length === 0 ? [] : await db.select({ name: users.name }).from(users).where(inArray(users.id, reviewerIds));
  const { assessment, summary, sample, gateState } = report;
  const planning = await getPlanningView(db, { audit, populationImport: report.populationImport, sample });
  const snapshot = buildShareSnapshot({
    audit: { slug: audit.slug, title: audit.title, changeDescription: audit.changeDescription, projectName: audit.projectName, auditDate: audit.auditDate, riskTier: audit.riskTier },
    verdict: assessment.verdict,
    gateState,
    reasons: assessment.reasons,
    defectRate: assessment.defectRate,
    unknownRate: assessment.unknownRate,
    upperBound: assessment.rates?.defectUpper ?? (summary ? defectRateUpperBound(summary) : null),
    confidence: assessment.rates?.confidence ?? 0.95,
    decisionBasis: assessment.rates?.basis ?? "point_estimate",
    confirmedFalsePositives: report.confirmedFalsePositives,
    summary,
    sample: sample ? { seed: sample.seed, populationChecksum: sample.populationChecksum } : null,
    reviewers: reviewers.map((r) => r.name),
    signatures: signOff.signatures.map((g) => ({ signer: g.signer, status: g.status, createdAt: g.createdAt, snapshotHash: g.snapshotHash })),
    math: summary && !assessment.blocked ? explainEstimate(summary, decisionSettingsOf(audit)) : null,
    planningWarnings: planning?.warnings ?? [],
    publishedAt: now,
    eventLogHeadHash: head?.hash ?? null,
  });
  return { ...serializeShareSnapshot(snapshot), changeId };
}
