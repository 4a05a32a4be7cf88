/**
 * The published verdict report behind a share link (issue 8 "Shared reports you can verify"): the
 * report as it was when the link was made, as RFC 8785 canonical JSON, and its SHA-256, so a reader
 * can download the JSON and recompute the hash. A share link serves this snapshot, never a live
 * recomputation, so the public report cannot change silently.
 */
import canonicalize from "canonicalize";
import { sha256Hex } from "./checksum";
import type { SampleSummary, StratumCounts } from "./estimation";
import type { MathExplanation } from "./statistics/explain";
import type { GateState, Reason, Verdict } from "./verdict";

export const SHARE_SNAPSHOT_FORMAT = "countersign.share-snapshot/1";

type Stratum = { sampled: number; reviewed: number; fail: number; unknown: number };

export type ShareSnapshot = {
  format: typeof SHARE_SNAPSHOT_FORMAT;
  audit: { slug: string; title: string; changeDescription: string; projectName: string; auditDate: string; riskTier: number };
  verdict: Verdict;
  /** The gate in force when published (EXCEPTION while a break-glass exception was granted). */
  gateState: GateState;
  reasons: Reason[];
  /** Fractions in [0, 1] (not percent); null before a sample exists. */
  metrics: {
    defectRate: number | null;
    /** Upper bound at the audit's confidence (the name keeps the format's first version; see `confidence`). */
    upperBound95: number | null;
    /** One-sided confidence of the upper bound, e.g. 0.95. */
    confidence: number;
    decisionBasis: string;
    unknownRate: number | null;
    criticalDefects: number | null;
    confirmedFalsePositives: number;
    populationSize: number | null;
    sampled: number | null;
    reviewed: number | null;
  };
  strata: { census: Stratum; random: Stratum; supplementary: Stratum } | null;
  sample: { seed: string; populationChecksum: string } | null;
  /** Names of everyone who saved a review, sorted. */
  reviewers: string[];
  /** Approver sign-offs with their status when published (valid, stale or revoked). */
  signatures: { signer: string; status: string; signedAt: string; verdictSnapshotHash: string }[];
  /** "Show the math" (lib/statistics/explain.ts): formulas with the numbers in; null before a sample. */
  math: { pointEstimate: string; upperBound: string; defectEstimate: string; defectUpper: string; unknownEstimate: string; unknownUpper: string; sources: string[] } | null;
  /** Planning warnings that held when published (tier below the suggested one, tier size that cannot show a PASS). */
  planningWarnings: Reason[];
  /** UTC instant, ISO 8601. */
  publishedAt: string;
  /** Hash of the newest entry of the whole event log when published (null: empty log). */
  eventLogHeadHash: string | null;
};

export type ShareSnapshotInput = {
  audit: ShareSnapshot["audit"];
  verdict: Verdict;
  gateState: GateState;
  reasons: readonly Reason[];
  defectRate: number | null;
  unknownRate: number | null;
  upperBound: number | null;
  confidence: number;
  decisionBasis: string;
  confirmedFalsePositives: number;
  summary: SampleSummary | null;
  sample: { seed: string; populationChecksum: string } | null;
  reviewers: readonly string[];
  signatures: readonly { signer: string; status: string; createdAt: Date; snapshotHash: string }[];
  math: MathExplanation | null;
  planningWarnings: readonly Reason[];
  publishedAt: Date;
  eventLogHeadHash: string | null;
};

const stratum = (s: StratumCounts): Stratum => ({ sampled: s.size, reviewed: s.reviewed, fail: s.defects, unknown: s.unknowns });

/**
 * Builds the snapshot from the report as it is now. Pure; reasons, reviewers and signatures are
 * copied (reviewers sorted, signatures in the order given).
 */
export function buildShareSnapshot(i: ShareSnapshotInput): ShareSnapshot {
  const s = i.summary;
  return {
    format: SHARE_SNAPSHOT_FORMAT,
    audit: { ...i.audit },
    verdict: i.verdict,
    gateState: i.gateState,
    reasons: i.reasons.map((r) => ({ code: r.code, message: r.message })),
    metrics: {
      defectRate: i.defectRate,
      upperBound95: i.upperBound,
      confidence: i.confidence,
      decisionBasis: i.decisionBasis,
      unknownRate: i.unknownRate,
      criticalDefects: s?.criticalDefects ?? null,
      confirmedFalsePositives: i.confirmedFalsePositives,
      populationSize: s?.populationSize ?? null,
      sampled: s?.sampled ?? null,
      reviewed: s?.reviewed ?? null,
    },
    strata: s ? { census: stratum(s.census), random: stratum(s.random), supplementary: stratum(s.supplementary) } : null,
    sample: i.sample ? { seed: i.sample.seed, populationChecksum: i.sample.populationChecksum } : null,
    reviewers: [...i.reviewers].sort((a, b) => a.localeCompare(b, "en")),
    signatures: i.signatures.map((g) => ({ signer: g.signer, status: g.status, signedAt: g.createdAt.toISOString(), verdictSnapshotHash: g.snapshotHash })),
    math: i.math
      ? {
          pointEstimate: `${i.math.methods.pointEstimate.name}: ${i.math.methods.pointEstimate.formula}`,
          upperBound: `${i.math.methods.upperBound.name}: ${i.math.methods.upperBound.formula}`,
          defectEstimate: i.math.defect.estimate.worked,
          defectUpper: i.math.defect.upper.worked,
          unknownEstimate: i.math.unknown.estimate.worked,
          unknownUpper: i.math.unknown.upper.worked,
          sources: i.math.sources.map((src) => `${src.topic}: ${src.reference}`),
        }
      : null,
    planningWarnings: i.planningWarnings.map((r) => ({ code: r.code, message: r.message })),
    publishedAt: i.publishedAt.toISOString(),
    eventLogHeadHash: i.eventLogHeadHash,
  };
}

/**
 * A value's RFC 8785 canonical JSON (the exact bytes published for download) and the SHA-256
 * (lowercase hex) of its UTF-8 encoding. Used by both kinds of share snapshot.
 * @throws TypeError when the value holds something JSON cannot carry (NaN, Infinity).
 */
export function serializeCanonical(value: object): { json: string; hash: string } {
  const json = canonicalize(value);
  if (typeof json !== "string") throw new TypeError("the share snapshot cannot be canonicalized");
  return { json, hash: sha256Hex(json) };
}

/**
 * The snapshot's RFC 8785 canonical JSON (the exact bytes published for download) and the SHA-256
 * (lowercase hex) of its UTF-8 encoding.
 * @throws TypeError when the snapshot holds a value JSON cannot carry (NaN, Infinity).
 */
export function serializeShareSnapshot(s: ShareSnapshot): { json: string; hash: string } {
  return serializeCanonical(s);
}
