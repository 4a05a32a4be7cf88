/**
 * The verdict snapshot an approver signs (DESIGN.md "sign-off": "a signature covers a hash of the
 * exact verdict snapshot"). Its hash is SHA-256 over the RFC 8785 canonical JSON of the snapshot,
 * so anyone holding the snapshot JSON can recompute it with any RFC 8785 implementation.
 */
import canonicalize from "canonicalize";
import { sha256Hex } from "../checksum";
import type { Reason, Verdict } from "../verdict";

export type VerdictSnapshot = {
  auditSlug: string;
  verdict: Verdict;
  /** The gate the verdict gives (before any break-glass exception). */
  gateState: "OPEN" | "CONDITIONAL_PASS" | "BLOCKED";
  reasons: Reason[];
  metrics: {
    populationSize: number;
    sampled: number;
    reviewed: number;
    /** Fractions 0–1, null before a sample exists. */
    defectRate: number | null;
    unknownRate: number | null;
    upperBound: number | null;
  };
  /** Each sampled unit with the id of its latest review-history row (null: not reviewed). */
  reviews: { sampleUnitId: number; revision: number | null }[];
};

/** The snapshot with its reviews in sampled-unit order, as RFC 8785 canonical JSON text. */
export function canonicalSnapshotJson(s: VerdictSnapshot): string {
  const ordered = { ...s, reviews: [...s.reviews].sort((a, b) => a.sampleUnitId - b.sampleUnitId) };
  const text = canonicalize(ordered);
  if (text === undefined) throw new TypeError("the snapshot cannot be serialized as JSON");
  return text;
}

/** SHA-256 (64 hex) of `canonicalSnapshotJson(s)`: what a sign-off signs. */
export function snapshotHash(s: VerdictSnapshot): string {
  return sha256Hex(canonicalSnapshotJson(s));
}
