/**
 * Claimed vs observed (issue 11, "Claimed vs observed"): a population file may carry column pairs
 * `claimed_X` / `observed_X` (for example `claimed_status` / `observed_status`): what the change
 * said it did and what was seen afterwards. The review page shows each pair side by side and the
 * importer flags units whose pair differs (`units.claim_differs`).
 */

/** One claimed/observed column pair: `field` is the shared suffix as written in the claimed column. */
export type ClaimPair = { field: string; claimed: string; observed: string };

/** A pair's values in one record. Missing columns read as "" (as the importer stores empty cells). */
export type ClaimPairValues = ClaimPair & { claimedValue: string; observedValue: string; differs: boolean };

const CLAIMED = /^claimed_(.+)$/i;
const OBSERVED = /^observed_(.+)$/i;

/**
 * Detects the claimed/observed column pairs among a file's column names. A pair is a column
 * `claimed_X` and a column `observed_X` with the same X; the prefixes and X match
 * case-insensitively (`Claimed_Status` pairs with `observed_status`), surrounding spaces of a
 * column name are ignored. A claimed column without its observed twin (or the reverse) is no pair.
 * When several columns normalise to the same X, the first of each side (file order) is used.
 * @param columns the file's header, in file order.
 * @returns the pairs in the order of their claimed column in the file; [] when there is none.
 */
export function claimPairs(columns: readonly string[]): ClaimPair[] {
  const observedBySuffix = new Map<string, string>();
  for (const column of columns) {
    const m = OBSERVED.exec(column.trim());
    if (m && !observedBySuffix.has(m[1].toLowerCase())) observedBySuffix.set(m[1].toLowerCase(), column);
  }
  const pairs: ClaimPair[] = [];
  const seen = new Set<string>();
  for (const column of columns) {
    const m = CLAIMED.exec(column.trim());
    if (!m) continue;
    const suffix = m[1].toLowerCase();
    const observed = observedBySuffix.get(suffix);
    if (observed === undefined || seen.has(suffix)) continue;
    seen.add(suffix);
    pairs.push({ field: m[1], claimed: column, observed });
  }
  return pairs;
}

/**
 * Whether a claimed and an observed value differ: compared exactly after trimming surrounding
 * whitespace (case and number formatting count: `ACTIVE` ≠ `active`, `1.0` ≠ `1`; an audit does
 * not guess what the source of truth treats as equal).
 */
export function valuesDiffer(claimed: string, observed: string): boolean {
  return claimed.trim() !== observed.trim();
}

/**
 * Each pair's values in one unit's record, for the side-by-side view.
 * @param record the unit's imported columns (column name → cell text).
 */
export function claimPairValues(record: Readonly<Record<string, string>>, pairs: readonly ClaimPair[]): ClaimPairValues[] {
  return pairs.map((p) => {
    const claimedValue = record[p.claimed] ?? "";
    const observedValue = record[p.observed] ?? "";
    return { ...p, claimedValue, observedValue, differs: valuesDiffer(claimedValue, observedValue) };
  });
}

/**
 * True when some claimed/observed pair of the record differs (see `valuesDiffer`); false when
 * there are no pairs. What the importer stores in `units.claim_differs` for the manifest filter
 * "claim differs from observation".
 * @param record the unit's imported columns (column name → cell text).
 * @param pairs from `claimPairs(header)`, computed once per file.
 */
export function claimDiffers(record: Readonly<Record<string, string>>, pairs: readonly ClaimPair[]): boolean {
  return pairs.some((p) => valuesDiffer(record[p.claimed] ?? "", record[p.observed] ?? ""));
}

const CLAIMED_KEY = "claimed.";
const OBSERVED_KEY = "observed.";

/**
 * The chosen pairs as entries of an import's stored column mapping (population_imports.column_mapping,
 * whose values are column names: the evidence bundle's schema allows only strings there): pair
 * `field` becomes `claimed.<field>` → claimed column and `observed.<field>` → observed column.
 */
export function claimPairsToMapping(pairs: readonly ClaimPair[]): Record<string, string> {
  return Object.fromEntries(pairs.flatMap((p) => [[`${CLAIMED_KEY}${p.field}`, p.claimed], [`${OBSERVED_KEY}${p.field}`, p.observed]]));
}

/**
 * The pairs an import mapped, read back from its stored column mapping (see `claimPairsToMapping`);
 * a `claimed.<field>` entry without its `observed.<field>` twin is ignored.
 * @returns the pairs in the mapping's order; [] for an import mapped without pairs.
 */
export function claimPairsFromMapping(mapping: Readonly<Record<string, string | null | undefined>>): ClaimPair[] {
  const pairs: ClaimPair[] = [];
  for (const [key, claimed] of Object.entries(mapping)) {
    if (!key.startsWith(CLAIMED_KEY) || !claimed) continue;
    const field = key.slice(CLAIMED_KEY.length);
    const observed = mapping[`${OBSERVED_KEY}${field}`];
    if (observed) pairs.push({ field, claimed, observed });
  }
  return pairs;
}
