"use client";

import { useActionState } from "react";
import { archiveProfileAuditAction, closeProfileAuditAction, restoreProfileAuditAction, revokeProfileSignOffAction, signProfileAuditAction } from "@/app/checks/[slug]/actions";
import { ActionButton } from "@/components/ui/action-button";
import { Field, inputClass } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionState } from "@/lib/server/action";

/** An approver signs the snapshot shown (hash `seenHash`), with a statement and their password (step-up). */
export function SignProfileForm({ checkSlug, seenHash }: { checkSlug: string; seenHash: string }) {
  const [state, action] = useActionState<ActionState, FormData>(signProfileAuditAction, {});
  const e = state.errors ?? {};
  return (
    <form action={action} className="space-y-3" noValidate data-testid="sign-off-form">
      <FormMessage state={state} />
      <input type="hidden" name="checkSlug" value={checkSlug} />
      <input type="hidden" name="seenHash" value={seenHash} />
      <Field id="statement" label="Statement" errors={e.statement}>
        {(p) => <textarea {...p} name="statement" rows={2} className={inputClass} defaultValue={typeof state.values?.statement === "string" && !state.ok ? state.values.statement : ""} />}
      </Field>
      <Field id="password" label="Your password" errors={e.password}>
        {(p) => <input {...p} name="password" type="password" autoComplete="current-password" className={inputClass} />}
      </Field>
      <SubmitButton pendingText="Signing…">Sign off</SubmitButton>
    </form>
  );
}

/** The signer revokes their own signature, with a reason. */
export function RevokeProfileSignOffForm({ checkSlug, signOffId }: { checkSlug: string; signOffId: number }) {
  const [state, action] = useActionState<ActionState, FormData>(revokeProfileSignOffAction, {});
  return (
    <form action={action} className="mt-2 flex flex-wrap items-end gap-2">
      <input type="hidden" name="checkSlug" value={checkSlug} />
      <input type="hidden" name="signOffId" value={signOffId} />
      <label className="text-xs" htmlFor={`revoke-${signOffId}`}>
        Reason
      </label>
      <input id={`revoke-${signOffId}`} name="reason" className="rounded-md border border-slate-300 px-2 py-1 text-xs" />
      <SubmitButton className="bg-red-600 px-2 py-1 text-xs hover:bg-red-500">Revoke</SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}

/** An operator closes the audit (a standing signature covers the current verdict). */
export function CloseProfileAuditForm({ checkSlug }: { checkSlug: string }) {
  return <ActionButton name="checkSlug" value={checkSlug} action={closeProfileAuditAction} label="Close audit" pendingText="Closing…" />;
}

/** An operator archives the audit, or restores it when `archived`. */
export function ArchiveProfileAuditForm({ checkSlug, archived }: { checkSlug: string; archived: boolean }) {
  return archived ? (
    <ActionButton name="checkSlug" value={checkSlug} action={restoreProfileAuditAction} label="Restore audit" pendingText="Restoring…" />
  ) : (
    <ActionButton name="checkSlug" value={checkSlug} action={archiveProfileAuditAction} label="Archive audit" pendingText="Archiving…" />
  );
}
