"use client";

import { useState } from "react";

/** Copies `text` to the clipboard; says "Copied" for two seconds (or that it could not, e.g. without clipboard access). */
export function CopyButton({ text, label = "Copy", testId }: { text: string; label?: string; testId?: string }) {
  const [status, setStatus] = useState<"idle" | "copied" | "failed">("idle");
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setStatus("copied");
    } catch {
      setStatus("failed");
    }
    setTimeout(() => setStatus("idle"), 2_000);
  };
  return (
    <button type="button" onClick={copy} data-testid={testId} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-50">
      <span aria-live="polite">{status === "copied" ? "Copied" : status === "failed" ? "Copy failed: select the text" : label}</span>
    </button>
  );
}
