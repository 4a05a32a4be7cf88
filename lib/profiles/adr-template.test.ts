import { describe, expect, it } from "vitest";
import { adrTemplateSchema, DEFAULT_STORED_ADR_TEMPLATE, parseTemplateLines } from "./adr-template";
import { DEFAULT_ADR_TEMPLATE } from "./config";

describe("ADR template data", () => {
  it("the default is the config's template as version 0", () => {
    expect(adrTemplateSchema.parse(DEFAULT_STORED_ADR_TEMPLATE).requiredSections).toEqual([...DEFAULT_ADR_TEMPLATE]);
  });
  it("parses one section per line, dropping blanks and a leading ##", () => {
    expect(parseTemplateLines("## Context\r\n\n  Decision  \n### Security\n")).toEqual(["Context", "Decision", "Security"]);
  });
  it("refuses duplicates (any case), empty lists and over-long names, naming the problem", () => {
    const bad = (requiredSections: string[]) => adrTemplateSchema.safeParse({ version: 1, requiredSections, savedAt: null, savedBy: null }).error?.issues[0].message;
    expect(bad(["Context", "context"])).toBe("section names must be unique (case does not matter)");
    expect(bad([])).toBe("at least one required section");
    expect(bad(["x".repeat(101)])).toBe("a section name is longer than 100 characters");
  });
});
