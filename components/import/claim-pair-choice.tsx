import type { ClaimPair } from "@/lib/claim-pairs";

/**
 * Checkboxes for the claimed_* / observed_* column pairs found in the file's header (issue 11
 * "Claimed vs observed"), all on by default: the importer flags units whose chosen pair differs,
 * and the manifest can list them ("Claim differs from observation").
 * @param off the `field`s of the pairs the operator turned off.
 */
export function ClaimPairChoice({ pairs, off, onChange }: { pairs: readonly ClaimPair[]; off: readonly string[]; onChange: (off: string[]) => void }) {
  if (pairs.length === 0) return null;
  return (
    <fieldset className="space-y-2" data-testid="claim-pairs">
      <legend className="text-sm font-medium">Claimed vs observed column pairs</legend>
      <p className="text-xs text-slate-600">Units whose claimed value differs from the observed one are flagged; the manifest can list them.</p>
      <ul className="space-y-1">
        {pairs.map((p) => (
          <li key={p.field}>
            <label className="inline-flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                checked={!off.includes(p.field)}
                onChange={(e) => onChange(e.target.checked ? off.filter((f) => f !== p.field) : [...off, p.field])}
                className="size-4"
              />
              <span>
                Compare <span className="font-mono">{p.claimed}</span> with <span className="font-mono">{p.observed}</span>
              </span>
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
