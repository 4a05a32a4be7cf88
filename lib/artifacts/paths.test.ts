import { describe, expect, it } from "vitest";
import { bundleRoot, isoWeekFolder } from "./paths";

describe("isoWeekFolder", () => {
  it.each([
    ["2027-01-01", "2026-W53"], // Friday: still week 53 of 2026
    ["2027-01-03", "2026-W53"],
    ["2027-01-04", "2027-W01"],
    ["2026-12-28", "2026-W53"],
    ["2025-12-29", "2026-W01"], // Monday: week 1 of the next ISO year
    ["2026-06-15", "2026-W25"],
    ["2024-02-29", "2024-W09"],
  ])("%s → %s", (date, week) => expect(isoWeekFolder(date)).toBe(week));

  it("does not depend on the server's time zone", () => {
    const tz = process.env.TZ;
    try {
      for (const zone of ["Pacific/Kiritimati", "Pacific/Pago_Pago", "UTC"]) {
        process.env.TZ = zone;
        expect(isoWeekFolder("2027-01-04")).toBe("2027-W01");
        expect(isoWeekFolder("2027-01-03")).toBe("2026-W53");
      }
    } finally {
      process.env.TZ = tz;
    }
  });

  it.each(["2027-02-30", "2027-1-1", "", "2027-13-01"])("refuses %j", (date) => expect(() => isoWeekFolder(date)).toThrow(RangeError));
});

describe("bundleRoot", () => {
  it("is tmp/by-week/YYYY-Www/{slug}/", () => {
    expect(bundleRoot({ slug: "release-2027-01-01", auditDate: "2027-01-01" })).toBe("tmp/by-week/2026-W53/release-2027-01-01/");
  });
  it.each(["", "../x", "a/b", "a\\b"])("refuses the unsafe slug %j", (slug) => expect(() => bundleRoot({ slug, auditDate: "2027-01-01" })).toThrow(RangeError));
});
