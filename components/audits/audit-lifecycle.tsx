"use client";

import { useActionState } from "react";
import { archiveAuditAction, restoreAuditAction, startReauditAction } from "@/app/audits/[slug]/lifecycle-actions";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionState } from "@/lib/server/action";

type Action = (prev: ActionState, fd: FormData) => Promise<ActionState>;

/** One button posting the audit's slug to an action, with the action's message. */
function SlugButton({ slug, action, label, pendingText }: { slug: string; action: Action; label: string; pendingText: string }) {
  const [state, formAction] = useActionState<ActionState, FormData>(action, {});
  return (
    <form action={formAction} className="space-y-2">
      <input type="hidden" name="slug" value={slug} />
      <SubmitButton pendingText={pendingText}>{label}</SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}

/**
 * An operator's actions across audits (issue 11): start a re-audit (offered by the page only for
 * a finished FAIL or INCONCLUSIVE audit not re-audited yet), archive, or restore.
 */
export function AuditLifecycle({ slug, archived, canReaudit }: { slug: string; archived: boolean; canReaudit: boolean }) {
  return (
    <div className="flex flex-wrap items-start gap-3">
      {canReaudit && <SlugButton slug={slug} action={startReauditAction} label="Start re-audit" pendingText="Starting…" />}
      {archived ? (
        <SlugButton slug={slug} action={restoreAuditAction} label="Restore audit" pendingText="Restoring…" />
      ) : (
        <SlugButton slug={slug} action={archiveAuditAction} label="Archive audit" pendingText="Archiving…" />
      )}
    </div>
  );
}
