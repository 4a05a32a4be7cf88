import { getDb } from "@/db/client";
import { getBundleInput, runtimeEnvironment } from "@/db/queries/artifacts";
import { buildSummaryMetricsJson } from "@/lib/artifacts/metrics";
import { requireAuditAccess } from "@/lib/server/project-auth";
import { errorResponse } from "@/lib/server/route";
import { getSettings } from "@/lib/server/settings";

export const dynamic = "force-dynamic";

/**
 * GET: the audit's summary_metrics.json (schema /schemas/summary-metrics.schema.json), the same
 * bytes as in the artifact bundle. Any signed-in user with a role in its project: 401 without a session, 404
 * for an unknown audit or one in a project where the user holds no role.
 */
export async function GET(_req: Request, { params }: { params: Promise<{ slug: string }> }) {
  try {
    const { audit } = await requireAuditAccess((await params).slug);
    const db = getDb();
    const settings = getSettings();
    const environment = runtimeEnvironment({ engine: db.engine, waiverKeyIds: Object.keys(settings.waiverKeys), separationOfDuties: settings.separationOfDuties });
    const json = buildSummaryMetricsJson(await getBundleInput(db, { audit, now: new Date(), environment }));
    return new Response(json, {
      headers: { "Content-Type": "application/json; charset=utf-8", "Content-Disposition": `attachment; filename="${audit.slug}-summary_metrics.json"`, "Cache-Control": "private, no-store" },
    });
  } catch (e) {
    return errorResponse(e);
  }
}
