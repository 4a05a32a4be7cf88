import { describe, expect, it } from "vitest";
import { MAX_PAGE } from "./pagination";
import { DEFAULT_MANIFEST_SORT, hasManifestFilter, MAX_SEARCH_LENGTH, manifestHref, manifestSearchParams, nextSort, parseManifestQuery } from "./manifest-query";

describe("parseManifestQuery", () => {
  it("reads known filter values, the search, the flags, the sort and the page", () => {
    expect(
      parseManifestQuery({ reason: "random", status: "FAILED", review: "unreviewed", subgroup: "LI", q: "  ab%_c ", failedWithoutOwner: "1", critical: "true", claimDiffers: "on", sort: "finding", dir: "desc", page: "3" }),
    ).toEqual({
      page: 3,
      sort: { key: "finding", dir: "desc" },
      filter: { reason: "random", status: "FAILED", review: "unreviewed", subgroup: "LI", search: "ab%_c", failedWithoutOwner: true, critical: true, claimDiffers: true },
    });
  });

  it("turns a filter off for an unknown or malformed value, never passing it on", () => {
    const q = parseManifestQuery({
      reason: "drop table",
      status: "failed",
      review: ["PASS", "FAIL"],
      subgroup: "x".repeat(201),
      failedWithoutOwner: "yes",
      critical: "0",
      claimDiffers: "",
      page: "99999999999999999999",
    });
    expect(q).toEqual({ page: MAX_PAGE, sort: DEFAULT_MANIFEST_SORT, filter: { review: "PASS" } });
  });

  it("is all filters off, review order, page 1, for an empty query", () => {
    expect(parseManifestQuery({})).toEqual({ page: 1, sort: { key: "position", dir: "asc" }, filter: {} });
    expect(parseManifestQuery({ subgroup: "" }).filter.subgroup).toBeUndefined();
    expect(hasManifestFilter(parseManifestQuery({}).filter)).toBe(false);
  });

  it("drops a blank search and cuts a long one", () => {
    expect(parseManifestQuery({ q: "   " }).filter).toEqual({});
    expect(parseManifestQuery({ q: "k".repeat(500) }).filter.search).toHaveLength(MAX_SEARCH_LENGTH);
    expect(parseManifestQuery({ q: ["first", "second"] }).filter.search).toBe("first");
  });

  it("falls back to the default sort for an unknown column, and to ascending for an unknown direction", () => {
    expect(parseManifestQuery({ sort: "unit_key; drop", dir: "desc" }).sort).toEqual({ key: "position", dir: "desc" });
    expect(parseManifestQuery({ sort: "reviewedAt", dir: "sideways" }).sort).toEqual({ key: "reviewedAt", dir: "asc" });
  });
});

describe("manifestSearchParams / manifestHref", () => {
  it("leaves the defaults out", () => {
    expect(manifestSearchParams({})).toBe("");
    expect(manifestHref("a-1")).toBe("/audits/a-1/sample");
    expect(manifestHref("a-1", { filter: {}, sort: DEFAULT_MANIFEST_SORT, page: 1 })).toBe("/audits/a-1/sample");
  });

  it("round-trips through parseManifestQuery, escaping the search text", () => {
    const query = {
      filter: { reason: "identity_cluster" as const, subgroup: "a&b=c", search: "50% off_x #1", failedWithoutOwner: true as const, claimDiffers: true as const },
      sort: { key: "reviewedAt" as const, dir: "desc" as const },
      page: 2,
    };
    const s = manifestSearchParams(query);
    expect(s).toBe("reason=identity_cluster&subgroup=a%26b%3Dc&q=50%25+off_x+%231&failedWithoutOwner=1&claimDiffers=1&sort=reviewedAt&dir=desc&page=2");
    expect(parseManifestQuery(Object.fromEntries(new URLSearchParams(s)))).toEqual(query);
  });

  it("keeps a non-default sort's column when only the direction is the default", () => {
    expect(manifestSearchParams({ sort: { key: "unitKey", dir: "asc" } })).toBe("sort=unitKey");
    expect(manifestSearchParams({ sort: { key: "position", dir: "desc" } })).toBe("sort=position&dir=desc");
  });
});

describe("nextSort", () => {
  it("flips the direction of the current column, and starts another column ascending", () => {
    expect(nextSort({ key: "finding", dir: "asc" }, "finding")).toEqual({ key: "finding", dir: "desc" });
    expect(nextSort({ key: "finding", dir: "desc" }, "finding")).toEqual({ key: "finding", dir: "asc" });
    expect(nextSort({ key: "finding", dir: "desc" }, "stratum")).toEqual({ key: "stratum", dir: "asc" });
  });
});
