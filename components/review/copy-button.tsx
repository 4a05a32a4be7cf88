"use client";

import { useState } from "react";

/**
 * Copies `text` to the clipboard and says so (aria-live). Where the clipboard API is refused
 * (insecure origin, permissions) it says to select the text instead. The `C` shortcut of the
 * review page clicks it by `id`.
 */
export function CopyButton({ id, text, label }: { id: string; text: string; label: string }) {
  const [status, setStatus] = useState("");
  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setStatus("Copied.");
    } catch {
      setStatus("Copying is not allowed here: select the text and copy it.");
    }
  }
  return (
    <span className="inline-flex items-center gap-2">
      <button type="button" id={id} onClick={copy} aria-keyshortcuts="c" className="rounded-md border border-slate-300 bg-white px-2 py-1 text-xs font-medium hover:bg-slate-50">
        {label}
      </button>
      <span aria-live="polite" className="text-xs text-slate-600" data-testid={`${id}-status`}>
        {status}
      </span>
    </span>
  );
}
