import { getDb } from "@/db/client";
import { getBundleInput, runtimeEnvironment } from "@/db/queries/artifacts";
import { getAuditBySlug } from "@/db/queries/audits";
import { buildSummaryMetricsJson } from "@/lib/artifacts/metrics";
import { requireUser } from "@/lib/server/auth";
import { AppError } from "@/lib/server/errors";
import { errorResponse } from "@/lib/server/route";
import { getSettings } from "@/lib/server/settings";

export const dynamic = "force-dynamic";

/**
 * GET: the audit's summary_metrics.json (schema /schemas/summary-metrics.schema.json), the same
 * bytes as in the artifact bundle. Any signed-in user with a role: 401 without a session, 403
 * without a role, 404 for an unknown audit.
 */
export async function GET(_req: Request, { params }: { params: Promise<{ slug: string }> }) {
  try {
    const user = await requireUser();
    if (user.roles.length === 0) throw new AppError("forbidden", "Downloading the summary metrics needs a role.");
    const db = getDb();
    const audit = await getAuditBySlug(db, { slug: (await params).slug });
    if (!audit) throw new AppError("not_found", "Audit not found.");
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
