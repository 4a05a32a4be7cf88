"use client";

import { useEffect, useRef } from "react";
import { SHORTCUTS } from "@/lib/review-shortcuts";

/**
 * The `?` overlay of the review page: every keyboard shortcut (lib/review-shortcuts.ts SHORTCUTS).
 * A native modal <dialog> (showModal): the rest of the page is inert, so the focus stays inside;
 * Escape or the Close button closes it and the browser returns the focus to where it was.
 */
export function ShortcutHelp({ open, onClose }: { open: boolean; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      closeRef.current?.focus();
    }
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      onClose={onClose}
      aria-labelledby="shortcut-help-title"
      data-testid="shortcut-help"
      className="m-auto w-[min(32rem,calc(100vw-2rem))] rounded-lg border border-slate-300 bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-900/50"
    >
      <div className="space-y-3 p-5">
        <div className="flex items-center justify-between gap-3">
          <h2 id="shortcut-help-title" className="text-base font-semibold">
            Keyboard shortcuts
          </h2>
          <button ref={closeRef} type="button" onClick={onClose} className="rounded-md border border-slate-300 bg-white px-3 py-1 text-sm hover:bg-slate-50">
            Close
          </button>
        </div>
        <table className="w-full text-sm">
          <caption className="sr-only">Keyboard shortcuts of the review page</caption>
          <thead>
            <tr className="text-left text-xs uppercase tracking-wide text-slate-600">
              <th scope="col" className="py-1 pr-4 font-semibold">
                Keys
              </th>
              <th scope="col" className="py-1 font-semibold">
                Does
              </th>
            </tr>
          </thead>
          <tbody>
            {SHORTCUTS.map((s) => (
              <tr key={s.keys.join()} className="border-t border-slate-100">
                <td className="py-1 pr-4 whitespace-nowrap">
                  {s.keys.map((k, i) => (
                    <span key={k}>
                      {i > 0 && " or "}
                      <kbd className="rounded border border-slate-300 bg-slate-50 px-1.5 font-mono text-xs">{k}</kbd>
                    </span>
                  ))}
                </td>
                <td className="py-1">{s.description}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="text-xs text-slate-600">Letter and number keys do nothing while you type in a field; press Esc to leave the field first.</p>
      </div>
    </dialog>
  );
}
