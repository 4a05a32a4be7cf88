"use client";

import { useActionState, useState } from "react";
import { addProfileFindingAction, importProfileFindingsAction, setProfileFindingStatusAction, updateProfileFindingAction } from "@/app/checks/[slug]/actions";
import { Field, inputClass } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { CATEGORIES, FINDING_STATUSES, SEVERITIES, type Severity } from "@/lib/profiles/findings";
import { prefillCategory } from "@/lib/profiles/launch-readiness";
import type { ActionState } from "@/lib/server/action";

const str = (v: unknown, fallback = "") => (v == null ? fallback : String(v));
const human = (s: string) => s.replace(/_/g, " ").toLowerCase().replace(/^./, (c) => c.toUpperCase());

export type FindingValues = {
  id?: number;
  section: string;
  title: string;
  severity: string;
  category: string | null;
  evidence: string | null;
  location: string | null;
  owner: string | null;
  dueDate: string | null;
  status: string;
  tags: string[];
  approach: string | null;
  effortDays: number | null;
};

/**
 * Add (no `finding`) or edit a checklist finding. For launch readiness (`prefill`), an untouched
 * category follows the Verdict Criteria tags and the Phase 5 security default (prefillCategory).
 */
export function FindingForm({ checkSlug, sections, finding, prefill, idPrefix }: { checkSlug: string; sections: { id: string; label: string }[]; finding?: FindingValues; prefill: boolean; idPrefix: string }) {
  const [section, setSection] = useState(finding?.section ?? sections[0]?.id ?? "");
  const [severity, setSeverity] = useState(finding?.severity ?? "MEDIUM");
  const [tags, setTags] = useState(finding?.tags.join(", ") ?? "");
  const [category, setCategory] = useState<string | null>(finding?.category ?? null);
  const [state, action] = useActionState<ActionState, FormData>(async (prev, formData) => {
    const result = await (finding ? updateProfileFindingAction : addProfileFindingAction)(prev, formData);
    // After an add, the form starts empty again (React resets the uncontrolled fields itself).
    if (result.ok && !finding) {
      setTags("");
      setCategory(null);
    }
    return result;
  }, {});
  const v = (state.ok ? {} : state.values) ?? {};
  const e = state.errors ?? {};
  const suggested = prefill ? prefillCategory({ category: null, section, severity: severity as Severity, tags: tags.split(/[;,|]/).map((t) => t.trim()).filter(Boolean) }) : null;
  const shownCategory = category ?? suggested ?? "";
  const id = (name: string) => `${idPrefix}-${name}`;
  const t = (name: keyof FindingValues) => str(v[name], str(finding?.[name] ?? ""));

  return (
    <form action={action} className="space-y-3" noValidate data-testid={finding ? `edit-finding-${finding.id}` : "add-finding"}>
      <FormMessage state={state} />
      <input type="hidden" name="checkSlug" value={checkSlug} />
      {finding && <input type="hidden" name="findingId" value={finding.id} />}
      {finding && <input type="hidden" name="status" value={finding.status} />}
      <div className="grid gap-3 sm:grid-cols-3">
        <Field id={id("section")} label="Section" errors={e.section}>
          {(p) => (
            <select {...p} name="section" className={inputClass} value={section} onChange={(ev) => setSection(ev.target.value)}>
              {sections.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id={id("severity")} label="Severity" errors={e.severity}>
          {(p) => (
            <select {...p} name="severity" className={inputClass} value={severity} onChange={(ev) => setSeverity(ev.target.value)}>
              {SEVERITIES.map((s) => (
                <option key={s} value={s}>
                  {human(s)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id={id("category")} label="Category" errors={e.category} hint={category == null && suggested ? "Pre-filled from the tags / security severity." : undefined}>
          {(p) => (
            <select {...p} name="category" className={inputClass} value={shownCategory} onChange={(ev) => setCategory(ev.target.value)}>
              <option value="">Not categorised</option>
              {CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {c === "STOP_SHIP" ? "Stop-Ship" : human(c)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <Field id={id("title")} label="Title" errors={e.title}>
        {(p) => <input {...p} name="title" className={inputClass} defaultValue={t("title")} />}
      </Field>
      <Field id={id("tags")} label="Tags" errors={e.tags} hint="Comma-separated, e.g. unverified-financial-webhook, observability-gap.">
        {(p) => <input {...p} name="tags" className={inputClass} value={tags} onChange={(ev) => setTags(ev.target.value)} />}
      </Field>
      <div className="grid gap-3 sm:grid-cols-3">
        <Field id={id("location")} label="Location" errors={e.location} hint="file:line or URL">
          {(p) => <input {...p} name="location" className={inputClass} defaultValue={t("location")} />}
        </Field>
        <Field id={id("owner")} label="Owner" errors={e.owner}>
          {(p) => <input {...p} name="owner" className={inputClass} defaultValue={t("owner")} />}
        </Field>
        <Field id={id("dueDate")} label="Due date" errors={e.dueDate}>
          {(p) => <input {...p} name="dueDate" type="date" className={inputClass} defaultValue={t("dueDate")} />}
        </Field>
      </div>
      <Field id={id("evidence")} label="Evidence" errors={e.evidence}>
        {(p) => <textarea {...p} name="evidence" rows={2} className={inputClass} defaultValue={t("evidence")} />}
      </Field>
      <div className="grid gap-3 sm:grid-cols-3">
        <div className="sm:col-span-2">
          <Field id={id("approach")} label="Fix approach" errors={e.approach}>
            {(p) => <input {...p} name="approach" className={inputClass} defaultValue={t("approach")} />}
          </Field>
        </div>
        <Field id={id("effortDays")} label="Effort (person-days)" errors={e.effortDays}>
          {(p) => <input {...p} name="effortDays" inputMode="decimal" className={inputClass} defaultValue={t("effortDays")} />}
        </Field>
      </div>
      <SubmitButton>{finding ? "Save finding" : "Add finding"}</SubmitButton>
    </form>
  );
}

/** Status change of one finding (a resolved Stop-Ship no longer blocks). */
export function FindingStatusForm({ checkSlug, findingId, status }: { checkSlug: string; findingId: number; status: string }) {
  const [state, action] = useActionState<ActionState, FormData>(setProfileFindingStatusAction, {});
  return (
    <form action={action} className="flex flex-wrap items-center gap-2" data-testid={`status-finding-${findingId}`}>
      <input type="hidden" name="checkSlug" value={checkSlug} />
      <input type="hidden" name="findingId" value={findingId} />
      <label className="sr-only" htmlFor={`status-${findingId}`}>
        Status of finding #{findingId}
      </label>
      <select id={`status-${findingId}`} name="status" defaultValue={status} className="rounded-md border border-slate-300 px-2 py-1 text-xs">
        {FINDING_STATUSES.map((s) => (
          <option key={s} value={s}>
            {human(s)}
          </option>
        ))}
      </select>
      <SubmitButton className="px-2 py-1 text-xs">Set status</SubmitButton>
      {state.message && !state.ok && <span className="text-xs text-red-700">{state.message}</span>}
    </form>
  );
}

type ImportErrorRow = { row: number | null; field: string | null; message: string };

/** Import findings from a JSON or CSV file, all or nothing; errors listed by row and field. */
export function ImportFindingsForm({ checkSlug }: { checkSlug: string }) {
  const [state, action] = useActionState<ActionState, FormData>(importProfileFindingsAction, {});
  const [content, setContent] = useState("");
  const [fileName, setFileName] = useState("");
  const [format, setFormat] = useState<"json" | "csv">("csv");
  const errors = (state.data?.importErrors as ImportErrorRow[] | undefined) ?? [];
  return (
    <form action={action} className="space-y-3" noValidate data-testid="import-findings">
      <FormMessage state={state} />
      <input type="hidden" name="checkSlug" value={checkSlug} />
      <input type="hidden" name="fileName" value={fileName} />
      <div className="flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor="import-file" className="block text-sm font-medium">
            File (.json or .csv)
          </label>
          <input
            id="import-file"
            type="file"
            accept=".json,.csv,application/json,text/csv"
            className="text-sm"
            onChange={async (ev) => {
              const file = ev.target.files?.[0];
              if (!file) return;
              setFileName(file.name);
              setFormat(file.name.toLowerCase().endsWith(".json") ? "json" : "csv");
              setContent(await file.text());
            }}
          />
        </div>
        <fieldset className="flex gap-3 text-sm">
          <legend className="sr-only">Format</legend>
          {(["csv", "json"] as const).map((f) => (
            <label key={f} className="flex items-center gap-1">
              <input type="radio" name="format" value={f} checked={format === f} onChange={() => setFormat(f)} /> {f.toUpperCase()}
            </label>
          ))}
        </fieldset>
      </div>
      <Field id="import-content" label="Or paste the findings" errors={state.errors?.content} hint="CSV columns: section, title, severity, category, evidence, location, owner, dueDate, status, tags, approach, effortDays (tags separated by ;).">
        {(p) => <textarea {...p} name="content" rows={4} className={`${inputClass} font-mono text-xs`} value={content} onChange={(ev) => setContent(ev.target.value)} />}
      </Field>
      {errors.length > 0 && (
        <table className="w-full text-left text-xs" data-testid="import-errors">
          <caption className="text-left text-sm font-medium text-red-800">
            Nothing was imported. Fix these and import the whole file again. <span className="font-normal text-slate-700">Rows count the findings from 1 (a CSV file&apos;s header line is not counted).</span>
          </caption>
          <thead>
            <tr>
              <th className="py-1 pr-2">Finding row</th>
              <th className="py-1 pr-2">Field</th>
              <th className="py-1">Problem</th>
            </tr>
          </thead>
          <tbody>
            {errors.map((er, i) => (
              <tr key={i} className="border-t border-slate-100 text-red-800">
                <td className="py-1 pr-2">{er.row ?? "whole file"}</td>
                <td className="py-1 pr-2 font-mono">{er.field ?? "—"}</td>
                <td className="py-1">{er.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <SubmitButton pendingText="Importing…">Import findings</SubmitButton>
    </form>
  );
}
