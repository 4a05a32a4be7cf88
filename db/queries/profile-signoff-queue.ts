import "server-only";
import { and, desc, inArray, isNull, ne, type SQL } from "drizzle-orm";
import type { Reader } from "../handle";
import type { ProfileAudit } from "../schema";
import { listProfileSignOffs } from "./profile-audits";
import { getProfileSnapshot } from "./profile-verdict";

export type ChecklistQueueItem = {
  audit: ProfileAudit;
  verdict: string;
  gate: "OPEN" | "CONDITIONAL_PASS";
  /** Someone signed an earlier snapshot that still stands (not revoked): the audit changed since. */
  stale: boolean;
};

/**
 * The checklist audits waiting for an approver's sign-off (issue 13; the "waiting for me" queue of
 * /approvals): open (not closed, not archived), not created by this approver (the creator cannot
 * sign, lib/profiles/profile-signoff.ts), gate OPEN or CONDITIONAL_PASS (a BLOCKED gate cannot be
 * signed) with none of the profile's own sign-off refusals, and no standing signature on the
 * current snapshot. Newest first; scans the newest
 * `limit` open audits of `projects` (where the user approves, or "all").
 */
export async function listChecklistSignOffQueue(
  db: Reader,
  { approverId, projects, limit = 100 }: { approverId: number; projects: "all" | readonly string[]; limit?: number },
): Promise<ChecklistQueueItem[]> {
  const { profileAudits } = db.tables;
  if (projects !== "all" && projects.length === 0) return [];
  const where: SQL | undefined = and(
    isNull(profileAudits.closedAt),
    isNull(profileAudits.archivedAt),
    ne(profileAudits.createdBy, approverId),
    projects === "all" ? undefined : inArray(profileAudits.projectName, [...projects]),
  );
  const audits = await db.select().from(profileAudits).where(where).orderBy(desc(profileAudits.createdAt), desc(profileAudits.id)).limit(limit);
  const items: ChecklistQueueItem[] = [];
  for (const audit of audits) {
    const state = await getProfileSnapshot(db, audit);
    // A BLOCKED gate, or the profile's own refusals (e.g. a Fix Soon without a due date), wait for the operator, not the approver.
    if (state.gate === "BLOCKED" || state.profileRefusals.length > 0) continue;
    const standing = (await listProfileSignOffs(db, { profileAuditId: audit.id })).filter((s) => s.revokedAt === null);
    if (standing.some((s) => s.snapshotHash === state.hash)) continue;
    items.push({ audit, verdict: state.verdict, gate: state.gate, stale: standing.length > 0 });
  }
  return items;
}
