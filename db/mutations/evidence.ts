import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import type { Readable } from "node:stream";
import { AppError } from "@/lib/server/errors";
import { type StoredEvidence, storeEvidenceFile } from "@/lib/server/evidence-store";
import { appendEvent } from "../events";
import type { Db, Reader, Tx } from "../handle";
import { lockAudit } from "./lock";

/**
 * Evidence on a sampled unit (issue 11, "Evidence"): files (stored by SHA-256,
 * lib/server/evidence-store.ts) and links. Each item records who added it; removing one records
 * who, when and why, and never deletes the row or the bytes. Every write is one transaction with
 * its event (`evidence.added`, `evidence.removed`). A closed audit is read-only, as for reviews
 * (db/mutations/reviews.ts).
 */

const CLOSED = "The audit is closed and read-only: evidence can no longer change.";

/** Refuses a sampled unit that is not in the audit, and a closed audit. Inside a transaction it locks the audit first. */
async function checkTarget(db: Reader | Tx, auditId: number, sampleUnitId: number): Promise<void> {
  const { audits, sampleUnits } = db.tables;
  const audit = "lock" in db ? await lockAudit(db, auditId) : (await db.select().from(audits).where(eq(audits.id, auditId)))[0];
  if (!audit) throw new AppError("not_found", "Audit not found.");
  const [su] = await db.select({ id: sampleUnits.id }).from(sampleUnits).where(and(eq(sampleUnits.id, sampleUnitId), eq(sampleUnits.auditId, auditId)));
  if (!su) throw new AppError("not_found", "This unit is not in the audit's sample.");
  if (audit.closedAt) throw new AppError("conflict", CLOSED);
}

/**
 * Stores an uploaded file as evidence on a sampled unit: checks the unit and that the audit is
 * open, streams the file into the store (hash, size limit, type by content), then records the item
 * and its `evidence.added` event in one transaction (re-checking the audit under its lock).
 * @param fileName the uploaded name (lib/evidence.ts `evidenceFileNameSchema`), kept for the list and the download.
 * @param maxBytes size limit in bytes; `dir` the store's folder (settings `evidenceDir`).
 * @returns the new item's id and what was stored.
 * @throws AppError not_found (unit not in the audit) / conflict (closed audit), before a byte is
 *   read; EvidenceTooLargeError (413) / EvidenceTypeError (415) with nothing stored and nothing
 *   written. If the audit closes between the upload and the record, the bytes stay in the store
 *   unreferenced (content-addressed, harmless; deleting them could race another upload of the same file).
 */
export async function addEvidenceFile(
  db: Db,
  args: { auditId: number; sampleUnitId: number; actorId: number; fileName: string; source: Readable; dir: string; maxBytes: number },
): Promise<{ id: number; stored: StoredEvidence }> {
  const { auditId, sampleUnitId, actorId, fileName } = args;
  await checkTarget(db, auditId, sampleUnitId);
  const stored = await storeEvidenceFile(args.source, { dir: args.dir, maxBytes: args.maxBytes, fileName });
  const id = await db.transaction(async (tx) => {
    await checkTarget(tx, auditId, sampleUnitId);
    const [row] = await tx
      .insert(tx.tables.evidence)
      .values({ auditId, sampleUnitId, kind: "file", sha256: stored.sha256, fileName, mediaType: stored.mediaType, sizeBytes: stored.sizeBytes, addedBy: actorId })
      .returning({ id: tx.tables.evidence.id });
    await appendEvent(tx, {
      auditId,
      actorId,
      type: "evidence.added",
      payload: { evidenceId: row.id, sampleUnitId, kind: "file", name: fileName, sha256: stored.sha256, mediaType: stored.mediaType, sizeBytes: stored.sizeBytes, url: null },
    });
    return row.id;
  });
  return { id, stored };
}

/**
 * Records a link as evidence on a sampled unit, with its `evidence.added` event, in one transaction.
 * @param url an http(s) URL and `label` an optional label, validated by lib/evidence.ts `evidenceLinkSchema`.
 * @returns the new item's id.
 * @throws AppError not_found (unit not in the audit) / conflict (closed audit); nothing written.
 */
export async function addEvidenceLink(db: Db, { auditId, sampleUnitId, actorId, url, label }: { auditId: number; sampleUnitId: number; actorId: number; url: string; label: string | null }): Promise<number> {
  return db.transaction(async (tx) => {
    await checkTarget(tx, auditId, sampleUnitId);
    const [row] = await tx.insert(tx.tables.evidence).values({ auditId, sampleUnitId, kind: "link", url, fileName: label, addedBy: actorId }).returning({ id: tx.tables.evidence.id });
    await appendEvent(tx, { auditId, actorId, type: "evidence.added", payload: { evidenceId: row.id, sampleUnitId, kind: "link", name: label ?? url, sha256: null, mediaType: null, sizeBytes: null, url } });
    return row.id;
  });
}

/**
 * Marks an evidence item removed (who, when, why) with its `evidence.removed` event, in one
 * transaction; the row and any stored bytes are kept. Of two removals at once, one wins.
 * @param reason why (1–500 characters, lib/evidence.ts `evidenceRemovalSchema`).
 * @throws AppError not_found (no such item in this audit), conflict (already removed, or the audit is closed); nothing written.
 */
export async function removeEvidence(db: Db, { auditId, evidenceId, actorId, reason }: { auditId: number; evidenceId: number; actorId: number; reason: string }): Promise<void> {
  await db.transaction(async (tx) => {
    const { evidence } = tx.tables;
    const audit = await lockAudit(tx, auditId);
    const [item] = await tx.select({ sampleUnitId: evidence.sampleUnitId, removedAt: evidence.removedAt }).from(evidence).where(and(eq(evidence.id, evidenceId), eq(evidence.auditId, auditId)));
    if (!item) throw new AppError("not_found", "Evidence item not found.");
    if (audit.closedAt) throw new AppError("conflict", CLOSED);
    if (item.removedAt) throw new AppError("conflict", "This evidence item was already removed.");
    const updated = await tx
      .update(evidence)
      .set({ removedAt: new Date(), removedBy: actorId, removedReason: reason })
      .where(and(eq(evidence.id, evidenceId), isNull(evidence.removedAt)))
      .returning({ id: evidence.id });
    if (updated.length === 0) throw new AppError("conflict", "This evidence item was already removed.");
    await appendEvent(tx, { auditId, actorId, type: "evidence.removed", payload: { evidenceId, sampleUnitId: item.sampleUnitId, reason } });
  });
}
