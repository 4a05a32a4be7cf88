"use client";

import { useRef, useState } from "react";

type Props = {
  action: (formData: FormData) => void;
  /** The chosen consistency model. */
  consistency: string;
  /** The confirming button's text ("Create it blocked"). */
  confirmLabel: string;
  /** The form's fields (and hidden inputs). */
  children: React.ReactNode;
  /** The submit row, shown after the confirm step. */
  submit: React.ReactNode;
};

/**
 * An audit form with the confirm step before saving "eventual" consistency (issue 11: "choosing
 * eventual warns before submitting that the audit will be blocked"). The first submit is stopped
 * and the step shown; "Create it blocked" submits for real, "Choose another model" goes back to
 * the choice. Client-side only: the server accepts eventual audits (created blocked, seed 000
 * "Applicability").
 */
export function EventualConfirmForm({ action, consistency, confirmLabel, children, submit }: Props) {
  const formRef = useRef<HTMLFormElement>(null);
  const confirmed = useRef(false);
  const [asking, setAsking] = useState(false);

  const onSubmit = (event: React.FormEvent<HTMLFormElement>) => {
    if (consistency !== "eventual" || confirmed.current) {
      confirmed.current = false;
      setAsking(false);
      return;
    }
    event.preventDefault();
    setAsking(true);
  };

  return (
    <form ref={formRef} action={action} onSubmit={onSubmit} className="space-y-6" noValidate>
      {children}
      {asking && consistency === "eventual" && (
        <div role="alertdialog" aria-labelledby="eventual-confirm-title" aria-describedby="eventual-confirm-text" className="space-y-3 rounded-md border-2 border-amber-600 bg-amber-50 p-4" data-testid="eventual-confirm">
          <h2 id="eventual-confirm-title" className="font-semibold text-amber-950">
            This audit will be blocked
          </h2>
          <p id="eventual-confirm-text" className="text-sm text-amber-950">
            The consistency model is eventual: true state may diverge across replicas during the audit window, so the audit is blocked with a consistency-model violation and no
            sample can be drawn (seed 000 &ldquo;Applicability&rdquo;).
          </p>
          <div className="flex flex-wrap gap-3">
            <button
              type="button"
              autoFocus
              className="rounded-md bg-amber-800 px-3 py-2 text-sm font-semibold text-white hover:bg-amber-900"
              onClick={() => {
                confirmed.current = true;
                formRef.current?.requestSubmit();
              }}
            >
              {confirmLabel}
            </button>
            <button
              type="button"
              className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium hover:bg-slate-50"
              onClick={() => {
                setAsking(false);
                document.getElementById("consistencyModel")?.focus();
              }}
            >
              Choose another model
            </button>
          </div>
        </div>
      )}
      {submit}
    </form>
  );
}
