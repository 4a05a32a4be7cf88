import { getDb } from "@/db/client";
import { getBundleInput, runtimeEnvironment } from "@/db/queries/artifacts";
import { buildBundleZip } from "@/lib/artifacts/bundle";
import { requireAuditAccess } from "@/lib/server/project-auth";
import { errorResponse } from "@/lib/server/route";
import { getSettings } from "@/lib/server/settings";

export const dynamic = "force-dynamic";

/**
 * GET: the audit's artifact bundle (seed 000 "Output Artifacts") as a zip laid out as
 * `tmp/by-week/YYYY-Www/{slug}/…`, built from the state as it is now; two downloads of the same
 * state are byte-identical. Any signed-in user holding a role in its project may download it: 401 without a
 * session, 403 without any role, 404 for an unknown audit. Reads only.
 */
export async function GET(_req: Request, { params }: { params: Promise<{ slug: string }> }) {
  try {
    const { audit } = await requireAuditAccess((await params).slug);
    const db = getDb();
    const settings = getSettings();
    const environment = runtimeEnvironment({ engine: db.engine, waiverKeyIds: Object.keys(settings.waiverKeys), separationOfDuties: settings.separationOfDuties });
    const zip = await buildBundleZip(await getBundleInput(db, { audit, now: new Date(), environment }));
    return new Response(new Uint8Array(zip), {
      status: 200,
      headers: {
        "Content-Type": "application/zip",
        "Content-Disposition": `attachment; filename="${audit.slug}-artifacts.zip"`,
        "Content-Length": String(zip.length),
        "Cache-Control": "private, no-store",
      },
    });
  } catch (e) {
    return errorResponse(e);
  }
}
