import { describe, expect, it } from "vitest";
import { closeoutRefusals, effectiveGateState } from "./closeout";
import { remediationDueAt, remediationStatus } from "./remediation";
import { signatureStatus, signOffRefusals, signOffRequestStatus } from "./sign-off";
import { twoPersonCleared, twoPersonRefusal } from "./two-person";

const base = { signerId: 7, signerRoles: ["approver"], auditCreatorId: 1, reviewerIds: [2, 3], separationOfDuties: true, existing: [], snapshotHash: "h1", auditClosed: false };

describe("signOffRefusals", () => {
  it("lets an approver who neither created nor reviewed the audit sign", () => {
    expect(signOffRefusals(base)).toEqual([]);
  });
  it("refuses a user without the approver role", () => {
    expect(signOffRefusals({ ...base, signerRoles: ["operator", "security"] }).map((r) => r.code)).toEqual(["NOT_APPROVER"]);
  });
  it("refuses self-approval by the creator and by a reviewer", () => {
    expect(signOffRefusals({ ...base, signerId: 1 }).map((r) => r.code)).toEqual(["SELF_APPROVAL_CREATOR"]);
    expect(signOffRefusals({ ...base, signerId: 3 }).map((r) => r.code)).toEqual(["SELF_APPROVAL_REVIEWER"]);
  });
  it("allows the creator or a reviewer when separation of duties is turned off", () => {
    expect(signOffRefusals({ ...base, signerId: 3, separationOfDuties: false })).toEqual([]);
  });
  it("refuses signing the same snapshot twice, even after revoking; a new snapshot may be signed", () => {
    expect(signOffRefusals({ ...base, existing: [{ signerId: 7, snapshotHash: "h1" }] }).map((r) => r.code)).toEqual(["ALREADY_SIGNED"]);
    expect(signOffRefusals({ ...base, existing: [{ signerId: 7, snapshotHash: "h0" }, { signerId: 8, snapshotHash: "h1" }] })).toEqual([]);
  });
  it("refuses a closed audit", () => {
    expect(signOffRefusals({ ...base, auditClosed: true }).map((r) => r.code)).toEqual(["AUDIT_CLOSED"]);
  });
});

describe("signatureStatus", () => {
  it("is valid on the current hash, stale after any change, revoked when revoked", () => {
    expect(signatureStatus({ snapshotHash: "a", revokedAt: null }, "a")).toBe("valid");
    expect(signatureStatus({ snapshotHash: "a", revokedAt: null }, "b")).toBe("stale");
    expect(signatureStatus({ snapshotHash: "a", revokedAt: new Date() }, "a")).toBe("revoked");
  });
});

describe("signOffRequestStatus", () => {
  const deadline = new Date("2026-11-24T12:00:00Z");
  it("is open up to and at the deadline, expired after it, fulfilled once signed", () => {
    expect(signOffRequestStatus({ deadline, fulfilled: false }, new Date("2026-11-24T12:00:00Z"))).toBe("open");
    expect(signOffRequestStatus({ deadline, fulfilled: false }, new Date("2026-11-24T12:00:00.001Z"))).toBe("expired");
    expect(signOffRequestStatus({ deadline, fulfilled: true }, new Date("2026-12-01T00:00:00Z"))).toBe("fulfilled");
    expect(signOffRequestStatus({ deadline: null, fulfilled: false }, new Date("2099-01-01T00:00:00Z"))).toBe("open");
  });
});

describe("closeout (fail closed)", () => {
  const ok = { baseGate: "OPEN" as const, validSignOffs: 0, exceptionGranted: false, destructiveRemediation: false, destructiveCleared: false, alreadyClosed: false, verdictReasons: [] };
  it("OPEN closes", () => expect(closeoutRefusals(ok)).toEqual([]));
  it("CONDITIONAL_PASS needs a valid sign-off", () => {
    expect(closeoutRefusals({ ...ok, baseGate: "CONDITIONAL_PASS" }).map((r) => r.code)).toEqual(["SIGN_OFF_REQUIRED"]);
    expect(closeoutRefusals({ ...ok, baseGate: "CONDITIONAL_PASS", validSignOffs: 1 })).toEqual([]);
  });
  it("BLOCKED refuses with the verdict's own reasons, unless a break-glass exception is granted", () => {
    const reasons = [{ code: "DEFECT_RATE_ABOVE_7", message: "x" }];
    expect(closeoutRefusals({ ...ok, baseGate: "BLOCKED", verdictReasons: reasons }).map((r) => r.code)).toEqual(["GATE_BLOCKED", "DEFECT_RATE_ABOVE_7"]);
    expect(closeoutRefusals({ ...ok, baseGate: "BLOCKED", exceptionGranted: true, verdictReasons: reasons })).toEqual([]);
  });
  it("a destructive remediation needs its clearance", () => {
    expect(closeoutRefusals({ ...ok, destructiveRemediation: true }).map((r) => r.code)).toEqual(["DESTRUCTIVE_CLEARANCE_REQUIRED"]);
    expect(closeoutRefusals({ ...ok, destructiveRemediation: true, destructiveCleared: true })).toEqual([]);
  });
  it("a closed audit cannot be closed again", () => {
    expect(closeoutRefusals({ ...ok, alreadyClosed: true }).map((r) => r.code)).toEqual(["ALREADY_CLOSED"]);
  });
  it("EXCEPTION replaces the gate only while granted", () => {
    expect(effectiveGateState("BLOCKED", true)).toBe("EXCEPTION");
    expect(effectiveGateState("BLOCKED", false)).toBe("BLOCKED");
  });
});

describe("remediation SLA", () => {
  const failedAt = new Date("2026-11-24T10:00:00Z");
  it("adds 2 days for a critical defect and 10 otherwise", () => {
    expect(remediationDueAt(failedAt, "critical").toISOString()).toBe("2026-11-26T10:00:00.000Z");
    expect(remediationDueAt(failedAt, "standard").toISOString()).toBe("2026-12-04T10:00:00.000Z");
    expect(remediationDueAt(failedAt, "standard", { critical: 1, standard: 3 }).toISOString()).toBe("2026-11-27T10:00:00.000Z");
  });
  it("is overdue only after the due time", () => {
    const due = new Date("2026-11-26T10:00:00Z");
    expect(remediationStatus(due, due)).toBe("on_track");
    expect(remediationStatus(due, new Date(due.getTime() + 1))).toBe("overdue");
    expect(remediationStatus(null, due)).toBe("none");
  });
});

describe("two-person approval", () => {
  it("needs two distinct users with security or approver", () => {
    expect(twoPersonCleared([{ userId: 1, roles: ["security"] }])).toBe(false);
    expect(twoPersonCleared([{ userId: 1, roles: ["security"] }, { userId: 1, roles: ["security"] }])).toBe(false);
    expect(twoPersonCleared([{ userId: 1, roles: ["security"] }, { userId: 2, roles: ["operator"] }])).toBe(false);
    expect(twoPersonCleared([{ userId: 1, roles: ["security"] }, { userId: 2, roles: ["approver"] }])).toBe(true);
  });
  it("refuses an unauthorized user and a second approval by the same user", () => {
    expect(twoPersonRefusal(5, ["reviewer"], [])?.code).toBe("NOT_AUTHORIZED");
    expect(twoPersonRefusal(5, ["approver"], [{ userId: 5 }])?.code).toBe("ALREADY_APPROVED");
    expect(twoPersonRefusal(5, ["approver"], [{ userId: 6 }])).toBeNull();
  });
});
