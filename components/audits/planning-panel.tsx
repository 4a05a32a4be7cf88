import { DecisionSettingsForm } from "@/components/audits/decision-settings-form";
import { Badge } from "@/components/ui/badges";
import { Panel } from "@/components/ui/panel";
import type { PlanningView } from "@/lib/planning-view";

/** Planning (issue 9): tier size vs the planned size for 3%, the tier the data suggests, and the decision basis. */
export function PlanningPanel({ view, slug, confidencePercent, decisionBasis, canEdit }: { view: PlanningView; slug: string; confidencePercent: number; decisionBasis: string; canEdit: boolean }) {
  return (
    <Panel title="Planning" id="planning">
      <div className="space-y-3 text-sm" data-testid="planning-panel">
        <div className="grid gap-3 sm:grid-cols-3">
          <div className="rounded-md bg-slate-50 p-3">
            <div className="text-xs text-slate-500">Tier size (seed 000 policy)</div>
            <div className="text-lg font-semibold tabular-nums" data-testid="planning-tier-size">{view.tierSize}</div>
          </div>
          <div className="rounded-md bg-slate-50 p-3">
            <div className="text-xs text-slate-500">Planned size for ≤ 3% under the {confidencePercent}% upper bound</div>
            <div className="text-lg font-semibold tabular-nums" data-testid="planning-planned-size">{view.plannedSize ?? "not reachable"}</div>
          </div>
          <div className="rounded-md bg-slate-50 p-3">
            <div className="text-xs text-slate-500">Suggested risk tier</div>
            <div className="text-lg font-semibold" data-testid="planning-suggested-tier">{view.suggestion.suggestedTier}</div>
          </div>
        </div>
        <p className="text-slate-600">
          Planned size: the smallest random stratum from the {view.outsideCensus.toLocaleString("en-US")} units outside the census that, reviewed clean with a clean census, puts the exact
          hypergeometric upper bound on the defect rate at or under 3% (jfa <code>planning()</code>, Stewart 2012).
        </p>
        {view.warnings.map((w) => (
          <p key={w.code} className="rounded-md bg-amber-50 px-3 py-2 text-amber-900" data-testid={`planning-${w.code}`}>
            {w.message}
          </p>
        ))}
        {view.suggestion.cues.length > 0 && (
          <div>
            <div className="font-medium">Trigger cues the population proves</div>
            <ul className="mt-1 space-y-1">
              {view.suggestion.cues.map((c) => (
                <li key={c.code}>
                  <Badge tone={c.group === "always" ? "red" : "amber"}>{c.group === "always" ? "always-invoke" : "risk-invoke"}</Badge> {c.label}: {c.evidence}
                </li>
              ))}
            </ul>
          </div>
        )}
        <p className="text-slate-600">{view.suggestion.rationale}</p>
        <p>
          Decision basis: the thresholds apply to <strong>{decisionBasis === "upper_bound" ? "the exact upper bound" : "the point estimate"}</strong>, upper bound at <strong>{confidencePercent}%</strong>{" "}
          confidence{canEdit ? "; fixed once the sample is drawn." : "."}
        </p>
        {canEdit && <DecisionSettingsForm slug={slug} confidencePercent={confidencePercent} decisionBasis={decisionBasis} />}
      </div>
    </Panel>
  );
}
