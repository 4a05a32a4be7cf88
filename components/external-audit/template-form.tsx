"use client";

import { useActionState } from "react";
import { savePromptTemplateAction } from "@/app/admin/prompts/actions";
import { Field, inputClass } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import type { TemplateRole } from "@/lib/external-audit/types";
import type { ActionState } from "@/lib/server/action";

/** An admin edits one prompt template; saving stores the next version (issue 12). */
export function TemplateForm({ role, body, version }: { role: TemplateRole; body: string; version: number }) {
  const [state, action] = useActionState<ActionState, FormData>(savePromptTemplateAction, {});
  const typed = typeof state.values?.body === "string" && !state.ok ? state.values.body : body;
  return (
    <form action={action} className="space-y-2" noValidate aria-label={`Edit the ${role} template`} data-testid={`template-form-${role}`}>
      <input type="hidden" name="role" value={role} />
      <Field id={`template-${role}`} label={`${role} (in force: ${version === 0 ? "shipped default" : `version ${version}`})`} errors={state.errors?.body}>
        {(p) => <textarea {...p} key={`${version}`} name="body" rows={16} spellCheck={false} className={`${inputClass} font-mono text-xs`} defaultValue={typed} />}
      </Field>
      <FormMessage state={state} />
      <SubmitButton pendingText="Saving…">Save as version {version === 0 ? 2 : version + 1}</SubmitButton>
    </form>
  );
}
