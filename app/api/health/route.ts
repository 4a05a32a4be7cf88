import { NextResponse } from "next/server";
import { getDb } from "@/db/client";
import { databaseHealth } from "@/db/queries/health";
import { getLogger, safeError } from "@/lib/server/logger";

export const dynamic = "force-dynamic";

const NO_STORE = { "cache-control": "no-store" };

/**
 * GET /api/health, no sign-in (issue 10 "Operations"; for load balancers and monitors): the
 * database answers and its applied migrations are this build's newest (db/queries/health.ts).
 * 200 `{ status: "ok", engine: "sqlite" | "pg", migration: "<latest journal tag>" }`; else 503
 * `{ status: "unavailable", engine, reason }` with a plain reason ("database unreachable",
 * "migrations behind: …"). Never a URL, path, credential or driver message: the driver error is
 * logged instead.
 */
export async function GET(req: Request) {
  let engine: "sqlite" | "pg" | undefined;
  try {
    const db = getDb();
    engine = db.engine;
    const health = await databaseHealth(db);
    if (health.ok) return NextResponse.json({ status: "ok", engine, migration: health.migration }, { headers: NO_STORE });
    return NextResponse.json({ status: "unavailable", engine, reason: health.reason }, { status: 503, headers: NO_STORE });
  } catch (e) {
    getLogger().error({ reqId: req.headers.get("x-request-id") ?? undefined, err: safeError(e) }, "health check failed");
    return NextResponse.json({ status: "unavailable", engine, reason: "database unreachable" }, { status: 503, headers: NO_STORE });
  }
}
