"use client";

import { useActionState } from "react";
import { changePasswordAction } from "@/app/account/actions";
import { Field, inputClass } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionState } from "@/lib/server/action";

/** Change one's own password: current password, new password twice (issue 10). */
export function ChangePasswordForm() {
  const [state, action] = useActionState<ActionState, FormData>(changePasswordAction, {});
  return (
    <form action={action} className="max-w-md space-y-4" noValidate aria-label="Change password">
      <Field id="current-password" label="Current password" errors={state.errors?.currentPassword}>
        {(p) => <input {...p} name="currentPassword" type="password" autoComplete="current-password" className={inputClass} />}
      </Field>
      <Field id="new-password" label="New password" errors={state.errors?.newPassword} hint="At least 12 characters.">
        {(p) => <input {...p} name="newPassword" type="password" autoComplete="new-password" className={inputClass} />}
      </Field>
      <Field id="confirm-password" label="New password again" errors={state.errors?.confirmPassword}>
        {(p) => <input {...p} name="confirmPassword" type="password" autoComplete="new-password" className={inputClass} />}
      </Field>
      <FormMessage state={state} />
      <SubmitButton pendingText="Changing…">Change password</SubmitButton>
    </form>
  );
}
