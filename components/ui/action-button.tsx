"use client";

import { useActionState } from "react";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionState } from "@/lib/server/action";

/** A server action as a form calls it (lib/server/action.ts authorizedAction). */
export type FormAction = (prev: ActionState, fd: FormData) => Promise<ActionState>;

/**
 * One button that posts a single hidden field (which audit: `slug` for a sampling audit,
 * `checkSlug` for a checklist audit) to `action`, with the action's message under it.
 */
export function ActionButton({ name, value, action: serverAction, label, pendingText }: { name: string; value: string; action: FormAction; label: string; pendingText: string }) {
  const [state, action] = useActionState<ActionState, FormData>(serverAction, {});
  return (
    <form action={action} className="space-y-2">
      <input type="hidden" name={name} value={value} />
      <SubmitButton pendingText={pendingText}>{label}</SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}
