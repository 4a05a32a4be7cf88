/**
 * adversarial.md (seed 000 "Output Artifacts": "Challenges to audit design and sampling logic";
 * "Governance-invoke if: Adversarial or conflict audits flag unverified final-state assumptions").
 */
import { defectRateUpperBound, type SampleSummary } from "../estimation";
import { TIER_POLICY } from "../tiers";
import { PASS_MAX_DEFECT_RATE } from "../verdict";
import type { BundleInput } from "./input";
import { mdText, percent } from "./markdown";

export type Challenge = { code: string; severity: "warning" | "info"; source: "automatic" | "reviewer"; message: string };

/** A reviewer note is a recorded challenge when it starts with `challenge:` or carries the tag `#challenge` (any case). */
const REVIEWER_CHALLENGE = /^\s*challenge\s*:|#challenge\b/i;

/**
 * The upper bound the sample could reach at best: every sampled unit reviewed and none defective
 * (lib/estimation.ts defectRateUpperBound on that hypothetical summary, one-sided 95%).
 * @returns a fraction 0–1, or null before the draw.
 */
export function bestCaseUpperBound(input: BundleInput): number | null {
  const s = input.summary;
  if (!s) return null;
  const clean = (size: number) => ({ size, reviewed: size, defects: 0, unknowns: 0 });
  const best: SampleSummary = { ...s, census: clean(s.census.size), random: clean(s.random.size), supplementary: clean(s.supplementary.size), reviewed: s.sampled, criticalDefects: 0, failedWithoutOwner: 0 };
  return defectRateUpperBound(best);
}

/**
 * Challenges to the audit's design and sampling, automatic ones first (in this order), then those
 * recorded by reviewers (in review order):
 * - CENSUS_EXCEEDS_TIER_CAP (warning): more FAILED/UNKNOWN units than the tier cap (seed 000
 *   "Sampling Policy" table), so review load exceeds what the tier foresaw;
 * - TIER_TOO_SMALL_FOR_PASS (warning): even with every sampled unit reviewed and no defect, the
 *   exact 95% upper bound on the defect rate would exceed the 3% PASS threshold ("Verdict Rules"),
 *   i.e. the sample cannot demonstrate a PASS with confidence;
 * - UPPER_BOUND_ABOVE_PASS_THRESHOLD (warning): the verdict is PASS on the point estimate while
 *   the current upper bound exceeds 3%;
 * - STABILITY_FAILED_ATTEMPT (warning): a recorded identity stability test returned a result
 *   different from the expected one ("Entity Identity Stability Check"), even if a later run passed;
 *   STABILITY_NOT_CHECKED (warning) when none is recorded;
 * - CLUSTERS_CAPPED (warning): identity-collision clusters left out by DUPLICATE_CLUSTER_CAP;
 * - SUBGROUP_ABSENT (info): a declared high-risk subgroup has no units;
 * - BOUNDED_STALENESS (info): the source of truth is only boundedly consistent;
 * - CONFIRMED_FALSE_POSITIVES (info): units flagged FAILED/UNKNOWN were found correct, so the
 *   execution flags over-report;
 * - REVIEWER_CHALLENGE (warning): a reviewer note starting with `challenge:` or tagged `#challenge`.
 * @returns the list, empty when nothing is challenged. Pure.
 */
export function adversarialChallenges(input: BundleInput): Challenge[] {
  const out: Challenge[] = [];
  const auto = (code: string, severity: Challenge["severity"], message: string) => out.push({ code, severity, source: "automatic", message });
  const { sample, audit } = input;
  if (sample) {
    const cap = TIER_POLICY[sample.riskTier].cap;
    if (sample.censusSize > cap) auto("CENSUS_EXCEEDS_TIER_CAP", "warning", `The census stratum holds ${sample.censusSize} FAILED or UNKNOWN units, more than the tier ${sample.riskTier} cap of ${cap}; all of them must be reviewed.`);
    const best = bestCaseUpperBound(input);
    if (best !== null && best > PASS_MAX_DEFECT_RATE) {
      auto(
        "TIER_TOO_SMALL_FOR_PASS",
        "warning",
        `Even with all ${input.summary!.sampled} sampled units reviewed and no defect found, the one-sided 95% upper bound on the defect rate would be ${percent(best)}, above the 3% PASS threshold: this tier's sample size cannot demonstrate a PASS with confidence.`,
      );
    }
    if (input.assessment.verdict === "PASS" && input.upperBound !== null && input.upperBound > PASS_MAX_DEFECT_RATE) {
      auto("UPPER_BOUND_ABOVE_PASS_THRESHOLD", "warning", `The verdict is PASS on the estimated defect rate ${percent(input.assessment.defectRate)}, but the 95% upper bound is ${percent(input.upperBound)}, above 3%.`);
    }
  }
  const failedAttempts = input.stabilityAttempts.filter((a) => !a.passed);
  for (const a of failedAttempts) {
    auto("STABILITY_FAILED_ATTEMPT", "warning", `The identity stability test recorded at ${a.at} returned ${JSON.stringify(a.actualResult)}, not the expected ${JSON.stringify(audit.sotExpectedResult)}.`);
  }
  if (input.stabilityAttempts.length === 0 && audit.consistencyModel !== "eventual") auto("STABILITY_NOT_CHECKED", "warning", "No identity stability test result is recorded.");
  if (sample && sample.clustersIncluded < sample.clustersAvailable) {
    auto("CLUSTERS_CAPPED", "warning", `${sample.clustersAvailable - sample.clustersIncluded} of ${sample.clustersAvailable} identity-collision clusters were not sampled (DUPLICATE_CLUSTER_CAP ${audit.duplicateClusterCap}).`);
  }
  for (const w of sample?.warnings ?? []) if (w.code === "SUBGROUP_ABSENT") auto("SUBGROUP_ABSENT", "info", w.message);
  if (audit.consistencyModel === "bounded_staleness") {
    auto("BOUNDED_STALENESS", "info", `The source of truth is boundedly stale (${audit.stalenessBoundSeconds ?? "unknown"} s): a unit checked within that window may not show its final state.`);
  }
  const falsePositives = input.units.filter((u) => u.falsePositive).length;
  if (falsePositives > 0) auto("CONFIRMED_FALSE_POSITIVES", "info", `${falsePositives} unit${falsePositives === 1 ? "" : "s"} flagged FAILED or UNKNOWN by execution ${falsePositives === 1 ? "was" : "were"} found correct: the execution flags over-report.`);
  for (const u of input.units) {
    if (u.note && REVIEWER_CHALLENGE.test(u.note)) out.push({ code: "REVIEWER_CHALLENGE", severity: "warning", source: "reviewer", message: `${u.reviewedBy ?? "A reviewer"} on unit ${u.unitKey}: ${u.note}` });
  }
  return out;
}

/**
 * adversarial.md text: every challenge of `adversarialChallenges` as a list item with its code,
 * severity and source, or a line saying none was raised; plus what was checked.
 */
export function buildAdversarialMarkdown(input: BundleInput): string {
  const challenges = adversarialChallenges(input);
  const lines = [`# Adversarial review: ${mdText(input.audit.slug)}\n`, "\nChallenges to the audit design and sampling logic (seed 000 \"Output Artifacts\").\n\n"];
  if (challenges.length === 0) lines.push("No challenge was raised.\n");
  for (const c of challenges) lines.push(`- **${c.code}** (${c.severity}, ${c.source}): ${mdText(c.message)}\n`);
  lines.push(
    "\n## Checked automatically\n\n" +
      "- census stratum larger than the tier cap\n" +
      "- tier sample too small to demonstrate PASS (best-case 95% upper bound above 3%)\n" +
      "- PASS verdict with an upper bound above 3%\n" +
      "- failed or missing identity stability test\n" +
      "- identity-collision clusters left out by the cap; absent high-risk subgroups\n" +
      "- bounded-staleness source of truth; confirmed false positives\n" +
      "\nReviewers record a challenge by starting a review note with `challenge:` or tagging it `#challenge`.\n",
  );
  return lines.join("");
}
