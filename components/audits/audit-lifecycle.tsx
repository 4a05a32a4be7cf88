"use client";

import { archiveAuditAction, restoreAuditAction, startReauditAction } from "@/app/audits/[slug]/lifecycle-actions";
import { ActionButton } from "@/components/ui/action-button";

/**
 * An operator's actions across audits (issue 11): start a re-audit (offered by the page only for
 * a finished FAIL or INCONCLUSIVE audit not re-audited yet), archive, or restore.
 */
export function AuditLifecycle({ slug, archived, canReaudit }: { slug: string; archived: boolean; canReaudit: boolean }) {
  return (
    <div className="flex flex-wrap items-start gap-3">
      {canReaudit && <ActionButton name="slug" value={slug} action={startReauditAction} label="Start re-audit" pendingText="Starting…" />}
      {archived ? (
        <ActionButton name="slug" value={slug} action={restoreAuditAction} label="Restore audit" pendingText="Restoring…" />
      ) : (
        <ActionButton name="slug" value={slug} action={archiveAuditAction} label="Archive audit" pendingText="Archiving…" />
      )}
    </div>
  );
}
