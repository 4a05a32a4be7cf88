import { describe, expect, it } from "vitest";
import { parseAuditPageQuery } from "./audit-page-query";
import { MAX_PAGE } from "./pagination";

describe("parseAuditPageQuery", () => {
  it("reads reviewed=all and the timeline page", () => {
    expect(parseAuditPageQuery({ reviewed: "all", events: "2" })).toEqual({ justFinished: true, eventsPage: 2 });
  });

  it("ignores other values and clamps junk pages", () => {
    expect(parseAuditPageQuery({ reviewed: "some", events: "99999999999999999999" })).toEqual({ justFinished: false, eventsPage: MAX_PAGE });
    expect(parseAuditPageQuery({ reviewed: ["x", "all"], events: "-3" })).toEqual({ justFinished: false, eventsPage: 1 });
    expect(parseAuditPageQuery({})).toEqual({ justFinished: false, eventsPage: 1 });
  });
});
