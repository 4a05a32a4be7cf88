"use client";

import { useActionState } from "react";
import { recordStabilityAction } from "@/app/audits/[slug]/actions";
import { Field, inputClass } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionState } from "@/lib/server/action";

export function StabilityForm({ slug }: { slug: string }) {
  const [state, action] = useActionState<ActionState, FormData>(recordStabilityAction, {});
  return (
    <form action={action} className="space-y-2" noValidate>
      <input type="hidden" name="slug" value={slug} />
      <Field id="actualResult" label="Actual result of the stability test" errors={state.errors?.actualResult}>
        {(p) => <textarea {...p} name="actualResult" rows={2} className={`${inputClass} font-mono`} defaultValue={typeof state.values?.actualResult === "string" ? state.values.actualResult : ""} />}
      </Field>
      <FormMessage state={state} />
      <SubmitButton pendingText="Recording…">Record result</SubmitButton>
    </form>
  );
}
