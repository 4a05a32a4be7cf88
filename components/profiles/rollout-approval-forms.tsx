"use client";

import { useActionState } from "react";
import { generateApprovalAction, recordQualityScoreAction, saveScorecardAction, voteExpansionAction } from "@/app/checks/[slug]/rollout/actions";
import { Field, inputClass } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionState } from "@/lib/server/action";

/** Expansion approval, scorecard and quality-score forms of the rollout gate (issue 13, seed 004). */

const value = (state: ActionState, name: string) => (typeof state.values?.[name] === "string" ? (state.values[name] as string) : "");

/** An approver answers one open role slot for the next stage: GO or NO-GO, with a rationale. */
export function VoteForm({ checkSlug, target, roles }: { checkSlug: string; target: number; roles: { role: string; label: string }[] }) {
  const [state, action] = useActionState<ActionState, FormData>(voteExpansionAction, {});
  return (
    <form action={action} className="space-y-3" noValidate aria-label={`Vote on the ${target}% expansion`} data-testid="rollout-vote-form">
      <input type="hidden" name="checkSlug" value={checkSlug} />
      <input type="hidden" name="targetPercentage" value={target} />
      <Field id="rollout-vote-role" label="Your role slot" errors={state.errors?.role}>
        {(p) => (
          <select {...p} name="role" className={inputClass} defaultValue={value(state, "role") || roles[0]?.role}>
            {roles.map((r) => (
              <option key={r.role} value={r.role}>
                {r.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <fieldset className="space-y-1" aria-describedby="rollout-vote-vote-error">
        <legend className="text-sm font-medium text-slate-800">Vote</legend>
        <div className="flex gap-4 text-sm">
          <label className="flex items-center gap-1.5">
            <input type="radio" name="vote" value="GO" defaultChecked={value(state, "vote") === "GO"} /> GO
          </label>
          <label className="flex items-center gap-1.5">
            <input type="radio" name="vote" value="NO_GO" defaultChecked={value(state, "vote") === "NO_GO"} /> NO-GO
          </label>
        </div>
        <p id="rollout-vote-vote-error" aria-live="polite" className="text-sm text-red-700">
          {state.errors?.vote?.join(" ")}
        </p>
      </fieldset>
      <Field id="rollout-vote-rationale" label="Rationale" errors={state.errors?.rationale}>
        {(p) => <textarea {...p} name="rationale" rows={2} className={inputClass} defaultValue={value(state, "rationale")} />}
      </Field>
      <FormMessage state={state} />
      <SubmitButton pendingText="Recording…">Record vote</SubmitButton>
    </form>
  );
}

/** Generates the approval document (decision, rationale, metrics, security, risk, conditions) as a new version. */
export function ApprovalDocumentForm({ checkSlug, target }: { checkSlug: string; target: number }) {
  const [state, action] = useActionState<ActionState, FormData>(generateApprovalAction, {});
  const area = (name: string, label: string, rows = 2) => (
    <Field id={`rollout-approval-${name}`} label={label} errors={state.errors?.[name]}>
      {(p) => <textarea {...p} name={name} rows={rows} className={inputClass} defaultValue={value(state, name)} />}
    </Field>
  );
  return (
    <form action={action} className="space-y-3" noValidate aria-label={`Generate the ${target}% approval document`} data-testid="rollout-approval-form">
      <input type="hidden" name="checkSlug" value={checkSlug} />
      <input type="hidden" name="targetPercentage" value={target} />
      {area("rationale", "Rationale")}
      {area("metricsSummary", "Metrics summary")}
      {area("securityStatus", "Security status")}
      {area("riskAssessment", "Risk assessment")}
      {area("conditions", "Conditions (one a line, optional)")}
      <FormMessage state={state} />
      <SubmitButton pendingText="Generating…">Generate {target}_EXPANSION_APPROVAL.md</SubmitButton>
    </form>
  );
}

export type ScorecardItemView = { id: string; section: string; label: string; points: number; met: boolean };

/** The ten readiness items (seed 004 IMPROVEMENT 5) as checkboxes, grouped by section. */
export function ScorecardForm({ checkSlug, target, items }: { checkSlug: string; target: number; items: ScorecardItemView[] }) {
  const [state, action] = useActionState<ActionState, FormData>(saveScorecardAction, {});
  const sections = [...new Set(items.map((i) => i.section))];
  return (
    <form action={action} className="space-y-3" noValidate aria-label={`Expansion readiness scorecard for ${target}%`} data-testid="rollout-scorecard-form">
      <input type="hidden" name="checkSlug" value={checkSlug} />
      <input type="hidden" name="targetPercentage" value={target} />
      <div className="grid gap-3 sm:grid-cols-3">
        {sections.map((section) => (
          <fieldset key={section} className="space-y-1">
            <legend className="text-sm font-medium capitalize text-slate-800">{section}</legend>
            {items
              .filter((i) => i.section === section)
              .map((i) => (
                <label key={i.id} className="flex items-start gap-2 text-sm">
                  <input type="checkbox" name="met[]" value={i.id} defaultChecked={i.met} className="mt-0.5" />
                  <span>
                    {i.label} <span className="text-slate-500">({i.points} pts)</span>
                  </span>
                </label>
              ))}
          </fieldset>
        ))}
      </div>
      <FormMessage state={state} />
      <SubmitButton pendingText="Saving…">Save scorecard</SubmitButton>
    </form>
  );
}

/** A report's category table and its stated overall score; the app recomputes the weighted score. */
export function QualityScoreForm({ checkSlug }: { checkSlug: string }) {
  const [state, action] = useActionState<ActionState, FormData>(recordQualityScoreAction, {});
  return (
    <form action={action} className="space-y-3" noValidate aria-label="Check a weighted quality score" data-testid="rollout-quality-form">
      <input type="hidden" name="checkSlug" value={checkSlug} />
      <Field id="rollout-quality-title" label="Report" errors={state.errors?.title}>
        {(p) => <input {...p} name="title" className={inputClass} defaultValue={value(state, "title")} />}
      </Field>
      <Field
        id="rollout-quality-table"
        label="Category table"
        hint="One row a line: “category, weight %, score”, or paste the report's Markdown table (category | weight | score | …); its own weighted column is ignored."
        errors={state.errors?.table}
      >
        {(p) => <textarea {...p} name="table" rows={7} className={`${inputClass} font-mono`} defaultValue={value(state, "table")} />}
      </Field>
      <Field id="rollout-quality-stated" label="Overall score the report states" hint="e.g. 6.8 or 6.8/10" errors={state.errors?.stated}>
        {(p) => <input {...p} name="stated" className={inputClass} defaultValue={value(state, "stated")} />}
      </Field>
      <FormMessage state={state} />
      <SubmitButton pendingText="Recomputing…">Recompute and record</SubmitButton>
    </form>
  );
}
