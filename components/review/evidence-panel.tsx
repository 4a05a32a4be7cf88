"use client";

import { useRouter } from "next/navigation";
import { useActionState, useEffect, useRef, useState } from "react";
import { addEvidenceLinkAction, removeEvidenceAction } from "@/app/audits/[slug]/review/[id]/evidence-actions";
import { Field, FieldError, inputClass } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { type EvidenceItemView, formatBytes } from "@/lib/evidence";
import { formatUtcMinute } from "@/lib/format-time";
import type { ActionState } from "@/lib/server/action";

type Props = { slug: string; sampleUnitId: number; items: EvidenceItemView[]; canEdit: boolean };

const buttonClass = "inline-flex items-center justify-center rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50 focus:outline-none focus:ring-2 focus:ring-indigo-500";

/**
 * The evidence of one sampled unit (issue 11, "Evidence"), for the review page: the list (name,
 * type, size, who, when, hash prefix, download link; removed items stay listed with who removed
 * them and why), and for `canEdit` users (reviewer or operator, audit not closed) an upload (raw
 * body to POST /api/audits/[slug]/evidence, with progress), an "add link" form and removal with a
 * reason. Keyboard accessible; one column at 390 px.
 */
export function EvidencePanel({ slug, sampleUnitId, items, canEdit }: Props) {
  const live = items.filter((i) => !i.removedAt).length;
  return (
    <section className="space-y-4 rounded-lg border border-slate-200 bg-white p-5 shadow-sm" aria-labelledby="evidence-heading" data-testid="evidence-panel">
      <h2 className="text-base font-semibold" id="evidence-heading">
        Evidence <span className="text-sm font-normal text-slate-600">({live})</span>
      </h2>
      {items.length === 0 ? (
        <p className="text-sm text-slate-600">No evidence yet.</p>
      ) : (
        <ul className="divide-y divide-slate-200 text-sm" data-testid="evidence-list">
          {items.map((item) => (
            <EvidenceRow key={item.id} item={item} slug={slug} canEdit={canEdit} />
          ))}
        </ul>
      )}
      {canEdit && (
        <div className="grid gap-4 md:grid-cols-2">
          <UploadForm slug={slug} sampleUnitId={sampleUnitId} />
          <LinkForm slug={slug} sampleUnitId={sampleUnitId} />
        </div>
      )}
    </section>
  );
}

function EvidenceRow({ item, slug, canEdit }: { item: EvidenceItemView; slug: string; canEdit: boolean }) {
  const removed = item.removedAt !== null;
  const nameClass = `break-all font-medium ${removed ? "text-slate-500 line-through" : ""}`;
  return (
    <li className="space-y-1 py-3" data-testid="evidence-item" data-evidence-id={item.id}>
      <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
        {removed ? (
          <span className={nameClass}>{item.name}</span>
        ) : item.kind === "file" ? (
          <a href={`/api/audits/${encodeURIComponent(slug)}/evidence/${item.id}`} download className={`${nameClass} text-indigo-700 underline hover:text-indigo-900`}>
            {item.name}
            <span className="sr-only"> (download)</span>
          </a>
        ) : (
          <a href={item.url ?? "#"} target="_blank" rel="noopener noreferrer nofollow" className={`${nameClass} text-indigo-700 underline hover:text-indigo-900`}>
            {item.name}
            <span className="sr-only"> (link, opens in a new tab)</span>
          </a>
        )}
        <span className="text-xs text-slate-600">{item.kind === "file" ? `${item.mediaType} · ${formatBytes(item.sizeBytes ?? 0)}` : "link"}</span>
        {removed && <span className="rounded bg-slate-200 px-1.5 py-0.5 text-xs font-medium text-slate-800">removed</span>}
      </div>
      {item.kind === "link" && item.url !== item.name && <div className="break-all text-xs text-slate-600">{item.url}</div>}
      {item.mismatch && (
        <p className="text-xs font-medium text-amber-900" data-testid="evidence-mismatch">
          The name does not match the content: stored as {item.mediaType}; it downloads as a file, never opened in the browser.
        </p>
      )}
      <div className="text-xs text-slate-600">
        Added by {item.addedBy} · <time dateTime={item.addedAt}>{formatUtcMinute(item.addedAt)}</time>
        {item.sha256 && (
          <>
            {" · SHA-256 "}
            <span className="font-mono" title={item.sha256}>
              {item.sha256.slice(0, 12)}…
            </span>
          </>
        )}
      </div>
      {removed ? (
        <p className="text-xs text-slate-700" data-testid="evidence-removed">
          Removed by {item.removedBy} · <time dateTime={item.removedAt!}>{formatUtcMinute(item.removedAt!)}</time>: {item.removedReason}
        </p>
      ) : (
        canEdit && <RemoveForm slug={slug} item={item} />
      )}
    </li>
  );
}

/** "Remove…" opens a reason field and a confirm button (a second, deliberate step), or Cancel. */
function RemoveForm({ slug, item }: { slug: string; item: EvidenceItemView }) {
  const [open, setOpen] = useState(false);
  const [state, action] = useActionState<ActionState, FormData>(removeEvidenceAction, {});
  const opener = useRef<HTMLButtonElement>(null);
  const id = `evidence-${item.id}-reason`;
  if (!open) {
    return (
      <button ref={opener} type="button" className="rounded-md border border-red-300 px-2 py-1 text-xs font-medium text-red-700 hover:bg-red-50 focus:outline-none focus:ring-2 focus:ring-red-500" onClick={() => setOpen(true)}>
        Remove…<span className="sr-only"> {item.name}</span>
      </button>
    );
  }
  return (
    <form action={action} className="space-y-2 rounded-md border border-red-200 bg-red-50 p-3" aria-label={`Remove ${item.name}`}>
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="evidenceId" value={item.id} />
      <label htmlFor={id} className="block text-xs font-medium text-slate-800">
        Why remove “{item.name}”? (kept in the record)
      </label>
      <input id={id} name="reason" required maxLength={500} autoFocus className={inputClass} aria-describedby={`${id}-error`} aria-invalid={Boolean(state.errors?.reason)} />
      <FieldError id={`${id}-error`} errors={state.errors?.reason ?? (state.ok === false && state.message ? [state.message] : undefined)} />
      <div className="flex flex-wrap gap-2">
        <SubmitButton className="bg-red-700 hover:bg-red-600" pendingText="Removing…">
          Confirm removal
        </SubmitButton>
        <button
          type="button"
          className={buttonClass}
          onClick={() => {
            setOpen(false);
            requestAnimationFrame(() => opener.current?.focus());
          }}
        >
          Cancel
        </button>
      </div>
    </form>
  );
}

type UploadState = { phase: "idle" } | { phase: "uploading"; percent: number } | { phase: "done"; message: string } | { phase: "error"; message: string };

/** Sends the chosen file as the raw request body with XMLHttpRequest, for upload progress. */
function UploadForm({ slug, sampleUnitId }: { slug: string; sampleUnitId: number }) {
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const [state, setState] = useState<UploadState>({ phase: "idle" });
  const id = "evidence-file";
  const onSubmit = (e: React.FormEvent) => {
    e.preventDefault();
    const file = input.current?.files?.[0];
    if (!file) {
      setState({ phase: "error", message: "Choose a file to upload." });
      input.current?.focus();
      return;
    }
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `/api/audits/${encodeURIComponent(slug)}/evidence?${new URLSearchParams({ sampleUnitId: String(sampleUnitId), fileName: file.name })}`);
    xhr.setRequestHeader("Content-Type", file.type || "application/octet-stream");
    xhr.upload.onprogress = (ev) => {
      if (ev.lengthComputable) setState({ phase: "uploading", percent: Math.floor((ev.loaded / ev.total) * 100) });
    };
    xhr.onload = () => {
      let body: { message?: string; mediaType?: string } = {};
      try {
        body = JSON.parse(xhr.responseText) as typeof body;
      } catch {
        // a proxy's HTML error page: the status says enough
      }
      if (xhr.status === 201) {
        setState({ phase: "done", message: `Uploaded ${file.name} (${body.mediaType}).` });
        if (input.current) input.current.value = "";
        router.refresh();
      } else {
        setState({ phase: "error", message: body.message ?? `The upload failed (HTTP ${xhr.status}); nothing was stored.` });
        input.current?.focus();
      }
    };
    xhr.onerror = () => setState({ phase: "error", message: "The upload failed (network error); nothing was stored." });
    setState({ phase: "uploading", percent: 0 });
    xhr.send(file);
  };
  const uploading = state.phase === "uploading";
  return (
    <form onSubmit={onSubmit} className="space-y-2" aria-label="Upload evidence file">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        File
      </label>
      <input
        ref={input}
        id={id}
        type="file"
        className="block w-full text-sm file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5 file:text-sm"
        aria-describedby={`${id}-hint ${id}-error`}
        aria-invalid={state.phase === "error"}
        onChange={() => setState({ phase: "idle" })}
      />
      <p id={`${id}-hint`} className="text-xs text-slate-600">
        Screenshot (PNG, JPEG, GIF, WebP), PDF, exported HTML page, or UTF-8 text (query output, CSV, JSON). Checked by content; always downloaded, never opened in the browser.
      </p>
      <FieldError id={`${id}-error`} errors={state.phase === "error" ? [state.message] : undefined} />
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" disabled={uploading} className={`${buttonClass} disabled:cursor-not-allowed disabled:opacity-60`}>
          Upload
        </button>
        <span aria-live="polite" className="text-sm text-slate-700" data-testid="evidence-upload-status">
          {uploading ? `Uploading… ${state.percent}%` : state.phase === "done" ? state.message : ""}
        </span>
      </div>
    </form>
  );
}

function LinkForm({ slug, sampleUnitId }: { slug: string; sampleUnitId: number }) {
  const [state, action] = useActionState<ActionState, FormData>(addEvidenceLinkAction, {});
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state.ok) form.current?.reset();
  }, [state]);
  const values = state.ok ? {} : (state.values ?? {});
  return (
    <form ref={form} action={action} className="space-y-2" aria-label="Add evidence link">
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="sampleUnitId" value={sampleUnitId} />
      <Field id="evidence-url" label="Link (http or https)" errors={state.errors?.url}>
        {(p) => <input {...p} name="url" type="url" inputMode="url" maxLength={2048} placeholder="https://…" defaultValue={String(values.url ?? "")} key={`url-${String(values.url ?? "")}`} className={inputClass} />}
      </Field>
      <Field id="evidence-label" label="Label (optional)" errors={state.errors?.label}>
        {(p) => <input {...p} name="label" maxLength={200} defaultValue={String(values.label ?? "")} key={`label-${String(values.label ?? "")}`} className={inputClass} />}
      </Field>
      <SubmitButton pendingText="Adding…">
        Add link
      </SubmitButton>
      {state.message && !state.errors && <FormMessage state={state} />}
    </form>
  );
}
