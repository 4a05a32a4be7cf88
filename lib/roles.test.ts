import { describe, it, expect } from "vitest";
import { parseRoles, ROLES, serializeRoles } from "./roles";

describe("parseRoles", () => {
  it("reads a stored comma-separated list", () => {
    expect(parseRoles("operator,reviewer")).toEqual(["operator", "reviewer"]);
  });

  it("ignores whitespace around names and empty entries", () => {
    expect(parseRoles(" operator , ,admin ,")).toEqual(["operator", "admin"]);
  });

  it("drops unknown and differently cased names", () => {
    expect(parseRoles("operator,root,Admin,REVIEWER,approver")).toEqual(["operator", "approver"]);
  });

  it("gives no roles for an empty string", () => {
    expect(parseRoles("")).toEqual([]);
    expect(parseRoles("  ")).toEqual([]);
  });
});

describe("serializeRoles", () => {
  it("orders roles as ROLES and removes duplicates", () => {
    expect(serializeRoles(["admin", "operator", "admin", "reviewer", "operator"])).toBe("operator,reviewer,admin");
  });

  it("drops unknown names", () => {
    expect(serializeRoles(["superuser", "security", ""])).toBe("security");
  });

  it("gives an empty string for no roles", () => {
    expect(serializeRoles([])).toBe("");
  });
});

describe("round trip", () => {
  it("parse(serialize(roles)) gives the known roles in canonical order", () => {
    expect(parseRoles(serializeRoles(["security", "operator", "bogus", "security"]))).toEqual(["operator", "security"]);
    expect(parseRoles(serializeRoles([...ROLES].reverse()))).toEqual([...ROLES]);
  });

  it("serialize(parse(stored)) normalizes a stored list", () => {
    expect(serializeRoles(parseRoles(" admin,operator,unknown,admin "))).toBe("operator,admin");
    expect(serializeRoles(parseRoles(ROLES.join(",")))).toBe(ROLES.join(","));
  });
});
