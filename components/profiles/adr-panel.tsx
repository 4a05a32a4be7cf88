import { Badge } from "@/components/ui/badges";
import { Panel } from "@/components/ui/panel";
import { getDb } from "@/db/client";
import { type AdrReview, getAdrReview, type ProfileAuditRow, type ProfileDocumentMeta } from "@/db/queries/profile-adr";
import { formatUtcMinute } from "@/lib/format-time";
import { ADR_LENSES } from "@/lib/profiles/config";
import { SEVERITIES } from "@/lib/profiles/findings";
import type { CurrentUser } from "@/lib/server/auth";
import { AdrUploadForm, EndReviewForm, GenerateReportForm, LensFindingForm, LensScoreForm } from "./adr-forms";
import { FindingStatusForm } from "./finding-forms";
import { checklistReadOnlyReason } from "@/lib/profiles/read-only";

const label = (s: string) => s.replace(/_/g, " ");
const fmt = (n: number | null) => (n == null ? "n/a" : (Math.round(n * 10) / 10).toString());
const cellClass = "px-2 py-1 align-top";
const STATUS_TONE = { PASS: "green", FAIL: "red", LOW_CONFIDENCE: "amber" } as const;

function DocLink({ slug, doc }: { slug: string; doc: ProfileDocumentMeta }) {
  return (
    <a className="text-indigo-700 underline" href={`/api/checks/${slug}/documents/${doc.id}`}>
      {doc.fileName}
    </a>
  );
}

function Summary({ review }: { review: AdrReview }) {
  const e = review.evaluation;
  const q = review.config.quorum;
  return (
    <div className="space-y-2 text-sm" data-testid="adr-summary">
      <div className="flex flex-wrap items-center gap-2">
        <span className="font-medium">Combined status</span>
        <Badge tone={STATUS_TONE[e.status]}>
          <span data-testid="adr-status">{label(e.status)}</span>
        </Badge>
        {e.status === "LOW_CONFIDENCE" && <span className="text-amber-800">Low confidence: human review required, never a silent pass.</span>}
      </div>
      <dl className="grid gap-2 sm:grid-cols-3">
        <div>
          <dt className="text-xs text-slate-500">Structure</dt>
          <dd data-testid="adr-structural-status">{e.structural ? e.structural.status : "no ADR yet"}</dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">Content score (threshold {review.config.threshold})</dt>
          <dd data-testid="adr-content-score">{fmt(e.contentScore)}</dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">Coverage</dt>
          <dd data-testid="adr-coverage">
            {e.coverage.returnedWeight}% of the weight returned (quorum {q.minReturnedWeight}%{q.requiredLenses.length ? ` and ${q.requiredLenses.map(label).join(", ")}` : ""}): {e.coverage.quorumMet ? "met" : "not met"}
          </dd>
        </div>
      </dl>
      {e.reasons.length > 0 && (
        <ul className="list-disc pl-5 text-slate-700" data-testid="adr-reasons">
          {e.reasons.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

function StructuralFindings({ review }: { review: AdrReview }) {
  const s = review.evaluation.structural;
  if (!s) return <p className="text-sm text-slate-600">Upload the ADR to run the structural checks.</p>;
  if (s.findings.length === 0) return <p className="text-sm text-emerald-800">Every structural and metadata check passes.</p>;
  return (
    <div className="relative overflow-x-auto" tabIndex={0}>
      <table className="min-w-full text-left text-sm" data-testid="adr-structural-findings">
        <thead className="text-xs text-slate-500">
          <tr>
            <th className={cellClass}>Tier</th>
            <th className={cellClass}>Code</th>
            <th className={cellClass}>Line</th>
            <th className={cellClass}>Finding</th>
          </tr>
        </thead>
        <tbody>
          {s.findings.map((f, i) => (
            <tr key={`${f.code}-${i}`} className="border-t border-slate-100">
              <td className={cellClass}>{f.tier === 1 ? <Badge tone="red">Tier 1</Badge> : <Badge tone="amber">Tier 2</Badge>}</td>
              <td className={`${cellClass} font-mono text-xs`}>{f.code}</td>
              <td className={cellClass}>{f.line ?? "—"}</td>
              <td className={`${cellClass} break-words`}>{f.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function LensTable({ review }: { review: AdrReview }) {
  return (
    <div className="relative overflow-x-auto" tabIndex={0}>
      <table className="min-w-full text-left text-sm" data-testid="adr-lens-scores">
        <thead className="text-xs text-slate-500">
          <tr>
            <th className={cellClass}>Lens</th>
            <th className={cellClass}>Weight</th>
            <th className={cellClass}>Score</th>
          </tr>
        </thead>
        <tbody>
          {ADR_LENSES.map((l) => (
            <tr key={l} className="border-t border-slate-100" data-testid={`lens-${l}`}>
              <td className={cellClass}>{label(l)}</td>
              <td className={cellClass}>{review.config.lensWeights[l]}%</td>
              <td className={cellClass}>{review.lensScores[l]?.score ?? <span className="text-slate-500">not returned</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Lens findings; a reviewer or operator sets their status (a resolved blocking finding no longer fails the gate). */
function LensFindings({ review, checkSlug, canEdit }: { review: AdrReview; checkSlug: string; canEdit: boolean }) {
  if (review.lensFindings.length === 0) return <p className="text-sm text-slate-600">No lens findings.</p>;
  return (
    <ul className="space-y-2 text-sm" data-testid="adr-lens-findings">
      {review.lensFindings.map((f) => (
        <li key={f.id} className="space-y-1 break-words">
          <span className="font-mono text-xs">{f.checkRef}</span> · {label(f.section)} · {f.severity}
          {f.tags.includes("blocking") && (
            <>
              {" "}
              <Badge tone="red">blocking</Badge>
            </>
          )}{" "}
          · {f.status}: {f.title}
          {f.location && <span className="text-slate-600"> ({f.location})</span>}
          {canEdit && <FindingStatusForm checkSlug={checkSlug} findingId={f.id} status={f.status} />}
        </li>
      ))}
    </ul>
  );
}

function Claims({ review }: { review: AdrReview }) {
  const e = review.evaluation;
  if (!e.claims) {
    return (
      <p className="text-sm text-slate-600" data-testid="adr-claims-hidden">
        {e.claimCount === 0 ? "The ADR claims no score of its own." : `${e.claimCount} self-claimed score${e.claimCount > 1 ? "s are" : " is"} hidden until the content review is complete (every lens returned, or an operator ends it).`}
      </p>
    );
  }
  if (e.claims.length === 0) return <p className="text-sm text-slate-600">The ADR claims no score of its own.</p>;
  return (
    <div className="relative overflow-x-auto" tabIndex={0}>
      <table className="min-w-full text-left text-sm" data-testid="adr-claims">
        <thead className="text-xs text-slate-500">
          <tr>
            <th className={cellClass}>Field</th>
            <th className={cellClass}>Where</th>
            <th className={cellClass}>Claimed</th>
            <th className={cellClass}>Computed</th>
            <th className={cellClass}>Flag</th>
          </tr>
        </thead>
        <tbody>
          {e.claims.map((c) => (
            <tr key={`${c.location}-${c.line}`} className="border-t border-slate-100">
              <td className={`${cellClass} font-mono text-xs`}>{c.field}</td>
              <td className={cellClass}>
                {c.location} line {c.line}
              </td>
              <td className={cellClass}>{c.value}</td>
              <td className={cellClass}>{fmt(c.computed)}</td>
              <td className={cellClass}>{c.differs ? <Badge tone="red">differs</Badge> : <Badge tone="green">matches</Badge>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Versions({ slug, docs, superseded }: { slug: string; docs: ProfileDocumentMeta[]; superseded: string }) {
  return (
    <ol className="space-y-1 text-sm">
      {docs.map((d, i) => (
        <li key={d.id} className="break-words" data-testid={`document-${d.fileName}`}>
          <DocLink slug={slug} doc={d} /> · v{d.version} · {formatUtcMinute(d.createdAt)} · <span className="font-mono text-xs">{d.sha256.slice(0, 12)}…</span> {i === 0 ? <Badge tone="green">current</Badge> : <Badge>{superseded}</Badge>}
        </li>
      ))}
    </ol>
  );
}

/**
 * The ADR quality gate panel of /checks/[slug] (issue 13; seed 003): the combined status with
 * content score and coverage, the ADR versions with upload/paste (operator), structural findings
 * by tier with their codes, the content review (the ADR with self-claimed scores stripped, lens
 * scores and lens findings entered by reviewers, ending the review by an operator), the
 * self-claimed scores next to the computed score once the review is complete, and the report
 * versions (operator generates; older ones superseded, still downloadable).
 */
export async function AdrPanel({ audit, user }: { audit: ProfileAuditRow; user: CurrentUser }) {
  const review = await getAdrReview(getDb(), audit);
  const e = review.evaluation;
  const open = checklistReadOnlyReason(audit) === null;
  const isOperator = open && user.roles.includes("operator");
  const isReviewer = open && user.roles.includes("reviewer");
  return (
    <div className="space-y-5" data-testid="adr-panel">
      <Panel title="ADR quality gate" id="adr-gate">
        <Summary review={review} />
      </Panel>
      <Panel title="ADR under review" id="adr-document">
        {review.adrVersions.length ? <Versions slug={audit.slug} docs={review.adrVersions} superseded="earlier version" /> : <p className="text-sm text-slate-600">No ADR uploaded yet.</p>}
        {isOperator && (e.reviewComplete ? <p className="text-xs text-slate-600">The content review is complete: audit a revised ADR in a new ADR audit.</p> : <AdrUploadForm checkSlug={audit.slug} />)}
      </Panel>
      <Panel title="Structural checks" id="adr-structural">
        <p className="text-xs text-slate-600">Tier 1 blocks the gate; Tier 2 (metadata) is advisory. Required sections: {review.config.requiredSections.join(", ")}.</p>
        <StructuralFindings review={review} />
      </Panel>
      {review.adr && (
        <Panel title="Content review" id="adr-content-review">
          <details className="text-sm">
            <summary className="cursor-pointer text-indigo-700">Read the ADR (self-claimed scores removed)</summary>
            <pre tabIndex={0} className="mt-2 max-h-[32rem] overflow-auto whitespace-pre-wrap break-words rounded bg-slate-50 p-3 font-mono text-xs" data-testid="adr-stripped">
              {e.stripped}
            </pre>
          </details>
          <LensTable review={review} />
          {e.reviewComplete ? (
            <p className="text-sm text-slate-700" data-testid="adr-review-complete">
              The content review is complete{review.context.reviewEndedAt ? ` (ended by an operator ${formatUtcMinute(review.context.reviewEndedAt)})` : ""}: lens scores are final.
            </p>
          ) : (
            <>
              {isReviewer && <LensScoreForm checkSlug={audit.slug} lenses={ADR_LENSES.map((l) => ({ lens: l, weight: review.config.lensWeights[l] }))} />}
              {isOperator && <EndReviewForm checkSlug={audit.slug} />}
            </>
          )}
          <h3 className="text-sm font-semibold">Lens findings</h3>
          <LensFindings review={review} checkSlug={audit.slug} canEdit={isReviewer || isOperator} />
          {isReviewer && <LensFindingForm checkSlug={audit.slug} lenses={ADR_LENSES} severities={SEVERITIES} />}
        </Panel>
      )}
      <Panel title="Self-claimed scores" id="adr-claims-panel">
        <Claims review={review} />
      </Panel>
      <Panel title="Audit reports" id="adr-reports">
        {review.reports.length ? <Versions slug={audit.slug} docs={review.reports} superseded="superseded" /> : <p className="text-sm text-slate-600">No report yet.</p>}
        {isOperator && review.adr && (e.reviewComplete ? <GenerateReportForm checkSlug={audit.slug} /> : <p className="text-xs text-slate-600">The report can be generated once the content review is complete.</p>)}
      </Panel>
    </div>
  );
}
