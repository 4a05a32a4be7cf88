import { describe, expect, it } from "vitest";
import { adversarialChallenges, bestCaseUpperBound, buildAdversarialMarkdown } from "./adversarial";
import { buildConflictMarkdown, conflictChecks, statedCounts } from "./conflict";
import { fixtureBundleInput, fixturePopulation } from "./testing";

const codes = (input: ReturnType<typeof fixtureBundleInput>) => adversarialChallenges(input).map((c) => c.code);

describe("adversarial challenges", () => {
  it("a tier too small to demonstrate PASS under the upper bound (tier 1, 40 units)", () => {
    const input = fixtureBundleInput();
    expect(bestCaseUpperBound(input)).toBeGreaterThan(0.03);
    expect(codes(input)).toContain("TIER_TOO_SMALL_FOR_PASS");
    expect(codes(input)).toContain("UPPER_BOUND_ABOVE_PASS_THRESHOLD");
  });

  it("no such challenge when the sample can demonstrate PASS (tier 3, 20,000 units)", () => {
    const input = fixtureBundleInput({ tier: 3, population: fixturePopulation(20_000) });
    expect(bestCaseUpperBound(input)).toBeLessThan(0.03);
    expect(codes(input)).toEqual([]);
    expect(buildAdversarialMarkdown(input)).toContain("No challenge was raised.");
  });

  it("a census stratum larger than the tier cap", () => {
    const input = fixtureBundleInput({ population: fixturePopulation(300, 120) });
    expect(codes(input)).toContain("CENSUS_EXCEEDS_TIER_CAP");
  });

  it("a failed stability attempt, even when a later one passed; reviewer challenges", () => {
    const input = fixtureBundleInput({ findings: { 4: { finding: "PASS", note: "Challenge: the stability query only checks two ids." } } });
    input.stabilityAttempts.unshift({ at: "2027-01-01T08:00:00.000Z", actualResult: "3", passed: false, by: "Olivia Operator" });
    const list = adversarialChallenges(input);
    expect(list.find((c) => c.code === "STABILITY_FAILED_ATTEMPT")?.message).toContain('returned "3", not the expected "2"');
    expect(list.find((c) => c.code === "REVIEWER_CHALLENGE")).toMatchObject({ source: "reviewer", message: expect.stringContaining("only checks two ids") });
    expect(buildAdversarialMarkdown(input)).toContain("**REVIEWER_CHALLENGE** (warning, reviewer)");
  });
});

describe("conflict checks", () => {
  it("reads counts stated in a description", () => {
    expect(statedCounts("Rewrote 135,233 city records in 2 passes and 4200 more")).toEqual([135233, 2, 4200]);
  });

  it("all OK for a consistent audit", () => {
    const checks = conflictChecks(fixtureBundleInput());
    expect(checks.filter((c) => c.status === "CONFLICT")).toEqual([]);
    expect(checks.find((c) => c.code === "CLAIMED_UNIT_COUNT")).toMatchObject({ status: "OK", observed: "40 units imported" });
  });

  it("claimed vs imported counts, checksum and unclaimed execution failures conflict", () => {
    const input = fixtureBundleInput({ population: fixturePopulation(40, 2) });
    input.audit.changeDescription = "Rewrote 50 records.";
    input.sample!.populationChecksum = "e".repeat(64);
    const byCode = Object.fromEntries(conflictChecks(input).map((c) => [c.code, c.status]));
    expect(byCode).toMatchObject({ CLAIMED_UNIT_COUNT: "CONFLICT", POPULATION_CHECKSUM: "CONFLICT", EXECUTION_FAILURES_CLAIM: "CONFLICT", IMPORTED_VS_SAMPLED_COUNT: "OK", CENSUS_COUNT: "OK", TIER_SIZE: "OK", RANDOM_STRATUM: "OK" });
    expect(buildConflictMarkdown(input)).toContain("3 conflicts found.");
  });

  it("checks needing a population are NOT_CHECKED before the import", () => {
    const input = fixtureBundleInput();
    input.populationImport = null;
    input.sample = null;
    expect(conflictChecks(input).find((c) => c.code === "IMPORTED_VS_SAMPLED_COUNT")?.status).toBe("NOT_CHECKED");
  });
});
