import { revalidatePath } from "next/cache";
import { NextResponse } from "next/server";
import { Readable } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { z } from "zod";
import { getDb } from "@/db/client";
import { addEvidenceFile } from "@/db/mutations/evidence";
import { checkEvidenceUploadHeaders, evidenceFileNameSchema } from "@/lib/evidence";
import { requireUser } from "@/lib/server/auth";
import { AppError } from "@/lib/server/errors";
import { requireAuditRole } from "@/lib/server/project-auth";
import { errorResponse } from "@/lib/server/route";
import { getSettings } from "@/lib/server/settings";

export const dynamic = "force-dynamic";

const UPLOADERS = ["reviewer", "operator"] as const;

const querySchema = z.object({
  sampleUnitId: z.coerce.number({ error: "sampleUnitId must be a number" }).int("sampleUnitId must be a whole number").positive("sampleUnitId must be positive"),
  fileName: evidenceFileNameSchema,
});

/**
 * POST an evidence file for one sampled unit as the raw request body (issue 11, "Evidence"):
 * reviewer or operator in the audit's project. Query: sampleUnitId, fileName (the uploaded name).
 * Before a byte of the body is read (lib/evidence.ts `checkEvidenceUploadHeaders`): another
 * Origin → 403, multipart → 415, Content-Length over EVIDENCE_MAX_MB → 413. The body is streamed
 * into the store (lib/server/evidence-store.ts: SHA-256, size limit, type judged by content).
 * 201 with the item; 401 / 403 / 404; 409 when the audit is closed; 413 over the limit; 415 for a
 * refused type; 422 for a bad query. On any refusal nothing is stored and nothing is written.
 */
export async function POST(req: Request, { params }: { params: Promise<{ slug: string }> }) {
  try {
    const user = await requireUser(UPLOADERS);
    const { baseUrl, evidenceMaxBytes, evidenceDir } = getSettings();
    const refusal = checkEvidenceUploadHeaders(
      {
        origin: req.headers.get("origin"),
        host: req.headers.get("x-forwarded-host") ?? req.headers.get("host"),
        contentType: req.headers.get("content-type"),
        contentLength: req.headers.get("content-length"),
      },
      { baseUrl, maxBytes: evidenceMaxBytes },
    );
    if (refusal) return NextResponse.json({ error: refusal.status === 403 ? "forbidden" : "invalid", message: refusal.message }, { status: refusal.status });
    const { slug } = await params;
    const { audit } = await requireAuditRole(user, slug, UPLOADERS);
    const query = querySchema.safeParse(Object.fromEntries(new URL(req.url).searchParams));
    if (!query.success) {
      const issue = query.error.issues[0];
      return NextResponse.json({ error: "invalid", message: `${issue.path.join(".") || "request"}: ${issue.message}` }, { status: 422 });
    }
    if (!req.body) throw new AppError("invalid", "The request has no file.");
    const { id, stored } = await addEvidenceFile(getDb(), {
      auditId: audit.id,
      sampleUnitId: query.data.sampleUnitId,
      actorId: user.id,
      fileName: query.data.fileName,
      source: Readable.fromWeb(req.body as unknown as WebReadableStream),
      dir: evidenceDir,
      maxBytes: evidenceMaxBytes,
    });
    revalidatePath(`/audits/${slug}`, "layout");
    return NextResponse.json({ id, fileName: query.data.fileName, mediaType: stored.mediaType, sizeBytes: stored.sizeBytes, sha256: stored.sha256 }, { status: 201 });
  } catch (e) {
    return errorResponse(e, req);
  }
}
