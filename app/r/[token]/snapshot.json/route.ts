import { getDb } from "@/db/client";
import { lookUpSharedLink } from "@/lib/server/shared-report";

export const dynamic = "force-dynamic";

/** The share link's published snapshot: the exact canonical JSON bytes whose SHA-256 the report shows. */
export async function GET(_req: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const found = await lookUpSharedLink(getDb(), token, new Date());
  if (found.status !== 200) return Response.json({ error: "This report link is not available." }, { status: found.status, headers: { "cache-control": "no-store" } });
  return new Response(found.link.snapshot, {
    headers: {
      "content-type": "application/json; charset=utf-8",
      "content-disposition": 'attachment; filename="report-snapshot.json"',
      "cache-control": "no-store",
      "x-robots-tag": "noindex, nofollow",
      "x-content-type-options": "nosniff",
    },
  });
}
