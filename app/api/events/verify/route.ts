import { NextResponse } from "next/server";
import { getDb } from "@/db/client";
import { verifyEventChain } from "@/db/queries/events";
import { requireUser } from "@/lib/server/auth";
import { errorResponse } from "@/lib/server/route";

export const dynamic = "force-dynamic";

/**
 * GET: verifies the whole hash-chained event log (admin or security role). 200 with
 * `{ intact, entries, firstBroken: { index, id } | null, headHash }`.
 */
export async function GET() {
  try {
    await requireUser(["admin", "security"]);
    const result = await verifyEventChain(getDb());
    return NextResponse.json({ intact: result.firstBroken === null, ...result });
  } catch (e) {
    return errorResponse(e);
  }
}
