"use client";

import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { inputClass } from "@/components/ui/field";
import { claimPairs } from "@/lib/claim-pairs";
import { DELIMITER_CHOICES, DELIMITER_LABELS, type DelimiterChoice } from "@/lib/csv-delimiter";
import { chosenHighRisk, offeredSubgroups } from "@/lib/subgroup-offer";
import { ClaimPairChoice } from "./claim-pair-choice";
import { HighRiskChoice } from "./high-risk-choice";
import { PreviewTable } from "./preview-table";
import { type FilePreview, formatOf, guessColumn, previewFile } from "./read-header";

type RowError = { row: number; column: string; reason: string };
type Phase = { kind: "idle" } | { kind: "uploading"; percent: number } | { kind: "processing" } | { kind: "failed"; message: string; errors: RowError[]; errorCount: number };

const FIELDS = [
  { key: "unitKey", label: "unit_key", required: true, aliases: ["id", "key", "unitid"] },
  { key: "executionStatus", label: "execution_status", required: true, aliases: ["status"] },
  { key: "subgroup", label: "subgroup", required: false, aliases: ["group", "segment"] },
  { key: "identityKey", label: "identity_key", required: false, aliases: ["identity"] },
] as const;

/** Uploads `file` to the import route with progress; resolves with the HTTP status and JSON body. */
/** POSTs the file as the raw request body (the import route refuses form uploads and other types). */
function upload(url: string, file: File, contentType: string, onProgress: (percent: number) => void): Promise<{ status: number; body: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", url);
    xhr.setRequestHeader("Content-Type", contentType);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(Math.round((e.loaded / e.total) * 100));
    xhr.onload = () => {
      try {
        resolve({ status: xhr.status, body: JSON.parse(xhr.responseText) });
      } catch {
        resolve({ status: xhr.status, body: { message: `The server answered HTTP ${xhr.status}.` } });
      }
    };
    xhr.onerror = () => reject(new Error("The upload failed: check your connection and try again."));
    xhr.send(file);
  });
}

export function ImportWizard({ slug }: { slug: string }) {
  const router = useRouter();
  const fileInput = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<FilePreview | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [delimiter, setDelimiter] = useState<DelimiterChoice>("detect");
  const [pairsOff, setPairsOff] = useState<string[]>([]);
  const [highRiskChecked, setHighRiskChecked] = useState<string[]>([]);
  const [highRisk, setHighRisk] = useState("");
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });
  const [missing, setMissing] = useState<string[]>([]);
  const busy = phase.kind === "uploading" || phase.kind === "processing";

  const pairs = preview ? claimPairs(preview.columns) : [];
  const offered = preview ? offeredSubgroups(preview.scanned, mapping.subgroup) : { values: [], truncated: false };

  /** Reads the file's head with `choice` as CSV delimiter; a new split resets the mapping and the choices made on it. */
  async function load(f: File, choice: DelimiterChoice) {
    setPreview(null);
    setPreviewError(null);
    setPhase({ kind: "idle" });
    setPairsOff([]);
    setHighRiskChecked([]);
    try {
      const p = await previewFile(f, choice);
      setPreview(p);
      setMapping(Object.fromEntries(FIELDS.map((fd) => [fd.key, guessColumn(p.columns, fd.label, [...fd.aliases])])));
    } catch (e) {
      setPreviewError(e instanceof Error ? e.message : "The file could not be read.");
    }
  }

  async function onFile(f: File | null) {
    setFile(f);
    setDelimiter("detect");
    if (f) await load(f, "detect");
    else {
      setPreview(null);
      setPreviewError(null);
    }
  }

  async function onDelimiter(choice: DelimiterChoice) {
    setDelimiter(choice);
    if (file) await load(file, choice);
  }

  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    if (!file || !preview) return;
    const absent = FIELDS.filter((f) => f.required && !mapping[f.key]).map((f) => f.key);
    setMissing(absent);
    if (absent.length > 0) return;
    const body = {
      ...mapping,
      highRiskSubgroups: chosenHighRisk(
        highRiskChecked.filter((v) => offered.values.includes(v)),
        highRisk,
      ),
      claimPairs: pairs.filter((p) => !pairsOff.includes(p.field)),
    };
    const query = new URLSearchParams({ fileName: file.name, format: preview.format, mapping: JSON.stringify(body) });
    // The delimiter the preview was split with: what the operator saw is what the server parses.
    if (preview.format === "csv") query.set("delimiter", preview.delimiter);
    const url = `/api/audits/${encodeURIComponent(slug)}/import?${query}`;
    setPhase({ kind: "uploading", percent: 0 });
    try {
      const res = await upload(url, file, preview.format === "csv" ? "text/csv" : "application/x-ndjson", (percent) => setPhase(percent >= 100 ? { kind: "processing" } : { kind: "uploading", percent }));
      if (res.status === 200) {
        router.push(`/audits/${slug}`);
        router.refresh();
        return;
      }
      setPhase({
        kind: "failed",
        message: String(res.body.message ?? `Import failed (HTTP ${res.status}).`),
        errors: (res.body.errors as RowError[]) ?? [],
        errorCount: Number(res.body.errorCount ?? 0),
      });
    } catch (err) {
      setPhase({ kind: "failed", message: err instanceof Error ? err.message : "Import failed.", errors: [], errorCount: 0 });
    }
  }

  return (
    <form onSubmit={onSubmit} className="space-y-5" noValidate>
      <section className="space-y-2 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <label htmlFor="population-file" className="block text-sm font-medium">
          Population file (.csv, .jsonl)
        </label>
        <input
          ref={fileInput}
          id="population-file"
          type="file"
          accept=".csv,.jsonl,.ndjson,text/csv,application/x-ndjson"
          disabled={busy}
          onChange={(e) => onFile(e.target.files?.[0] ?? null)}
          className="block text-sm file:mr-3 file:rounded-md file:border-0 file:bg-indigo-50 file:px-3 file:py-2 file:text-sm file:font-medium file:text-indigo-700 hover:file:bg-indigo-100"
        />
        {file && (
          <p className="text-xs text-slate-600">
            {file.name} · {(file.size / 1024 / 1024).toFixed(2)} MiB · {preview?.format.toUpperCase()}
          </p>
        )}
        {file && formatOf(file.name) === "csv" && (
          <div className="max-w-xs space-y-1 pt-2">
            <label htmlFor="delimiter" className="block text-sm font-medium">
              Delimiter
            </label>
            <select id="delimiter" className={inputClass} value={delimiter} disabled={busy} onChange={(e) => onDelimiter(e.target.value as DelimiterChoice)}>
              {DELIMITER_CHOICES.map((c) => (
                <option key={c} value={c}>
                  {c === "detect" ? `Detect${preview ? ` (found: ${DELIMITER_LABELS[preview.detected]})` : ""}` : DELIMITER_LABELS[c]}
                </option>
              ))}
            </select>
          </div>
        )}
        {previewError && <p className="text-sm text-red-700" data-testid="preview-error">{previewError}</p>}
      </section>

      {preview && (
        <section className="space-y-4 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
          <h2 className="text-base font-semibold">Map columns</h2>
          <div className="grid gap-4 sm:grid-cols-2">
            {FIELDS.map((f) => (
              <div key={f.key} className="space-y-1">
                <label htmlFor={`map-${f.key}`} className="block text-sm font-medium">
                  {f.label} {f.required ? <span className="text-red-700">(required)</span> : <span className="text-slate-500">(optional)</span>}
                </label>
                <select
                  id={`map-${f.key}`}
                  className={inputClass}
                  value={mapping[f.key] ?? ""}
                  aria-invalid={missing.includes(f.key)}
                  aria-describedby={`map-${f.key}-error`}
                  onChange={(e) => setMapping({ ...mapping, [f.key]: e.target.value })}
                >
                  <option value="">{f.required ? "Choose a column…" : "None"}</option>
                  {preview.columns.map((c) => (
                    <option key={c} value={c}>
                      {c}
                    </option>
                  ))}
                </select>
                <p id={`map-${f.key}-error`} aria-live="polite" className="text-sm text-red-700">
                  {missing.includes(f.key) ? `Choose the ${f.label} column` : ""}
                </p>
              </div>
            ))}
          </div>
          <ClaimPairChoice pairs={pairs} off={pairsOff} onChange={setPairsOff} />
          <HighRiskChoice
            offered={offered}
            scope={preview.scannedAll ? "the file" : `the first ${preview.scanned.length} rows`}
            checked={highRiskChecked}
            onChecked={setHighRiskChecked}
            typed={highRisk}
            onTyped={setHighRisk}
          />
          <PreviewTable preview={preview} />
          <div className="flex items-center gap-4">
            <button type="submit" disabled={busy} className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-semibold text-white hover:bg-indigo-500 disabled:opacity-60">
              Import population
            </button>
            <ImportStatus phase={phase} />
          </div>
        </section>
      )}

      {phase.kind === "failed" && (
        <section className="space-y-2 rounded-lg border border-red-200 bg-red-50 p-5" data-testid="import-errors">
          <p className="text-sm font-medium text-red-800">{phase.message}</p>
          {phase.errors.length > 0 && (
            <>
              <table className="min-w-full bg-white text-sm">
                <thead className="text-left text-xs text-slate-600">
                  <tr>
                    <th scope="col" className="px-2 py-1">Row</th>
                    <th scope="col" className="px-2 py-1">Column</th>
                    <th scope="col" className="px-2 py-1">Reason</th>
                  </tr>
                </thead>
                <tbody>
                  {phase.errors.map((er, i) => (
                    <tr key={i} className="border-t border-slate-100">
                      <td className="px-2 py-1 tabular-nums">{er.row || "—"}</td>
                      <td className="px-2 py-1 font-mono">{er.column || "—"}</td>
                      <td className="px-2 py-1">{er.reason}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {phase.errorCount > phase.errors.length && (
                <p className="text-xs text-red-800">
                  Showing the first {phase.errors.length} of {phase.errorCount} problems.
                </p>
              )}
            </>
          )}
        </section>
      )}
    </form>
  );
}

function ImportStatus({ phase }: { phase: Phase }) {
  if (phase.kind === "uploading") {
    return (
      <div className="flex items-center gap-2 text-sm" aria-live="polite" data-testid="import-status">
        <progress max={100} value={phase.percent} className="h-2 w-40" />
        Uploading {phase.percent}%
      </div>
    );
  }
  if (phase.kind === "processing") {
    return (
      <p className="text-sm text-slate-700" aria-live="polite" data-testid="import-status">
        <span className="mr-2 inline-block size-3 animate-spin rounded-full border-2 border-indigo-600 border-t-transparent align-middle" />
        Validating and saving every row…
      </p>
    );
  }
  return <p aria-live="polite" className="sr-only" />;
}
