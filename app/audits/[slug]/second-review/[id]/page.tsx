import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ActionForm } from "@/components/team/action-form";
import { FindingFields } from "@/components/team/finding-fields";
import { UnitRecord } from "@/components/team/unit-record";
import { getDb } from "@/db/client";
import { getBlindUnit } from "@/db/queries/team";
import { secondReviewRefusal } from "@/lib/double-review";
import { requireAuditPage } from "@/lib/server/project-auth";
import { saveSecondReviewAction } from "./actions";

type Props = { params: Promise<{ slug: string; id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export const metadata: Metadata = { title: "Second review" };

/**
 * The blind second review of one unit (issue 11): the record and the source-of-truth query only;
 * the first finding, note, remediation owner and reviewer are never read into this page.
 */
export default async function SecondReviewPage({ params, searchParams }: Props) {
  const { slug, id } = await params;
  const { user, audit } = await requireAuditPage(slug, `/audits/${slug}/second-review/${id}`);
  const sampleUnitId = Number(id);
  if (!Number.isInteger(sampleUnitId)) notFound();
  const blind = await getBlindUnit(getDb(), { auditId: audit.id, sampleUnitId });
  if (!blind) notFound();
  const { unit, rule } = blind;
  const refusal = !user.roles.includes("reviewer") ? "Only reviewers record second reviews." : audit.closedAt ? "The audit is closed and read-only." : secondReviewRefusal(rule, user.id);
  const saved = (await searchParams).saved === "1";

  return (
    <div className="space-y-4">
      <Link href={`/audits/${slug}/team`} className="text-sm text-indigo-700 hover:underline">
        ← Team and double review: {audit.title}
      </Link>
      <h1 className="text-2xl font-semibold">
        Second review of unit <span className="font-mono">{unit.unitKey}</span>
      </h1>
      {saved && <p className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">Second review saved. This is the next unit waiting for yours.</p>}
      <p className="text-sm text-slate-700">This review is blind: check the unit against the source of truth on your own. The first review is not shown.</p>
      <div className="grid gap-4 lg:grid-cols-5">
        <div className="lg:col-span-3">
          <UnitRecord unit={unit} stratum={unit.stratum} sotQuery={audit.sotQuery} />
        </div>
        <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-5 shadow-sm lg:col-span-2">
          <h2 className="text-base font-semibold">Your second review</h2>
          {refusal ? (
            <p className="text-sm text-slate-700" data-testid="second-review-refused">
              {refusal}
            </p>
          ) : (
            <ActionForm action={saveSecondReviewAction} label="Second review" submit="Save second review">
              <FindingFields slug={slug} sampleUnitId={unit.id} />
            </ActionForm>
          )}
        </section>
      </div>
    </div>
  );
}
