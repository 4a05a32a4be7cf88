import { inputClass } from "@/components/ui/field";
import { CRITICAL_KINDS } from "@/lib/review-input";

const FINDINGS = ["PASS", "FAIL", "UNKNOWN"] as const;

/**
 * The inputs of a finding, shared by the blind second review (finding, critical kind, note) and
 * the adjudication (plus false positive and remediation owner: `full`). Nothing is pre-filled.
 */
export function FindingFields({ sampleUnitId, slug, full = false }: { sampleUnitId: number; slug: string; full?: boolean }) {
  return (
    <>
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="sampleUnitId" value={sampleUnitId} />
      <fieldset className="space-y-1">
        <legend className="text-sm font-medium text-slate-800">Finding</legend>
        <div className="flex flex-wrap gap-3">
          {FINDINGS.map((f) => (
            <label key={f} className="inline-flex items-center gap-2 rounded-md border border-slate-300 px-3 py-1.5 text-sm">
              <input type="radio" name="finding" value={f} required />
              {f}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="space-y-1">
        <label htmlFor={`critical-${sampleUnitId}`} className="block text-sm font-medium text-slate-800">
          Critical defect (FAIL only)
        </label>
        <select id={`critical-${sampleUnitId}`} name="criticalKind" className={inputClass} defaultValue="">
          <option value="">Not critical</option>
          {CRITICAL_KINDS.map((k) => (
            <option key={k.code} value={k.code}>
              {k.label}
            </option>
          ))}
        </select>
      </div>
      {full && (
        <>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="falsePositive" value="on" /> Confirmed false positive (PASS on a unit flagged FAILED or UNKNOWN)
          </label>
          <div className="space-y-1">
            <label htmlFor={`owner-${sampleUnitId}`} className="block text-sm font-medium text-slate-800">
              Remediation owner (FAIL)
            </label>
            <input id={`owner-${sampleUnitId}`} name="remediationOwner" className={inputClass} maxLength={200} />
          </div>
        </>
      )}
      <div className="space-y-1">
        <label htmlFor={`note-${sampleUnitId}`} className="block text-sm font-medium text-slate-800">
          Note
        </label>
        <textarea id={`note-${sampleUnitId}`} name="note" rows={3} className={inputClass} maxLength={5000} />
      </div>
    </>
  );
}
