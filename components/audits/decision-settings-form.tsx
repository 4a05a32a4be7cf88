"use client";

import { useActionState } from "react";
import { updateDecisionSettingsAction } from "@/app/audits/[slug]/actions";
import { Field, inputClass } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionState } from "@/lib/server/action";

/** Confidence and decision basis, changeable until the sample is drawn (operator). */
export function DecisionSettingsForm({ slug, confidencePercent, decisionBasis }: { slug: string; confidencePercent: number; decisionBasis: string }) {
  const [state, action] = useActionState<ActionState, FormData>(updateDecisionSettingsAction, {});
  return (
    <form action={action} className="flex flex-wrap items-end gap-3" noValidate aria-label="Decision basis">
      <input type="hidden" name="slug" value={slug} />
      <div className="w-44">
        <Field id="plan-confidence" label="Confidence" errors={state.errors?.confidencePercent}>
          {(p) => (
            <select {...p} name="confidencePercent" className={inputClass} defaultValue={String(confidencePercent)}>
              <option value="90">90%</option>
              <option value="95">95%</option>
              <option value="99">99%</option>
            </select>
          )}
        </Field>
      </div>
      <div className="w-72">
        <Field id="plan-basis" label="Thresholds apply to" errors={state.errors?.decisionBasis}>
          {(p) => (
            <select {...p} name="decisionBasis" className={inputClass} defaultValue={decisionBasis}>
              <option value="point_estimate">the point estimate (seed default)</option>
              <option value="upper_bound">the exact upper bound (strict)</option>
            </select>
          )}
        </Field>
      </div>
      <div className="pb-6">
        <SubmitButton pendingText="Saving…" className="bg-slate-700 hover:bg-slate-600">
          Save basis
        </SubmitButton>
      </div>
      <div className="basis-full">
        <FormMessage state={state} />
      </div>
    </form>
  );
}
