import { NextResponse } from "next/server";
import { getAuditBySlug } from "@/db/queries/audits";
import { getAuditReport } from "@/db/queries/report";
import { requireUser } from "@/lib/server/auth";
import { AppError } from "@/lib/server/errors";
import { errorResponse } from "@/lib/server/route";
import { getDb } from "@/db/client";

export const dynamic = "force-dynamic";

/** GET: review progress and the recomputed verdict of one audit (any signed-in user). */
export async function GET(_req: Request, { params }: { params: Promise<{ slug: string }> }) {
  try {
    await requireUser();
    const audit = await getAuditBySlug(getDb(), { slug: (await params).slug });
    if (!audit) throw new AppError("not_found", "Audit not found.");
    const { summary, assessment, gateState } = await getAuditReport(getDb(), { audit });
    return NextResponse.json({
      reviewed: summary?.reviewed ?? 0,
      sampled: summary?.sampled ?? 0,
      verdict: assessment.verdict,
      gateState,
    });
  } catch (e) {
    return errorResponse(e);
  }
}
