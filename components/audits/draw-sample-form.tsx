"use client";

import { useActionState } from "react";
import { drawSampleAction } from "@/app/audits/[slug]/actions";
import { Field, inputClass } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionState } from "@/lib/server/action";

export function DrawSampleForm({ slug }: { slug: string }) {
  const [state, action] = useActionState<ActionState, FormData>(drawSampleAction, {});
  return (
    <form action={action} className="space-y-3" noValidate>
      <input type="hidden" name="slug" value={slug} />
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
