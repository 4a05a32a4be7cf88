import { requestSecondReviewsAction } from "@/app/audits/[slug]/team/actions";
import { inputClass } from "@/components/ui/field";
import { ActionForm } from "./action-form";

/** Operator form (issue 11): request blind second reviews on a share of the sample, optionally of chosen strata. */
export function SecondReviewRequest({ slug }: { slug: string }) {
  return (
    <ActionForm action={requestSecondReviewsAction} label="Request second reviews" submit="Request second reviews">
      <input type="hidden" name="slug" value={slug} />
      <div className="max-w-xs space-y-1">
        <label htmlFor="second-percent" className="block text-sm font-medium text-slate-800">
          Share of the units (%)
        </label>
        <input id="second-percent" name="percent" type="number" min={1} max={100} step="any" defaultValue={10} className={inputClass} aria-describedby="second-percent-hint" />
        <p id="second-percent-hint" className="text-xs text-slate-600">
          Picked by a hash seeded with the sample&apos;s seed: reproducible, and a larger share keeps the units a smaller one picked.
        </p>
      </div>
      <fieldset className="space-y-1">
        <legend className="text-sm font-medium text-slate-800">Only in these strata (none ticked: all)</legend>
        {["census", "random", "supplementary"].map((s) => (
          <label key={s} className="mr-4 inline-flex items-center gap-2 text-sm">
            <input type="checkbox" name="strata[]" value={s} /> {s}
          </label>
        ))}
      </fieldset>
    </ActionForm>
  );
}
