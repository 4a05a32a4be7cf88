"use client";

import { useRouter } from "next/navigation";
import { useActionState, useCallback, useEffect, useRef, useState } from "react";
import { saveReviewAction } from "@/app/audits/[slug]/review/[id]/actions";
import { FieldError, inputClass } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { CRITICAL_KINDS } from "@/lib/review-input";
import { type Finding, type ShortcutAction, shortcutFor, targetKindOf } from "@/lib/review-shortcuts";
import type { PriorReview } from "@/lib/review-view";
import type { ActionState } from "@/lib/server/action";
import { ShortcutHelp } from "./shortcut-help";

type Values = { finding: Finding | null; criticalKind: string | null; falsePositive: boolean; remediationOwner: string | null; note: string | null };
type Nav = { previous: number | null; next: number | null; previousUnreviewed: number | null; nextUnreviewed: number | null };

const FINDINGS = ["PASS", "FAIL", "UNKNOWN"] as const;
const EMPTY: Values = { finding: null, criticalKind: null, falsePositive: false, remediationOwner: null, note: null };
const FINDING_STYLE: Record<Finding, string> = {
  PASS: "border-emerald-700 bg-emerald-50 text-emerald-900",
  FAIL: "border-red-700 bg-red-50 text-red-900",
  UNKNOWN: "border-amber-700 bg-amber-50 text-amber-950",
};

/**
 * The reviewer's form for one sampled unit (issue 11, "Reviewing without mistakes").
 * - It carries the unit's review `revision`: a save after someone else's is refused with who saved
 *   it and when, and a button to reload.
 * - Someone else's current review is not pre-filled (no silent overwrite): the form says that
 *   saving replaces it, and "Start from their review" copies it in. The viewer's own review is.
 * - Keyboard (lib/review-shortcuts.ts, listed by `?`): P/F/U (1/2/3) choose the finding, never
 *   while typing in a field; FAIL moves the focus to the remediation owner; Enter / Ctrl+Enter
 *   save and go to the next unit of the queue; J/N, K next/previous in the queue; ]/[ next/previous
 *   unit; O owner field; E evidence panel (element #evidence); C copies the source-of-truth query
 *   (button #sot-copy).
 * - Below 1024 px the finding buttons and a save button sit in a bar fixed to the bottom.
 */
export function ReviewForm({ slug, sampleUnitId, revision, flagged, current, prior, nav }: { slug: string; sampleUnitId: number; revision: number; flagged: boolean; current: Values; prior: PriorReview; nav: Nav }) {
  const router = useRouter();
  const [state, action] = useActionState<ActionState, FormData>(saveReviewAction, {});
  // "Start from their review" copies someone else's review in; the viewer's own review starts filled.
  const [copied, setCopied] = useState(false);
  const start = prior.kind === "own" || copied ? current : EMPTY;
  const [finding, setFinding] = useState<Finding | null>(start.finding);
  // A new revision (own save, or a reload after someone else's) starts the form again from it.
  const [seenRevision, setSeenRevision] = useState(revision);
  if (seenRevision !== revision) {
    setSeenRevision(revision);
    setCopied(false);
    setFinding(prior.kind === "own" ? current.finding : null);
  }
  const [helpOpen, setHelpOpen] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const ownerRef = useRef<HTMLInputElement>(null);
  // The last result belongs to this revision of the unit (else it is about an older page state).
  const live = typeof state.data?.revision !== "number" || state.data.revision === revision;
  const shown: ActionState = live ? state : {};
  const e = shown.errors ?? {};
  // After a refused save the form shows what was typed (the action echoes it), not the start values.
  const v = shown.values ?? {};
  const text = (field: keyof Values) => (typeof v[field] === "string" ? (v[field] as string) : ((start[field] as string | null) ?? ""));
  const stale = shown.data?.stale === true;

  const choose = useCallback((f: Finding) => {
    setFinding(f);
    // The owner is what a FAIL needs next (PASS_WITH_NOTES); typing it can no longer flip the finding.
    if (f === "FAIL") ownerRef.current?.focus();
  }, []);

  useEffect(() => {
    const go = (id: number | null) => id !== null && router.push(`/audits/${slug}/review/${id}`);
    const run = (a: ShortcutAction) => {
      switch (a.type) {
        case "finding":
          return choose(a.finding);
        case "save":
          return formRef.current?.requestSubmit();
        case "navigate":
          return go({ nextInQueue: nav.nextUnreviewed, previousInQueue: nav.previousUnreviewed, next: nav.next, previous: nav.previous }[a.to]);
        case "focus": {
          if (a.to === "owner") return ownerRef.current?.focus();
          const panel = document.getElementById("evidence");
          const first = panel?.querySelector<HTMLElement>("input, button, select, textarea, a[href], [tabindex]:not([tabindex='-1'])");
          return (first ?? panel)?.focus();
        }
        case "copyQuery":
          return document.getElementById("sot-copy")?.click();
        case "help":
          return setHelpOpen(true);
        case "leaveField":
          return (document.activeElement as HTMLElement | null)?.blur();
      }
    };
    function onKey(ev: KeyboardEvent) {
      if (ev.defaultPrevented) return;
      const a = shortcutFor(ev, targetKindOf(ev.target instanceof Element ? ev.target : null));
      if (!a) return;
      ev.preventDefault();
      run(a);
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [nav, router, slug, choose]);

  return (
    // React resets a form after its action; that would put the controlled finding radios back to their
    // first render's state (unchecked) while the form still shows the chosen finding, and drop what
    // was typed after a refused save. The fields start again from the stored review when the
    // revision changes instead (the keyed block below).
    <form ref={formRef} action={action} onReset={(ev) => ev.preventDefault()} className="space-y-4" noValidate aria-label="Review">
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="sampleUnitId" value={sampleUnitId} />
      <input type="hidden" name="revision" value={revision} />

      {prior.kind === "other" && (
        <div className="space-y-2 rounded-md border border-amber-600 bg-amber-50 p-3 text-sm text-amber-950" data-testid="changing-review">
          <p>
            <strong>You are changing {prior.reviewerName}&apos;s review</strong> ({prior.label}). Saving replaces it as the unit&apos;s current review; theirs stays in the history.
          </p>
          <button
            type="button"
            onClick={() => {
              setCopied(true);
              setFinding(current.finding);
            }}
            className="rounded-md border border-amber-700 bg-white px-3 py-1 text-xs font-medium hover:bg-amber-100">
            Start from their review
          </button>
        </div>
      )}
      {prior.kind === "own" && (
        <p className="text-sm text-slate-700" data-testid="changing-review">
          You are editing your review ({prior.label}).
        </p>
      )}

      <fieldset aria-describedby="finding-error" className="fixed inset-x-0 bottom-0 z-30 border-t border-slate-300 bg-white p-2 shadow-[0_-2px_6px_rgba(0,0,0,0.08)] lg:static lg:border-0 lg:p-0 lg:shadow-none" data-testid="finding-bar">
        <legend className="sr-only lg:not-sr-only lg:text-sm lg:font-medium">Finding</legend>
        <div className="flex flex-wrap items-stretch gap-2 lg:mt-2">
          <div className="grid min-w-[15rem] flex-1 grid-cols-3 gap-2">
            {FINDINGS.map((f, i) => (
              <label
                key={f}
                className={`flex cursor-pointer items-center justify-center gap-1 rounded-md border-2 px-1 py-2 text-sm font-semibold whitespace-nowrap sm:gap-2 sm:px-2 has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-indigo-600 lg:py-3 ${finding === f ? FINDING_STYLE[f] : "border-slate-300 bg-white text-slate-900"}`}
              >
                <input type="radio" name="finding" value={f} checked={finding === f} onChange={() => choose(f)} className="sr-only" aria-keyshortcuts={`${i + 1} ${f[0].toLowerCase()}`} />
                {finding === f && <span aria-hidden="true">✓</span>}
                {f} <kbd className="hidden font-normal sm:inline">{f[0]}</kbd>
              </label>
            ))}
          </div>
          <SubmitButton pendingText="Saving…" className="flex-none lg:hidden">
            Save &amp; next
          </SubmitButton>
        </div>
        <FieldError id="finding-error" errors={e.finding} />
      </fieldset>

      <div key={`${revision}-${copied}`} className="space-y-4">
        <div className="space-y-1">
          <label htmlFor="criticalKind" className="block text-sm font-medium">
            Critical defect
          </label>
          <select id="criticalKind" name="criticalKind" defaultValue={text("criticalKind")} disabled={finding !== "FAIL"} className={inputClass} aria-describedby="criticalKind-error">
            <option value="">Not critical</option>
            {CRITICAL_KINDS.map((k) => (
              <option key={k.code} value={k.code}>
                {k.label}
              </option>
            ))}
          </select>
          <FieldError id="criticalKind-error" errors={e.criticalKind} />
        </div>

        <div>
          <label className={`flex items-start gap-2 text-sm ${flagged ? "" : "text-slate-600"}`}>
            <input
              type="checkbox"
              name="falsePositive"
              defaultChecked={typeof v.falsePositive === "string" ? v.falsePositive === "on" : start.falsePositive}
              disabled={!flagged || finding !== "PASS"}
              className="mt-1"
              aria-describedby="falsePositive-error"
            />
            <span>
              Confirmed false positive <span className="text-slate-600">{flagged ? "(execution flagged this unit, but its final state is correct)" : "(only for units flagged FAILED or UNKNOWN)"}</span>
            </span>
          </label>
          <FieldError id="falsePositive-error" errors={e.falsePositive} />
        </div>

        <div className="space-y-1">
          <label htmlFor="remediationOwner" className="block text-sm font-medium">
            Remediation owner {finding === "FAIL" && <span className="text-slate-600">(needed for PASS_WITH_NOTES)</span>}
          </label>
          <input
            ref={ownerRef}
            id="remediationOwner"
            name="remediationOwner"
            type="text"
            defaultValue={text("remediationOwner")}
            className={inputClass}
            placeholder="e.g. data-team@org"
            aria-describedby="remediationOwner-error"
            aria-keyshortcuts="o"
          />
          <FieldError id="remediationOwner-error" errors={e.remediationOwner} />
        </div>

        <div className="space-y-1">
          <label htmlFor="note" className="block text-sm font-medium">
            Note
          </label>
          <textarea id="note" name="note" rows={3} defaultValue={text("note")} className={inputClass} aria-describedby="note-error" />
          <FieldError id="note-error" errors={e.note} />
        </div>
      </div>

      <FormMessage state={shown} />
      {stale && (
        <button type="button" onClick={() => router.refresh()} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-50">
          Reload to see their review
        </button>
      )}
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton pendingText="Saving…" aria-keyshortcuts="Enter Control+Enter Meta+Enter">
          Save and next unreviewed
        </SubmitButton>
        <button type="submit" name="next" value="stay" className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium hover:bg-slate-50">
          Save
        </button>
        <button type="button" onClick={() => setHelpOpen(true)} aria-keyshortcuts="?" className="text-sm text-indigo-700 underline-offset-2 hover:underline">
          Keyboard shortcuts <kbd>?</kbd>
        </button>
      </div>
      <p className="text-xs text-slate-600" data-testid="keyboard-help">
        Keys: <kbd>P</kbd> PASS · <kbd>F</kbd> FAIL · <kbd>U</kbd> UNKNOWN · <kbd>Enter</kbd> save and next · <kbd>J</kbd>/<kbd>K</kbd> next/previous in your queue · <kbd>?</kbd> all shortcuts
      </p>
      <ShortcutHelp open={helpOpen} onClose={() => setHelpOpen(false)} />
    </form>
  );
}
