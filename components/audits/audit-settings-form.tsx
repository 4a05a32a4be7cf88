"use client";

import { useActionState, useState } from "react";
import { updateAuditSettingsAction } from "@/app/audits/[slug]/settings/actions";
import { AUDIT_FIELD_LABELS, AuditSettingsFields } from "@/components/audits/audit-settings-fields";
import { ErrorSummary } from "@/components/audits/error-summary";
import { EventualConfirmForm } from "@/components/audits/eventual-confirm";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionState } from "@/lib/server/action";

/**
 * Edits an audit's settings before the draw (issue 11): the create form's field groups, filled
 * with `initial` (the stored settings as form strings), the error summary on a failed save, and
 * the confirm step when "eventual" is chosen.
 */
export function AuditSettingsForm({ slug, initial }: { slug: string; initial: Record<string, unknown> }) {
  const [state, action] = useActionState<ActionState, FormData>(updateAuditSettingsAction, {});
  const values = state.values ?? initial;
  const [consistency, setConsistency] = useState(typeof values.consistencyModel === "string" ? values.consistencyModel : "strong");
  return (
    <EventualConfirmForm
      action={action}
      consistency={consistency}
      confirmLabel="Save it blocked"
      submit={
        <div className="flex justify-end">
          <SubmitButton pendingText="Saving…">Save settings</SubmitButton>
        </div>
      }
    >
      <input type="hidden" name="slug" value={slug} />
      <ErrorSummary errors={state.errors ?? {}} labels={AUDIT_FIELD_LABELS} result={state} />
      <FormMessage state={state} />
      <AuditSettingsFields values={values} errors={state.errors ?? {}} consistency={consistency} onConsistencyChange={setConsistency} />
    </EventualConfirmForm>
  );
}
