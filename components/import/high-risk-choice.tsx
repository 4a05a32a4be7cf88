import { inputClass } from "@/components/ui/field";

/**
 * High-risk subgroups (issue 11 "Every page, for everyone"): checkboxes for the subgroup values
 * the wizard read in the file's first rows, and free entry (comma-separated) for the rest. The
 * server checks that each chosen value occurs in the subgroup column.
 * @param offered values offered as checkboxes (lib/subgroup-offer.ts offeredSubgroups).
 * @param scope how much of the file `offered` comes from, for the legend ("the file" or "the first N rows").
 */
export function HighRiskChoice(props: {
  offered: { values: string[]; truncated: boolean };
  scope: string;
  checked: readonly string[];
  onChecked: (checked: string[]) => void;
  typed: string;
  onTyped: (typed: string) => void;
}) {
  const { offered, checked, onChecked } = props;
  return (
    <div className="space-y-2">
      {offered.values.length > 0 && (
        <fieldset className="space-y-1" data-testid="offered-subgroups">
          <legend className="text-sm font-medium">Subgroups found in {props.scope}: check the high-risk ones</legend>
          <div className="flex flex-wrap gap-x-4 gap-y-1">
            {offered.values.map((v) => (
              <label key={v} className="inline-flex items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  checked={checked.includes(v)}
                  onChange={(e) => onChecked(e.target.checked ? [...checked, v] : checked.filter((c) => c !== v))}
                  className="size-4"
                />
                <span className="font-mono">{v}</span>
              </label>
            ))}
          </div>
          {offered.truncated && <p className="text-xs text-slate-600">Only the first {offered.values.length} values are listed.</p>}
        </fieldset>
      )}
      <div className="space-y-1">
        <label htmlFor="high-risk" className="block text-sm font-medium">
          {offered.values.length > 0 ? "High-risk subgroups not listed above (comma-separated)" : "High-risk subgroups (comma-separated subgroup values)"}
        </label>
        <input id="high-risk" className={inputClass} value={props.typed} onChange={(e) => props.onTyped(e.target.value)} placeholder="e.g. LI, MC" aria-describedby="high-risk-hint" />
        <p id="high-risk-hint" className="text-xs text-slate-600">
          The sample will hold at least one unit of each. Every value must occur in the subgroup column.
        </p>
      </div>
    </div>
  );
}
