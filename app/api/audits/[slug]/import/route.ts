import { revalidatePath } from "next/cache";
import { NextResponse } from "next/server";
import { Readable } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { z } from "zod";
import { getDb } from "@/db/client";
import { importPopulation } from "@/db/mutations/population";
import { DELIMITER_CHOICES } from "@/lib/csv-delimiter";
import { columnMappingSchema } from "@/lib/population-import";
import { requireUser } from "@/lib/server/auth";
import { AppError } from "@/lib/server/errors";
import { requireAuditRole } from "@/lib/server/project-auth";
import { errorResponse } from "@/lib/server/route";
import { getSettings } from "@/lib/server/settings";
import { checkUploadHeaders } from "@/lib/upload-request";

export const dynamic = "force-dynamic";

const querySchema = z.object({
  fileName: z.string().trim().min(1, "fileName is required").max(255, "fileName is too long"),
  format: z.enum(["csv", "jsonl"], { error: "format must be csv or jsonl" }),
  delimiter: z.enum(DELIMITER_CHOICES, { error: `delimiter must be ${DELIMITER_CHOICES.slice(0, -1).join(", ")} or ${DELIMITER_CHOICES.at(-1)}` }).default("detect"),
  mapping: z
    .string({ error: "mapping is required" })
    .transform((s, ctx) => {
      try {
        return JSON.parse(s) as unknown;
      } catch {
        ctx.addIssue({ code: "custom", message: "mapping must be JSON" });
        return z.NEVER;
      }
    })
    .pipe(columnMappingSchema),
});

/**
 * POST the population file as the raw request body (operator). Query: fileName, format
 * (csv | jsonl), mapping (JSON of lib/population-import.ts `columnMappingSchema`, with optional
 * claimed/observed pairs), delimiter (CSV: detect | comma | semicolon | tab | pipe, default detect:
 * lib/csv-delimiter.ts; ignored for JSON Lines). Before a byte
 * of the body is read (lib/upload-request.ts): an Origin other than the app's → 403; a
 * Content-Type other than text/csv, application/x-ndjson, application/jsonl or text/plain → 415
 * (multipart: "send the file as the request body"); a Content-Length over IMPORT_MAX_MB → 413 (a
 * chunked body is cut off with 413 once it passes the limit). The body is then streamed
 * (db/mutations/population.ts). 200 with counts, or 422 with the first bad rows and nothing written.
 */
export async function POST(req: Request, { params }: { params: Promise<{ slug: string }> }) {
  try {
    const user = await requireUser("operator");
    const { baseUrl, importMaxBytes } = getSettings();
    const refusal = checkUploadHeaders(
      {
        origin: req.headers.get("origin"),
        host: req.headers.get("x-forwarded-host") ?? req.headers.get("host"),
        contentType: req.headers.get("content-type"),
        contentLength: req.headers.get("content-length"),
      },
      { baseUrl, maxBytes: importMaxBytes },
    );
    if (refusal) return NextResponse.json({ error: refusal.status === 403 ? "forbidden" : "invalid", message: refusal.message, errors: [] }, { status: refusal.status });
    const { slug } = await params;
    const { audit } = await requireAuditRole(user, slug, ["operator"]);
    const url = new URL(req.url);
    const query = querySchema.safeParse(Object.fromEntries(url.searchParams));
    if (!query.success) {
      const issue = query.error.issues[0];
      return NextResponse.json({ error: "invalid", message: `${issue.path.join(".") || "request"}: ${issue.message}`, errors: [] }, { status: 422 });
    }
    if (!req.body) throw new AppError("invalid", "The request has no file.");
    const result = await importPopulation(getDb(), {
      auditId: audit.id,
      fileName: query.data.fileName,
      format: query.data.format,
      mapping: query.data.mapping,
      delimiter: query.data.delimiter,
      source: Readable.fromWeb(req.body as unknown as WebReadableStream),
      actorId: user.id,
      maxBytes: importMaxBytes,
    });
    if (!result.ok) {
      return NextResponse.json({ error: "invalid", message: `The file has ${result.errorCount} problem${result.errorCount === 1 ? "" : "s"}; nothing was imported.`, errors: result.errors, errorCount: result.errorCount }, { status: 422 });
    }
    revalidatePath("/");
    revalidatePath(`/audits/${slug}`, "layout");
    return NextResponse.json(result);
  } catch (e) {
    return errorResponse(e);
  }
}
