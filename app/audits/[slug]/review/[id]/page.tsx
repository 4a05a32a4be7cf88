import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ClaimComparison } from "@/components/review/claim-comparison";
import { EvidencePanel } from "@/components/review/evidence-panel";
import { FindingBadge } from "@/components/review/finding-badge";
import { IdentitySiblings } from "@/components/review/identity-siblings";
import { ReviewForm } from "@/components/review/review-form";
import { SotQuery } from "@/components/review/sot-query";
import { Badge } from "@/components/ui/badges";
import { getDb } from "@/db/client";
import { listEvidence } from "@/db/queries/evidence";
import { getIdentitySiblings } from "@/db/queries/identity-siblings";
import { getReviewNeighbours, getSampleUnit } from "@/db/queries/manifest";
import { getAuditReport } from "@/db/queries/report";
import { claimPairs, claimPairValues } from "@/lib/claim-pairs";
import { formatUtcMinute } from "@/lib/format-time";
import { criticalKindLabel } from "@/lib/review-input";
import { firstReviewHidden, priorReview } from "@/lib/review-view";
import { requireAuditPage } from "@/lib/server/project-auth";

type Props = { params: Promise<{ slug: string; id: string }> };

export const metadata: Metadata = { title: "Review" };

const ROUND_LABEL: Record<string, string> = { primary: "review", second: "second review", adjudication: "adjudication" };

/**
 * The review page of one sampled unit (issue 11, "Reviewing without mistakes", "Claimed vs
 * observed"): the record with its claimed/observed pairs side by side, the source-of-truth query
 * with the unit's key filled in, identity-collision siblings, the current review labelled with who
 * saved it and when, the form (optimistic concurrency on the review revision; keyboard shortcuts,
 * `?` lists them), the evidence slot and the history. Navigation walks the reviewer's queue.
 */
export default async function ReviewPage({ params }: Props) {
  const { slug, id } = await params;
  const { user, audit } = await requireAuditPage(slug, `/audits/${slug}/review/${id}`);
  const sampleUnitId = Number(id);
  if (!Number.isInteger(sampleUnitId)) notFound();
  const db = getDb();
  const item = await getSampleUnit(db, { auditId: audit.id, sampleUnitId });
  if (!item) notFound();
  const { su, unit } = item;
  const isReviewer = user.roles.includes("reviewer");
  const [nav, { summary }, cluster] = await Promise.all([
    getReviewNeighbours(db, { auditId: audit.id, position: su.position, reviewerId: isReviewer ? user.id : undefined }),
    getAuditReport(db, { audit }),
    getIdentitySiblings(db, { auditId: audit.id, unitId: unit.id, identityKey: unit.identityKey }),
  ]);
  const record = JSON.parse(unit.record) as Record<string, string>;
  const pairs = claimPairValues(record, claimPairs(Object.keys(record)));
  // A blind second review is open: the first finding stays hidden from other reviewers (issue 11).
  const blind = firstReviewHidden(su, user);
  const history = blind ? [] : item.history;
  const prior = priorReview({ finding: su.finding, reviewerId: su.reviewedBy, reviewerName: item.reviewerName, reviewedAt: su.reviewedAt }, user.id);
  // A closed audit is read-only.
  const canReview = isReviewer && !audit.closedAt && !blind;
  // Evidence (issue 11); hidden with the first review while a blind second review is open. The E shortcut focuses the first control inside #evidence.
  const evidenceSlot = blind ? (
    <p className="text-sm text-slate-600">Evidence stays hidden until the blind second review of this unit is done.</p>
  ) : (
    <EvidencePanel slug={slug} sampleUnitId={su.id} items={await listEvidence(db, { auditId: audit.id, sampleUnitId: su.id })} canEdit={(isReviewer || user.roles.includes("operator")) && !audit.closedAt} />
  );
  const navLink = (target: number | null, label: string, key: string) =>
    target === null ? (
      <span className="rounded-md border border-slate-200 px-3 py-1.5 text-sm text-slate-600">{label}</span>
    ) : (
      <Link href={`/audits/${slug}/review/${target}`} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50" aria-keyshortcuts={key}>
        {label}
      </Link>
    );

  return (
    <div className="space-y-4 pb-28 lg:pb-0">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <Link href={`/audits/${slug}`} className="text-sm text-indigo-700 hover:underline">
          ← {audit.title}
        </Link>
        <nav className="flex gap-2" aria-label="Review navigation">
          {navLink(nav.previousUnreviewed, "← Previous unreviewed", "k")}
          {navLink(nav.nextUnreviewed, "Next unreviewed →", "j n")}
        </nav>
      </div>
      <div className="flex flex-wrap items-baseline gap-3">
        <h1 className="text-2xl font-semibold break-all">
          Unit <span className="font-mono">{unit.unitKey}</span>
        </h1>
        <span className="text-sm text-slate-600" data-testid="review-position">
          {su.position + 1} of {summary?.sampled ?? "?"} · {summary?.reviewed ?? 0} reviewed
        </span>
        {!blind && <FindingBadge finding={su.finding} critical={su.criticalKind !== null} />}
      </div>
      {!blind && prior.kind !== "none" && (
        <p className={`rounded-md border px-3 py-2 text-sm ${prior.kind === "other" ? "border-amber-600 bg-amber-50 text-amber-950" : "border-slate-300 bg-white text-slate-800"}`} data-testid="current-review">
          <strong>{prior.label}</strong>
          {su.criticalKind && ` · critical: ${criticalKindLabel(su.criticalKind)}`}
          {su.remediationOwner && ` · owner: ${su.remediationOwner}`}
        </p>
      )}

      <div className="grid gap-4 lg:grid-cols-5">
        <section className="min-w-0 space-y-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-5 lg:col-span-3" aria-labelledby="record-heading">
          <h2 id="record-heading" className="text-base font-semibold">
            Record
          </h2>
          <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
            <dt className="text-slate-600">execution_status</dt>
            <dd>
              <Badge tone={unit.executionStatus === "SUCCEEDED" ? "slate" : unit.executionStatus === "FAILED" ? "red" : "amber"}>{unit.executionStatus}</Badge>
            </dd>
            <dt className="text-slate-600">subgroup</dt>
            <dd>{unit.subgroup ?? "—"}</dd>
            <dt className="text-slate-600">identity_key</dt>
            <dd className="font-mono break-all">{unit.identityKey ?? "—"}</dd>
            <dt className="text-slate-600">stratum</dt>
            <dd>{su.stratum}</dd>
            <dt className="text-slate-600">inclusion reasons</dt>
            <dd>{item.reasons.join(", ")}</dd>
          </dl>
          <ClaimComparison pairs={pairs} />
          <div className="max-h-[50vh] overflow-auto rounded border border-slate-100 lg:max-h-none" tabIndex={0} role="region" aria-label="Imported columns">
            <table className="w-full text-sm" data-testid="unit-record">
              <caption className="mb-1 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">Imported columns</caption>
              <tbody>
                {Object.entries(record).map(([k, v]) => (
                  <tr key={k} className="border-t border-slate-100">
                    <th scope="row" className="w-40 py-1 pr-4 pl-2 text-left font-normal text-slate-600">
                      {k}
                    </th>
                    <td className="py-1 pr-2 font-mono break-all">{v === "" ? <span className="text-slate-600">(empty)</span> : v}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <SotQuery query={audit.sotQuery} unitKey={unit.unitKey} />
          {unit.identityKey && <IdentitySiblings slug={slug} identityKey={unit.identityKey} siblings={cluster.siblings} more={cluster.more} />}
        </section>

        <div className="min-w-0 space-y-4 lg:col-span-2">
          <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-5" aria-labelledby="review-heading">
            <h2 id="review-heading" className="text-base font-semibold">
              Your review
            </h2>
            {blind ? (
              <p className="text-sm text-slate-700" data-testid="blind-notice">
                A blind second review is requested on this unit: its first review is hidden until the second one is in.{" "}
                <Link href={`/audits/${slug}/second-review/${su.id}`} className="text-indigo-700 underline">
                  Give the second review
                </Link>
              </p>
            ) : canReview ? (
              <ReviewForm
                key={su.id}
                slug={slug}
                sampleUnitId={su.id}
                revision={su.revision}
                flagged={unit.executionStatus !== "SUCCEEDED"}
                current={{ finding: su.finding, criticalKind: su.criticalKind, falsePositive: su.falsePositive, remediationOwner: su.remediationOwner, note: su.note }}
                prior={prior}
                nav={nav}
              />
            ) : (
              <p className="text-sm text-slate-600">{audit.closedAt ? "The audit is closed: reviews are read-only." : "Only reviewers can record findings."}</p>
            )}
          </section>
          <div id="evidence" tabIndex={-1} aria-label="Evidence" role="region">
            {evidenceSlot}
          </div>
        </div>
      </div>

      <section className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-5">
        <h2 className="mb-2 text-base font-semibold">History</h2>
        {history.length === 0 ? (
          <p className="text-sm text-slate-600">{blind ? "Hidden until the second review is in." : "Not reviewed yet."}</p>
        ) : (
          <ol className="space-y-2 text-sm" data-testid="review-history">
            {history.map((h) => (
              <li key={h.id} className="flex flex-wrap items-center gap-2 border-t border-slate-100 pt-2">
                <span className="text-xs text-slate-600 tabular-nums">{formatUtcMinute(h.createdAt)}</span>
                <span className="font-medium">{h.reviewer}</span>
                {h.round !== "primary" && <Badge tone="indigo">{ROUND_LABEL[h.round] ?? h.round}</Badge>}
                <FindingBadge finding={h.finding} critical={h.criticalKind !== null} />
                {h.criticalKind && <span className="text-red-700">{criticalKindLabel(h.criticalKind)}</span>}
                {h.falsePositive && <Badge tone="indigo">false positive</Badge>}
                {h.remediationOwner && <span>owner: {h.remediationOwner}</span>}
                {h.note && <span className="text-slate-600">“{h.note}”</span>}
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}
