import { describe, expect, it } from "vitest";
import { REMEDIATION_SLA_DAYS, remediationDueAt, remediationStatus, type RemediationSeverity } from "./remediation";

const at = (iso: string) => new Date(iso);

describe("REMEDIATION_SLA_DAYS", () => {
  it("is 2 days for critical, 10 for standard", () => {
    expect(REMEDIATION_SLA_DAYS).toEqual({ critical: 2, standard: 10 });
  });
});

describe("remediationDueAt (calendar days, UTC)", () => {
  it.each([
    // Tue 10:00 UTC + 2 days = Thu 10:00 UTC
    ["critical", "2026-11-24T10:00:00.000Z", "2026-11-26T10:00:00.000Z"],
    // + 10 days crosses into December: 24 + 10 = 34 − 30 = Dec 4
    ["standard", "2026-11-24T10:00:00.000Z", "2026-12-04T10:00:00.000Z"],
    // Year end: Dec 31 + 2 = Jan 2
    ["critical", "2026-12-31T23:59:59.999Z", "2027-01-02T23:59:59.999Z"],
    // Feb 27 2028 (leap year) + 2 = Feb 29
    ["critical", "2028-02-27T00:00:00.000Z", "2028-02-29T00:00:00.000Z"],
    // Feb 27 2027 (not leap) + 2 = Mar 1
    ["critical", "2027-02-27T00:00:00.000Z", "2027-03-01T00:00:00.000Z"],
    // Across the EU summer-time end (Sun 2026-10-25): still exactly 10 × 24 h in UTC
    ["standard", "2026-10-20T12:00:00.000Z", "2026-10-30T12:00:00.000Z"],
    // Across the US summer-time start (Sun 2027-03-14)
    ["critical", "2027-03-13T06:30:00.000Z", "2027-03-15T06:30:00.000Z"],
  ] as const)("%s, failed %s → due %s", (severity, failed, due) => {
    expect(remediationDueAt(at(failed), severity).toISOString()).toBe(due);
  });

  it("is a whole number of days later, keeping the time of day", () => {
    const failed = at("2026-11-24T10:17:03.250Z");
    expect(remediationDueAt(failed, "critical").getTime() - failed.getTime()).toBe(2 * 86_400_000);
    expect(remediationDueAt(failed, "standard").getTime() - failed.getTime()).toBe(10 * 86_400_000);
  });

  it("does not change its input", () => {
    const failed = at("2026-11-24T10:00:00.000Z");
    remediationDueAt(failed, "standard");
    expect(failed.toISOString()).toBe("2026-11-24T10:00:00.000Z");
  });

  it("takes other SLA data", () => {
    const sla = { critical: 1, standard: 3 };
    expect(remediationDueAt(at("2026-11-24T10:00:00Z"), "critical", sla).toISOString()).toBe("2026-11-25T10:00:00.000Z");
    expect(remediationDueAt(at("2026-11-24T10:00:00Z"), "standard", sla).toISOString()).toBe("2026-11-27T10:00:00.000Z");
    expect(remediationDueAt(at("2026-11-24T10:00:00Z"), "standard", { critical: 0, standard: 0 }).toISOString()).toBe("2026-11-24T10:00:00.000Z");
  });

  it.each([
    ["an invalid failedAt", () => remediationDueAt(new Date(NaN), "critical"), /failedAt is not a valid date/],
    ["an unknown severity", () => remediationDueAt(at("2026-11-24T10:00:00Z"), "high" as RemediationSeverity), /unknown remediation severity: high/],
    ["an inherited property as severity", () => remediationDueAt(at("2026-11-24T10:00:00Z"), "toString" as RemediationSeverity), /unknown remediation severity/],
    ["fractional days", () => remediationDueAt(at("2026-11-24T10:00:00Z"), "critical", { critical: 1.5, standard: 10 }), /whole number of days/],
    ["negative days", () => remediationDueAt(at("2026-11-24T10:00:00Z"), "standard", { critical: 2, standard: -1 }), /whole number of days/],
    ["NaN days", () => remediationDueAt(at("2026-11-24T10:00:00Z"), "standard", { critical: 2, standard: NaN }), /whole number of days/],
  ])("throws a RangeError for %s", (_name, call, message) => {
    expect(call).toThrow(RangeError);
    expect(call).toThrow(message);
  });
});

describe("remediationStatus", () => {
  const due = at("2026-11-26T10:00:00.000Z");

  it.each([
    ["a day before", "2026-11-25T10:00:00.000Z", "on_track"],
    ["1 ms before", "2026-11-26T09:59:59.999Z", "on_track"],
    ["exactly at the due instant", "2026-11-26T10:00:00.000Z", "on_track"],
    ["1 ms after", "2026-11-26T10:00:00.001Z", "overdue"],
    ["a month after", "2026-12-26T10:00:00.000Z", "overdue"],
  ])("unresolved, %s → %s", (_name, now, status) => {
    expect(remediationStatus(due, at(now), null)).toBe(status);
  });

  it("is none without a due date", () => {
    expect(remediationStatus(null, at("2099-01-01T00:00:00Z"), null)).toBe("none");
  });

  it("is resolved once resolved, on time or late, with or without a due date", () => {
    expect(remediationStatus(due, at("2026-11-25T00:00:00Z"), at("2026-11-25T00:00:00Z"))).toBe("resolved");
    expect(remediationStatus(due, at("2026-12-26T00:00:00Z"), at("2026-12-20T00:00:00Z"))).toBe("resolved");
    expect(remediationStatus(null, at("2026-12-26T00:00:00Z"), at("2026-12-20T00:00:00Z"))).toBe("resolved");
  });

  it.each([
    ["now", () => remediationStatus(due, new Date(NaN), null)],
    ["dueAt", () => remediationStatus(new Date("nope"), at("2026-11-25T00:00:00Z"), null)],
    ["resolvedAt", () => remediationStatus(due, at("2026-11-25T00:00:00Z"), new Date(NaN))],
  ])("throws a RangeError for an invalid %s", (name, call) => {
    expect(call).toThrow(new RangeError(`${name} is not a valid date`));
  });
});
