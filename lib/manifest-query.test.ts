import { describe, expect, it } from "vitest";
import { MAX_PAGE } from "./pagination";
import { parseManifestQuery } from "./manifest-query";

describe("parseManifestQuery", () => {
  it("reads known filter values and the page", () => {
    expect(parseManifestQuery({ reason: "random", status: "FAILED", review: "unreviewed", subgroup: "LI", page: "3" })).toEqual({
      page: 3,
      filter: { reason: "random", status: "FAILED", review: "unreviewed", subgroup: "LI" },
    });
  });

  it("turns a filter off for an unknown or malformed value, never passing it on", () => {
    const q = parseManifestQuery({ reason: "drop table", status: "failed", review: ["PASS", "FAIL"], subgroup: "x".repeat(201), page: "99999999999999999999" });
    expect(q).toEqual({ page: MAX_PAGE, filter: { reason: undefined, status: undefined, review: "PASS", subgroup: undefined } });
  });

  it("is all filters off, page 1, for an empty query", () => {
    expect(parseManifestQuery({})).toEqual({ page: 1, filter: { reason: undefined, status: undefined, review: undefined, subgroup: undefined } });
    expect(parseManifestQuery({ subgroup: "" }).filter.subgroup).toBeUndefined();
  });
});
