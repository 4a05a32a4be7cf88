import type { Metadata } from "next";
import Link from "next/link";
import { DrawSampleForm } from "@/components/audits/draw-sample-form";
import { LiveProgress } from "@/components/audits/live-progress";
import { ReportSummary } from "@/components/audits/report-summary";
import { StabilityForm } from "@/components/audits/stability-form";
import { FlipPanel } from "@/components/audits/flip-panel";
import { MathPanel } from "@/components/audits/math-panel";
import { PlanningPanel } from "@/components/audits/planning-panel";
import { Timeline } from "@/components/audits/timeline";
import { AuditLifecycle } from "@/components/audits/audit-lifecycle";
import { RunChain } from "@/components/audits/run-chain";
import { getRunChain } from "@/db/queries/audits";
import { auditStage } from "@/lib/audit-stage";
import { KappaSummary } from "@/components/team/kappa-summary";
import { getPlanningView } from "@/db/queries/planning";
import { blindUnitIds } from "@/db/queries/team";
import { decisionSettingsOf } from "@/lib/decision-basis";
import { explainEstimate } from "@/lib/statistics/explain";
import { cleanReviewsForPassBound, failuresToFail } from "@/lib/statistics/flip";
import { Pagination } from "@/components/ui/pagination";
import { parseAuditPageQuery } from "@/lib/audit-page-query";
import { fetchPageClamped } from "@/lib/pagination";
import { ShareLinks } from "@/components/share/share-links";
import { createShareLinkAction, republishShareLinkAction, revokeShareLinkAction } from "./actions";
import { Badge } from "@/components/ui/badges";
import { Definition, Panel } from "@/components/ui/panel";
import { getReviewNeighbours } from "@/db/queries/manifest";
import { listAuditEvents } from "@/db/queries/events";
import { getAuditReport } from "@/db/queries/report";
import { countOverdueRemediation } from "@/db/queries/signoff";
import { listShareLinkRows } from "@/db/queries/share-links";
import { stabilityPasses } from "@/lib/assessment";
import { defectRateUpperBound } from "@/lib/estimation";
import { requireAuditPage } from "@/lib/server/project-auth";
import { triggerLabel } from "@/lib/triggers";
import { getDb } from "@/db/client";
import { formatUtcMinute } from "@/lib/format-time";

const TIMELINE_PAGE_SIZE = 25;

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: (await params).slug };
}

export default async function AuditPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const { justFinished, eventsPage: eventsAsked } = parseAuditPageQuery(await searchParams);
  const { user, audit } = await requireAuditPage(slug, `/audits/${slug}`);
  const report = await getAuditReport(getDb(), { audit });
  const { populationImport, sample, summary, assessment, gateState, confirmedFalsePositives } = report;
  // Issue 11 "Across audits": the chain of runs, and a re-audit offered for a finished FAIL / INCONCLUSIVE run that is the chain's latest.
  const runs = await getRunChain(getDb(), { audit });
  const isLatestRun = runs[runs.length - 1]?.audit.id === audit.id;
  const canReaudit = isLatestRun && !audit.archivedAt && populationImport !== null && auditStage(report).name === "verdict" && (assessment.verdict === "FAIL" || assessment.verdict === "INCONCLUSIVE");
  const isOperator = user.roles.includes("operator");
  const isReviewer = user.roles.includes("reviewer");
  const eventual = audit.consistencyModel === "eventual";
  const stabilityOk = stabilityPasses(audit.sotExpectedResult, audit.stabilityActualResult);
  const firstUnreviewed = sample ? (await getReviewNeighbours(getDb(), { auditId: audit.id, position: -1 })).firstUnreviewed : null;
  const settings = decisionSettingsOf(audit);
  const upperBound = assessment.rates?.defectUpper ?? (summary ? defectRateUpperBound(summary, settings.confidence) : null);
  const planning = await getPlanningView(getDb(), { audit, populationImport, sample });
  const reviewing = summary !== null && summary.reviewed < summary.sampled && !assessment.blocked;
  const [timeline, overdueByAudit] = await Promise.all([fetchPageClamped(eventsAsked, TIMELINE_PAGE_SIZE, (page) => listAuditEvents(getDb(), { auditId: audit.id, page, pageSize: TIMELINE_PAGE_SIZE })), countOverdueRemediation(getDb(), { auditIds: [audit.id], now: new Date() })]);
  const overdue = overdueByAudit.get(audit.id) ?? 0;
  const now = new Date();
  const links = isOperator ? await listShareLinkRows(getDb(), { auditId: audit.id }, now) : [];

  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <p className="font-mono text-sm text-slate-500">
            {audit.slug} ·{" "}
            <Link href={`/projects/${audit.projectName}`} className="text-indigo-700 underline" data-testid="project-link">
              project {audit.projectName}
            </Link>
          </p>
          <h1 className="text-2xl font-semibold">{audit.title}</h1>
          <p className="mt-1 max-w-3xl text-sm text-slate-700">{audit.changeDescription}</p>
        </div>
        <div className="flex flex-col items-end gap-2">
          <Badge tone="indigo">Risk tier {audit.riskTier}</Badge>
          {summary && <LiveProgress slug={slug} initial={{ reviewed: summary.reviewed, sampled: summary.sampled, verdict: assessment.verdict, gateState }} />}
        </div>
      </div>

      {sample && (
        <nav className="flex flex-wrap gap-3" aria-label="Audit">
          <Link href={`/audits/${slug}/sample`} className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium hover:bg-slate-50">
            Sample manifest ({summary?.sampled ?? 0} units)
          </Link>
          <Link href={`/audits/${slug}/metrics`} className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium hover:bg-slate-50">
            Metrics
          </Link>
          <Link href={`/audits/${slug}/team`} className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium hover:bg-slate-50">
            Team and double review
          </Link>
          <Link href={`/audits/${slug}/external-audit`} className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium hover:bg-slate-50">
            External audit
          </Link>
          {isReviewer && firstUnreviewed !== null && (
            <Link href={`/audits/${slug}/review/${firstUnreviewed}`} className="rounded-md bg-indigo-600 px-3 py-2 text-sm font-semibold text-white hover:bg-indigo-500">
              Review next unreviewed unit
            </Link>
          )}
        </nav>
      )}

      {justFinished && summary && summary.reviewed === summary.sampled && (
        <p className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800" data-testid="all-reviewed">
          Every sampled unit is reviewed. The verdict below is final for these reviews.
        </p>
      )}

      {audit.closedAt && (
        <p className="rounded-md bg-slate-100 px-3 py-2 text-sm text-slate-800" data-testid="closed-banner">
          Closed {formatUtcMinute(audit.closedAt)}. The audit is read-only.
        </p>
      )}

      {audit.archivedAt && (
        <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="archived-banner">
          Archived {formatUtcMinute(audit.archivedAt)}: hidden from the audit list, kept whole and read-only until restored.
        </p>
      )}

      <ReportSummary assessment={assessment} gateState={gateState} summary={summary} upperBound={upperBound} confirmedFalsePositives={confirmedFalsePositives} manifestSlug={slug} />
      {sample && <KappaSummary auditId={audit.id} slug={slug} />}

      {reviewing && summary && <FlipPanel fail={failuresToFail(summary)} pass={cleanReviewsForPassBound(summary, settings.confidence)} />}
      {summary && !assessment.blocked && <MathPanel math={explainEstimate(summary, settings)} />}

      {sample && (
        <Panel title="Sign-off and closeout">
          <div className="space-y-2 text-sm">
            {overdue > 0 && (
              <p className="rounded-md bg-red-50 px-3 py-2 text-red-800" data-testid="overdue-remediation">
                {overdue} remediation{overdue === 1 ? " is" : "s are"} overdue.
              </p>
            )}
            <p>Approvers sign the exact verdict snapshot; operators close the audit when the gate allows it.</p>
            <div className="flex flex-wrap gap-3">
              <Link href={`/audits/${slug}/signoff`} className="rounded-md bg-indigo-600 px-3 py-2 font-semibold text-white hover:bg-indigo-500">
                Sign-off, remediation and closeout
              </Link>
              {gateState !== "OPEN" && (
                <Link href={`/audits/${slug}/break-glass`} className="rounded-md border border-slate-300 bg-white px-3 py-2 font-medium hover:bg-slate-50">
                  Break-glass exception
                </Link>
              )}
              <a href={`/api/audits/${slug}/bundle`} download className="rounded-md border border-slate-300 bg-white px-3 py-2 font-medium hover:bg-slate-50">
                Download artifact bundle (zip)
              </a>
              <a href={`/api/audits/${slug}/summary-metrics`} download className="rounded-md border border-slate-300 bg-white px-3 py-2 font-medium hover:bg-slate-50">
                summary_metrics.json
              </a>
            </div>
          </div>
        </Panel>
      )}

      <Panel title="1. Identity stability pre-flight">
        {eventual ? (
          <p className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="consistency-violation">
            Blocked: consistency-model violation. This audit targets an eventually consistent system without consistency bounds, so true state may diverge across
            replicas during the audit window (seed 000 &ldquo;Applicability&rdquo;). Use an audit profile that accounts for replication windows.
          </p>
        ) : (
          <div className="space-y-3 text-sm">
            <Definition label="Stability test query" value={audit.sotStabilityQuery} mono />
            <Definition label="Expected result" value={audit.sotExpectedResult} mono />
            <p data-testid="stability-status">
              {audit.stabilityActualResult === null ? (
                <Badge tone="amber">Not run yet</Badge>
              ) : stabilityOk ? (
                <Badge tone="green">Passed</Badge>
              ) : (
                <Badge tone="red">Failed: audit halted</Badge>
              )}
              {audit.stabilityActualResult !== null && (
                <span className="ml-2 text-slate-600">
                  recorded result <code className="font-mono">{audit.stabilityActualResult}</code>
                </span>
              )}
            </p>
            {isOperator && !sample && <StabilityForm slug={slug} />}
          </div>
        )}
      </Panel>

      {!eventual && (
        <Panel title="2. Population">
          {populationImport ? (
            <div className="space-y-2 text-sm">
              <p>
                <strong>{populationImport.rowCount.toLocaleString("en-US")}</strong> units from <code className="font-mono">{populationImport.fileName}</code> (
                {populationImport.failedCount} FAILED, {populationImport.unknownCount} UNKNOWN).
              </p>
              <Definition label="File SHA-256" value={populationImport.sha256} mono />
              <Definition label="High-risk subgroups" value={populationImport.highRiskSubgroups.join(", ") || "none"} />
              {isOperator && !sample && (
                <Link href={`/audits/${slug}/import`} className="text-sm font-medium text-indigo-700 underline">
                  Replace the population
                </Link>
              )}
            </div>
          ) : isOperator ? (
            <Link href={`/audits/${slug}/import`} className="inline-block rounded-md bg-indigo-600 px-4 py-2 text-sm font-semibold text-white hover:bg-indigo-500">
              Import population
            </Link>
          ) : (
            <p className="text-sm text-slate-600">No population imported yet.</p>
          )}
        </Panel>
      )}

      {!eventual && planning && (
        <PlanningPanel view={planning} slug={slug} confidencePercent={audit.confidencePercent} decisionBasis={audit.decisionBasis} canEdit={isOperator && !sample && !audit.closedAt} />
      )}

      {!eventual && populationImport && (
        <Panel title="3. Sample">
          {sample ? (
            <div className="space-y-2 text-sm">
              <p data-testid="sample-summary">
                Tier {sample.riskTier} random stratum: <strong>{sample.randomSize}</strong> of {(sample.populationSize - sample.censusSize).toLocaleString("en-US")} units (tier size {sample.tierSize}); census stratum{" "}
                <strong>{sample.censusSize}</strong>; identity-collision clusters {sample.clustersIncluded} of {sample.clustersAvailable.toLocaleString("en-US")} ({sample.clusterUnits} units).
              </p>
              {sample.warnings.map((w) => (
                <p key={w.code} className={`rounded-md px-3 py-2 ${w.code === "REVIEW_LOAD" ? "bg-amber-50 text-amber-900" : "bg-slate-50 text-slate-700"}`} data-testid={`warning-${w.code}`}>
                  {w.message}
                </p>
              ))}
              <Definition label="Seed" value={sample.seed} mono />
              <Definition label="Population checksum (SHA-256)" value={sample.populationChecksum} mono />
            </div>
          ) : isOperator ? (
            stabilityOk ? (
              <DrawSampleForm slug={slug} tierSize={planning?.tierSize ?? 0} plannedSize={planning?.plannedSize ?? null} outsideCensus={planning?.outsideCensus ?? 0} />
            ) : (
              <p className="text-sm text-slate-600">Record a passing stability result before drawing the sample.</p>
            )
          ) : (
            <p className="text-sm text-slate-600">No sample drawn yet.</p>
          )}
        </Panel>
      )}

      {isOperator && (
        <Panel title="Share the verdict report">
          <ShareLinks audit={{ name: "slug", value: slug }} links={links} actions={{ create: createShareLinkAction, republish: republishShareLinkAction, revoke: revokeShareLinkAction }} />
        </Panel>
      )}

      {(runs.length > 1 || isOperator) && (
        <Panel title="Runs" id="runs">
          {runs.length > 1 ? <RunChain runs={runs} currentId={audit.id} /> : <p className="text-sm text-slate-600">This is the only run of this audit.</p>}
          {isOperator && <AuditLifecycle slug={slug} archived={audit.archivedAt !== null} canReaudit={canReaudit} />}
        </Panel>
      )}

      <Panel title="Timeline" id="timeline">
        <Timeline events={timeline.rows} blindUnitIds={await blindUnitIds(getDb(), { auditId: audit.id, viewer: user })} />
        {timeline.total > TIMELINE_PAGE_SIZE && (
          <Pagination page={timeline.page} pageSize={TIMELINE_PAGE_SIZE} total={timeline.total} hrefFor={(p) => `/audits/${slug}?events=${p}#timeline`} />
        )}
      </Panel>

      <Panel title="Audit settings">
        {isOperator && !sample && !audit.closedAt && !audit.archivedAt && (
          <Link href={`/audits/${slug}/settings`} className="inline-block text-sm font-medium text-indigo-700 underline">
            Edit settings
          </Link>
        )}
        <div className="grid gap-3 text-sm sm:grid-cols-2">
          <Definition label="Trigger reasons" value={audit.triggerReasons.map(triggerLabel).join("; ")} />
          <Definition
            label="Consistency model"
            value={audit.consistencyModel === "bounded_staleness" ? `bounded staleness (${audit.stalenessBoundSeconds} s)` : audit.consistencyModel}
          />
          <Definition label="TRIGGER_CONTRACT_VERSION" value={audit.triggerContractVersion} />
          <Definition label="BULK_MUTATION_THRESHOLD" value={String(audit.bulkMutationThreshold)} />
          <Definition label="DUPLICATE_CLUSTER_CAP" value={String(audit.duplicateClusterCap)} />
          <Definition label="Decision basis" value={`${audit.decisionBasis === "upper_bound" ? "exact upper bound (strict)" : "point estimate (seed default)"}, ${audit.confidencePercent}% confidence`} />
          <Definition label="Source-of-truth query" value={audit.sotQuery} mono />
        </div>
      </Panel>
    </div>
  );
}
