"use client";

import { inputClass } from "@/components/ui/field";

/** A secret shown once (a share link, an API token), selected on focus, with a copy button. */
export function OneTimeSecret({ value, label, testId }: { value: string; label: string; testId: string }) {
  return (
    <div className="flex items-center gap-2 rounded-md border border-indigo-200 bg-indigo-50 p-3">
      <input readOnly value={value} aria-label={label} data-testid={testId} className={`${inputClass} font-mono`} onFocus={(e) => e.currentTarget.select()} />
      <button type="button" className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm hover:bg-slate-50" onClick={() => navigator.clipboard?.writeText(value)}>
        Copy
      </button>
    </div>
  );
}
