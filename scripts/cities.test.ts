import { describe, expect, it } from "vitest";
import { cityRow, foldName } from "./cities";
import { loadCities } from "./export-cities";

describe("demo cities population", () => {
  const rows = loadCities().map(cityRow);

  it("holds all 135,233 GeoNames records with unique keys", () => {
    expect(rows).toHaveLength(135_233);
    expect(new Set(rows.map((r) => r.unit_key)).size).toBe(135_233);
  });

  it("marks 25 records without admin code UNKNOWN and 38 vanished places FAILED", () => {
    expect(rows.filter((r) => r.execution_status === "UNKNOWN")).toHaveLength(25);
    const failed = rows.filter((r) => r.execution_status === "FAILED");
    expect(failed).toHaveLength(38);
    expect(new Set(failed.map((r) => r.feature_code))).toEqual(new Set(["PPLQ", "PPLH", "PPLW"].filter((c) => failed.some((r) => r.feature_code === c))));
  });

  it("forms 6,358 identity-collision clusters holding 17,972 units", () => {
    const counts = new Map<string, number>();
    for (const r of rows) counts.set(r.identity_key, (counts.get(r.identity_key) ?? 0) + 1);
    const sizes = [...counts.values()].filter((n) => n > 1);
    expect(sizes).toHaveLength(6_358);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(17_972);
  });

  it("folds accents and case in identity keys", () => {
    expect(foldName("São Paulo")).toBe("sao paulo");
    expect(foldName("ÉCOLE")).toBe("ecole");
  });
});
