"use client";

import { useActionState } from "react";
import { setAvailabilityAction } from "@/app/security/actions";
import { Field, inputClass } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionState } from "@/lib/server/action";

/** Records a security user's availability and since when (UTC; empty means now). */
export function AvailabilityForm({ userId, name, available }: { userId: number; name: string; available: boolean }) {
  const [state, action] = useActionState<ActionState, FormData>(setAvailabilityAction, {});
  return (
    <form action={action} className="flex flex-wrap items-end gap-3" noValidate aria-label={`Availability of ${name}`}>
      <input type="hidden" name="userId" value={userId} />
      <div className="w-44">
        <Field id={`avail-${userId}`} label="Status" errors={state.errors?.available}>
          {(p) => (
            <select {...p} name="available" className={inputClass} defaultValue={available ? "no" : "yes"}>
              <option value="yes">available</option>
              <option value="no">unavailable</option>
            </select>
          )}
        </Field>
      </div>
      <div className="w-60">
        <Field id={`since-${userId}`} label="Since (UTC, empty = now)" errors={state.errors?.since}>
          {(p) => <input {...p} name="since" type="datetime-local" className={inputClass} />}
        </Field>
      </div>
      <SubmitButton pendingText="Saving…">Record</SubmitButton>
      <div className="basis-full">
        <FormMessage state={state} />
      </div>
    </form>
  );
}
