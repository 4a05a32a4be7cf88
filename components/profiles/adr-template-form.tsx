"use client";

import { useActionState } from "react";
import { saveAdrTemplateAction } from "@/app/admin/adr-template/actions";
import { Field, inputClass } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionState } from "@/lib/server/action";

/** An admin edits the default ADR template's required sections, one per line (issue 13). */
export function AdrTemplateForm({ sections }: { sections: readonly string[] }) {
  const [state, action] = useActionState<ActionState, FormData>(saveAdrTemplateAction, {});
  const typed = typeof state.values?.requiredSections === "string" && !state.ok ? state.values.requiredSections : sections.join("\n");
  return (
    <form action={action} className="space-y-2" noValidate aria-label="Edit the ADR template" data-testid="adr-template-form">
      <Field id="adr-template-sections" label="Required sections, one per line" errors={state.errors?.requiredSections}>
        {(p) => <textarea {...p} key={sections.join("|")} name="requiredSections" rows={12} spellCheck={false} className={`${inputClass} font-mono text-xs`} defaultValue={typed} />}
      </Field>
      <FormMessage state={state} />
      <SubmitButton pendingText="Saving…">Save template</SubmitButton>
    </form>
  );
}
