/**
 * conflict.md (seed 000 "Output Artifacts": "Consistency check against authority files and plan
 * artifacts"; "Governance-invoke if: Contradictory completion claims exist"). The authority here
 * is the audit's settings (what the operator claimed) and the imported population (what is).
 */
import { tierSampleSize } from "../sampling";
import type { BundleInput } from "./input";
import { mdTable, mdText } from "./markdown";

export type ConflictStatus = "OK" | "CONFLICT" | "NOT_CHECKED";
export type ConflictCheck = { code: string; claim: string; observed: string; status: ConflictStatus };

/** Integers written in a text (`135,233`, `1 000` and `4200` style), in order of appearance. */
export function statedCounts(text: string): number[] {
  return [...text.matchAll(/\d{1,3}(?:[, ]\d{3})+(?!\d)|\d+/g)].map((m) => Number(m[0].replace(/[, ]/g, "")));
}

/**
 * Checks the audit's claims against its settings and population, in this order:
 * - CLAIMED_UNIT_COUNT: a count stated in the change description equals the imported unit count
 *   (NOT_CHECKED when the description states no number; CONFLICT when none of them matches);
 * - IMPORTED_VS_SAMPLED_COUNT: the import's row count equals the sample's population size;
 * - POPULATION_CHECKSUM: the checksum stored at import equals the one the sample was drawn from;
 * - CENSUS_COUNT: the import's FAILED + UNKNOWN counts equal the census stratum size, drawn and stored;
 * - RISK_TIER: the sample's tier equals the audit's;
 * - TIER_SIZE: the stored tier size equals lib/sampling.ts tierSampleSize(tier, N);
 * - RANDOM_STRATUM: the stored random stratum equals min(asked size, N − census), the asked size
 *   being the planned size the operator requested (never below the tier size) or else the tier
 *   size, and the sampled units in it;
 * - BULK_THRESHOLD: a claimed high-impact change touches ≥ BULK_MUTATION_THRESHOLD units;
 * - EXECUTION_FAILURES_CLAIM / IDENTITY_COLLISIONS_CLAIM: the risk triggers claimed agree with
 *   FAILED/UNKNOWN units and identity-collision clusters found (claimed but absent, or present but
 *   not claimed, is a CONFLICT);
 * - STABILITY_RESULT: the recorded stability result equals the expected one;
 * - EVENT_CHAIN: the event log's hash chain is intact;
 * - CLOSED_UNDER_GATE: a closed audit's gate allowed closeout.
 * Checks that need a population or sample are NOT_CHECKED before those exist. Pure.
 */
export function conflictChecks(input: BundleInput): ConflictCheck[] {
  const { audit, populationImport: imp, sample, summary } = input;
  const out: ConflictCheck[] = [];
  const check = (code: string, claim: string, observed: string, ok: boolean | null) => out.push({ code, claim, observed, status: ok === null ? "NOT_CHECKED" : ok ? "OK" : "CONFLICT" });
  const N = imp?.rowCount ?? null;

  const stated = statedCounts(audit.changeDescription);
  check(
    "CLAIMED_UNIT_COUNT",
    stated.length > 0 ? `change description states ${stated.join(", ")}` : "change description states no count",
    N === null ? "no population imported" : `${N} units imported`,
    N === null || stated.length === 0 ? null : stated.includes(N),
  );
  check("IMPORTED_VS_SAMPLED_COUNT", `import row count ${imp?.rowCount ?? "n/a"}`, `sample population size ${sample?.populationSize ?? "n/a"}`, imp && sample ? imp.rowCount === sample.populationSize : null);
  check("POPULATION_CHECKSUM", `import checksum ${imp?.populationChecksum ?? "n/a"}`, `sample drawn from ${sample?.populationChecksum ?? "n/a"}`, imp && sample ? imp.populationChecksum === sample.populationChecksum : null);
  const claimedCensus = imp ? imp.failedCount + imp.unknownCount : null;
  check(
    "CENSUS_COUNT",
    `import: ${imp?.failedCount ?? "n/a"} FAILED + ${imp?.unknownCount ?? "n/a"} UNKNOWN`,
    `census stratum ${sample?.censusSize ?? "n/a"} drawn, ${summary?.census.size ?? "n/a"} sampled units`,
    imp && sample && summary ? claimedCensus === sample.censusSize && sample.censusSize === summary.census.size : null,
  );
  check("RISK_TIER", `audit risk tier ${audit.riskTier}`, `sample drawn at tier ${sample?.riskTier ?? "n/a"}`, sample ? sample.riskTier === audit.riskTier : null);
  const expectedTier = sample ? tierSampleSize(sample.riskTier, sample.populationSize) : null;
  check("TIER_SIZE", `tier size rule gives ${expectedTier ?? "n/a"}`, `stored tier size ${sample?.tierSize ?? "n/a"}`, sample ? sample.tierSize === expectedTier : null);
  const asked = sample ? Math.max(sample.tierSize, sample.requestedRandomSize ?? sample.tierSize) : null;
  const expectedRandom = sample && asked !== null ? Math.min(asked, sample.populationSize - sample.censusSize) : null;
  check(
    "RANDOM_STRATUM",
    `min(${sample?.requestedRandomSize ? `planned size ${sample.requestedRandomSize}` : "tier size"}, N − census) = ${expectedRandom ?? "n/a"}`,
    `stored ${sample?.randomSize ?? "n/a"}, sampled units in it ${summary?.random.size ?? "n/a"}`,
    sample && summary ? sample.randomSize === expectedRandom && summary.random.size === expectedRandom : null,
  );
  const highImpact = audit.triggerReasons.includes("always.high_impact_change");
  check("BULK_THRESHOLD", highImpact ? `high-impact change affecting ≥ ${audit.bulkMutationThreshold} units` : "no high-impact trigger claimed", N === null ? "no population imported" : `${N} units imported`, !highImpact || N === null ? null : N >= audit.bulkMutationThreshold);
  const claimsFailures = audit.triggerReasons.includes("risk.execution_failures");
  check(
    "EXECUTION_FAILURES_CLAIM",
    claimsFailures ? "execute output includes FAILED/UNKNOWN" : "no execution failures claimed",
    claimedCensus === null ? "no population imported" : `${claimedCensus} FAILED/UNKNOWN units imported`,
    claimedCensus === null ? null : claimsFailures === claimedCensus > 0,
  );
  const claimsClusters = audit.triggerReasons.includes("risk.identity_collisions");
  check(
    "IDENTITY_COLLISIONS_CLAIM",
    claimsClusters ? "identity-collision clusters exist" : "no identity collisions claimed",
    sample ? `${sample.clustersAvailable} clusters found` : "no sample drawn",
    sample ? claimsClusters === sample.clustersAvailable > 0 : null,
  );
  check(
    "STABILITY_RESULT",
    `expected ${JSON.stringify(audit.sotExpectedResult)}`,
    audit.stabilityActualResult === null ? "not recorded" : `recorded ${JSON.stringify(audit.stabilityActualResult)}`,
    audit.stabilityActualResult === null ? null : audit.stabilityActualResult.trim() === audit.sotExpectedResult.trim(),
  );
  check("EVENT_CHAIN", "the event log is an intact hash chain", input.eventLog.intact ? `intact, ${input.eventLog.entries} entries` : "broken", input.eventLog.intact);
  check(
    "CLOSED_UNDER_GATE",
    audit.closedAt ? "audit closed" : "audit open",
    `gate ${input.gateState}, ${input.signOff.validSignOffs} valid sign-off(s)`,
    audit.closedAt === null ? null : input.gateState === "OPEN" || input.gateState === "EXCEPTION" || (input.gateState === "CONDITIONAL_PASS" && input.signOff.validSignOffs > 0),
  );
  return out;
}

/** conflict.md text: the `conflictChecks` as a table, with the number of conflicts first. */
export function buildConflictMarkdown(input: BundleInput): string {
  const checks = conflictChecks(input);
  const conflicts = checks.filter((c) => c.status === "CONFLICT").length;
  return (
    `# Conflict check: ${mdText(input.audit.slug)}\n\n` +
    `Claims checked against the audit's settings and its imported population (seed 000 "Output Artifacts"). ${conflicts === 0 ? "No conflict found." : `${conflicts} conflict${conflicts === 1 ? "" : "s"} found.`}\n\n` +
    mdTable(
      ["Check", "Claim", "Observed", "Status"],
      checks.map((c) => [`\`${c.code}\``, mdText(c.claim), mdText(c.observed), c.status === "CONFLICT" ? "**CONFLICT**" : c.status]),
    )
  );
}
