"use client";

import { startTransition, useActionState, useState } from "react";
import { updateDecisionSettingsAction } from "@/app/audits/[slug]/actions";
import { Field, inputClass } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import type { ActionState } from "@/lib/server/action";

/** Confidence and decision basis, changeable until the sample is drawn (operator). */
export function DecisionSettingsForm({ slug, confidencePercent, decisionBasis }: { slug: string; confidencePercent: number; decisionBasis: string }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(updateDecisionSettingsAction, {});
  // Controlled and submitted by hand (no automatic form reset), so the form keeps showing what was chosen and saved.
  const [confidence, setConfidence] = useState(String(confidencePercent));
  const [basis, setBasis] = useState(decisionBasis);
  return (
    <form
      className="flex flex-wrap items-end gap-3"
      noValidate
      aria-label="Decision basis"
      onSubmit={(e) => {
        e.preventDefault();
        const data = new FormData(e.currentTarget);
        startTransition(() => action(data));
      }}
    >
      <input type="hidden" name="slug" value={slug} />
      <div className="w-44">
        <Field id="plan-confidence" label="Confidence" errors={state.errors?.confidencePercent}>
          {(p) => (
            <select {...p} name="confidencePercent" className={inputClass} value={confidence} onChange={(e) => setConfidence(e.target.value)}>
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
            <select {...p} name="decisionBasis" className={inputClass} value={basis} onChange={(e) => setBasis(e.target.value)}>
              <option value="point_estimate">the point estimate (seed default)</option>
              <option value="upper_bound">the exact upper bound (strict)</option>
            </select>
          )}
        </Field>
      </div>
      <div className="pb-6">
        <button type="submit" disabled={pending} aria-disabled={pending} className="inline-flex items-center justify-center rounded-md bg-slate-700 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-slate-600 disabled:opacity-60">
          {pending ? "Saving…" : "Save basis"}
        </button>
      </div>
      <div className="basis-full">
        <FormMessage state={state} />
      </div>
    </form>
  );
}
