"use client";

import { startTransition, useActionState } from "react";
import { FormMessage } from "@/components/ui/form-message";
import type { ActionState } from "@/lib/server/action";

/**
 * A form posting to a server action, for the team pages (issue 11): the inputs come as children
 * (uncontrolled, kept as typed after a refusal: the form is submitted by hand, never reset), the
 * result's message and field errors (each naming its field) show under it.
 */
export function ActionForm({
  action,
  label,
  submit,
  pendingText = "Saving…",
  className = "space-y-3",
  children,
}: {
  action: (prev: ActionState, data: FormData) => Promise<ActionState>;
  label: string;
  submit: string;
  pendingText?: string;
  className?: string;
  children: React.ReactNode;
}) {
  const [state, run, pending] = useActionState<ActionState, FormData>(action, {});
  const fieldErrors = Object.entries(state.errors ?? {}).filter(([, v]) => v && v.length > 0);
  return (
    <form
      className={className}
      aria-label={label}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const data = new FormData(e.currentTarget);
        startTransition(() => run(data));
      }}
    >
      {children}
      <div>
        <button type="submit" disabled={pending} aria-disabled={pending} className="inline-flex items-center justify-center rounded-md bg-indigo-600 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-indigo-500 disabled:opacity-60">
          {pending ? pendingText : submit}
        </button>
      </div>
      <FormMessage state={state} />
      {fieldErrors.length > 0 && (
        <ul className="list-disc pl-5 text-sm text-red-800" data-testid="field-errors">
          {fieldErrors.map(([field, errors]) => (
            <li key={field}>
              {field}: {errors!.join(" ")}
            </li>
          ))}
        </ul>
      )}
    </form>
  );
}
