/**
 * One ADR audit's state, evaluated (issue 13 "ADR quality gate"): puts the rules of `adr.ts`
 * together for the page, the verdict and the report. Pure: the caller passes the stored ADR text,
 * the lens scores, the lens findings and the audit's config.
 */
import { ADR_LENSES, adrConfigSchema, DEFAULT_ADR_CONFIG, type AdrConfig, type Lens } from "./config";
import { combinedStatus, compareClaims, contentScore, countBlocking, coverage, runStructuralChecks, stripSelfClaimedScores, type ClaimComparison, type CombinedStatus, type Coverage, type LensScores, type StructuralFinding } from "./adr";

/** The tag that marks a stored lens finding as blocking (profile_findings has no blocking column). */
export const BLOCKING_TAG = "blocking";

/**
 * The ADR config in force for an audit: its stored `config` (written at creation from the
 * defaults and the admin's template), with any missing key taken from DEFAULT_ADR_CONFIG, parsed
 * by `adrConfigSchema`. An empty `{}` gives the defaults.
 * @throws ZodError when the stored config is invalid (a stored audit must not be silently reinterpreted).
 */
export function adrConfigOf(stored: Record<string, unknown> | null | undefined): AdrConfig {
  return adrConfigSchema.parse({ ...DEFAULT_ADR_CONFIG, ...(stored ?? {}) });
}

/**
 * The ADR's number NN (1–99) for report names (seed 003 "ADR-NN"): the first `ADR-NN` in the
 * frontmatter `title`, `id` or `document_id`, else in the first `#` heading. null when none is
 * found (an `ADR-NN` elsewhere in the text may reference another ADR, so it is not used).
 */
export function adrNumberOf(markdown: string, frontmatter: Record<string, unknown> | null): number | null {
  const pick = (s: unknown) => {
    const m = typeof s === "string" ? /\bADR-(\d{2})\b/.exec(s) : null;
    const n = m ? Number(m[1]) : 0;
    return n >= 1 && n <= 99 ? n : null;
  };
  for (const key of ["title", "id", "document_id"]) {
    const n = pick(frontmatter?.[key]);
    if (n) return n;
  }
  const lines = markdown.replace(/\r\n?/g, "\n").split("\n");
  const h1 = lines.find((l) => /^#\s/.test(l));
  return pick(h1);
}

/** A stored lens finding as the evaluation needs it (profile_findings row, section = lens). */
export type StoredLensFinding = { section: string; status: string; tags: readonly string[] };

export type AdrEvaluation = {
  /** null when no ADR was uploaded yet. */
  structural: { status: "PASS" | "FAIL"; findings: StructuralFinding[] } | null;
  /** What reviewers see: the ADR with self-claimed scores removed (seed 003). */
  stripped: string;
  contentScore: number | null;
  coverage: Coverage;
  lensesReturned: Lens[];
  blockingFindings: number;
  status: CombinedStatus;
  reasons: string[];
  /** The content review is over: every lens returned, or an operator ended it. */
  reviewComplete: boolean;
  /** Claimed vs computed, only once the review is complete (null before: reviewers must not see them). */
  claims: ClaimComparison[] | null;
  /** How many self-claimed scores were stripped (shown as a count before the review completes). */
  claimCount: number;
  gate: AdrGate;
};

export type AdrGate = "OPEN" | "CONDITIONAL_PASS" | "BLOCKED";

/** Gate of a combined status (issue 13 contract): PASS → OPEN, LOW_CONFIDENCE → CONDITIONAL_PASS (human review), FAIL → BLOCKED. */
export function adrGate(status: CombinedStatus): AdrGate {
  return status === "PASS" ? "OPEN" : status === "LOW_CONFIDENCE" ? "CONDITIONAL_PASS" : "BLOCKED";
}

/**
 * Evaluates an ADR audit: structural checks on the ADR text, content score and coverage from the
 * lens scores (0–100 each), blocking lens findings (tag `blocking`, not RESOLVED), the combined
 * status with its reasons and gate, and the self-claimed scores next to the computed content
 * score, revealed only when `reviewComplete` (all six lenses returned, or `reviewEnded`).
 * @param markdown the ADR text under review, or null when none was uploaded yet: then status is
 *   FAIL (gate BLOCKED) with the reason "no ADR uploaded yet: …", whatever the scores say; seed 003
 *   "Combined status" is PASS only when every Tier-1 check passes, and none has run.
 * @throws RangeError for a lens score outside 0–100 (adr.ts contentScore).
 */
export function evaluateAdr(input: { markdown: string | null; lensScores: LensScores; lensFindings: readonly StoredLensFinding[]; reviewEnded: boolean; config?: AdrConfig }): AdrEvaluation {
  const config = input.config ?? DEFAULT_ADR_CONFIG;
  const score = contentScore(input.lensScores, config);
  const cov = coverage(input.lensScores, config);
  const lensesReturned = ADR_LENSES.filter((l) => input.lensScores[l] !== undefined);
  const blockingFindings = countBlocking(input.lensFindings.map((f) => ({ blocking: f.tags.includes(BLOCKING_TAG), status: f.status as "OPEN" })));
  const reviewComplete = lensesReturned.length === ADR_LENSES.length || input.reviewEnded;
  if (input.markdown == null) {
    return {
      structural: null,
      stripped: "",
      contentScore: score,
      coverage: cov,
      lensesReturned,
      blockingFindings,
      status: "FAIL",
      reasons: ["no ADR uploaded yet: the structural (Tier-1) checks have not run"],
      reviewComplete,
      claims: null,
      claimCount: 0,
      gate: "BLOCKED",
    };
  }
  const structural = runStructuralChecks(input.markdown, config);
  const { stripped, claims } = stripSelfClaimedScores(input.markdown);
  const combined = combinedStatus({ structuralFindings: structural.findings, contentScore: score, blockingFindings, quorumMet: cov.quorumMet }, config);
  return {
    structural: { status: structural.status, findings: structural.findings },
    stripped,
    contentScore: score,
    coverage: cov,
    lensesReturned,
    blockingFindings,
    status: combined.status,
    reasons: combined.reasons,
    reviewComplete,
    claims: reviewComplete ? compareClaims(claims, score, config) : null,
    claimCount: claims.length,
    gate: adrGate(combined.status),
  };
}
