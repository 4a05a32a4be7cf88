"use client";

import { useState } from "react";
import { endReviewAction, generateAdrReportAction, lensFindingAction, lensScoreAction, uploadAdrAction } from "@/app/checks/[slug]/adr-actions";
import { ActionForm } from "@/components/team/action-form";
import { inputClass } from "@/components/ui/field";

/** Largest ADR file read in the browser, in bytes (the server refuses more than 500,000 characters). */
const MAX_FILE_BYTES = 500_000;
const LENS_LABEL = (l: string) => l.replace(/_/g, " ");

/**
 * Upload or paste an ADR (issue 13): a chosen .md file is read here as text into the textarea
 * (so the post is the text, like a paste) and its name sent along; the server stores the next version.
 */
export function AdrUploadForm({ checkSlug }: { checkSlug: string }) {
  const [text, setText] = useState("");
  const [fileName, setFileName] = useState("");
  const [fileError, setFileError] = useState("");
  return (
    <ActionForm action={uploadAdrAction} label="Upload or paste the ADR" submit="Store ADR version">
      <input type="hidden" name="checkSlug" value={checkSlug} />
      <input type="hidden" name="fileName" value={fileName} />
      <div className="space-y-1">
        <label htmlFor="adr-file" className="block text-sm font-medium text-slate-800">
          ADR file (Markdown)
        </label>
        <input
          id="adr-file"
          type="file"
          accept=".md,.markdown,text/markdown"
          className="block text-sm"
          aria-describedby="adr-file-error"
          onChange={async (e) => {
            const file = e.currentTarget.files?.[0];
            setFileError("");
            if (!file) return;
            if (file.size > MAX_FILE_BYTES) {
              setFileError(`${file.name} is larger than ${MAX_FILE_BYTES.toLocaleString("en-US")} bytes.`);
              return;
            }
            setText(await file.text());
            setFileName(file.name);
          }}
        />
        <p id="adr-file-error" aria-live="polite" className="text-sm text-red-700">
          {fileError}
        </p>
      </div>
      <div className="space-y-1">
        <label htmlFor="adr-text" className="block text-sm font-medium text-slate-800">
          ADR Markdown (or paste it here)
        </label>
        <textarea
          id="adr-text"
          name="adr"
          rows={10}
          spellCheck={false}
          className={`${inputClass} font-mono text-xs`}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setFileName("");
          }}
        />
      </div>
    </ActionForm>
  );
}

/** A lens reviewer enters their 0–100 lens score (issue 13; seed 003 team mode). */
export function LensScoreForm({ checkSlug, lenses }: { checkSlug: string; lenses: readonly { lens: string; weight: number }[] }) {
  return (
    <ActionForm action={lensScoreAction} label="Enter a lens score" submit="Save lens score" className="flex flex-wrap items-end gap-3">
      <input type="hidden" name="checkSlug" value={checkSlug} />
      <div className="space-y-1">
        <label htmlFor="lens-score-lens" className="block text-sm font-medium text-slate-800">
          Lens
        </label>
        <select id="lens-score-lens" name="lens" className={inputClass}>
          {lenses.map((l) => (
            <option key={l.lens} value={l.lens}>
              {LENS_LABEL(l.lens)} ({l.weight}%)
            </option>
          ))}
        </select>
      </div>
      <div className="space-y-1">
        <label htmlFor="lens-score-score" className="block text-sm font-medium text-slate-800">
          Score (0–100)
        </label>
        <input id="lens-score-score" name="score" type="number" min={0} max={100} step={1} inputMode="numeric" className={`${inputClass} w-28`} />
      </div>
    </ActionForm>
  );
}

/** A lens finding that cites a playbook check (seed 003: uncited findings are discarded). */
export function LensFindingForm({ checkSlug, lenses, severities }: { checkSlug: string; lenses: readonly string[]; severities: readonly string[] }) {
  const field = (id: string, label: string, input: React.ReactNode, hint?: string) => (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {input}
      {hint && <p className="text-xs text-slate-500">{hint}</p>}
    </div>
  );
  return (
    <ActionForm action={lensFindingAction} label="Add a lens finding" submit="Add finding" className="grid gap-3 sm:grid-cols-2">
      <input type="hidden" name="checkSlug" value={checkSlug} />
      {field(
        "lens-finding-lens",
        "Lens",
        <select id="lens-finding-lens" name="lens" className={inputClass}>
          {lenses.map((l) => (
            <option key={l} value={l}>
              {LENS_LABEL(l)}
            </option>
          ))}
        </select>,
      )}
      {field("lens-finding-check", "Playbook check", <input id="lens-finding-check" name="check" className={inputClass} />, 'e.g. C1, SE1 or beyond-checklist:least-privilege')}
      {field("lens-finding-title", "Title", <input id="lens-finding-title" name="title" className={inputClass} />)}
      {field(
        "lens-finding-severity",
        "Severity",
        <select id="lens-finding-severity" name="severity" className={inputClass}>
          {severities.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>,
      )}
      {field("lens-finding-location", "Location (optional)", <input id="lens-finding-location" name="location" className={inputClass} />, "file:line or an http(s) URL")}
      {field("lens-finding-evidence", "Evidence (optional)", <input id="lens-finding-evidence" name="evidence" className={inputClass} />)}
      <label className="flex items-center gap-2 text-sm sm:col-span-2">
        <input type="checkbox" name="blocking" /> Blocking: fails the gate until resolved
      </label>
    </ActionForm>
  );
}

/** Operator: end the content review before every lens returned (the result stays low-confidence when the quorum is missed). */
export function EndReviewForm({ checkSlug }: { checkSlug: string }) {
  return (
    <ActionForm action={endReviewAction} label="End the content review" submit="End the content review" pendingText="Ending…">
      <input type="hidden" name="checkSlug" value={checkSlug} />
    </ActionForm>
  );
}

/** Operator: generate the next audit report version (supersedes the previous one, kept in history). */
export function GenerateReportForm({ checkSlug }: { checkSlug: string }) {
  return (
    <ActionForm action={generateAdrReportAction} label="Generate the audit report" submit="Generate report" pendingText="Generating…">
      <input type="hidden" name="checkSlug" value={checkSlug} />
    </ActionForm>
  );
}
