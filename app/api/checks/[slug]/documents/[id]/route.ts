import { getDb } from "@/db/client";
import { getAdrReview, getProfileDocument } from "@/db/queries/profile-adr";
import { stripSelfClaimedScores } from "@/lib/profiles/adr";
import { AppError } from "@/lib/server/errors";
import { requireProfileAuditAccess } from "@/lib/server/profile-auth";
import { errorResponse } from "@/lib/server/route";

export const dynamic = "force-dynamic";

/**
 * GET /api/checks/[slug]/documents/[id]: one stored document of a profile audit (issue 13: the ADR
 * versions, the audit reports, superseded ones included) as a Markdown attachment under its stored
 * file name, with its SHA-256 in X-Content-SHA256. Any role in the audit's project may read it:
 * 401 without a session, 404 for an unknown audit or document. An ADR version of an audit whose
 * content review is still open is served with its self-claimed scores removed (seed 003: reviewers
 * must not see them before they submit; X-Countersign-Stripped: self-claimed-scores, no SHA-256).
 * Reads only.
 */
export async function GET(req: Request, { params }: { params: Promise<{ slug: string; id: string }> }) {
  try {
    const { slug, id } = await params;
    const { audit } = await requireProfileAuditAccess(slug);
    const docId = Number(id);
    const doc = Number.isSafeInteger(docId) && docId > 0 ? await getProfileDocument(getDb(), { profileAuditId: audit.id, id: docId }) : null;
    if (!doc) throw new AppError("not_found", "No such document.");
    let text = doc.body;
    const headers: Record<string, string> = {
      "Content-Type": "text/markdown; charset=utf-8",
      "Content-Disposition": `attachment; filename="${doc.fileName.replace(/["\\\r\n]/g, "_")}"`,
      "Cache-Control": "private, no-store",
    };
    if (doc.kind === "adr" && audit.profile === "adr") {
      const review = await getAdrReview(getDb(), audit);
      if (!review.evaluation.reviewComplete) {
        text = stripSelfClaimedScores(doc.body).stripped;
        headers["X-Countersign-Stripped"] = "self-claimed-scores";
      }
    }
    if (!headers["X-Countersign-Stripped"]) headers["X-Content-SHA256"] = doc.sha256;
    const body = Buffer.from(text, "utf8");
    headers["Content-Length"] = String(body.length);
    return new Response(new Uint8Array(body), { status: 200, headers });
  } catch (e) {
    return errorResponse(e, req);
  }
}
