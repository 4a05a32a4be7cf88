"use client";

import { useActionState } from "react";
import {
  decideFindingAction,
  finalizeExternalAuditAction,
  linkFindingAction,
  pasteOutputAction,
  prepareCalibrationAction,
  prepareExternalAuditAction,
  recordOverrideAction,
} from "@/app/audits/[slug]/external-audit/actions";
import { Field, inputClass } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { CATEGORIES, type DocumentError, type OutputRole } from "@/lib/external-audit/types";
import type { ActionState } from "@/lib/server/action";
import { DocumentErrors } from "./document-errors";

/** The forms of the external-audit page (issue 12); each posts the audit's slug to its server action. */

type Action = (prev: ActionState, fd: FormData) => Promise<ActionState>;
const useForm = (action: Action) => useActionState<ActionState, FormData>(action, {});
const typed = (state: ActionState, name: string, fallback = "") => (typeof state.values?.[name] === "string" ? (state.values[name] as string) : fallback);

export type Material = { gitRange: string; gitDiff: string; ailogPaths: string; ailogContents: string };

/** Step 1: the optional material and the button that resolves both auditor prompts. */
export function PrepareForm({ slug, material, prepared }: { slug: string; material: Material; prepared: boolean }) {
  const [state, action] = useForm(prepareExternalAuditAction);
  return (
    <form action={action} className="space-y-3" noValidate aria-label="Prepare the auditor prompts" data-testid="prepare-form">
      <input type="hidden" name="slug" value={slug} />
      <details className="rounded-md border border-slate-200 p-3" open={!prepared && Boolean(material.gitRange || material.gitDiff)}>
        <summary className="cursor-pointer text-sm font-medium">Material for the auditors (optional): git range, diff, AI logs</summary>
        <div className="mt-3 grid gap-3 md:grid-cols-2">
          <Field id="ea-git-range" label="Git range" hint="e.g. abc123..def456" errors={state.errors?.gitRange}>
            {(p) => <input {...p} name="gitRange" className={`${inputClass} font-mono`} defaultValue={typed(state, "gitRange", material.gitRange)} />}
          </Field>
          <Field id="ea-ailog-paths" label="AI log paths" hint="One per line" errors={state.errors?.ailogPaths}>
            {(p) => <textarea {...p} name="ailogPaths" rows={2} className={`${inputClass} font-mono`} defaultValue={typed(state, "ailogPaths", material.ailogPaths)} />}
          </Field>
          <Field id="ea-git-diff" label="Git diff" errors={state.errors?.gitDiff}>
            {(p) => <textarea {...p} name="gitDiff" rows={6} className={`${inputClass} font-mono text-xs`} defaultValue={typed(state, "gitDiff", material.gitDiff)} />}
          </Field>
          <Field id="ea-ailog-contents" label="AI log contents" errors={state.errors?.ailogContents}>
            {(p) => <textarea {...p} name="ailogContents" rows={6} className={`${inputClass} font-mono text-xs`} defaultValue={typed(state, "ailogContents", material.ailogContents)} />}
          </Field>
        </div>
      </details>
      <FormMessage state={state} />
      <SubmitButton pendingText="Preparing…">{prepared ? "Prepare the auditor prompts again" : "Prepare the auditor prompts"}</SubmitButton>
    </form>
  );
}

const ROLE_LABEL: Record<OutputRole, string> = { "auditor-primary": "primary auditor", "auditor-secondary": "secondary auditor", calibrator: "calibrator" };

/** Steps 2 and 5: paste one role's JSON answer; an invalid one is stored as a version and its errors are listed with their JSON paths. */
export function PasteOutputForm({ slug, role }: { slug: string; role: OutputRole }) {
  const [state, action] = useForm(pasteOutputAction);
  const errors = (state.data?.errors as DocumentError[] | undefined) ?? [];
  return (
    <form action={action} className="space-y-2" noValidate aria-label={`Paste the ${ROLE_LABEL[role]}'s output`} data-testid={`paste-${role}`}>
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="role" value={role} />
      <Field id={`paste-${role}-text`} label={`The ${ROLE_LABEL[role]}'s output (JSON)`} errors={state.errors?.text}>
        {(p) => <textarea {...p} name="text" rows={8} spellCheck={false} className={`${inputClass} font-mono text-xs`} defaultValue={state.ok ? "" : typed(state, "text")} />}
      </Field>
      <FormMessage state={state} />
      <DocumentErrors errors={errors} testId={`paste-${role}-errors`} />
      <SubmitButton pendingText="Checking…">Save and check</SubmitButton>
    </form>
  );
}

/** Step 3: accept two auditors of one model family, with the reason the report shows. */
export function OverrideForm({ slug }: { slug: string }) {
  const [state, action] = useForm(recordOverrideAction);
  return (
    <form action={action} className="space-y-2" noValidate aria-label="Record a same-family override" data-testid="override-form">
      <input type="hidden" name="slug" value={slug} />
      <Field id="ea-override-reason" label="Why two auditors of the same family are acceptable here" errors={state.errors?.reason}>
        {(p) => <textarea {...p} name="reason" rows={2} className={inputClass} defaultValue={typed(state, "reason")} />}
      </Field>
      <FormMessage state={state} />
      <SubmitButton pendingText="Recording…" className="bg-amber-700 hover:bg-amber-600">
        Record the override
      </SubmitButton>
    </form>
  );
}

/** A form that is one button posting the slug (calibrate, finalize). */
function ButtonForm({ slug, action, label, pendingText, testId }: { slug: string; action: Action; label: string; pendingText: string; testId: string }) {
  const [state, formAction] = useForm(action);
  return (
    <form action={formAction} className="space-y-2" noValidate aria-label={label} data-testid={testId}>
      <input type="hidden" name="slug" value={slug} />
      <FormMessage state={state} />
      <SubmitButton pendingText={pendingText}>{label}</SubmitButton>
    </form>
  );
}

/** Step 4: resolve the calibrator prompt (the server refuses with what is missing). */
export function CalibrateForm({ slug, again }: { slug: string; again: boolean }) {
  return <ButtonForm slug={slug} action={prepareCalibrationAction} label={again ? "Prepare the calibrator prompt again" : "Prepare the calibrator prompt"} pendingText="Preparing…" testId="calibrate-form" />;
}

/** Step 6: finalize the cycle. */
export function FinalizeForm({ slug }: { slug: string }) {
  return <ButtonForm slug={slug} action={finalizeExternalAuditAction} label="Finalize the external audit" pendingText="Finalizing…" testId="finalize-form" />;
}

/** Links an auditor finding to a sampled unit. */
export function LinkFindingForm({ slug, findings, units }: { slug: string; findings: { role: string; id: string; label: string }[]; units: { id: number; unitKey: string }[] }) {
  const [state, action] = useForm(linkFindingAction);
  return (
    <form
      action={(fd) => {
        // The finding select carries "role|id"; the action takes them as two fields.
        const [role, ...id] = String(fd.get("finding") ?? "").split("|");
        fd.set("role", role);
        fd.set("findingId", id.join("|"));
        return action(fd);
      }}
      className="flex flex-wrap items-end gap-3"
      noValidate
      aria-label="Link a finding to a sampled unit"
      data-testid="link-form"
    >
      <input type="hidden" name="slug" value={slug} />
      <div className="min-w-64 flex-1">
        <Field id="ea-link-finding" label="Auditor finding" errors={state.errors?.findingId ?? state.errors?.role}>
          {(p) => (
            <select {...p} name="finding" className={inputClass} defaultValue="">
              <option value="">Choose a finding</option>
              {findings.map((f) => (
                <option key={`${f.role}|${f.id}`} value={`${f.role}|${f.id}`}>
                  {f.label}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <div className="w-56">
        <Field id="ea-link-unit" label="Sampled unit" errors={state.errors?.sampleUnitId}>
          {(p) => (
            <select {...p} name="sampleUnitId" className={inputClass} defaultValue="">
              <option value="">Choose a unit</option>
              {units.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.unitKey}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <SubmitButton pendingText="Linking…">Link</SubmitButton>
      <div className="basis-full">
        <FormMessage state={state} />
      </div>
    </form>
  );
}

/** Decides one disputed finding: upheld (in a category) or rejected, with a note. */
export function DecideFindingForm({ slug, findingId, category }: { slug: string; findingId: string; category: string }) {
  const [state, action] = useForm(decideFindingAction);
  return (
    <form action={action} className="flex flex-wrap items-end gap-2" noValidate aria-label={`Decide finding ${findingId}`} data-testid={`decide-${findingId}`}>
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="findingId" value={findingId} />
      <div className="w-36">
        <Field id={`decide-${findingId}-decision`} label="Decision" errors={state.errors?.decision}>
          {(p) => (
            <select {...p} name="decision" className={inputClass} defaultValue={typed(state, "decision", "upheld")}>
              <option value="upheld">Upheld</option>
              <option value="rejected">Rejected</option>
            </select>
          )}
        </Field>
      </div>
      <div className="w-48">
        <Field id={`decide-${findingId}-category`} label="Category (if upheld)" errors={state.errors?.category}>
          {(p) => (
            <select {...p} name="category" className={inputClass} defaultValue={typed(state, "category", category)}>
              {CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <div className="min-w-48 flex-1">
        <Field id={`decide-${findingId}-note`} label="Note" errors={state.errors?.note}>
          {(p) => <input {...p} name="note" className={inputClass} defaultValue={typed(state, "note")} />}
        </Field>
      </div>
      <SubmitButton pendingText="Saving…">Decide</SubmitButton>
      <div className="basis-full">
        <FormMessage state={state} />
      </div>
    </form>
  );
}
