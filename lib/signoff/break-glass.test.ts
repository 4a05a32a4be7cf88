import { describe, expect, it } from "vitest";
import { breakGlassAllowed, breakGlassState, countersignRefusals, pairWarning, retrospectiveDueDate, securityUnavailableSince } from "./break-glass";

const H = 60 * 60 * 1000;
const now = new Date("2026-11-24T12:00:00Z");

describe("breakGlassAllowed (seed 000: unavailable > 4 hours AND critical)", () => {
  it.each([
    ["critical, 4 h + 1 ms", "critical", 4 * H + 1, true],
    ["critical, exactly 4 h", "critical", 4 * H, false],
    ["critical, 4 h − 1 ms", "critical", 4 * H - 1, false],
    ["critical, a day", "critical", 24 * H, true],
    ["high, a day", "high", 24 * H, false],
    ["Critical (case matters), a day", "Critical", 24 * H, false],
  ])("%s → %s", (_name, impact, ms, expected) => {
    expect(breakGlassAllowed({ impact, securityUnavailableSince: new Date(now.getTime() - ms), now })).toBe(expected);
  });
});

describe("securityUnavailableSince", () => {
  it("is null while any security user is available", () => {
    expect(securityUnavailableSince([{ available: false, since: new Date(0) }, { available: true, since: now }])).toBeNull();
  });
  it("is the moment the last one became unavailable", () => {
    const a = new Date("2026-11-24T01:00:00Z");
    const b = new Date("2026-11-24T03:00:00Z");
    expect(securityUnavailableSince([{ available: false, since: b }, { available: false, since: a }])).toEqual(b);
  });
  it("with nobody in the security role, counts as unavailable since the epoch", () => {
    expect(securityUnavailableSince([])).toEqual(new Date(0));
  });
});

describe("retrospectiveDueDate (5 business days, weekends skipped)", () => {
  it.each([
    // Mon 2026-11-23 → Tue, Wed, Thu, Fri, Mon = 2026-11-30
    ["2026-11-23", "2026-11-30"],
    // Fri 2026-11-27 → Mon..Fri of the next week = 2026-12-04
    ["2026-11-27", "2026-12-04"],
    // Sat 2026-11-28 → Mon 30, Tue 1, Wed 2, Thu 3, Fri 4 = 2026-12-04
    ["2026-11-28", "2026-12-04"],
    // Sun 2026-11-29 → same five days = 2026-12-04
    ["2026-11-29", "2026-12-04"],
    // Fri 2026-12-25 → Mon 28, Tue 29, Wed 30, Thu 31, Fri 2027-01-01 (across the year end)
    ["2026-12-25", "2027-01-01"],
    // Thu 2027-12-30 → Fri 31, Mon 2028-01-03, Tue 4, Wed 5, Thu 6
    ["2027-12-30", "2028-01-06"],
    // Leap day: Tue 2028-02-29 → Wed 1 Mar, Thu 2, Fri 3, Mon 6, Tue 7
    ["2028-02-29", "2028-03-07"],
  ])("%s → %s", (from, due) => {
    expect(retrospectiveDueDate(from)).toBe(due);
  });

  it("takes the UTC date of a timestamp", () => {
    // 04:30 UTC on Fri 27th (Thu 26th in the writer's zone): Fri + 5 business days = Fri 2026-12-04, not Thu 3rd.
    expect(retrospectiveDueDate("2026-11-26T23:30:00-05:00")).toBe("2026-12-04");
    expect(retrospectiveDueDate("2026-11-27T10:00:00Z")).toBe("2026-12-04");
  });

  it.each(["2026-02-30", "2026-13-01", "yesterday", ""])("refuses %j with a RangeError", (bad) => {
    expect(() => retrospectiveDueDate(bad)).toThrow(RangeError);
  });
});

describe("countersignRefusals", () => {
  const base = { requesterId: 1, signerId: 2, signerRoles: ["approver"], slot: "technical_owner" as const, existing: [] };
  it("accepts an authorized, independent signer for a free slot", () => {
    expect(countersignRefusals(base)).toEqual([]);
  });
  it("refuses a signer without approver or security role", () => {
    expect(countersignRefusals({ ...base, signerRoles: ["operator", "reviewer"] }).map((r) => r.code)).toEqual(["NOT_AUTHORIZED"]);
  });
  it("refuses the requester", () => {
    expect(countersignRefusals({ ...base, signerId: 1 }).map((r) => r.code)).toEqual(["OWN_REQUEST"]);
  });
  it("one person never fills both slots", () => {
    expect(countersignRefusals({ ...base, slot: "compliance_security", existing: [{ signerId: 2, slot: "technical_owner" }] }).map((r) => r.code)).toEqual(["SAME_PERSON_BOTH_SLOTS"]);
  });
  it("a signed slot is taken", () => {
    expect(countersignRefusals({ ...base, existing: [{ signerId: 3, slot: "technical_owner" }] }).map((r) => r.code)).toEqual(["SLOT_TAKEN"]);
  });
});

describe("pairWarning", () => {
  it("is null for one technical owner and one security approver", () => {
    expect(pairWarning([{ slot: "technical_owner", roles: ["operator"] }, { slot: "compliance_security", roles: ["security"] }])).toBeNull();
  });
  it("warns when the compliance/security signer lacks the security role", () => {
    expect(pairWarning([{ slot: "technical_owner", roles: ["approver"] }, { slot: "compliance_security", roles: ["approver"] }])).toMatch(/does not hold the security role/);
  });
  it("warns when the technical owner is neither operator nor approver", () => {
    expect(pairWarning([{ slot: "technical_owner", roles: ["security"] }])).toMatch(/technical owner holds neither/);
  });
});

describe("breakGlassState", () => {
  it.each([
    [{ allowedAtRequest: false, signatures: 2, singleSignerDeclared: false }, "not_allowed"],
    [{ allowedAtRequest: true, signatures: 0, singleSignerDeclared: false }, "awaiting_countersign"],
    [{ allowedAtRequest: true, signatures: 1, singleSignerDeclared: false }, "awaiting_countersign"],
    [{ allowedAtRequest: true, signatures: 1, singleSignerDeclared: true }, "escalated_to_cto"],
    [{ allowedAtRequest: true, signatures: 2, singleSignerDeclared: true }, "granted"],
    [{ allowedAtRequest: true, signatures: 2, singleSignerDeclared: false }, "granted"],
  ] as const)("%j → %s", (input, state) => {
    expect(breakGlassState(input)).toBe(state);
  });
});
