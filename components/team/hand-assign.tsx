import { assignAction } from "@/app/audits/[slug]/team/actions";
import { inputClass } from "@/components/ui/field";
import type { TeamMember } from "@/db/queries/team";
import { ActionForm } from "./action-form";

type Row = { id: number; position: number; unitKey: string; subgroup: string | null; stratum: string; assignedTo: number | null; finding: string | null };

/**
 * The sample as a table with each unit's assignee and whether it is reviewed (never the finding:
 * reviewers see this page too, and second reviews are blind); the operator ticks units and gives
 * them to one reviewer or to nobody (issue 11, "by hand").
 */
export function HandAssign({ slug, rows, reviewers, people, canAssign }: { slug: string; rows: Row[]; reviewers: TeamMember[]; people: Map<number, TeamMember>; canAssign: boolean }) {
  const table = (
    <div className="max-h-[32rem] overflow-auto rounded-md border border-slate-200" tabIndex={0} role="region" aria-label="Sampled units and assignees">
      <table className="w-full text-sm" data-testid="assignment-table">
        <thead className="sticky top-0 bg-slate-50">
          <tr>
            {canAssign && (
              <th scope="col" className="px-2 py-1 text-left">
                <span className="sr-only">Choose</span>
              </th>
            )}
            <th scope="col" className="px-2 py-1 text-left">#</th>
            <th scope="col" className="px-2 py-1 text-left">Unit</th>
            <th scope="col" className="px-2 py-1 text-left">Subgroup</th>
            <th scope="col" className="px-2 py-1 text-left">Stratum</th>
            <th scope="col" className="px-2 py-1 text-left">Assignee</th>
            <th scope="col" className="px-2 py-1 text-left">Review</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} className="border-t border-slate-100">
              {canAssign && (
                <td className="px-2 py-1">
                  <input type="checkbox" name="sampleUnitIds[]" value={r.id} aria-label={`Unit ${r.unitKey}`} />
                </td>
              )}
              <td className="px-2 py-1 tabular-nums">{r.position + 1}</td>
              <td className="px-2 py-1 font-mono">{r.unitKey}</td>
              <td className="px-2 py-1">{r.subgroup ?? "—"}</td>
              <td className="px-2 py-1">{r.stratum}</td>
              <td className="px-2 py-1">{r.assignedTo === null ? <span className="text-slate-600">anyone</span> : (people.get(r.assignedTo)?.name ?? `#${r.assignedTo}`)}</td>
              <td className="px-2 py-1">{r.finding === null ? "open" : "reviewed"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
  if (!canAssign) return table;
  return (
    <ActionForm action={assignAction} label="Assign by hand" submit="Assign the ticked units">
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="mode" value="hand" />
      {table}
      <div className="max-w-sm space-y-1">
        <label htmlFor="hand-reviewer" className="block text-sm font-medium text-slate-800">
          Give the ticked units to
        </label>
        <select id="hand-reviewer" name="reviewerId" className={inputClass} defaultValue="none">
          <option value="none">Nobody (any reviewer may review them)</option>
          {reviewers.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name} ({r.email})
            </option>
          ))}
        </select>
      </div>
    </ActionForm>
  );
}
