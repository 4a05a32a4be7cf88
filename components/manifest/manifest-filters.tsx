import Link from "next/link";
import { inputClass } from "@/components/ui/field";
import { DEFAULT_MANIFEST_SORT, MANIFEST_FLAG_LABELS, MANIFEST_FLAGS, MANIFEST_REVIEWS, MANIFEST_STATUSES, type ManifestQuery, manifestHref } from "@/lib/manifest-query";
import { INCLUSION_REASONS } from "@/lib/sampling";

/**
 * The manifest's filters (issue 11): one-click links for "FAIL without owner", "Critical" and
 * "Claim differs from observation" (each toggles its filter and keeps every other parameter),
 * and a GET form with the search, the selects and the same three as checkboxes; the form keeps the
 * current sort in hidden fields. Changing a filter goes back to page 1.
 */
export function ManifestFilters({ slug, query, subgroups }: { slug: string; query: ManifestQuery; subgroups: readonly string[] }) {
  const { filter, sort } = query;
  return (
    <div className="space-y-3">
      <nav aria-label="Quick filters" className="flex flex-wrap gap-2">
        {MANIFEST_FLAGS.map((flag) => {
          const on = filter[flag] === true;
          const href = manifestHref(slug, { filter: { ...filter, [flag]: on ? undefined : true }, sort });
          return (
            <Link
              key={flag}
              href={href}
              data-testid={`quick-filter-${flag}`}
              aria-current={on ? "true" : undefined}
              className={`rounded-full border px-3 py-1 text-sm font-medium ${on ? "border-indigo-700 bg-indigo-700 text-white hover:bg-indigo-600" : "border-slate-300 bg-white text-slate-800 hover:bg-slate-50"}`}
            >
              {on && <span aria-hidden="true">✓ </span>}
              {MANIFEST_FLAG_LABELS[flag]}
              {on && <span className="sr-only"> (on: select to turn off)</span>}
            </Link>
          );
        })}
      </nav>
      <form method="get" action={manifestHref(slug)} className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm" aria-label="Filter the sample">
        <div className="w-full space-y-1 sm:w-72">
          <label htmlFor="filter-q" className="block text-xs font-medium text-slate-600">
            Search
          </label>
          <input id="filter-q" name="q" type="search" defaultValue={filter.search ?? ""} placeholder="unit key, name, identity key, owner" className={`${inputClass} w-full`} />
        </div>
        <Select name="reason" label="Inclusion reason" value={filter.reason} options={INCLUSION_REASONS} />
        <Select name="status" label="Execution status" value={filter.status} options={MANIFEST_STATUSES} />
        <Select name="subgroup" label="Subgroup" value={filter.subgroup} options={subgroups} />
        <Select name="review" label="Review" value={filter.review} options={MANIFEST_REVIEWS} />
        <fieldset className="flex flex-wrap gap-x-4 gap-y-1">
          <legend className="sr-only">Only units that are</legend>
          {MANIFEST_FLAGS.map((flag) => (
            <label key={flag} className="flex items-center gap-1.5 py-2 text-sm">
              <input type="checkbox" name={flag} value="1" defaultChecked={filter[flag] === true} className="h-4 w-4" />
              {MANIFEST_FLAG_LABELS[flag]}
            </label>
          ))}
        </fieldset>
        {(sort.key !== DEFAULT_MANIFEST_SORT.key || sort.dir !== DEFAULT_MANIFEST_SORT.dir) && (
          <>
            <input type="hidden" name="sort" value={sort.key} />
            <input type="hidden" name="dir" value={sort.dir} />
          </>
        )}
        <button type="submit" className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-semibold text-white hover:bg-indigo-500">
          Filter
        </button>
        <Link href={manifestHref(slug, { sort })} className="px-2 py-2 text-sm text-slate-700 hover:underline">
          Clear filters
        </Link>
      </form>
    </div>
  );
}

function Select({ name, label, value, options }: { name: string; label: string; value?: string; options: readonly string[] }) {
  return (
    <div className="space-y-1">
      <label htmlFor={`filter-${name}`} className="block text-xs font-medium text-slate-600">
        {label}
      </label>
      <select id={`filter-${name}`} name={name} defaultValue={value ?? ""} className={`${inputClass} min-w-40`}>
        <option value="">Any</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    </div>
  );
}
