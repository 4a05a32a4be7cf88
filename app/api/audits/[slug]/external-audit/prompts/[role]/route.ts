import { getDb } from "@/db/client";
import { documentRoleOf, getExternalAuditDocument } from "@/db/queries/external-audit";
import { TEMPLATE_ROLES, type TemplateRole } from "@/lib/external-audit/types";
import { AppError } from "@/lib/server/errors";
import { requireAuditAccess } from "@/lib/server/project-auth";
import { errorResponse } from "@/lib/server/route";

export const dynamic = "force-dynamic";

/**
 * GET: a resolved external-audit prompt (issue 12 step 1, "download") as a markdown attachment
 * named `<role>.prompt.md`; `role` is auditor-primary | auditor-secondary | calibrator-reconciler;
 * `?version=N` picks a stored version (default: the latest). Any role in the audit's project may
 * read it: 401 without a session, 404 for an unknown audit, role, version or a prompt not prepared
 * yet. Reads only.
 */
export async function GET(req: Request, { params }: { params: Promise<{ slug: string; role: string }> }) {
  try {
    const { slug, role } = await params;
    const { audit } = await requireAuditAccess(slug);
    if (!(TEMPLATE_ROLES as readonly string[]).includes(role)) throw new AppError("not_found", `No prompt role "${role}".`);
    const raw = new URL(req.url).searchParams.get("version");
    const version = raw === null ? undefined : Number(raw);
    if (version !== undefined && !(Number.isInteger(version) && version > 0)) throw new AppError("not_found", "No such prompt version.");
    const doc = await getExternalAuditDocument(getDb(), { auditId: audit.id, kind: "prompt", role: documentRoleOf(role as TemplateRole), version });
    if (!doc) throw new AppError("not_found", "This prompt is not prepared yet.");
    const body = Buffer.from(doc.body, "utf8");
    return new Response(new Uint8Array(body), {
      status: 200,
      headers: {
        "Content-Type": "text/markdown; charset=utf-8",
        "Content-Disposition": `attachment; filename="${role}.prompt.md"`,
        "Content-Length": String(body.length),
        "X-Content-SHA256": doc.sha256,
        "Cache-Control": "private, no-store",
      },
    });
  } catch (e) {
    return errorResponse(e, req);
  }
}
