import "server-only";
import { and, asc, eq, inArray } from "drizzle-orm";
import { type EvidenceItemView, extensionMismatch } from "@/lib/evidence";
import type { Reader } from "../handle";
import type { Tables } from "../schema";

type EvidenceRow = Tables["evidence"]["$inferSelect"];

/**
 * The evidence of one sampled unit of an audit (issue 11), oldest first, removed items included
 * (marked removed, with who, when and why), with the names of who added and removed each.
 * @returns items shaped for the review page (dates as ISO-8601 UTC strings).
 */
export async function listEvidence(db: Reader, { auditId, sampleUnitId }: { auditId: number; sampleUnitId: number }): Promise<EvidenceItemView[]> {
  const { evidence, users } = db.tables;
  const rows = await db
    .select()
    .from(evidence)
    .where(and(eq(evidence.auditId, auditId), eq(evidence.sampleUnitId, sampleUnitId)))
    .orderBy(asc(evidence.id));
  if (rows.length === 0) return [];
  const ids = [...new Set(rows.flatMap((r) => (r.removedBy === null ? [r.addedBy] : [r.addedBy, r.removedBy])))];
  const names = new Map((await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, ids))).map((u) => [u.id, u.name]));
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    name: r.fileName ?? r.url ?? "",
    url: r.url,
    mediaType: r.mediaType,
    sizeBytes: r.sizeBytes,
    sha256: r.sha256,
    mismatch: r.kind === "file" && extensionMismatch(r.fileName ?? "", r.mediaType ?? ""),
    addedBy: names.get(r.addedBy) ?? `user #${r.addedBy}`,
    addedAt: r.addedAt.toISOString(),
    removedBy: r.removedBy === null ? null : (names.get(r.removedBy) ?? `user #${r.removedBy}`),
    removedAt: r.removedAt?.toISOString() ?? null,
    removedReason: r.removedReason,
  }));
}

/**
 * One evidence item of an audit, by id.
 * @returns the row, or null when there is no such item in this audit (another audit's id included).
 */
export async function getEvidenceItem(db: Reader, { auditId, evidenceId }: { auditId: number; evidenceId: number }): Promise<EvidenceRow | null> {
  const { evidence } = db.tables;
  const [row] = await db
    .select()
    .from(evidence)
    .where(and(eq(evidence.auditId, auditId), eq(evidence.id, evidenceId)));
  return row ?? null;
}
