import { describe, expect, it } from "vitest";
import { launchReadinessVerdict } from "./launch-verdict";
import { profileSignOffRefusals, profileSnapshotHash, profileSnapshotJson, type ProfileSnapshot } from "./profile-signoff";

const snap: ProfileSnapshot = { checkSlug: "shop-launch-2026-05-04", profile: "launch_readiness", verdict: "READY", gate: "OPEN", reasons: [], findings: [{ id: 2, revision: "b" }, { id: 1, revision: "a" }] };
const base = { signerId: 2, signerRoles: ["approver"], auditCreatorId: 1, gate: "OPEN" as const, profileRefusals: [], existing: [], snapshotHash: "h", auditClosed: false };

describe("profile snapshot (issue 13 sign-off)", () => {
  it("is canonical: finding order does not matter, a revision does", () => {
    expect(profileSnapshotJson(snap)).toBe(profileSnapshotJson({ ...snap, findings: [...snap.findings].reverse() }));
    expect(profileSnapshotHash(snap)).toMatch(/^[0-9a-f]{64}$/);
    expect(profileSnapshotHash({ ...snap, findings: [{ id: 1, revision: "a2" }, { id: 2, revision: "b" }] })).not.toBe(profileSnapshotHash(snap));
    expect(profileSnapshotHash({ ...snap, reasons: ["x"] })).not.toBe(profileSnapshotHash(snap));
  });
});

describe("profile sign-off refusals", () => {
  it("allows an approver who did not create the audit on an open gate", () => {
    expect(profileSignOffRefusals(base)).toEqual([]);
  });
  it("refuses the creator, a non-approver, a blocked gate, a second signature and the profile's refusals", () => {
    expect(profileSignOffRefusals({ ...base, signerId: 1 }).map((r) => r.code)).toEqual(["SELF_APPROVAL_CREATOR"]);
    expect(profileSignOffRefusals({ ...base, signerRoles: ["reviewer"] }).map((r) => r.code)).toEqual(["NOT_APPROVER"]);
    expect(profileSignOffRefusals({ ...base, gate: "BLOCKED" }).map((r) => r.code)).toEqual(["GATE_BLOCKED"]);
    expect(profileSignOffRefusals({ ...base, existing: [{ signerId: 2, snapshotHash: "h", revokedAt: null }] }).map((r) => r.code)).toEqual(["ALREADY_SIGNED"]);
    expect(profileSignOffRefusals({ ...base, gate: "CONDITIONAL_PASS", profileRefusals: ['Fix Soon "X" needs a due date before sign-off'] })).toEqual([
      { code: "PROFILE_REFUSAL", message: 'Fix Soon "X" needs a due date before sign-off.' },
    ]);
  });
});

describe("launch readiness verdict for the shell", () => {
  const f = (over: object) => ({ title: "T", section: "security", category: null, status: "OPEN" as const, dueDate: null, ...over });
  it("gives the gate and reasons; resolved findings do not count", () => {
    expect(launchReadinessVerdict([])).toEqual({ verdict: "READY", gate: "OPEN", reasons: [], refusals: [] });
    const v = launchReadinessVerdict([f({ title: "SQLi", category: "STOP_SHIP" }), f({ title: "Logs", section: "observability", category: "FIX_SOON" })]);
    expect(v).toMatchObject({ verdict: "NOT_READY", gate: "BLOCKED" });
    expect(v.reasons).toEqual(['Stop-Ship: "SQLi" (Security and Abuse Audit) blocks the launch', 'Fix Soon: "Logs" (Observability and Debuggability), no due date yet']);
    expect(v.refusals.map((r) => r.code)).toEqual(["FIX_SOON_WITHOUT_TIMELINE"]);
    const w = launchReadinessVerdict([f({ category: "STOP_SHIP", status: "RESOLVED" }), f({ title: "Logs", category: "FIX_SOON", dueDate: "2026-05-10" })]);
    expect(w).toMatchObject({ verdict: "READY_WITH_CONDITIONS", gate: "CONDITIONAL_PASS", refusals: [] });
  });
  it("holds the launch while a standing finding has no category (default to pessimism); a resolved one does not", () => {
    const v = launchReadinessVerdict([f({ title: "Nightly job hard-deletes orders", section: "data-safety" }), f({ title: "Logs", section: "observability", category: "FIX_SOON", dueDate: "2026-05-10" })]);
    expect(v).toMatchObject({ verdict: "NOT_READY", gate: "BLOCKED" });
    expect(v.reasons[0]).toMatch(/^Not categorised: "Nightly job hard-deletes orders" \(.+\) holds the launch until it is categorised/);
    expect(v.refusals.map((r) => r.code)).toContain("UNCATEGORISED");
    expect(launchReadinessVerdict([f({ status: "RESOLVED" })])).toMatchObject({ verdict: "READY", gate: "OPEN", reasons: [] });
  });
});
