"use client";

import { useActionState, useState } from "react";
import { drawSampleAction } from "@/app/audits/[slug]/actions";
import { Field, inputClass } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionState } from "@/lib/server/action";

/**
 * Draws the sample. The random stratum starts at the tier size and can be raised, e.g. to the
 * planned size that can demonstrate a PASS under the upper bound; never below the tier size.
 */
export function DrawSampleForm({ slug, tierSize, plannedSize, outsideCensus }: { slug: string; tierSize: number; plannedSize: number | null; outsideCensus: number }) {
  const [state, action] = useActionState<ActionState, FormData>(drawSampleAction, {});
  const [size, setSize] = useState(String(typeof state.values?.randomSampleSize === "string" ? state.values.randomSampleSize : tierSize));
  const planned = plannedSize !== null && plannedSize > tierSize ? Math.min(plannedSize, outsideCensus) : null;
  return (
    <form action={action} className="space-y-3" noValidate>
      <input type="hidden" name="slug" value={slug} />
      <div className="flex flex-wrap items-end gap-3">
        <div className="w-56">
          <Field id="randomSampleSize" label="Random stratum size (units)" errors={state.errors?.randomSampleSize} hint={`At least the tier size, ${tierSize}.`}>
            {(p) => <input {...p} name="randomSampleSize" inputMode="numeric" className={inputClass} value={size} onChange={(e) => setSize(e.target.value)} />}
          </Field>
        </div>
        {planned !== null && (
          <button type="button" className="mb-6 rounded-md border border-indigo-300 bg-white px-3 py-2 text-sm font-medium text-indigo-700 hover:bg-indigo-50" onClick={() => setSize(String(planned))}>
            Use the planned size ({planned})
          </button>
        )}
      </div>
      <details className="text-sm">
        <summary className="cursor-pointer text-slate-600">Reproduce an earlier draw with a given seed</summary>
        <div className="mt-2 max-w-md">
          <Field id="seed" label="Seed (32 hex characters)" errors={state.errors?.seed} hint="Leave empty to draw with a fresh random 128-bit seed.">
            {(p) => <input {...p} name="seed" className={`${inputClass} font-mono`} />}
          </Field>
        </div>
      </details>
      <FormMessage state={state} />
      <SubmitButton pendingText="Drawing…">Draw sample</SubmitButton>
    </form>
  );
}
