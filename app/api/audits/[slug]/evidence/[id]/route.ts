import { NextResponse } from "next/server";
import { Readable } from "node:stream";
import { getDb } from "@/db/client";
import { getEvidenceItem } from "@/db/queries/evidence";
import { attachmentDisposition, downloadName } from "@/lib/evidence";
import { openEvidenceFile } from "@/lib/server/evidence-store";
import { getLogger } from "@/lib/server/logger";
import { requireAuditAccess } from "@/lib/server/project-auth";
import { errorResponse } from "@/lib/server/route";
import { getSettings } from "@/lib/server/settings";

export const dynamic = "force-dynamic";

/**
 * GET one evidence file of an audit (issue 11, "Evidence"), for any signed-in user with a role in
 * the audit's project, always as a download, never rendered inline: `Content-Disposition:
 * attachment` (RFC 6266/5987 name; `.ext` of the real type appended when the name disagrees with
 * the content), `Content-Type: application/octet-stream`, `X-Content-Type-Options: nosniff`,
 * `Content-Security-Policy: sandbox; default-src 'none'`, `Cache-Control: private, no-store`.
 * 401 without a session; 404 for another project's user, an unknown id, another audit's item or a
 * link; 410 for a removed item (it stays listed as removed).
 */
export async function GET(req: Request, { params }: { params: Promise<{ slug: string; id: string }> }) {
  try {
    const { slug, id } = await params;
    const { audit } = await requireAuditAccess(slug);
    const evidenceId = Number(id);
    const item = Number.isSafeInteger(evidenceId) && evidenceId > 0 ? await getEvidenceItem(getDb(), { auditId: audit.id, evidenceId }) : null;
    if (!item || item.kind !== "file" || !item.sha256) return NextResponse.json({ error: "not_found", message: "Evidence file not found." }, { status: 404 });
    if (item.removedAt) return NextResponse.json({ error: "gone", message: "This evidence was removed; it can no longer be downloaded." }, { status: 410 });
    const file = await openEvidenceFile(getSettings().evidenceDir, item.sha256);
    if (!file) {
      getLogger().error({ reqId: req.headers.get("x-request-id") ?? undefined, evidenceId: item.id }, "evidence file missing from the store");
      return NextResponse.json({ error: "not_found", message: "The stored file is missing." }, { status: 404 });
    }
    const name = downloadName(item.fileName ?? "evidence", item.mediaType ?? "");
    return new Response(Readable.toWeb(file) as ReadableStream, {
      headers: {
        "Content-Type": "application/octet-stream",
        "Content-Disposition": attachmentDisposition(name),
        "Content-Length": String(item.sizeBytes),
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": "sandbox; default-src 'none'",
        "Cache-Control": "private, no-store",
      },
    });
  } catch (e) {
    return errorResponse(e, req);
  }
}
