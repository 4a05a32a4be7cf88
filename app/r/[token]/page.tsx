import type { Metadata } from "next";
import { ReportSummary } from "@/components/audits/report-summary";
import { getAuditReport } from "@/db/queries/report";
import { getShareLinkByToken } from "@/db/queries/share-links";
import { defectRateUpperBound } from "@/lib/estimation";
import { shareLinkState } from "@/lib/share-token";
import { getDb } from "@/db/client";

export const metadata: Metadata = { title: "Verdict report", robots: { index: false, follow: false } };
export const dynamic = "force-dynamic";

/** Public, read-only verdict report opened by a share link token; no sign-in. */
export default async function SharedReportPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const found = await getShareLinkByToken(getDb(), { token });
  const now = new Date();
  if (!found || shareLinkState(found.link, now) !== "active") {
    return (
      <div className="mx-auto mt-12 max-w-lg rounded-lg border border-slate-200 bg-white p-6 text-center shadow-sm" data-testid="share-unavailable">
        <h1 className="text-lg font-semibold">This report link is not available</h1>
        <p className="mt-2 text-sm text-slate-600">The link is wrong, has expired, or was revoked. Ask the person who shared it for a new one.</p>
      </div>
    );
  }
  const { audit } = found;
  const { summary, assessment, sample, gateState } = await getAuditReport(getDb(), { audit });
  return (
    <div className="mx-auto max-w-4xl space-y-4">
      <div>
        <p className="text-xs uppercase tracking-wide text-slate-500">Verdict report · read-only</p>
        <h1 className="text-2xl font-semibold">{audit.title}</h1>
        <p className="font-mono text-sm text-slate-500">{audit.slug}</p>
        <p className="mt-1 text-sm text-slate-700">{audit.changeDescription}</p>
      </div>
      <ReportSummary assessment={assessment} gateState={gateState} summary={summary} upperBound={summary ? defectRateUpperBound(summary) : null} />
      {sample && (
        <p className="text-xs text-slate-500">
          Risk tier {sample.riskTier} · sample seed <span className="font-mono">{sample.seed}</span> · population checksum{" "}
          <span className="font-mono">{sample.populationChecksum.slice(0, 16)}…</span> · computed {now.toISOString().replace("T", " ").slice(0, 16)} UTC · link expires{" "}
          {found.link.expiresAt.toISOString().slice(0, 10)}
        </p>
      )}
    </div>
  );
}
