"use client";

import { useRouter } from "next/navigation";
import { useActionState, useEffect, useRef, useState } from "react";
import { saveReviewAction } from "@/app/audits/[slug]/review/[id]/actions";
import { FieldError, inputClass } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { CRITICAL_KINDS } from "@/lib/review-input";
import type { ActionState } from "@/lib/server/action";

type Finding = "PASS" | "FAIL" | "UNKNOWN";
type Current = { finding: Finding | null; criticalKind: string | null; falsePositive: boolean; remediationOwner: string | null; note: string | null };
type Nav = { previous: number | null; next: number | null; previousUnreviewed: number | null; nextUnreviewed: number | null };

const FINDING_KEYS: Record<string, Finding> = { "1": "PASS", p: "PASS", "2": "FAIL", f: "FAIL", "3": "UNKNOWN", u: "UNKNOWN" };

/**
 * The reviewer's form for one sampled unit. Keyboard: 1/P PASS, 2/F FAIL, 3/U UNKNOWN,
 * Enter save and go to the next unreviewed unit, J/K next/previous unreviewed, ]/[ next/previous unit.
 */
export function ReviewForm({ slug, sampleUnitId, flagged, current, nav }: { slug: string; sampleUnitId: number; flagged: boolean; current: Current; nav: Nav }) {
  const router = useRouter();
  const [state, action] = useActionState<ActionState, FormData>(saveReviewAction, {});
  const [finding, setFinding] = useState<Finding | null>(current.finding);
  const formRef = useRef<HTMLFormElement>(null);
  const e = state.errors ?? {};

  useEffect(() => {
    const go = (id: number | null) => id !== null && router.push(`/audits/${slug}/review/${id}`);
    function onKey(ev: KeyboardEvent) {
      const target = ev.target as HTMLElement;
      const typing = target.closest("input[type=text], textarea, select") !== null;
      if (ev.key === "Enter" && (ev.ctrlKey || ev.metaKey || !typing) && target.tagName !== "BUTTON" && target.tagName !== "A") {
        ev.preventDefault();
        formRef.current?.requestSubmit();
        return;
      }
      if (typing || ev.ctrlKey || ev.metaKey || ev.altKey) return;
      const key = ev.key.toLowerCase();
      if (FINDING_KEYS[key]) {
        ev.preventDefault();
        setFinding(FINDING_KEYS[key]);
      } else if (key === "j") go(nav.nextUnreviewed);
      else if (key === "k") go(nav.previousUnreviewed);
      else if (key === "]") go(nav.next);
      else if (key === "[") go(nav.previous);
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [nav, router, slug]);

  return (
    <form ref={formRef} action={action} className="space-y-4" noValidate aria-label="Review">
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="sampleUnitId" value={sampleUnitId} />
      <fieldset aria-describedby="finding-error">
        <legend className="text-sm font-medium">Finding</legend>
        <div className="mt-2 grid grid-cols-3 gap-2">
          {(["PASS", "FAIL", "UNKNOWN"] as const).map((f, i) => (
            <label
              key={f}
              className={`flex cursor-pointer items-center justify-center gap-2 rounded-md border px-3 py-3 text-sm font-semibold has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-indigo-600 ${
                finding === f ? (f === "PASS" ? "border-emerald-600 bg-emerald-50 text-emerald-800" : f === "FAIL" ? "border-red-600 bg-red-50 text-red-800" : "border-amber-500 bg-amber-50 text-amber-900") : "border-slate-300 bg-white"
              }`}
            >
              <input type="radio" name="finding" value={f} checked={finding === f} onChange={() => setFinding(f)} className="sr-only" />
              {f} <kbd>{i + 1}</kbd>
            </label>
          ))}
        </div>
        <FieldError id="finding-error" errors={e.finding} />
      </fieldset>

      <div className="space-y-1">
        <label htmlFor="criticalKind" className="block text-sm font-medium">
          Critical defect
        </label>
        <select id="criticalKind" name="criticalKind" defaultValue={current.criticalKind ?? ""} disabled={finding !== "FAIL"} className={inputClass} aria-describedby="criticalKind-error">
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
        <label className={`flex items-start gap-2 text-sm ${flagged ? "" : "text-slate-400"}`}>
          <input type="checkbox" name="falsePositive" defaultChecked={current.falsePositive} disabled={!flagged || finding !== "PASS"} className="mt-1" aria-describedby="falsePositive-error" />
          <span>
            Confirmed false positive{" "}
            <span className="text-slate-500">{flagged ? "(execution flagged this unit, but its final state is correct)" : "(only for units flagged FAILED or UNKNOWN)"}</span>
          </span>
        </label>
        <FieldError id="falsePositive-error" errors={e.falsePositive} />
      </div>

      <div className="space-y-1">
        <label htmlFor="remediationOwner" className="block text-sm font-medium">
          Remediation owner {finding === "FAIL" && <span className="text-slate-500">(needed for PASS_WITH_NOTES)</span>}
        </label>
        <input id="remediationOwner" name="remediationOwner" type="text" defaultValue={current.remediationOwner ?? ""} className={inputClass} placeholder="e.g. data-team@org" aria-describedby="remediationOwner-error" />
        <FieldError id="remediationOwner-error" errors={e.remediationOwner} />
      </div>

      <div className="space-y-1">
        <label htmlFor="note" className="block text-sm font-medium">
          Note / evidence
        </label>
        <textarea id="note" name="note" rows={3} defaultValue={current.note ?? ""} className={inputClass} aria-describedby="note-error" />
        <FieldError id="note-error" errors={e.note} />
      </div>

      <FormMessage state={state} />
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton pendingText="Saving…">Save and next unreviewed</SubmitButton>
        <button type="submit" name="next" value="stay" className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium hover:bg-slate-50">
          Save
        </button>
      </div>
      <p className="text-xs text-slate-500" data-testid="keyboard-help">
        Keys: <kbd>1</kbd>/<kbd>P</kbd> PASS · <kbd>2</kbd>/<kbd>F</kbd> FAIL · <kbd>3</kbd>/<kbd>U</kbd> UNKNOWN · <kbd>Enter</kbd> save and next · <kbd>J</kbd>/<kbd>K</kbd> next/previous
        unreviewed · <kbd>]</kbd>/<kbd>[</kbd> next/previous unit
      </p>
    </form>
  );
}
