import { getDb } from "@/db/client";
import { sharedReportPage } from "@/lib/server/shared-report";

export const dynamic = "force-dynamic";

/** Public, read-only verdict report of a share link: its published snapshot, no sign-in (404 unknown, 410 revoked or expired). */
export async function GET(_req: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const { status, html } = await sharedReportPage(getDb(), token, new Date());
  return new Response(html, {
    status,
    headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store", "x-robots-tag": "noindex, nofollow", "referrer-policy": "no-referrer", "x-content-type-options": "nosniff" },
  });
}
