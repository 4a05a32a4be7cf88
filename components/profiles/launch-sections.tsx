import type { ProfileFinding } from "@/db/schema";
import { Panel } from "@/components/ui/panel";
import { PHASES, remediationPlan } from "@/lib/profiles/launch-readiness";
import { asRuleFinding } from "@/db/queries/profile-verdict";
import { FindingsList } from "./findings-list";

export const PHASE_SECTIONS = PHASES.map((p) => ({ id: p.id, label: `${p.number}. ${p.title}` }));

/** The nine phases of a production readiness audit (seed 001), each with its checklist and findings. */
export function LaunchPhases({ findings, checkSlug, canEdit }: { findings: ProfileFinding[]; checkSlug: string; canEdit: boolean }) {
  return (
    <div className="space-y-4">
      {PHASES.map((phase) => {
        const mine = findings.filter((f) => f.section === phase.id);
        return (
          <Panel key={phase.id} id={`phase-${phase.id}`} title={`${phase.number}. ${phase.title}`}>
            <p className="text-sm text-slate-600">{phase.goal}</p>
            <details>
              <summary className="cursor-pointer text-sm text-indigo-700">Checklist ({phase.checklist.length})</summary>
              <ul className="mt-2 list-disc space-y-1 pl-5 text-sm text-slate-700">
                {phase.checklist.map((item) => (
                  <li key={item}>{item}</li>
                ))}
              </ul>
            </details>
            <FindingsList findings={mine} checkSlug={checkSlug} sections={PHASE_SECTIONS} canEdit={canEdit} prefill />
          </Panel>
        );
      })}
    </div>
  );
}

/** The remediation plan (seed 001 Phase 9 step 4): unresolved Stop-Ship then Fix Soon, by severity and due date, with approach and effort. */
export function RemediationPlan({ findings }: { findings: ProfileFinding[] }) {
  const plan = remediationPlan(findings.map(asRuleFinding));
  if (plan.items.length === 0) return <p className="text-sm text-slate-600">Nothing to remediate.</p>;
  return (
    <div className="relative overflow-x-auto" tabIndex={0}>
      <table className="w-full text-left text-sm" data-testid="remediation-plan">
        <thead className="text-xs text-slate-500">
          <tr>
            <th className="py-1 pr-2">#</th>
            <th className="py-1 pr-2">Issue</th>
            <th className="py-1 pr-2">Category</th>
            <th className="py-1 pr-2">Severity</th>
            <th className="py-1 pr-2">Due</th>
            <th className="py-1 pr-2">Owner</th>
            <th className="py-1 pr-2">Approach</th>
            <th className="py-1">Effort (days)</th>
          </tr>
        </thead>
        <tbody>
          {plan.items.map((i) => (
            <tr key={i.rank} className="border-t border-slate-100">
              <td className="py-1 pr-2">{i.rank}</td>
              <td className="py-1 pr-2 [overflow-wrap:anywhere]">{i.title}</td>
              <td className="py-1 pr-2">{i.category === "STOP_SHIP" ? "Stop-Ship" : "Fix Soon"}</td>
              <td className="py-1 pr-2">{i.severity}</td>
              <td className="py-1 pr-2">{i.dueDate ?? "—"}</td>
              <td className="py-1 pr-2">{i.owner ?? "—"}</td>
              <td className="py-1 pr-2">{i.approach ?? "—"}</td>
              <td className="py-1">{i.effortDays ?? "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="mt-2 text-xs text-slate-600">
        Total estimated effort: {plan.totalEffortDays} person-days{plan.itemsWithoutEstimate ? ` (${plan.itemsWithoutEstimate} without an estimate)` : ""}.
      </p>
    </div>
  );
}
