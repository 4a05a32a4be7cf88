import type { Metadata } from "next";
import Link from "next/link";
import { ImportWizard } from "@/components/import/import-wizard";
import { Forbidden } from "@/components/ui/forbidden";
import { getAuditReport } from "@/db/queries/report";
import { requireAuditPage } from "@/lib/server/project-auth";
import { getDb } from "@/db/client";

export const metadata: Metadata = { title: "Import population" };

export default async function ImportPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { user, audit } = await requireAuditPage(slug, `/audits/${slug}/import`);
  if (!user.roles.includes("operator")) return <Forbidden role="operator" />;
  const { sample, populationImport } = await getAuditReport(getDb(), { audit });
  const refusal =
    audit.consistencyModel === "eventual"
      ? "This audit is blocked by a consistency-model violation; no population can be imported."
      : sample
        ? "A sample has been drawn, so the population is immutable."
        : null;
  return (
    <div className="mx-auto max-w-4xl space-y-4">
      <Link href={`/audits/${slug}`} className="text-sm text-indigo-700 hover:underline">
        ← {audit.title}
      </Link>
      <h1 className="text-2xl font-semibold">Import the population</h1>
      {refusal ? (
        <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">{refusal}</p>
      ) : (
        <>
          <p className="text-sm text-slate-600">
            Upload every unit the change touched as CSV (with a header row; comma, semicolon, tab or pipe delimited, detected from the first lines) or JSON
            Lines, then say which columns hold the unit key, the execution status (SUCCEEDED, FAILED or UNKNOWN), the subgroup and the identity key. Other
            columns are kept and shown to reviewers; <span className="font-mono">claimed_*</span> / <span className="font-mono">observed_*</span> column
            pairs can flag the units whose claim differs from the observation.
            {populationImport && " Importing again replaces the current population."}
          </p>
          <ImportWizard slug={slug} />
        </>
      )}
    </div>
  );
}
