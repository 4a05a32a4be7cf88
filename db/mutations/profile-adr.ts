import "server-only";
import { createHash } from "node:crypto";
import { and, eq, max } from "drizzle-orm";
import { adrReportFileName, lensFindingSchema, nextReportVersion, parseAdr, type LensFinding } from "@/lib/profiles/adr";
import { adrNumberOf, BLOCKING_TAG } from "@/lib/profiles/adr-review";
import { ADR_LENSES, type Lens } from "@/lib/profiles/config";
import { renderAdrReport } from "@/lib/profiles/reports";
import { AppError } from "@/lib/server/errors";
import { appendEvent } from "../events";
import type { Db, Tx } from "../handle";
import { type AdrContext, getAdrReview } from "../queries/profile-adr";
import type { ProfileAudit } from "../schema";
import { lockProfileAudit } from "./profile-audits";

/**
 * Writes of the ADR quality gate (issue 13; seed 003). Each is one transaction with its event,
 * under the audit's lock (`profile-adr:<id>`), so parallel requests see each other's writes:
 * parallel uploads get distinct versions, parallel report generations distinct report versions.
 * A closed audit is read-only.
 */

/** Largest ADR accepted, in characters (an ADR is a few pages; 500,000 keeps the form post under the 1 MB server-action limit, next.config.ts). */
export const ADR_MAX_CHARS = 500_000;

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

/** Locks the audit and reads it (lockProfileAudit). @throws AppError not_found (no such ADR audit), conflict (closed or archived). */
function openAdrAudit(tx: Tx, profileAuditId: number): Promise<ProfileAudit> {
  return lockProfileAudit(tx, profileAuditId, { profile: "adr" });
}

async function nextVersion(tx: Tx, profileAuditId: number, kind: "adr" | "report"): Promise<number> {
  const docs = tx.tables.profileDocuments;
  const [{ top }] = await tx.select({ top: max(docs.version) }).from(docs).where(and(eq(docs.profileAuditId, profileAuditId), eq(docs.kind, kind)));
  return (top ?? 0) + 1;
}

/**
 * Stores an ADR (uploaded or pasted Markdown) as the audit's next 'adr' document version
 * (immutable, SHA-256 of its UTF-8 text) and runs the structural checks on it for the event.
 * @param fileName the uploaded file's name, or null for a paste (stored as "ADR.md").
 * @returns the new document's id, version and SHA-256.
 * Refused once the content review is complete (the lens scores belong to the version reviewed; a
 * revised ADR is audited anew). A version uploaded during the review replaces the text reviewers
 * read; they may revise their scores until the review is complete.
 * @throws AppError invalid (empty, over ADR_MAX_CHARS, file name not *.md), conflict (same text
 *   as the latest version, review complete, closed audit), not_found.
 */
export async function uploadAdr(db: Db, args: { profileAuditId: number; fileName: string | null; body: string; actorId: number }): Promise<{ id: number; version: number; sha256: string }> {
  const body = args.body.replace(/\r\n?/g, "\n");
  if (body.trim() === "") throw new AppError("invalid", "adr: the ADR is empty.");
  if (body.length > ADR_MAX_CHARS) throw new AppError("invalid", `adr: the ADR is longer than ${ADR_MAX_CHARS.toLocaleString("en-US")} characters.`);
  const fileName = (args.fileName ?? "").trim() || "ADR.md";
  if (!/^[^/\\]{1,200}\.(md|markdown)$/i.test(fileName)) throw new AppError("invalid", "fileName: the ADR must be a Markdown file (*.md).");
  return db.transaction(async (tx) => {
    const audit = await openAdrAudit(tx, args.profileAuditId);
    const before = await getAdrReview(tx, audit);
    if (before.evaluation.reviewComplete) throw new AppError("conflict", "The content review is complete: its scores belong to the ADR reviewed. Audit a revised ADR in a new ADR audit.");
    const hash = sha256(body);
    if (before.adr && before.adr.sha256 === hash) throw new AppError("conflict", `This text is already version ${before.adr.version}.`);
    const version = await nextVersion(tx, audit.id, "adr");
    const docs = tx.tables.profileDocuments;
    const [row] = await tx.insert(docs).values({ profileAuditId: audit.id, kind: "adr", version, fileName, body, sha256: hash, createdBy: args.actorId }).returning({ id: docs.id });
    const after = await getAdrReview(tx, audit);
    const structural = after.evaluation.structural!;
    await appendEvent(tx, {
      auditId: null,
      actorId: args.actorId,
      type: "adr.uploaded",
      payload: { profileAuditId: audit.id, documentId: row.id, version, fileName, sha256: hash, structuralStatus: structural.status, tier1Findings: structural.findings.filter((f) => f.tier === 1).length, selfClaimedScores: after.evaluation.claimCount },
    });
    return { id: row.id, version, sha256: hash };
  });
}

/**
 * Records a lens reviewer's content score (seed 003 team mode), replacing that lens's earlier
 * score. Refused once the content review is complete (every lens returned or an operator ended
 * it): the self-claimed scores are shown from then on, and a score entered after seeing them
 * would no longer be independent.
 * @param score whole number 0–100.
 * @throws AppError invalid (unknown lens, score), conflict (no ADR yet, review complete, closed), not_found.
 */
export async function recordLensScore(db: Db, args: { profileAuditId: number; lens: string; score: number; actorId: number }): Promise<{ previous: number | null }> {
  if (!(ADR_LENSES as readonly string[]).includes(args.lens)) throw new AppError("invalid", `lens: must be one of ${ADR_LENSES.join(", ")}.`);
  if (!Number.isInteger(args.score) || args.score < 0 || args.score > 100) throw new AppError("invalid", "score: a whole number from 0 to 100.");
  const lens = args.lens as Lens;
  return db.transaction(async (tx) => {
    const audit = await openAdrAudit(tx, args.profileAuditId);
    const review = await getAdrReview(tx, audit);
    if (!review.adr) throw new AppError("conflict", "Upload the ADR before scoring it.");
    if (review.evaluation.reviewComplete) throw new AppError("conflict", "The content review is complete: lens scores can no longer change.");
    const previous = review.lensScores[lens]?.score ?? null;
    const t = tx.tables.profileLensScores;
    if (previous === null) await tx.insert(t).values({ profileAuditId: audit.id, lens, score: args.score, reviewerId: args.actorId });
    else await tx.update(t).set({ score: args.score, reviewerId: args.actorId, createdAt: new Date() }).where(and(eq(t.profileAuditId, audit.id), eq(t.lens, lens)));
    await appendEvent(tx, { auditId: null, actorId: args.actorId, type: "adr.lens_scored", payload: { profileAuditId: audit.id, lens, score: args.score, previous } });
    return { previous };
  });
}

/**
 * Adds a lens finding (seed 003: every finding cites the playbook check that fired; issue 13) as a
 * profile_findings row: section = lens, checkRef = the check, tag `blocking` when it blocks the gate.
 * @param input raw fields, validated by adr.ts `lensFindingSchema` (section defaults to the lens).
 * @throws AppError invalid naming the first bad field, conflict (no ADR yet, closed), not_found.
 */
export async function addLensFinding(db: Db, args: { profileAuditId: number; input: Record<string, unknown>; actorId: number }): Promise<{ id: number }> {
  // An empty check field (as a form sends it) is a missing check.
  const parsed = lensFindingSchema.safeParse({ section: args.input.lens, ...args.input, check: args.input.check === "" ? undefined : args.input.check });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError("invalid", `${String(issue.path[0] ?? "finding")}: ${issue.message}`);
  }
  const f = parsed.data;
  return db.transaction(async (tx) => {
    const audit = await openAdrAudit(tx, args.profileAuditId);
    const review = await getAdrReview(tx, audit);
    if (!review.adr) throw new AppError("conflict", "Upload the ADR before reviewing it.");
    const t = tx.tables.profileFindings;
    const tags = [...new Set([...f.tags.filter((x) => x !== BLOCKING_TAG), ...(f.blocking ? [BLOCKING_TAG] : [])])];
    const [row] = await tx
      .insert(t)
      .values({ profileAuditId: audit.id, section: f.lens, title: f.title, severity: f.severity, category: null, evidence: f.evidence, location: f.location, owner: f.owner, dueDate: f.dueDate, status: f.status, tags, approach: f.approach, effortDays: f.effortDays, checkRef: f.check, createdBy: args.actorId })
      .returning({ id: t.id });
    await appendEvent(tx, { auditId: null, actorId: args.actorId, type: "adr.lens_finding_added", payload: { profileAuditId: audit.id, findingId: row.id, lens: f.lens, checkRef: f.check, severity: f.severity, blocking: f.blocking } });
    return { id: row.id };
  });
}

/**
 * An operator ends the content review before every lens returned (issue 13): the self-claimed
 * scores are shown from then on and lens scores are final. The missing lenses stay missing, so a
 * quorum not met stays LOW_CONFIDENCE (human review), never a PASS. Stored in the audit's
 * context as reviewEndedAt (ISO 8601 UTC) and reviewEndedBy.
 * @throws AppError conflict (no ADR, already complete, closed), not_found.
 */
export async function endContentReview(db: Db, args: { profileAuditId: number; actorId: number; now?: Date }): Promise<void> {
  await db.transaction(async (tx) => {
    const audit = await openAdrAudit(tx, args.profileAuditId);
    const review = await getAdrReview(tx, audit);
    if (!review.adr) throw new AppError("conflict", "Upload the ADR before ending its review.");
    if (review.evaluation.reviewComplete) throw new AppError("conflict", "The content review is already complete.");
    const context: AdrContext & Record<string, unknown> = { ...audit.context, reviewEndedAt: (args.now ?? new Date()).toISOString(), reviewEndedBy: args.actorId };
    await tx.update(tx.tables.profileAudits).set({ context }).where(eq(tx.tables.profileAudits.id, audit.id));
    await appendEvent(tx, { auditId: null, actorId: args.actorId, type: "adr.review_ended", payload: { profileAuditId: audit.id, lensesReturned: review.evaluation.lensesReturned } });
  });
}

/** A stored lens finding as the report renders it. */
function toLensFinding(f: { section: string; title: string; severity: string; status: string; location: string | null; checkRef: string | null; tags: string[] }): LensFinding {
  return { lens: f.section as Lens, check: f.checkRef ?? "", title: f.title, severity: f.severity, status: f.status, location: f.location, blocking: f.tags.includes(BLOCKING_TAG) } as LensFinding;
}

/**
 * Generates the ADR audit report (seed 003 "Combined Report Format", lib/profiles/reports.ts
 * renderAdrReport) as the next 'report' document version named `ADR-NN.A_audit_report_vNNN.md`
 * (adr.ts adrReportFileName; NN read from the ADR, see adr-review.ts adrNumberOf). It supersedes
 * every earlier report of the audit, which stay stored and downloadable (issue 13: kept in history).
 * Only once the content review is complete, since the report shows the self-claimed scores.
 * @throws AppError conflict (no ADR, review still open, closed), invalid (no ADR-NN in the ADR), not_found.
 */
export async function generateAdrReport(db: Db, args: { profileAuditId: number; actorId: number; now?: Date }): Promise<{ id: number; version: number; fileName: string; supersedes: string[] }> {
  return db.transaction(async (tx) => {
    const audit = await openAdrAudit(tx, args.profileAuditId);
    const review = await getAdrReview(tx, audit);
    const { adr, evaluation: e, config } = review;
    if (!adr) throw new AppError("conflict", "Upload the ADR before generating its report.");
    if (!e.reviewComplete || !e.claims || !e.structural) throw new AppError("conflict", "The content review is still open: the report is written once every lens returned or an operator ended the review.");
    const adrNumber = adrNumberOf(adr.body, parseAdr(adr.body).frontmatter);
    if (adrNumber === null) throw new AppError("invalid", 'adr: the ADR does not name its number: put "ADR-NN" in its title or first heading.');
    const earlier = review.reports.map((r) => r.fileName);
    const next = nextReportVersion(earlier, adrNumber);
    const version = Math.max(next.version, await nextVersion(tx, audit.id, "report"));
    const fileName = adrReportFileName(adrNumber, version);
    const supersedes = [...earlier].reverse();
    const body = renderAdrReport({
      adrId: `ADR-${String(adrNumber).padStart(2, "0")}`,
      version,
      generatedAt: args.now ?? new Date(),
      status: e.status,
      statusReasons: e.reasons,
      structuralStatus: e.structural.status,
      contentScore: e.contentScore,
      threshold: config.threshold,
      lensScores: Object.fromEntries(Object.entries(review.lensScores).map(([l, s]) => [l, s.score])),
      coverage: e.coverage,
      structuralFindings: e.structural.findings,
      lensFindings: review.lensFindings.map(toLensFinding),
      claims: e.claims,
      supersedes,
      config,
    });
    const docs = tx.tables.profileDocuments;
    const hash = sha256(body);
    const [row] = await tx.insert(docs).values({ profileAuditId: audit.id, kind: "report", version, fileName, body, sha256: hash, createdBy: args.actorId }).returning({ id: docs.id });
    await appendEvent(tx, { auditId: null, actorId: args.actorId, type: "adr.report_generated", payload: { profileAuditId: audit.id, documentId: row.id, version, fileName, sha256: hash, status: e.status, supersedes } });
    return { id: row.id, version, fileName, supersedes };
  });
}
