import { getDb } from "@/db/client";
import { runtimeEnvironment } from "@/db/queries/artifacts";
import { answerGateRequest } from "@/lib/server/gate-api";
import { errorResponse } from "@/lib/server/route";
import { getSettings } from "@/lib/server/settings";

export const dynamic = "force-dynamic";

/**
 * Gate API for pipelines: the audit's closure_gate_status.json, authorised by an API token
 * (`Authorization: Bearer csg_…`, created by an admin at /admin/tokens). 401 unknown or revoked
 * token, 403 wrong scope or project, 404 unknown audit.
 */
export async function GET(req: Request, { params }: { params: Promise<{ slug: string }> }) {
  try {
    const db = getDb();
    const settings = getSettings();
    const environment = runtimeEnvironment({ engine: db.engine, waiverKeyIds: Object.keys(settings.waiverKeys), separationOfDuties: settings.separationOfDuties });
    const answer = await answerGateRequest(db, { slug: (await params).slug, authorization: req.headers.get("authorization"), now: new Date(), environment });
    if (answer.status !== 200) {
      return Response.json({ error: answer.error, message: answer.message }, { status: answer.status, headers: { "cache-control": "no-store", ...(answer.status === 401 ? { "www-authenticate": 'Bearer realm="countersign"' } : {}) } });
    }
    return new Response(answer.json, { headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" } });
  } catch (e) {
    return errorResponse(e);
  }
}
