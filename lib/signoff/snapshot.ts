/**
 * The verdict snapshot an approver signs (DESIGN.md "sign-off": "a signature covers a hash of the
 * exact verdict snapshot"; seed 000 "Closure Gating": PASS_WITH_NOTES closes "with approver
 * signature"). Its hash is SHA-256 over the RFC 8785 canonical JSON of the snapshot, so anyone
 * holding the snapshot JSON can recompute it with any RFC 8785 implementation.
 */
import canonicalize from "canonicalize";
import { sha256Hex } from "../checksum";
import type { Reason, Verdict } from "../verdict";

export type VerdictSnapshot = {
  auditSlug: string;
  verdict: Verdict;
  /** The gate the verdict gives (before any break-glass exception). */
  gateState: "OPEN" | "CONDITIONAL_PASS" | "BLOCKED";
  /** The verdict's reasons, in the order the verdict gave them (order is part of what is signed). */
  reasons: Reason[];
  metrics: {
    /** Counts of units. */
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

const field = (path: string) => new TypeError(`the verdict snapshot's ${path} is missing or not of the documented type`);

function str(value: unknown, path: string): string {
  if (typeof value !== "string") throw field(path);
  return value;
}

function num(value: unknown, path: string): number {
  if (typeof value !== "number") throw field(path);
  return value;
}

function numOrNull(value: unknown, path: string): number | null {
  return value === null ? null : num(value, path);
}

/**
 * The snapshot as RFC 8785 canonical JSON text (object keys sorted by UTF-16 code units, ES number
 * formatting, no whitespace), with `reviews` sorted by ascending `sampleUnitId` so the order the
 * caller listed them in does not matter; `reasons` keep their order.
 * Only the fields of `VerdictSnapshot` are taken, so an extra property on the input (say, a spread
 * database row) never changes what is signed (ours: the hash is defined over the documented shape).
 * @throws TypeError when a field is missing or of the wrong type (an `undefined` would otherwise
 *   vanish from the JSON silently), or a number is NaN or infinite (RFC 8785 forbids them).
 * @throws RangeError when two reviews name the same sampleUnitId.
 */
export function canonicalSnapshotJson(s: VerdictSnapshot): string {
  const m = s.metrics ?? ({} as Partial<VerdictSnapshot["metrics"]>);
  if (!Array.isArray(s.reasons)) throw field("reasons");
  if (!Array.isArray(s.reviews)) throw field("reviews");
  const reviews = s.reviews
    .map((r, i) => ({ sampleUnitId: num(r?.sampleUnitId, `reviews[${i}].sampleUnitId`), revision: numOrNull(r?.revision, `reviews[${i}].revision`) }))
    .sort((a, b) => a.sampleUnitId - b.sampleUnitId);
  for (let i = 1; i < reviews.length; i++) {
    if (reviews[i].sampleUnitId === reviews[i - 1].sampleUnitId) throw new RangeError(`sample unit ${reviews[i].sampleUnitId} appears twice in the snapshot's reviews`);
  }
  const exact = {
    auditSlug: str(s.auditSlug, "auditSlug"),
    verdict: str(s.verdict, "verdict"),
    gateState: str(s.gateState, "gateState"),
    reasons: s.reasons.map((r, i) => ({ code: str(r?.code, `reasons[${i}].code`), message: str(r?.message, `reasons[${i}].message`) })),
    metrics: {
      populationSize: num(m.populationSize, "metrics.populationSize"),
      sampled: num(m.sampled, "metrics.sampled"),
      reviewed: num(m.reviewed, "metrics.reviewed"),
      defectRate: numOrNull(m.defectRate, "metrics.defectRate"),
      unknownRate: numOrNull(m.unknownRate, "metrics.unknownRate"),
      upperBound: numOrNull(m.upperBound, "metrics.upperBound"),
    },
    reviews,
  };
  try {
    return canonicalize(exact) as string;
  } catch (e) {
    throw new TypeError(`the verdict snapshot cannot be canonicalized: ${(e as Error).message}`);
  }
}

/**
 * What a sign-off signs: SHA-256 of `canonicalSnapshotJson(s)` (UTF-8), as 64 lowercase hex digits.
 * Same snapshot in any key or review order → same hash; any changed field or review revision →
 * a different hash (so an earlier signature turns stale).
 * @throws as `canonicalSnapshotJson`.
 */
export function snapshotHash(s: VerdictSnapshot): string {
  return sha256Hex(canonicalSnapshotJson(s));
}
