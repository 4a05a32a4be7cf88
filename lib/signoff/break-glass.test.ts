import { afterEach, describe, expect, it } from "vitest";
import {
  breakGlassAllowed,
  breakGlassState,
  countersignRefusals,
  pairWarning,
  RETROSPECTIVE_BUSINESS_DAYS,
  retrospectiveDueDate,
  SECURITY_UNAVAILABLE_MS,
  securityUnavailableSince,
  type CountersignSlot,
} from "./break-glass";

const H = 60 * 60 * 1000;
const now = new Date("2026-11-24T12:00:00.000Z");

describe("breakGlassAllowed (seed 000: unavailable > 4 hours AND critical)", () => {
  it("has the seed's constants", () => {
    expect(SECURITY_UNAVAILABLE_MS).toBe(14_400_000);
    expect(RETROSPECTIVE_BUSINESS_DAYS).toBe(5);
  });

  it.each([
    ["critical, 4 h + 1 ms", "critical", 4 * H + 1, true],
    ["critical, exactly 4 h", "critical", 4 * H, false],
    ["critical, 4 h − 1 ms", "critical", 4 * H - 1, false],
    ["critical, 0", "critical", 0, false],
    ["critical, since in the future", "critical", -H, false],
    ["critical, a day", "critical", 24 * H, true],
    ["critical, since the epoch (no security users)", "critical", now.getTime(), true],
    ["high, a day", "high", 24 * H, false],
    ["empty impact, a day", "", 24 * H, false],
    ["Critical (case matters), a day", "Critical", 24 * H, false],
    ["' critical' (no trimming), a day", " critical", 24 * H, false],
  ])("%s → %s", (_name, impact, ms, expected) => {
    expect(breakGlassAllowed({ impact, securityUnavailableSince: new Date(now.getTime() - ms), now })).toBe(expected);
  });

  it("fails closed on invalid dates", () => {
    expect(breakGlassAllowed({ impact: "critical", securityUnavailableSince: new Date(NaN), now })).toBe(false);
    expect(breakGlassAllowed({ impact: "critical", securityUnavailableSince: new Date(0), now: new Date(NaN) })).toBe(false);
  });
});

describe("securityUnavailableSince", () => {
  const a = new Date("2026-11-24T01:00:00Z");
  const b = new Date("2026-11-24T03:00:00Z");

  it("is null while any security user is available", () => {
    expect(securityUnavailableSince([{ available: true, since: now }])).toBeNull();
    expect(securityUnavailableSince([{ available: false, since: a }, { available: true, since: now }])).toBeNull();
  });

  it("is the moment the last one became unavailable, in any order", () => {
    expect(securityUnavailableSince([{ available: false, since: b }, { available: false, since: a }])).toEqual(b);
    expect(securityUnavailableSince([{ available: false, since: a }, { available: false, since: b }])).toEqual(b);
    expect(securityUnavailableSince([{ available: false, since: a }])).toEqual(a);
  });

  it("lets the 4 hours run from the last one: one user out since 01:00, the other since 03:00 → not yet at 07:00, allowed at 07:00:00.001", () => {
    const since = securityUnavailableSince([{ available: false, since: a }, { available: false, since: b }])!;
    expect(breakGlassAllowed({ impact: "critical", securityUnavailableSince: since, now: new Date("2026-11-24T07:00:00.000Z") })).toBe(false);
    expect(breakGlassAllowed({ impact: "critical", securityUnavailableSince: since, now: new Date("2026-11-24T07:00:00.001Z") })).toBe(true);
  });

  it("with nobody in the security role, counts as unavailable since the epoch", () => {
    expect(securityUnavailableSince([])).toEqual(new Date(0));
  });

  it("throws a RangeError for an unavailable user with an invalid since", () => {
    expect(() => securityUnavailableSince([{ available: false, since: a }, { available: false, since: new Date(NaN) }])).toThrow(RangeError);
  });
});

describe("retrospectiveDueDate (5 business days, weekends skipped)", () => {
  it.each([
    // Mon 2026-11-23 → Tue 24, Wed 25, Thu 26, Fri 27, Mon 30
    ["2026-11-23", "2026-11-30"],
    // Wed 2026-11-25 → Thu 26, Fri 27, Mon 30, Tue Dec 1, Wed Dec 2
    ["2026-11-25", "2026-12-02"],
    // Fri 2026-11-27 → Mon 30, Tue 1, Wed 2, Thu 3, Fri 4
    ["2026-11-27", "2026-12-04"],
    // Sat 2026-11-28 → Mon 30 is day 1, Tue 1, Wed 2, Thu 3, Fri 4
    ["2026-11-28", "2026-12-04"],
    // Sun 2026-11-29 → the same five days: Fri 2026-12-04
    ["2026-11-29", "2026-12-04"],
    // Fri 2026-12-25 → Mon 28, Tue 29, Wed 30, Thu 31, Fri 2027-01-01 (across the year end)
    ["2026-12-25", "2027-01-01"],
    // Sat 2026-12-26 → Mon 28, Tue 29, Wed 30, Thu 31, Fri 2027-01-01
    ["2026-12-26", "2027-01-01"],
    // Thu 2026-12-31 → Fri 2027-01-01, Mon 4, Tue 5, Wed 6, Thu 7
    ["2026-12-31", "2027-01-07"],
    // Thu 2027-12-30 → Fri 31, Mon 2028-01-03, Tue 4, Wed 5, Thu 6
    ["2027-12-30", "2028-01-06"],
    // Fri 2027-12-31 → Mon 2028-01-03, Tue 4, Wed 5, Thu 6, Fri 7
    ["2027-12-31", "2028-01-07"],
    // Leap day: Tue 2028-02-29 → Wed Mar 1, Thu 2, Fri 3, Mon 6, Tue 7
    ["2028-02-29", "2028-03-07"],
    // Across the EU summer-time end (Sun 2026-10-25): Fri 23 → Mon 26, Tue 27, Wed 28, Thu 29, Fri 30
    ["2026-10-23", "2026-10-30"],
    // Across the US summer-time start (Sun 2027-03-14): Thu 11 → Fri 12, Mon 15, Tue 16, Wed 17, Thu 18
    ["2027-03-11", "2027-03-18"],
  ])("%s → %s", (from, due) => {
    expect(retrospectiveDueDate(from)).toBe(due);
  });

  it("takes the UTC date of a timestamp", () => {
    // 23:30 on Thu 26th at −05:00 is 04:30 UTC on Fri 27th: Fri + 5 business days = Fri 2026-12-04, not Thu 3rd.
    expect(retrospectiveDueDate("2026-11-26T23:30:00-05:00")).toBe("2026-12-04");
    // 00:30 on Mon 30th at +02:00 is 22:30 UTC on Sun 29th: Sun → Fri 2026-12-04, not Mon 30 → Mon 2026-12-07.
    expect(retrospectiveDueDate("2026-11-30T00:30:00+02:00")).toBe("2026-12-04");
    expect(retrospectiveDueDate("2026-11-27T10:00:00Z")).toBe("2026-12-04");
    expect(retrospectiveDueDate("2026-11-27T23:59:59.999Z")).toBe("2026-12-04");
    expect(retrospectiveDueDate("2026-11-27T10:00Z")).toBe("2026-12-04");
    expect(retrospectiveDueDate(new Date("2026-12-25T08:00:00Z").toISOString())).toBe("2027-01-01");
  });

  describe("in any server time zone", () => {
    const original = process.env.TZ;
    afterEach(() => {
      if (original === undefined) delete process.env.TZ;
      else process.env.TZ = original;
    });
    it.each(["UTC", "Pacific/Kiritimati", "Pacific/Pago_Pago", "America/Santiago", "Europe/Berlin", "America/New_York", "Asia/Kolkata"])("gives the same dates in %s", (tz) => {
      process.env.TZ = tz;
      expect(retrospectiveDueDate("2026-12-25")).toBe("2027-01-01");
      expect(retrospectiveDueDate("2027-12-30")).toBe("2028-01-06");
      expect(retrospectiveDueDate("2026-11-28")).toBe("2026-12-04");
      expect(retrospectiveDueDate("2026-10-23")).toBe("2026-10-30");
      expect(retrospectiveDueDate("2026-11-26T23:30:00-05:00")).toBe("2026-12-04");
    });
  });

  it.each([
    "2026-02-30",
    "2026-02-29",
    "2026-13-01",
    "2026-00-10",
    "2026-11-31",
    "2026-1-5",
    "26-11-27",
    "2026/11/27",
    "27.11.2026",
    "yesterday",
    "",
    " 2026-11-27",
    "2026-11-27T10:00:00",
    "2026-11-27 10:00:00Z",
    "2026-11-27T25:00:00Z",
    "2026-11-27T10:61:00Z",
    "2026-02-30T10:00:00Z",
    "2026-W48-5",
    "0000-01-01",
  ])("refuses %j with a RangeError", (bad) => {
    expect(() => retrospectiveDueDate(bad)).toThrow(RangeError);
  });

  it("refuses a non-string with a RangeError", () => {
    expect(() => retrospectiveDueDate(undefined as unknown as string)).toThrow(RangeError);
  });

  it("names the bad value in the error", () => {
    expect(() => retrospectiveDueDate("2026-02-30")).toThrow(/not a valid date: "2026-02-30"/);
  });
});

describe("countersignRefusals", () => {
  const base = { requesterId: 1, signerId: 2, signerRoles: ["approver"], slot: "technical_owner" as CountersignSlot, existing: [] as { signerId: number; slot: string }[] };
  const codes = (change: Partial<typeof base>) => countersignRefusals({ ...base, ...change }).map((r) => r.code);

  it("accepts an authorized, independent signer for a free slot", () => {
    expect(codes({})).toEqual([]);
    expect(codes({ signerRoles: ["security"], slot: "compliance_security" })).toEqual([]);
  });

  it("accepts the second signer in the other slot", () => {
    expect(codes({ signerId: 3, signerRoles: ["security"], slot: "compliance_security", existing: [{ signerId: 2, slot: "technical_owner" }] })).toEqual([]);
  });

  it.each([[[]], [["operator"]], [["operator", "reviewer", "admin"]], [["Security"]]])("refuses roles %j: NOT_AUTHORIZED", (signerRoles) => {
    expect(codes({ signerRoles })).toEqual(["NOT_AUTHORIZED"]);
  });

  it("refuses the requester, even with the right roles", () => {
    expect(codes({ signerId: 1, signerRoles: ["approver", "security"] })).toEqual(["OWN_REQUEST"]);
  });

  it("one person never fills both slots", () => {
    const refusals = countersignRefusals({ ...base, slot: "compliance_security", existing: [{ signerId: 2, slot: "technical_owner" }] });
    expect(refusals.map((r) => r.code)).toEqual(["SAME_PERSON_BOTH_SLOTS"]);
    expect(refusals[0].message).toMatch(/different person/);
  });

  it("a signed slot is taken, by someone else or by the signer", () => {
    expect(countersignRefusals({ ...base, existing: [{ signerId: 3, slot: "technical_owner" }] })).toEqual([{ code: "SLOT_TAKEN", message: "The technical owner slot is already signed by someone else." }]);
    expect(countersignRefusals({ ...base, existing: [{ signerId: 2, slot: "technical_owner" }] })).toEqual([{ code: "SLOT_TAKEN", message: "You have already signed the technical owner slot." }]);
  });

  it("lists every reason that applies, in order", () => {
    expect(codes({ signerId: 1, signerRoles: ["operator"], slot: "compliance_security", existing: [{ signerId: 1, slot: "technical_owner" }, { signerId: 4, slot: "compliance_security" }] })).toEqual([
      "NOT_AUTHORIZED",
      "OWN_REQUEST",
      "SAME_PERSON_BOTH_SLOTS",
      "SLOT_TAKEN",
    ]);
  });

  it("refuses an unknown slot", () => {
    expect(codes({ slot: "cto" as CountersignSlot })).toEqual(["UNKNOWN_SLOT"]);
    expect(codes({ slot: "toString" as CountersignSlot })).toEqual(["UNKNOWN_SLOT"]);
  });
});

describe("pairWarning (seed 000: recommended, never blocking)", () => {
  const tech = (roles: string[]) => ({ slot: "technical_owner" as const, roles });
  const comp = (roles: string[]) => ({ slot: "compliance_security" as const, roles });

  it.each([
    ["operator + security", [tech(["operator"]), comp(["security"])]],
    ["approver + security", [tech(["approver"]), comp(["security"])]],
    ["roles among others", [tech(["reviewer", "operator"]), comp(["approver", "security"])]],
    ["in either order", [comp(["security"]), tech(["approver"])]],
    ["only one signer so far, fitting", [tech(["operator"])]],
    ["nobody yet", []],
  ])("is null for %s", (_name, signers) => {
    expect(pairWarning(signers)).toBeNull();
  });

  it("warns when the compliance/security signer lacks the security role", () => {
    const warning = pairWarning([tech(["approver"]), comp(["approver"])]);
    expect(warning).toMatch(/^Not the recommended pair/);
    expect(warning).toMatch(/compliance\/security signer does not hold the security role/);
    expect(warning).not.toMatch(/technical owner holds/);
  });

  it("warns when the technical owner is neither operator nor approver", () => {
    const warning = pairWarning([tech(["security"]), comp(["security"])]);
    expect(warning).toMatch(/technical owner holds neither the operator nor the approver role/);
    expect(warning).not.toMatch(/does not hold the security role/);
  });

  it("names both misfits", () => {
    expect(pairWarning([tech(["security"]), comp(["approver"])])).toBe(
      "Not the recommended pair (one technical owner plus one compliance/security approver): the technical owner holds neither the operator nor the approver role; the compliance/security signer does not hold the security role.",
    );
  });
});

describe("breakGlassState", () => {
  it.each([
    [{ allowedAtRequest: false, signatures: 2, singleSignerDeclared: false }, "not_allowed"],
    [{ allowedAtRequest: false, signatures: 1, singleSignerDeclared: true }, "not_allowed"],
    [{ allowedAtRequest: true, signatures: 0, singleSignerDeclared: false }, "awaiting_countersign"],
    [{ allowedAtRequest: true, signatures: 1, singleSignerDeclared: false }, "awaiting_countersign"],
    [{ allowedAtRequest: true, signatures: 0, singleSignerDeclared: true }, "escalated_to_cto"],
    [{ allowedAtRequest: true, signatures: 1, singleSignerDeclared: true }, "escalated_to_cto"],
    [{ allowedAtRequest: true, signatures: 2, singleSignerDeclared: true }, "granted"],
    [{ allowedAtRequest: true, signatures: 2, singleSignerDeclared: false }, "granted"],
    [{ allowedAtRequest: true, signatures: NaN, singleSignerDeclared: false }, "awaiting_countersign"],
    [{ allowedAtRequest: true, signatures: 1.5, singleSignerDeclared: false }, "awaiting_countersign"],
  ] as const)("%j → %s", (input, state) => {
    expect(breakGlassState(input)).toBe(state);
  });
});
