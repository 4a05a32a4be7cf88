import { NextResponse } from "next/server";
import { getAuditReport } from "@/db/queries/report";
import { requireAuditAccess } from "@/lib/server/project-auth";
import { errorResponse } from "@/lib/server/route";
import { getDb } from "@/db/client";

export const dynamic = "force-dynamic";

/** GET: review progress and the recomputed verdict of one audit (a user holding a role in its project; 404 otherwise). */
export async function GET(_req: Request, { params }: { params: Promise<{ slug: string }> }) {
  try {
    const { audit } = await requireAuditAccess((await params).slug);
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
