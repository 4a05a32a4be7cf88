import { describe, expect, it } from "vitest";
import { chosenHighRisk, offeredSubgroups } from "./subgroup-offer";

describe("offeredSubgroups", () => {
  const rows: Record<string, string>[] = [{ g: "us" }, { g: " eu " }, { g: "" }, { g: "eu" }, { g: "LI" }, { other: "x" }, { g: "apac" }];

  it("lists each trimmed, non-empty value once, sorted", () => {
    expect(offeredSubgroups(rows, "g")).toEqual({ values: ["LI", "apac", "eu", "us"], truncated: false });
  });

  it("offers nothing without a subgroup column", () => {
    expect(offeredSubgroups(rows, "")).toEqual({ values: [], truncated: false });
    expect(offeredSubgroups(rows, undefined)).toEqual({ values: [], truncated: false });
  });

  it("offers at most `max` values and says when there were more", () => {
    expect(offeredSubgroups(rows, "g", 2)).toEqual({ values: ["LI", "apac"], truncated: true });
    expect(offeredSubgroups(rows, "g", 4).truncated).toBe(false);
  });
});

describe("chosenHighRisk", () => {
  it("joins checked and typed values, trimmed, each once, checked first", () => {
    expect(chosenHighRisk(["eu", "a,b"], " MC, eu ,, LI ")).toEqual(["eu", "a,b", "MC", "LI"]);
  });

  it("gives [] when nothing is chosen", () => {
    expect(chosenHighRisk([], " , ")).toEqual([]);
  });
});
