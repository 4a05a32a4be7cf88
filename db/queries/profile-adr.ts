import "server-only";
import { and, asc, desc, eq } from "drizzle-orm";
import { adrConfigOf, BLOCKING_TAG, evaluateAdr, type AdrEvaluation } from "@/lib/profiles/adr-review";
import { ADR_LENSES, type AdrConfig, type Lens } from "@/lib/profiles/config";
import type { Reader } from "../handle";
import type { ProfileAudit, ProfileFinding } from "../schema";

/** A profile audit row (issue 13). */
export type ProfileAuditRow = ProfileAudit;

/** A stored document without its body (lists). */
export type ProfileDocumentMeta = { id: number; kind: "adr" | "report" | "approval"; version: number; fileName: string; sha256: string; createdAt: Date; createdBy: number };

/** What the ADR quality gate stores beside the audit in `context` (issue 13; seed 003). */
export type AdrContext = { reviewEndedAt?: string; reviewEndedBy?: number };

export type AdrReview = {
  config: AdrConfig;
  /** The ADR under review: the latest 'adr' version, or null before the first upload. */
  adr: (ProfileDocumentMeta & { body: string }) | null;
  /** Every ADR version, newest first. */
  adrVersions: ProfileDocumentMeta[];
  /** Every report version, newest first; all but the first are superseded. */
  reports: ProfileDocumentMeta[];
  lensScores: Partial<Record<Lens, { score: number; reviewerId: number; createdAt: Date }>>;
  /** Lens findings (profile_findings whose section is a lens), oldest first. */
  lensFindings: ProfileFinding[];
  context: AdrContext;
  evaluation: AdrEvaluation;
};

const LENSES: readonly string[] = ADR_LENSES;

const metaColumns = (t: Reader["tables"]["profileDocuments"]) => ({ id: t.id, kind: t.kind, version: t.version, fileName: t.fileName, sha256: t.sha256, createdAt: t.createdAt, createdBy: t.createdBy });

/**
 * Everything the ADR quality gate shows for one audit (issue 13 "ADR quality gate"): config in
 * force (audit.config over the defaults), the latest ADR and every version, report versions,
 * lens scores (0–100), lens findings, whether an operator ended the review, and the evaluation
 * (standing general findings categorised Stop-Ship count as blocking findings there)
 * (lib/profiles/adr-review.ts evaluateAdr: structural checks, content score, coverage, combined
 * status, gate, self-claimed scores only once the review is complete).
 * @throws ZodError when the audit's stored config is invalid.
 */
export async function getAdrReview(db: Reader, audit: ProfileAudit): Promise<AdrReview> {
  const { profileDocuments: docs, profileLensScores: scores, profileFindings: findings } = db.tables;
  const config = adrConfigOf(audit.config);
  const all = await db.select(metaColumns(docs)).from(docs).where(eq(docs.profileAuditId, audit.id)).orderBy(desc(docs.version));
  const adrVersions = all.filter((d) => d.kind === "adr");
  const reports = all.filter((d) => d.kind === "report");
  let adr: AdrReview["adr"] = null;
  if (adrVersions.length) {
    const [row] = await db.select({ body: docs.body }).from(docs).where(and(eq(docs.id, adrVersions[0].id)));
    adr = { ...adrVersions[0], body: row.body };
  }
  const scoreRows = await db.select().from(scores).where(eq(scores.profileAuditId, audit.id));
  const lensScores: AdrReview["lensScores"] = {};
  for (const r of scoreRows) if (LENSES.includes(r.lens)) lensScores[r.lens as Lens] = { score: r.score, reviewerId: r.reviewerId, createdAt: r.createdAt };
  const findingRows = await db.select().from(findings).where(eq(findings.profileAuditId, audit.id)).orderBy(asc(findings.id));
  const lensFindings = findingRows.filter((f) => LENSES.includes(f.section));
  // A general finding categorised Stop-Ship blocks like a blocking lens finding (seed 003: PASS
  // only when no finding is blocking).
  const stopShip = findingRows.filter((f) => !LENSES.includes(f.section) && f.category === "STOP_SHIP").map((f) => ({ section: f.section, status: f.status, tags: [BLOCKING_TAG] }));
  const context = (audit.context ?? {}) as AdrContext;
  const evaluation = evaluateAdr({
    markdown: adr?.body ?? null,
    lensScores: Object.fromEntries(Object.entries(lensScores).map(([l, s]) => [l, s.score])),
    lensFindings: [...lensFindings, ...stopShip],
    reviewEnded: Boolean(context.reviewEndedAt),
    config,
  });
  return { config, adr, adrVersions, reports, lensScores, lensFindings, context, evaluation };
}

/**
 * The ADR audit's verdict for the shared shell (issue 13 contract): verdict = combined status
 * PASS | LOW_CONFIDENCE | FAIL (seed 003 "Combined status"); gate PASS → OPEN, LOW_CONFIDENCE →
 * CONDITIONAL_PASS (human review), FAIL → BLOCKED; reasons from `combinedStatus`.
 */
export async function getAdrVerdict(db: Reader, audit: ProfileAudit): Promise<{ verdict: string; gate: "OPEN" | "CONDITIONAL_PASS" | "BLOCKED"; reasons: string[] }> {
  const { evaluation } = await getAdrReview(db, audit);
  return { verdict: evaluation.status, gate: evaluation.gate, reasons: evaluation.reasons };
}

/** One stored document of a profile audit, body included, or null (any kind). */
export async function getProfileDocument(db: Reader, { profileAuditId, id }: { profileAuditId: number; id: number }) {
  const { profileDocuments: docs } = db.tables;
  const [row] = await db.select().from(docs).where(and(eq(docs.profileAuditId, profileAuditId), eq(docs.id, id)));
  return row ?? null;
}
