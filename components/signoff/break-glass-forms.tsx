"use client";

import { useActionState } from "react";
import { countersignAction, declareSingleSignerAction, requestBreakGlassAction } from "@/app/audits/[slug]/break-glass/actions";
import { Field, inputClass } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionState } from "@/lib/server/action";

const kept = (state: ActionState, name: string) => (typeof state.values?.[name] === "string" ? (state.values[name] as string) : "");

/** Opens a break-glass request: impact, business justification, emergency contacts (seed 000). */
export function RequestBreakGlassForm({ slug }: { slug: string }) {
  const [state, action] = useActionState<ActionState, FormData>(requestBreakGlassAction, {});
  return (
    <form action={action} className="space-y-3" noValidate aria-label="Request break-glass">
      <input type="hidden" name="slug" value={slug} />
      <Field id="bg-impact" label="Impact" errors={state.errors?.impact} hint="Break-glass is allowed only for a critical impact.">
        {(p) => (
          <select {...p} name="impact" className={inputClass} defaultValue={kept(state, "impact")}>
            <option value="">Choose…</option>
            <option value="critical">critical</option>
            <option value="high">high</option>
            <option value="medium">medium</option>
            <option value="low">low</option>
          </select>
        )}
      </Field>
      <Field id="bg-justification" label="Business justification" errors={state.errors?.justification}>
        {(p) => <textarea {...p} name="justification" rows={3} className={inputClass} defaultValue={kept(state, "justification")} />}
      </Field>
      <fieldset className="grid gap-3 sm:grid-cols-3">
        <legend className="mb-1 text-sm font-medium">Emergency contacts</legend>
        <Field id="bg-lead" label="Data team lead" errors={state.errors?.dataTeamLead}>
          {(p) => <input {...p} name="dataTeamLead" className={inputClass} placeholder="alice@org" defaultValue={kept(state, "dataTeamLead")} />}
        </Field>
        <Field id="bg-compliance" label="Compliance officer" errors={state.errors?.complianceOfficer}>
          {(p) => <input {...p} name="complianceOfficer" className={inputClass} placeholder="bob@org" defaultValue={kept(state, "complianceOfficer")} />}
        </Field>
        <Field id="bg-cto" label="CTO escalation" errors={state.errors?.ctoEscalation}>
          {(p) => <input {...p} name="ctoEscalation" className={inputClass} placeholder="charlie@org" defaultValue={kept(state, "ctoEscalation")} />}
        </Field>
      </fieldset>
      <FormMessage state={state} />
      <SubmitButton pendingText="Requesting…">Request break-glass exception</SubmitButton>
    </form>
  );
}

/**
 * One countersignature: the slot signed as, a statement and the password (step-up). When the
 * viewer may not sign any more (`doneNote`, e.g. right after countersigning) the fields give way
 * to that note, and the outcome of the last submission stays on screen.
 */
export function CountersignForm({ slug, openSlots, doneNote }: { slug: string; openSlots: { value: string; label: string }[]; doneNote: string | null }) {
  const [state, action] = useActionState<ActionState, FormData>(countersignAction, {});
  if (doneNote !== null) {
    return (
      <div className="space-y-2">
        <FormMessage state={state} />
        <p className="text-sm text-slate-600" data-testid="countersign-done">
          {doneNote}
        </p>
      </div>
    );
  }
  return (
    <form action={action} className="space-y-3" noValidate aria-label="Countersign">
      <input type="hidden" name="slug" value={slug} />
      <fieldset aria-describedby="cs-slot-error">
        <legend className="text-sm font-medium">Sign as</legend>
        <div className="mt-1 flex flex-wrap gap-4">
          {openSlots.map((s) => (
            <label key={s.value} className="flex items-center gap-2 text-sm">
              <input type="radio" name="slot" value={s.value} defaultChecked={openSlots.length === 1} /> {s.label}
            </label>
          ))}
        </div>
        <p id="cs-slot-error" aria-live="polite" className="text-sm text-red-700" data-testid="cs-slot-error">
          {state.errors?.slot?.join(" ")}
        </p>
      </fieldset>
      <Field id="cs-statement" label="Statement" errors={state.errors?.statement}>
        {(p) => <textarea {...p} name="statement" rows={2} className={inputClass} defaultValue={kept(state, "statement")} />}
      </Field>
      <Field id="cs-password" label="Your password (re-enter to sign)" errors={state.errors?.password}>
        {(p) => <input {...p} name="password" type="password" autoComplete="current-password" className={inputClass} />}
      </Field>
      <FormMessage state={state} />
      <SubmitButton pendingText="Signing…">Countersign</SubmitButton>
    </form>
  );
}

/** Records that only one signer can be found: the attempt is kept and the CTO escalation shown. */
export function DeclareSingleSignerForm({ slug }: { slug: string }) {
  const [state, action] = useActionState<ActionState, FormData>(declareSingleSignerAction, {});
  return (
    <form action={action} className="space-y-2" noValidate aria-label="Only one signer available">
      <input type="hidden" name="slug" value={slug} />
      <SubmitButton pendingText="Recording…" className="bg-slate-700 hover:bg-slate-600">
        Only one signer can be found: escalate to the CTO
      </SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}
