import { describe, expect, it } from "vitest";
import { signatureStatus, signOffRefusals, signOffRequestStatus, type SignOffInput } from "./sign-off";

const H1 = "a".repeat(64);
const H0 = "b".repeat(64);
const revoked = new Date("2026-11-24T09:00:00Z");
const base: SignOffInput = { signerId: 7, signerRoles: ["approver"], auditCreatorId: 1, reviewerIds: [2, 3], separationOfDuties: true, existing: [], snapshotHash: H1, auditClosed: false };
const codes = (input: Partial<SignOffInput>) => signOffRefusals({ ...base, ...input }).map((r) => r.code);

describe("signOffRefusals", () => {
  it("lets an approver who neither created nor reviewed the audit sign", () => {
    expect(signOffRefusals(base)).toEqual([]);
  });

  it.each([[[]], [["operator"]], [["operator", "reviewer", "security", "admin"]], [["Approver"]], [["approvers"]]])("refuses roles %j: NOT_APPROVER", (signerRoles) => {
    expect(codes({ signerRoles })).toEqual(["NOT_APPROVER"]);
  });

  it("accepts approver among other roles", () => {
    expect(codes({ signerRoles: ["operator", "approver"] })).toEqual([]);
  });

  it("with separation of duties, refuses the creator and any reviewer", () => {
    expect(codes({ signerId: 1 })).toEqual(["SELF_APPROVAL_CREATOR"]);
    expect(codes({ signerId: 2 })).toEqual(["SELF_APPROVAL_REVIEWER"]);
    expect(codes({ signerId: 3 })).toEqual(["SELF_APPROVAL_REVIEWER"]);
    expect(codes({ signerId: 1, reviewerIds: [1] })).toEqual(["SELF_APPROVAL_CREATOR", "SELF_APPROVAL_REVIEWER"]);
  });

  it("without separation of duties, the creator and reviewers may sign", () => {
    expect(codes({ signerId: 1, reviewerIds: [1], separationOfDuties: false })).toEqual([]);
    expect(codes({ signerId: 3, separationOfDuties: false })).toEqual([]);
  });

  it("refuses a second signature on the same hash while the first stands", () => {
    expect(codes({ existing: [{ signerId: 7, snapshotHash: H1, revokedAt: null }] })).toEqual(["ALREADY_SIGNED"]);
  });

  it("refuses signing the same hash again even after revoking it (nobody signs a snapshot twice)", () => {
    expect(codes({ existing: [{ signerId: 7, snapshotHash: H1, revokedAt: revoked }] })).toEqual(["ALREADY_SIGNED"]);
    expect(codes({ existing: [{ signerId: 7, snapshotHash: H0, revokedAt: revoked }] })).toEqual([]);
    expect(codes({ existing: [{ signerId: 7, snapshotHash: H1, revokedAt: revoked }, { signerId: 7, snapshotHash: H1, revokedAt: null }] })).toEqual(["ALREADY_SIGNED"]);
  });

  it("counts a row without revokedAt as standing (fail closed)", () => {
    expect(codes({ existing: [{ signerId: 7, snapshotHash: H1 } as SignOffInput["existing"][number]] })).toEqual(["ALREADY_SIGNED"]);
  });

  it("a stale signature (older hash) or someone else's on this hash does not block", () => {
    expect(codes({ existing: [{ signerId: 7, snapshotHash: H0, revokedAt: null }, { signerId: 8, snapshotHash: H1, revokedAt: null }] })).toEqual([]);
  });

  it("refuses a closed audit", () => {
    expect(codes({ auditClosed: true })).toEqual(["AUDIT_CLOSED"]);
  });

  it("lists every reason that applies, in a fixed order, each with a message", () => {
    const reasons = signOffRefusals({ ...base, signerId: 1, signerRoles: ["operator"], reviewerIds: [1], existing: [{ signerId: 1, snapshotHash: H1, revokedAt: null }], auditClosed: true });
    expect(reasons.map((r) => r.code)).toEqual(["NOT_APPROVER", "SELF_APPROVAL_CREATOR", "SELF_APPROVAL_REVIEWER", "ALREADY_SIGNED", "AUDIT_CLOSED"]);
    for (const r of reasons) expect(r.message.length).toBeGreaterThan(10);
    expect(reasons[0].message).toMatch(/approver role/);
    expect(reasons[1].message).toMatch(/separation of duties/);
  });
});

describe("signatureStatus", () => {
  it("is valid on the current hash", () => {
    expect(signatureStatus({ snapshotHash: H1, revokedAt: null }, H1)).toBe("valid");
  });
  it("is stale once the snapshot changed", () => {
    expect(signatureStatus({ snapshotHash: H0, revokedAt: null }, H1)).toBe("stale");
    expect(signatureStatus({ snapshotHash: H1, revokedAt: null }, H1.toUpperCase())).toBe("stale");
  });
  it("is revoked when revoked, whether current or stale", () => {
    expect(signatureStatus({ snapshotHash: H1, revokedAt: revoked }, H1)).toBe("revoked");
    expect(signatureStatus({ snapshotHash: H0, revokedAt: revoked }, H1)).toBe("revoked");
  });
  it("reads a missing revokedAt as revoked (fail closed: it never satisfies the gate)", () => {
    expect(signatureStatus({ snapshotHash: H1 } as { snapshotHash: string; revokedAt: Date | null }, H1)).toBe("revoked");
  });
});

describe("signOffRequestStatus", () => {
  const deadline = new Date("2026-11-24T12:00:00.000Z");
  const at = (iso: string) => new Date(iso);

  it.each([
    ["a minute before", "2026-11-24T11:59:00.000Z", "open"],
    ["exactly at the deadline", "2026-11-24T12:00:00.000Z", "open"],
    ["1 ms after", "2026-11-24T12:00:00.001Z", "expired"],
    ["a year after", "2027-11-24T12:00:00.000Z", "expired"],
  ])("unfulfilled, %s → %s", (_name, now, status) => {
    expect(signOffRequestStatus({ deadline, fulfilledAt: null }, at(now))).toBe(status);
  });

  it("is fulfilled once answered, before or after the deadline", () => {
    expect(signOffRequestStatus({ deadline, fulfilledAt: at("2026-11-24T10:00:00Z") }, at("2026-12-01T00:00:00Z"))).toBe("fulfilled");
    expect(signOffRequestStatus({ deadline, fulfilledAt: at("2026-11-25T10:00:00Z") }, at("2026-12-01T00:00:00Z"))).toBe("fulfilled");
  });

  it("never expires without a deadline", () => {
    expect(signOffRequestStatus({ deadline: null, fulfilledAt: null }, at("2099-01-01T00:00:00Z"))).toBe("open");
    expect(signOffRequestStatus({ deadline: null, fulfilledAt: at("2026-11-24T10:00:00Z") }, at("2099-01-01T00:00:00Z"))).toBe("fulfilled");
  });

  it.each([
    ["now", { deadline, fulfilledAt: null }, new Date(NaN)],
    ["deadline", { deadline: new Date("garbage"), fulfilledAt: null }, deadline],
    ["fulfilledAt", { deadline, fulfilledAt: new Date(NaN) }, deadline],
  ])("throws a RangeError naming an invalid %s", (name, req, now) => {
    expect(() => signOffRequestStatus(req, now)).toThrow(new RangeError(`${name} is not a valid date`));
  });
});
