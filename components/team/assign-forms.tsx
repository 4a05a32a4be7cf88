import { assignAction } from "@/app/audits/[slug]/team/actions";
import { inputClass } from "@/components/ui/field";
import type { TeamMember } from "@/db/queries/team";
import { ActionForm } from "./action-form";

/** Operator forms of the team page (issue 11): split the open units (even / by subgroup) and reassign one reviewer's open units. */
export function AssignForms({ slug, reviewers }: { slug: string; reviewers: TeamMember[] }) {
  if (reviewers.length === 0) return <p className="text-sm text-slate-700">No reviewer holds the reviewer role in this project yet: an admin grants it on the Users or Projects page.</p>;
  const options = reviewers.map((r) => (
    <option key={r.id} value={r.id}>
      {r.name} ({r.email})
    </option>
  ));
  return (
    <div className="grid gap-6 md:grid-cols-2">
      <ActionForm action={assignAction} label="Split the open units" submit="Assign">
        <input type="hidden" name="slug" value={slug} />
        <fieldset className="space-y-1">
          <legend className="text-sm font-medium text-slate-800">Split the units not reviewed yet</legend>
          <label className="flex items-center gap-2 text-sm">
            <input type="radio" name="mode" value="even" defaultChecked /> Evenly (round-robin in review order)
          </label>
          <label className="flex items-center gap-2 text-sm">
            <input type="radio" name="mode" value="subgroup" /> By subgroup (each subgroup to one reviewer)
          </label>
        </fieldset>
        <fieldset className="space-y-1">
          <legend className="text-sm font-medium text-slate-800">Among these reviewers</legend>
          {reviewers.map((r) => (
            <label key={r.id} className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="reviewerIds[]" value={r.id} /> {r.name} <span className="text-slate-600">({r.email})</span>
            </label>
          ))}
        </fieldset>
      </ActionForm>
      <ActionForm action={assignAction} label="Reassign" submit="Reassign">
        <input type="hidden" name="slug" value={slug} />
        <input type="hidden" name="mode" value="reassign" />
        <p className="text-sm font-medium text-slate-800">Move a reviewer&apos;s open units</p>
        <div className="space-y-1">
          <label htmlFor="reassign-from" className="block text-sm text-slate-800">
            From
          </label>
          <select id="reassign-from" name="from" className={inputClass} defaultValue="">
            <option value="" disabled>
              Choose a reviewer
            </option>
            {options}
          </select>
        </div>
        <div className="space-y-1">
          <label htmlFor="reassign-to" className="block text-sm text-slate-800">
            To
          </label>
          <select id="reassign-to" name="to" className={inputClass} defaultValue="none">
            <option value="none">Nobody (any reviewer may review them)</option>
            {options}
          </select>
        </div>
      </ActionForm>
    </div>
  );
}
