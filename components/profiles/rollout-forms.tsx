"use client";

import { useActionState } from "react";
import { expandRolloutAction, recordCheckpointAction, startRolloutAction } from "@/app/checks/[slug]/rollout/actions";
import { Field, inputClass } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionState } from "@/lib/server/action";

/** Rollout stage forms (issue 13, seed 004): start, checkpoint completion, gated expansion. */

const value = (state: ActionState, name: string) => (typeof state.values?.[name] === "string" ? (state.values[name] as string) : "");

function AtAndNote({ idPrefix, state }: { idPrefix: string; state: ActionState }) {
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      <Field id={`${idPrefix}-at`} label="When (UTC, empty = now)" errors={state.errors?.at}>
        {(p) => <input {...p} name="at" type="datetime-local" className={inputClass} defaultValue={value(state, "at")} />}
      </Field>
      <Field id={`${idPrefix}-note`} label="Note (optional)" errors={state.errors?.note}>
        {(p) => <input {...p} name="note" className={inputClass} defaultValue={value(state, "note")} />}
      </Field>
    </div>
  );
}

/** Records when the first stage was reached: the start of the rollout. */
export function StartRolloutForm({ checkSlug, percentage }: { checkSlug: string; percentage: number }) {
  const [state, action] = useActionState<ActionState, FormData>(startRolloutAction, {});
  return (
    <form action={action} className="space-y-3" noValidate aria-label="Record rollout start" data-testid="rollout-start-form">
      <input type="hidden" name="checkSlug" value={checkSlug} />
      <input type="hidden" name="percentage" value={percentage} />
      <AtAndNote idPrefix="rollout-start" state={state} />
      <FormMessage state={state} />
      <SubmitButton pendingText="Recording…">Record {percentage}% reached</SubmitButton>
    </form>
  );
}

/** Records one of the incomplete checkpoints as complete. */
export function CheckpointForm({ checkSlug, checkpoints }: { checkSlug: string; checkpoints: { name: string; stage: number; dueHours: number | null }[] }) {
  const [state, action] = useActionState<ActionState, FormData>(recordCheckpointAction, {});
  return (
    <form action={action} className="space-y-3" noValidate aria-label="Record checkpoint" data-testid="rollout-checkpoint-form">
      <input type="hidden" name="checkSlug" value={checkSlug} />
      <Field id="rollout-checkpoint" label="Checkpoint" errors={state.errors?.checkpoint}>
        {(p) => (
          // Keyed by the value sent back, so React's form reset after a refusal keeps the choice.
          <select {...p} key={value(state, "checkpoint")} name="checkpoint" className={inputClass} defaultValue={value(state, "checkpoint") || checkpoints[0]?.name}>
            {checkpoints.map((c) => (
              <option key={c.name} value={c.name}>
                {c.name} ({c.dueHours !== null ? `from hour ${c.dueHours}, ` : ""}before {c.stage}%)
              </option>
            ))}
          </select>
        )}
      </Field>
      <AtAndNote idPrefix="rollout-checkpoint" state={state} />
      <FormMessage state={state} />
      <SubmitButton pendingText="Recording…">Record checkpoint complete</SubmitButton>
    </form>
  );
}

/** "Expand to N%": refused with the gate's reasons, or records the new stage now. */
export function ExpandForm({ checkSlug, target }: { checkSlug: string; target: number }) {
  const [state, action] = useActionState<ActionState, FormData>(expandRolloutAction, {});
  const reasons = Array.isArray(state.data?.reasons) ? (state.data.reasons as string[]) : [];
  return (
    <form action={action} className="space-y-3" noValidate aria-label={`Expand to ${target}%`} data-testid="rollout-expand-form">
      <input type="hidden" name="checkSlug" value={checkSlug} />
      <input type="hidden" name="targetPercentage" value={target} />
      <Field id="rollout-expand-note" label="Note (optional)" errors={state.errors?.note}>
        {(p) => <input {...p} name="note" className={inputClass} defaultValue={value(state, "note")} />}
      </Field>
      <FormMessage state={state} />
      {reasons.length > 0 && (
        <ul className="list-disc space-y-1 rounded-md bg-red-50 py-2 pl-8 pr-3 text-sm text-red-800" data-testid="expansion-refusals">
          {reasons.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      )}
      <SubmitButton pendingText="Checking the gate…">Expand to {target}%</SubmitButton>
    </form>
  );
}
