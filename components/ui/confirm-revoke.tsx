"use client";

import { useActionState } from "react";
import type { ActionState } from "@/lib/server/action";

type Action = (prev: ActionState, fd: FormData) => Promise<ActionState>;

/**
 * A small "Revoke" form that asks for confirmation first (the question names what is revoked),
 * then posts `hidden` to `action`; a refusal is shown beside the button.
 */
export function ConfirmRevokeForm({ action, hidden, question, label = "Revoke" }: { action: Action; hidden: Record<string, string | number>; question: string; label?: string }) {
  const [state, formAction] = useActionState<ActionState, FormData>(action, {});
  return (
    <form
      action={formAction}
      className="inline"
      onSubmit={(e) => {
        if (!window.confirm(question)) e.preventDefault();
      }}
    >
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" className="rounded-md border border-red-300 px-2 py-1 text-xs font-medium text-red-700 hover:bg-red-50">
        {label}
      </button>
      {state.message && !state.ok && <span className="ml-2 text-xs text-red-700">{state.message}</span>}
    </form>
  );
}
