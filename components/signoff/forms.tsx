"use client";

import { ReasonList } from "@/components/ui/reason-list";
import { useActionState } from "react";
import { approveDestructiveAction, closeAuditAction, recordWaiverAction, requestSignOffAction, revokeSignOffAction, revokeWaiverAction, signOffAction, updateRemediationAction } from "@/app/audits/[slug]/signoff/actions";
import { Field, inputClass } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionState } from "@/lib/server/action";
import type { Reason } from "@/lib/verdict";

type Action = (prev: ActionState, fd: FormData) => Promise<ActionState>;

/** Shared shell: the action's state, the slug as a hidden field, the form message. */
function useForm(action: Action) {
  return useActionState<ActionState, FormData>(action, {});
}

/** Statement + password (step-up) fields, used by every signature. */
function SignatureFields({ idPrefix, state, statementLabel }: { idPrefix: string; state: ActionState; statementLabel: string }) {
  return (
    <>
      <Field id={`${idPrefix}-statement`} label={statementLabel} errors={state.errors?.statement}>
        {(p) => <textarea {...p} name="statement" rows={2} className={inputClass} defaultValue={typeof state.values?.statement === "string" ? state.values.statement : ""} />}
      </Field>
      <Field id={`${idPrefix}-password`} label="Your password (re-enter to sign)" errors={state.errors?.password}>
        {(p) => <input {...p} name="password" type="password" autoComplete="current-password" className={inputClass} />}
      </Field>
    </>
  );
}

/**
 * An approver signs the snapshot whose hash they see. When they may not sign (`refusals`, e.g.
 * right after signing: ALREADY_SIGNED) the fields give way to the reasons, and the outcome of the
 * last submission stays on screen.
 */
export function SignOffForm({ slug, hash, refusals }: { slug: string; hash: string; refusals: Reason[] }) {
  const [state, action] = useForm(signOffAction);
  if (refusals.length > 0) {
    return (
      <div className="space-y-2" data-testid="signoff-form">
        <FormMessage state={state} />
        <ul className="space-y-1 rounded-md bg-slate-50 p-3 text-sm" data-testid="sign-refusals">
          {refusals.map((r) => (
            <li key={r.code}>
              <code className="font-mono text-xs">{r.code}</code> {r.message}
            </li>
          ))}
        </ul>
      </div>
    );
  }
  return (
    <form action={action} className="space-y-3" noValidate aria-label="Sign off" data-testid="signoff-form">
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="seenHash" value={hash} />
      <SignatureFields idPrefix="signoff" state={state} statementLabel="Statement" />
      <FormMessage state={state} />
      <SubmitButton pendingText="Signing…">Sign snapshot {hash.slice(0, 12)}…</SubmitButton>
    </form>
  );
}

/** A reason field and a submit button that revoke something (a signature, a waiver). */
function RevokeForm({ action, label, fieldId, hidden, button }: { action: Action; label: string; fieldId: string; hidden: Record<string, string | number>; button: string }) {
  const [state, formAction] = useForm(action);
  return (
    <form action={formAction} className="flex flex-wrap items-end gap-2" noValidate aria-label={label}>
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <div className="min-w-48 flex-1">
        <Field id={fieldId} label="Reason to revoke" errors={state.errors?.reason}>
          {(p) => <input {...p} name="reason" className={inputClass} />}
        </Field>
      </div>
      <SubmitButton pendingText="Revoking…" className="bg-slate-700 hover:bg-slate-600">
        {button}
      </SubmitButton>
      <div className="basis-full">
        <FormMessage state={state} />
      </div>
    </form>
  );
}

/** The signer revokes their own signature, giving a reason. */
export function RevokeSignOffForm({ slug, signOffId }: { slug: string; signOffId: number }) {
  return <RevokeForm action={revokeSignOffAction} label="Revoke signature" fieldId={`revoke-${signOffId}`} hidden={{ slug, signOffId }} button="Revoke my signature" />;
}

/** An operator or security user revokes a recorded waiver, giving a reason. */
export function RevokeWaiverForm({ slug, waiverId }: { slug: string; waiverId: string }) {
  return <RevokeForm action={revokeWaiverAction} label={`Revoke waiver ${waiverId}`} fieldId={`revoke-waiver-${waiverId}`} hidden={{ slug, waiverId }} button="Revoke waiver" />;
}

/** An operator asks an approver (or any) to sign off, optionally by a deadline (UTC). */
export function RequestSignOffForm({ slug, approvers }: { slug: string; approvers: { id: number; name: string }[] }) {
  const [state, action] = useForm(requestSignOffAction);
  return (
    <form action={action} className="flex flex-wrap items-end gap-3" noValidate aria-label="Request sign-off">
      <input type="hidden" name="slug" value={slug} />
      <div className="w-56">
        <Field id="request-approver" label="Approver" errors={state.errors?.approverId}>
          {(p) => (
            <select {...p} name="approverId" className={inputClass} defaultValue="">
              <option value="">Any approver</option>
              {approvers.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <div className="w-60">
        <Field id="request-deadline" label="Deadline (UTC, optional)" errors={state.errors?.deadline}>
          {(p) => <input {...p} name="deadline" type="datetime-local" className={inputClass} />}
        </Field>
      </div>
      <SubmitButton pendingText="Requesting…">Request sign-off</SubmitButton>
      <div className="basis-full">
        <FormMessage state={state} />
      </div>
    </form>
  );
}

/** Closes the audit; on refusal lists every reason. */
export function CloseAuditForm({ slug }: { slug: string }) {
  const [state, action] = useForm(closeAuditAction);
  const reasons = (state.data?.reasons ?? []) as Reason[];
  return (
    <form action={action} className="space-y-2" noValidate aria-label="Close audit">
      <input type="hidden" name="slug" value={slug} />
      <SubmitButton pendingText="Closing…">Close audit</SubmitButton>
      <FormMessage state={state} />
      {reasons.length > 0 && (
        <ReasonList reasons={reasons} testId="closeout-refusals" tone="red" />
      )}
    </form>
  );
}

/** Due date and destructive flag of one failed unit's remediation (operator). */
export function RemediationForm({ slug, sampleUnitId, dueDate, destructive }: { slug: string; sampleUnitId: number; dueDate: string; destructive: boolean }) {
  const [state, action] = useForm(updateRemediationAction);
  return (
    <form action={action} className="flex flex-wrap items-end gap-2" noValidate aria-label={`Remediation of unit ${sampleUnitId}`}>
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="sampleUnitId" value={sampleUnitId} />
      <div className="w-40">
        <Field id={`due-${sampleUnitId}`} label="Due (UTC date)" errors={state.errors?.dueAt}>
          {(p) => <input {...p} name="dueAt" type="date" defaultValue={dueDate} className={inputClass} />}
        </Field>
      </div>
      <label className="flex items-center gap-2 pb-2 text-sm">
        <input type="checkbox" name="destructive" value="on" defaultChecked={destructive} /> destructive or irreversible
      </label>
      <SubmitButton pendingText="Saving…" className="px-3 py-1.5">
        Save
      </SubmitButton>
      <div className="basis-full">
        <FormMessage state={state} />
      </div>
    </form>
  );
}

/** Paste an HMAC-SHA256 waiver (record JSON + signature); it is verified before anything is stored. */
export function WaiverForm({ slug }: { slug: string }) {
  const [state, action] = useForm(recordWaiverAction);
  return (
    <form action={action} className="space-y-3" noValidate aria-label="Record waiver">
      <input type="hidden" name="slug" value={slug} />
      <Field id="waiver-record" label="Waiver record (JSON)" errors={state.errors?.record}>
        {(p) => <textarea {...p} name="record" rows={5} className={`${inputClass} font-mono text-xs`} defaultValue={typeof state.values?.record === "string" ? state.values.record : ""} />}
      </Field>
      <Field id="waiver-signature" label="Signature (HMAC-SHA256, hex)" errors={state.errors?.signature}>
        {(p) => <input {...p} name="signature" className={`${inputClass} font-mono text-xs`} defaultValue={typeof state.values?.signature === "string" ? state.values.signature : ""} />}
      </Field>
      <FormMessage state={state} />
      <SubmitButton pendingText="Verifying…">Verify and record waiver</SubmitButton>
    </form>
  );
}

/** One approval of the two-person path (security or approver; step-up). */
export function TwoPersonForm({ slug }: { slug: string }) {
  const [state, action] = useForm(approveDestructiveAction);
  return (
    <form action={action} className="space-y-3" noValidate aria-label="Approve destructive remediation">
      <input type="hidden" name="slug" value={slug} />
      <SignatureFields idPrefix="two-person" state={state} statementLabel="What you approve" />
      <FormMessage state={state} />
      <SubmitButton pendingText="Approving…">Approve the destructive remediation</SubmitButton>
    </form>
  );
}
