import type { Metadata } from "next";
import Link from "next/link";
import { AuditSettingsForm } from "@/components/audits/audit-settings-form";
import { Forbidden } from "@/components/ui/forbidden";
import { getDb } from "@/db/client";
import { getAuditReport } from "@/db/queries/report";
import { requireAuditPage } from "@/lib/server/project-auth";

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Settings · ${(await params).slug}` };
}

/**
 * Audit settings (issue 11 "Across audits"): an operator in the audit's project edits the
 * create-form fields but project and date until the sample is drawn; afterwards, or once the audit
 * is closed or archived, the page says why they are fixed.
 */
export default async function AuditSettingsPage({ params }: Props) {
  const { slug } = await params;
  const { user, audit } = await requireAuditPage(slug, `/audits/${slug}/settings`);
  if (!user.roles.includes("operator")) return <Forbidden role="operator" />;
  const { sample } = await getAuditReport(getDb(), { audit });
  const fixedBecause = audit.closedAt ? "The audit is closed and read-only." : audit.archivedAt ? "The audit is archived and read-only: restore it first." : sample ? "The sample is drawn: the settings are fixed now, so findings cannot choose them." : null;
  const initial: Record<string, unknown> = {
    title: audit.title,
    changeDescription: audit.changeDescription,
    riskTier: String(audit.riskTier),
    triggerReasons: audit.triggerReasons,
    triggerContractVersion: audit.triggerContractVersion,
    bulkMutationThreshold: String(audit.bulkMutationThreshold),
    duplicateClusterCap: String(audit.duplicateClusterCap),
    sotQuery: audit.sotQuery,
    sotStabilityQuery: audit.sotStabilityQuery,
    sotExpectedResult: audit.sotExpectedResult,
    consistencyModel: audit.consistencyModel,
    stalenessBoundSeconds: audit.stalenessBoundSeconds === null ? "" : String(audit.stalenessBoundSeconds),
    confidencePercent: String(audit.confidencePercent),
    decisionBasis: audit.decisionBasis,
  };
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <p className="text-sm">
        <Link href={`/audits/${slug}`} className="text-indigo-700 underline">
          ← {slug}
        </Link>
      </p>
      <h1 className="text-2xl font-semibold">Audit settings</h1>
      <p className="text-sm text-slate-600">Project {audit.projectName} and date {audit.auditDate} make the slug and stay as they are.</p>
      {fixedBecause ? (
        <p className="rounded-md bg-slate-100 px-3 py-2 text-sm text-slate-800" data-testid="settings-fixed">
          {fixedBecause}
        </p>
      ) : (
        <AuditSettingsForm slug={slug} initial={initial} />
      )}
    </div>
  );
}
