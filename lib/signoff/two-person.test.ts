import { describe, expect, it } from "vitest";
import { TWO_PERSON_ROLES, twoPersonCleared, twoPersonRefusal } from "./two-person";

const sec = (userId: number) => ({ userId, roles: ["security"] });
const appr = (userId: number) => ({ userId, roles: ["approver"] });

describe("twoPersonCleared", () => {
  it("counts security and approver", () => {
    expect([...TWO_PERSON_ROLES].sort()).toEqual(["approver", "security"]);
  });

  it.each([
    ["nobody", [], false],
    ["one security user", [sec(1)], false],
    ["one user twice", [sec(1), sec(1)], false],
    ["one user twice, under both roles", [sec(1), appr(1)], false],
    ["one authorized user and one operator", [sec(1), { userId: 2, roles: ["operator"] }], false],
    ["one authorized user and one without roles", [appr(1), { userId: 2, roles: [] }], false],
    ["one authorized user and an admin", [appr(1), { userId: 2, roles: ["admin", "reviewer"] }], false],
    ["roles are case-sensitive", [appr(1), { userId: 2, roles: ["Security"] }], false],
    ["security + approver", [sec(1), appr(2)], true],
    ["two security users", [sec(1), sec(2)], true],
    ["two approvers", [appr(1), appr(2)], true],
    ["a role among others", [{ userId: 1, roles: ["operator", "security"] }, appr(2)], true],
    ["two distinct among repeats and an unauthorized user", [sec(1), sec(1), { userId: 3, roles: ["operator"] }, appr(2)], true],
  ] as const)("%s → %s", (_name, approvals, cleared) => {
    expect(twoPersonCleared(approvals)).toBe(cleared);
  });
});

describe("twoPersonRefusal", () => {
  it("lets an authorized user give the first or a second approval", () => {
    expect(twoPersonRefusal(5, ["approver"], [])).toBeNull();
    expect(twoPersonRefusal(5, ["security"], [{ userId: 6 }])).toBeNull();
  });

  it.each([[[]], [["reviewer"]], [["operator", "admin"]]])("refuses roles %j: NOT_AUTHORIZED", (roles) => {
    expect(twoPersonRefusal(5, roles, [])).toEqual({ code: "NOT_AUTHORIZED", message: expect.stringMatching(/security or approver role/) });
  });

  it("refuses a second approval by the same user", () => {
    expect(twoPersonRefusal(5, ["approver"], [{ userId: 6 }, { userId: 5 }])).toEqual({ code: "ALREADY_APPROVED", message: expect.stringMatching(/different person/) });
  });

  it("reports NOT_AUTHORIZED first when both apply", () => {
    expect(twoPersonRefusal(5, ["operator"], [{ userId: 5 }])?.code).toBe("NOT_AUTHORIZED");
  });
});
