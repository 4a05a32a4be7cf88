"use client";

import { useActionState, useSyncExternalStore } from "react";
import { Badge } from "@/components/ui/badges";
import { ConfirmRevokeForm } from "@/components/ui/confirm-revoke";
import { Field, inputClass } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { OneTimeSecret } from "@/components/ui/one-time-secret";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionState } from "@/lib/server/action";
import { formatUtcMinute } from "@/lib/format-time";

export type ShareLinkRow = {
  id: number;
  label: string | null;
  createdBy: string;
  createdAt: string;
  expiresAt: string;
  state: "active" | "revoked" | "expired";
  /** SHA-256 of the published snapshot; null for a link made before snapshots. */
  snapshotHash: string | null;
  publishedAt: string | null;
  /** The audit changed after the snapshot was published. */
  changedSince: boolean;
};


type FormAction = (prev: ActionState, formData: FormData) => Promise<ActionState>;

/** The server actions of one kind of audit: each reads the audit's hidden field; republish and revoke also `shareLinkId`. */
export type ShareLinkActions = { create: FormAction; republish: FormAction; revoke: FormAction };

/**
 * Share links of an audit's report: create (the link is shown once), the list with each snapshot's
 * hash and state, publish a new snapshot when the audit changed, revoke with a confirm step.
 * @param audit the hidden field naming the audit (`slug` for a sampling audit, `checkSlug` for a checklist audit).
 */
export function ShareLinks({ audit, links, actions }: { audit: { name: "slug" | "checkSlug"; value: string }; links: ShareLinkRow[]; actions: ShareLinkActions }) {
  const [state, action] = useActionState<ActionState, FormData>(actions.create, {});
  const origin = useSyncExternalStore(
    () => () => undefined,
    () => window.location.origin,
    () => "",
  );
  const path = typeof state.data?.path === "string" ? state.data.path : null;
  return (
    <div className="space-y-4">
      <form action={action} className="flex flex-wrap items-end gap-3" noValidate>
        <input type="hidden" name={audit.name} value={audit.value} />
        <div className="w-56">
          <Field id="share-label" label="Label (optional)" errors={state.errors?.label}>
            {(p) => <input {...p} name="label" className={inputClass} placeholder="e.g. CAB review" />}
          </Field>
        </div>
        <div className="w-40">
          <Field id="expiresInDays" label="Expires after" errors={state.errors?.expiresInDays}>
            {(p) => (
              <select {...p} name="expiresInDays" className={inputClass} defaultValue="7">
                <option value="1">1 day</option>
                <option value="7">7 days</option>
                <option value="30">30 days</option>
                <option value="90">90 days</option>
              </select>
            )}
          </Field>
        </div>
        <div className="pb-6">
          <SubmitButton pendingText="Creating…">Create share link</SubmitButton>
        </div>
      </form>
      <FormMessage state={state} />
      {path && <OneTimeSecret value={`${origin}${path}`} label="New share link" testId="new-share-link" />}
      {links.length === 0 ? (
        <p className="text-sm text-slate-500">No share links yet.</p>
      ) : (
        <div className="relative overflow-x-auto" tabIndex={0}>
        <table className="w-full min-w-[42rem] text-sm [&_td]:pr-3 [&_th]:pr-3" data-testid="share-links">
          <thead className="text-left text-xs text-slate-500">
            <tr>
              <th scope="col" className="py-1">Label</th>
              <th scope="col">Created</th>
              <th scope="col">Expires</th>
              <th scope="col">Snapshot</th>
              <th scope="col">State</th>
              <th scope="col"><span className="sr-only">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            {links.map((l) => (
              <tr key={l.id} className="border-t border-slate-100">
                <td className="py-2">{l.label ?? <span className="text-slate-400">—</span>}</td>
                <td>{formatUtcMinute(l.createdAt)} by {l.createdBy}</td>
                <td>{formatUtcMinute(l.expiresAt)}</td>
                <td>
                  {l.snapshotHash ? (
                    <>
                      <span className="font-mono text-xs" title={l.snapshotHash}>
                        {l.snapshotHash.slice(0, 12)}…
                      </span>
                      {l.publishedAt && <div className="text-xs text-slate-500">{formatUtcMinute(l.publishedAt)}</div>}
                      {l.changedSince && l.state === "active" && (
                        <div className="mt-1 flex flex-wrap items-center gap-2" data-testid="snapshot-outdated">
                          <Badge tone="amber">audit changed since</Badge>
                          <RepublishButton action={actions.republish} audit={audit} id={l.id} />
                        </div>
                      )}
                    </>
                  ) : (
                    <span className="text-slate-400">—</span>
                  )}
                </td>
                <td>
                  <Badge tone={l.state === "active" ? "green" : l.state === "revoked" ? "red" : "slate"}>{l.state}</Badge>
                </td>
                <td className="text-right">
                  {l.state === "active" && (
                    <ConfirmRevokeForm action={actions.revoke} hidden={{ [audit.name]: audit.value, shareLinkId: l.id }} question={`Revoke the share link ${l.label ? `"${l.label}"` : `created ${formatUtcMinute(l.createdAt)}`}? Anyone opening it will no longer see the report.`} />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        </div>
      )}
    </div>
  );
}

/** Publishes a new snapshot on the same link (same URL, new hash). */
function RepublishButton({ action: republish, audit, id }: { action: FormAction; audit: { name: string; value: string }; id: number }) {
  const [state, action] = useActionState<ActionState, FormData>(republish, {});
  return (
    <form action={action} className="inline">
      <input type="hidden" name={audit.name} value={audit.value} />
      <input type="hidden" name="shareLinkId" value={id} />
      <button type="submit" className="rounded-md border border-indigo-300 px-2 py-1 text-xs font-medium text-indigo-700 hover:bg-indigo-50">
        Publish new snapshot
      </button>
      {state.message && !state.ok && <span className="ml-2 text-xs text-red-700">{state.message}</span>}
    </form>
  );
}
