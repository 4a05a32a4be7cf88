import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { canonicalSnapshotJson, snapshotHash, type VerdictSnapshot } from "./snapshot";

const snapshot: VerdictSnapshot = {
  auditSlug: "billing-2026-11-24",
  verdict: "PASS_WITH_NOTES",
  gateState: "CONDITIONAL_PASS",
  reasons: [
    { code: "DEFECT_RATE_ABOVE_3", message: "Estimated defect rate 5.00% is above 3% (at most 7%)." },
    { code: "REMEDIATION_OWNED", message: "Every failed unit has a remediation owner." },
  ],
  metrics: { populationSize: 1200, sampled: 80, reviewed: 80, defectRate: 0.05, unknownRate: 0, upperBound: 0.0625 },
  reviews: [
    { sampleUnitId: 9, revision: 40 },
    { sampleUnitId: 3, revision: 41 },
    { sampleUnitId: 12, revision: null },
  ],
};

// Written by hand: keys sorted, reviews by sampleUnitId, no whitespace (RFC 8785).
const CANONICAL =
  '{"auditSlug":"billing-2026-11-24","gateState":"CONDITIONAL_PASS",' +
  '"metrics":{"defectRate":0.05,"populationSize":1200,"reviewed":80,"sampled":80,"unknownRate":0,"upperBound":0.0625},' +
  '"reasons":[{"code":"DEFECT_RATE_ABOVE_3","message":"Estimated defect rate 5.00% is above 3% (at most 7%)."},{"code":"REMEDIATION_OWNED","message":"Every failed unit has a remediation owner."}],' +
  '"reviews":[{"revision":41,"sampleUnitId":3},{"revision":40,"sampleUnitId":9},{"revision":null,"sampleUnitId":12}],' +
  '"verdict":"PASS_WITH_NOTES"}';

const hash = snapshotHash(snapshot);

describe("canonicalSnapshotJson", () => {
  it("is the RFC 8785 text written by hand", () => {
    expect(canonicalSnapshotJson(snapshot)).toBe(CANONICAL);
  });

  it("sorts reviews numerically, not as text (3 < 9 < 12)", () => {
    expect(canonicalSnapshotJson(snapshot)).toContain('"sampleUnitId":3},{"revision":40,"sampleUnitId":9},{"revision":null,"sampleUnitId":12}');
  });

  it("does not reorder the caller's reviews array", () => {
    const reviews = [...snapshot.reviews];
    canonicalSnapshotJson({ ...snapshot, reviews });
    expect(reviews.map((r) => r.sampleUnitId)).toEqual([9, 3, 12]);
  });

  it("formats numbers as ECMAScript does (RFC 8785 §3.2.2.3)", () => {
    const json = canonicalSnapshotJson({ ...snapshot, metrics: { ...snapshot.metrics, defectRate: 1e-7, unknownRate: 0.1 + 0.2, upperBound: 1 } });
    expect(json).toContain('"defectRate":1e-7');
    expect(json).toContain('"unknownRate":0.30000000000000004');
    expect(json).toContain('"upperBound":1}');
  });

  it("ignores properties outside the documented shape", () => {
    const extra = { ...snapshot, signedBy: "sam", metrics: { ...snapshot.metrics, note: "x" }, reviews: snapshot.reviews.map((r) => ({ ...r, finding: "PASS" })) };
    expect(canonicalSnapshotJson(extra as VerdictSnapshot)).toBe(CANONICAL);
  });

  it.each([
    ["a missing revision (undefined would vanish from JSON)", { ...snapshot, reviews: [{ sampleUnitId: 3 }] }, TypeError, /reviews\[0\]\.revision/],
    ["a missing metric", { ...snapshot, metrics: { ...snapshot.metrics, upperBound: undefined } }, TypeError, /metrics\.upperBound/],
    ["missing metrics", { ...snapshot, metrics: undefined }, TypeError, /metrics\.populationSize/],
    ["a NaN rate", { ...snapshot, metrics: { ...snapshot.metrics, defectRate: NaN } }, TypeError, /NaN/],
    ["an infinite count", { ...snapshot, metrics: { ...snapshot.metrics, sampled: Infinity } }, TypeError, /Infinity/],
    ["a lone surrogate in a message", { ...snapshot, reasons: [{ code: "X", message: "\ud800" }] }, TypeError, /surrogate/],
    ["a duplicate sample unit", { ...snapshot, reviews: [{ sampleUnitId: 3, revision: 1 }, { sampleUnitId: 3, revision: 2 }] }, RangeError, /sample unit 3 appears twice/],
  ])("refuses %s", (_name, bad, error, message) => {
    expect(() => canonicalSnapshotJson(bad as unknown as VerdictSnapshot)).toThrow(error);
    expect(() => snapshotHash(bad as unknown as VerdictSnapshot)).toThrow(message);
  });
});

describe("snapshotHash", () => {
  it("is SHA-256 hex of the hand-written canonical JSON", () => {
    expect(hash).toBe(createHash("sha256").update(CANONICAL, "utf8").digest("hex"));
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("hashes non-ASCII text as UTF-8", () => {
    const s = { ...snapshot, reasons: [{ code: "NOTE", message: "Défaut ≤ 3 % — ok" }] };
    expect(canonicalSnapshotJson(s)).toContain('"message":"Défaut ≤ 3 % — ok"');
    expect(snapshotHash(s)).toBe(createHash("sha256").update(Buffer.from(canonicalSnapshotJson(s), "utf8")).digest("hex"));
  });

  it("does not depend on key order", () => {
    const reordered: VerdictSnapshot = {
      reviews: snapshot.reviews.map((r) => ({ revision: r.revision, sampleUnitId: r.sampleUnitId })),
      metrics: { upperBound: 0.0625, unknownRate: 0, defectRate: 0.05, reviewed: 80, sampled: 80, populationSize: 1200 },
      reasons: snapshot.reasons.map((r) => ({ message: r.message, code: r.code })),
      gateState: "CONDITIONAL_PASS",
      verdict: "PASS_WITH_NOTES",
      auditSlug: "billing-2026-11-24",
    };
    expect(snapshotHash(reordered)).toBe(hash);
  });

  it.each([
    ["reversed", [...snapshot.reviews].reverse()],
    ["sorted", [...snapshot.reviews].sort((a, b) => a.sampleUnitId - b.sampleUnitId)],
    ["rotated", [snapshot.reviews[2], snapshot.reviews[0], snapshot.reviews[1]]],
  ])("does not depend on review order (%s)", (_name, reviews) => {
    expect(snapshotHash({ ...snapshot, reviews })).toBe(hash);
  });

  it.each([
    ["unit 9 re-reviewed (40 → 42)", [{ sampleUnitId: 9, revision: 42 }, snapshot.reviews[1], snapshot.reviews[2]]],
    ["unit 12 reviewed for the first time (null → 43)", [snapshot.reviews[0], snapshot.reviews[1], { sampleUnitId: 12, revision: 43 }]],
    ["unit 3's review gone (41 → null)", [snapshot.reviews[0], { sampleUnitId: 3, revision: null }, snapshot.reviews[2]]],
    ["revisions swapped between units", [{ sampleUnitId: 9, revision: 41 }, { sampleUnitId: 3, revision: 40 }, snapshot.reviews[2]]],
    ["a unit dropped", snapshot.reviews.slice(0, 2)],
    ["a unit added", [...snapshot.reviews, { sampleUnitId: 13, revision: null }]],
  ])("changes when a review changes: %s", (_name, reviews) => {
    expect(snapshotHash({ ...snapshot, reviews })).not.toBe(hash);
  });

  it.each([
    ["verdict", { verdict: "PASS" as const }],
    ["gate", { gateState: "OPEN" as const }],
    ["slug", { auditSlug: "billing-2026-11-25" }],
    ["reason order", { reasons: [...snapshot.reasons].reverse() }],
    ["reason text", { reasons: [snapshot.reasons[0], { code: "REMEDIATION_OWNED", message: "changed" }] }],
    ["unknown rate 0 vs null", { metrics: { ...snapshot.metrics, unknownRate: null } }],
    ["sampled count", { metrics: { ...snapshot.metrics, sampled: 81 } }],
  ])("changes with the %s", (_name, change) => {
    expect(snapshotHash({ ...snapshot, ...change })).not.toBe(hash);
  });
});
