import "server-only";
import type { Reader } from "@/db/handle";
import { getShareLinkForServing, latestChangeId, type ShareSubject } from "@/db/queries/share-links";
import { renderProfileSharedReport } from "@/lib/profiles/profile-share-report-html";
import type { ProfileShareSnapshot } from "@/lib/profiles/profile-share-snapshot";
import { renderSharedReport, renderUnavailableReport } from "@/lib/share-report-html";
import { contentSecurityPolicy, securityHeaders } from "@/lib/security-headers";
import type { ShareSnapshot } from "@/lib/share-snapshot";
import { hashShareToken, shareLinkState } from "@/lib/share-token";

/**
 * Response headers of the shared report page (the Next route and the fast path in scripts/start.ts,
 * which both bypass proxy.ts): HTML, never cached or indexed, and the security headers with a strict
 * CSP (the page has inline CSS and SVG and no script: lib/share-report-html.ts), HSTS when `https`
 * (lib/security-headers.ts `isHttpsRequest`). Issue 10 "Requests and headers".
 */
export function sharedReportHeaders({ https }: { https: boolean }): Record<string, string> {
  return {
    "content-type": "text/html; charset=utf-8",
    "cache-control": "no-store",
    "x-robots-tag": "noindex, nofollow",
    ...securityHeaders({ csp: contentSecurityPolicy({ kind: "shared-report" }), https }),
  };
}

/** Looked up when a presented token cannot be ours, so that every refusal costs the same lookup. */
const NO_SUCH_HASH = "0".repeat(64);
/** Rendered pages kept in memory (per process), by link, snapshot hash and "changed since" flag. */
const CACHE_LIMIT = 1_000;
const rendered = new Map<string, string>();

function cached(key: string, render: () => string): string {
  const hit = rendered.get(key);
  if (hit !== undefined) {
    rendered.delete(key); // most recently used goes last
    rendered.set(key, hit);
    return hit;
  }
  const html = render();
  rendered.set(key, html);
  if (rendered.size > CACHE_LIMIT) rendered.delete(rendered.keys().next().value!);
  return html;
}

export type SharedLinkLookup =
  | { status: 404 | 410 }
  | { status: 200; link: { id: number; subject: ShareSubject; expiresAt: Date; snapshot: string; snapshotHash: string; snapshotEventId: number | null } };

/**
 * Resolves a presented share token at `now` (UTC): 404 for an unknown token (or a link made before
 * snapshots existed, which has nothing to show), 410 for a revoked or expired link, else the link
 * with its published snapshot and what it shares (a sampling or a checklist audit). Revocation is read from the database on every call, so it takes
 * effect on the very next request.
 */
export async function lookUpSharedLink(db: Reader, token: string, now: Date): Promise<SharedLinkLookup> {
  const link = await getShareLinkForServing(db, { tokenHash: hashShareToken(token) ?? NO_SUCH_HASH });
  if (!link || link.snapshot === null || link.snapshotHash === null) return { status: 404 };
  if (shareLinkState(link, now) !== "active") return { status: 410 };
  const subject: ShareSubject = link.auditId !== null ? { auditId: link.auditId } : { profileAuditId: link.profileAuditId! };
  return { status: 200, link: { id: link.id, subject, expiresAt: link.expiresAt, snapshot: link.snapshot, snapshotHash: link.snapshotHash, snapshotEventId: link.snapshotEventId } };
}

/**
 * The HTML of the shared report page and its status: the published snapshot rendered once and
 * then served from memory (the key changes with a new snapshot; revocation is checked before the
 * cache), with a notice when the audit changed after publication; a sampling audit's verdict
 * report or a checklist audit's report (issue 13) by what the link shares. Unknown, revoked and expired
 * links all get the same "not available" page.
 */
export async function sharedReportPage(db: Reader, token: string, now: Date): Promise<{ status: number; html: string }> {
  const found = await lookUpSharedLink(db, token, now);
  if (found.status !== 200) return { status: found.status, html: cached("unavailable", renderUnavailableReport) };
  const { link } = found;
  const changedSince = (await latestChangeId(db, link.subject)) > (link.snapshotEventId ?? 0);
  const key = `${link.id}:${link.snapshotHash}:${changedSince ? 1 : 0}`;
  return {
    status: 200,
    html: cached(key, () => {
      const view = { hash: link.snapshotHash, changedSince, snapshotPath: `/r/${token}/snapshot.json`, expiresAt: link.expiresAt.toISOString() };
      return "auditId" in link.subject ? renderSharedReport(JSON.parse(link.snapshot) as ShareSnapshot, view) : renderProfileSharedReport(JSON.parse(link.snapshot) as ProfileShareSnapshot, view);
    }),
  };
}
