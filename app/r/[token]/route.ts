import { getDb } from "@/db/client";
import { isHttpsRequest } from "@/lib/security-headers";
import { sharedReportHeaders, sharedReportPage } from "@/lib/server/shared-report";

export const dynamic = "force-dynamic";

/**
 * Public, read-only verdict report of a share link: its published snapshot, no sign-in (404
 * unknown, 410 revoked or expired). `npm start` (scripts/start.ts) answers this path before Next's
 * pipeline with the same function, for speed; this handler serves it everywhere else (`next dev`).
 */
export async function GET(req: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const { status, html } = await sharedReportPage(getDb(), token, new Date());
  const https = isHttpsRequest({ forwardedProto: req.headers.get("x-forwarded-proto"), baseUrl: process.env.NEXTAUTH_URL });
  return new Response(html, { status, headers: sharedReportHeaders({ https }) });
}
