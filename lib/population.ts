/**
 * Population units as the sampling and estimation rules see them.
 * Terms follow DESIGN.md: a unit has a stable `unitKey`, an `executionStatus`,
 * an optional `subgroup` and an optional `identityKey`.
 */
export const EXECUTION_STATUSES = ["SUCCEEDED", "FAILED", "UNKNOWN"] as const;
export type ExecutionStatus = (typeof EXECUTION_STATUSES)[number];

export type PopulationUnit = {
  unitKey: string;
  executionStatus: ExecutionStatus;
  subgroup: string | null;
  identityKey: string | null;
};

/**
 * True for units that belong to the census stratum: execution FAILED or UNKNOWN
 * (seed 000 "Sampling Policy": all units marked FAILED or UNKNOWN are mandatory inclusions).
 */
export function isCensusUnit(unit: Pick<PopulationUnit, "executionStatus">): boolean {
  return unit.executionStatus !== "SUCCEEDED";
}

/**
 * Groups unit indices into identity-collision clusters: two or more units sharing an
 * `identityKey` (unit keys are unique, so they differ). Units without an identity key
 * never cluster.
 * @returns clusters keyed by identity key, each an ascending list of unit indices (≥ 2).
 */
export function identityClusters(units: readonly Pick<PopulationUnit, "identityKey">[]): Map<string, number[]> {
  // First index per key; an array is made only when a second unit shares the key (most keys are unique).
  const first = new Map<string, number>();
  const clusters = new Map<string, number[]>();
  for (let i = 0; i < units.length; i++) {
    const key = units[i].identityKey;
    if (key === null || key === "") continue;
    const list = clusters.get(key);
    if (list) list.push(i);
    else {
      const j = first.get(key);
      if (j === undefined) first.set(key, i);
      else clusters.set(key, [j, i]);
    }
  }
  return clusters;
}
