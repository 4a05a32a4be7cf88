import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { FindingBadge } from "@/components/review/finding-badge";
import { ActionForm } from "@/components/team/action-form";
import { FindingFields } from "@/components/team/finding-fields";
import { UnitRecord } from "@/components/team/unit-record";
import { getDb } from "@/db/client";
import { getAdjudicationCase } from "@/db/queries/team";
import { adjudicationRefusal, isOpenDisagreement } from "@/lib/adjudication";
import { criticalKindLabel } from "@/lib/review-input";
import { requireAuditPage } from "@/lib/server/project-auth";
import { adjudicateAction } from "./actions";

type Props = { params: Promise<{ slug: string; id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export const metadata: Metadata = { title: "Adjudicate" };

type Review = { finding: "PASS" | "FAIL" | "UNKNOWN"; criticalKind: string | null; remediationOwner: string | null; note: string | null; reviewer: string } | null;

function ReviewCard({ title, review, testId }: { title: string; review: Review; testId: string }) {
  return (
    <div className="space-y-1 rounded-md border border-slate-200 p-3 text-sm" data-testid={testId}>
      <h3 className="font-semibold">{title}</h3>
      {review ? (
        <>
          <p className="flex items-center gap-2">
            <FindingBadge finding={review.finding} critical={review.criticalKind !== null} /> by {review.reviewer}
          </p>
          {review.criticalKind && <p className="text-red-800">{criticalKindLabel(review.criticalKind)}</p>}
          {review.remediationOwner && <p>Owner: {review.remediationOwner}</p>}
          {review.note && <p className="text-slate-700">“{review.note}”</p>}
        </>
      ) : (
        <p className="text-slate-600">Missing.</p>
      )}
    </div>
  );
}

/**
 * Adjudication of one double-review disagreement (issue 11): both reviews side by side and the
 * form whose finding becomes the unit's current review. Only an operator or a third reviewer.
 */
export default async function AdjudicatePage({ params, searchParams }: Props) {
  const { slug, id } = await params;
  const { user, audit } = await requireAuditPage(slug, `/audits/${slug}/adjudicate/${id}`);
  const sampleUnitId = Number(id);
  if (!Number.isInteger(sampleUnitId)) notFound();
  const c = await getAdjudicationCase(getDb(), { auditId: audit.id, sampleUnitId });
  if (!c) notFound();
  const open = isOpenDisagreement(c.su);
  const refusal = audit.closedAt
    ? "The audit is closed and read-only."
    : !open
      ? c.su.adjudicatedAt
        ? "This disagreement is already adjudicated."
        : "This unit has no open double-review disagreement."
      : adjudicationRefusal({ primaryReviewers: c.primaryReviewers, secondReviewer: c.su.secondReviewedBy }, user.id, user.roles);
  const saved = (await searchParams).saved === "1";

  return (
    <div className="space-y-4">
      <Link href={`/audits/${slug}/team`} className="text-sm text-indigo-700 hover:underline">
        ← Team and double review: {audit.title}
      </Link>
      <h1 className="text-2xl font-semibold">
        Adjudicate unit <span className="font-mono">{c.unit.unitKey}</span>
      </h1>
      {saved && <p className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">Adjudication saved. This is the next open disagreement.</p>}
      <div className="grid gap-4 lg:grid-cols-5">
        <div className="lg:col-span-3">
          <UnitRecord unit={c.unit} stratum={c.su.stratum} sotQuery={audit.sotQuery} />
        </div>
        <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-5 shadow-sm lg:col-span-2">
          <h2 className="text-base font-semibold">The two reviews</h2>
          <ReviewCard title="First review" review={c.first} testId="first-review" />
          <ReviewCard title="Second review (blind)" review={c.second} testId="second-review" />
          {c.adjudication && <ReviewCard title="Adjudicated" review={c.adjudication} testId="adjudication" />}
          <h2 className="pt-2 text-base font-semibold">Your decision</h2>
          {refusal ? (
            <p className="text-sm text-slate-700" data-testid="adjudication-refused">
              {refusal}
            </p>
          ) : (
            <ActionForm action={adjudicateAction} label="Adjudication" submit="Save adjudication">
              <FindingFields slug={slug} sampleUnitId={c.su.id} full />
            </ActionForm>
          )}
        </section>
      </div>
    </div>
  );
}
