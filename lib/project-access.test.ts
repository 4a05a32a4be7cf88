import { describe, expect, it } from "vitest";
import { holdsAny, rolesAnywhere, rolesInProject, projectsWhere } from "./project-access";

describe("rolesInProject", () => {
  const grants = { everywhere: ["approver"] as const, byProject: { Billing: ["reviewer", "operator"] as const, Search: ["security"] as const } };
  it("joins the roles granted everywhere with the project's own, in ROLES order", () => {
    expect(rolesInProject(grants, "Billing")).toEqual(["operator", "reviewer", "approver"]);
    expect(rolesInProject(grants, "Search")).toEqual(["approver", "security"]);
  });
  it("gives only the global roles in a project the user is not a member of", () => {
    expect(rolesInProject(grants, "Payroll")).toEqual(["approver"]);
    expect(rolesInProject({ everywhere: [], byProject: { A: ["reviewer"] } }, "B")).toEqual([]);
  });
  it("does not read inherited object keys as projects", () => {
    expect(rolesInProject({ everywhere: [], byProject: {} }, "constructor")).toEqual([]);
    expect(rolesInProject({ everywhere: [], byProject: {} }, "__proto__")).toEqual([]);
  });
});

describe("rolesAnywhere and projectsWhere", () => {
  it("a project-only member sees their projects and holds their roles somewhere", () => {
    const grants = { everywhere: [], byProject: { Search: ["reviewer"], Billing: ["operator"], Old: [] } } as const;
    expect(rolesAnywhere(grants)).toEqual(["operator", "reviewer"]);
    expect(projectsWhere(grants)).toEqual(["Billing", "Search"]);
  });
  it("a role granted everywhere sees every project", () => {
    expect(projectsWhere({ everywhere: ["reviewer"], byProject: {} })).toBe("all");
  });
  it("lists the projects where the user holds one of the wanted roles", () => {
    const grants = { everywhere: ["reviewer"], byProject: { Search: ["approver"], Billing: ["operator", "security"] } } as const;
    expect(projectsWhere(grants, ["approver", "security"])).toEqual(["Billing", "Search"]);
    expect(projectsWhere(grants, ["operator"])).toEqual(["Billing"]);
    expect(projectsWhere(grants, ["reviewer"])).toBe("all");
    expect(projectsWhere(grants, ["admin"])).toEqual([]);
  });
  it("no role at all sees nothing", () => {
    expect(projectsWhere({ everywhere: [], byProject: {} })).toEqual([]);
    expect(rolesAnywhere({ everywhere: [], byProject: {} })).toEqual([]);
  });
});

describe("holdsAny", () => {
  it("checks any of the wanted roles, or any role at all when none is named", () => {
    expect(holdsAny(["reviewer"], ["operator", "reviewer"])).toBe(true);
    expect(holdsAny(["reviewer"], ["operator"])).toBe(false);
    expect(holdsAny([], [])).toBe(false);
    expect(holdsAny(["approver"], [])).toBe(true);
  });
});

