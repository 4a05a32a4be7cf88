import { describe, expect, it } from "vitest";
import { createProfileAuditSchema, defaultProfileConfig, profileAuditSlug } from "./profile-input";

const launch = { profile: "launch_readiness", projectName: "shop", auditDate: "2026-05-04", title: "Launch", launchKind: "internal", realUserData: "no", payments: "no", acceptableFailureMode: "DOWNTIME", expectedTraffic: "1,000", stopShipCriteria: "" };

describe("profile audit input (issue 13)", () => {
  it("builds the slug <project>-<kind>-<date>", () => {
    expect(profileAuditSlug("shop", "launch_readiness", "2026-05-04")).toBe("shop-launch-2026-05-04");
    expect(profileAuditSlug("shop", "adr", "2026-05-04")).toBe("shop-adr-2026-05-04");
    expect(profileAuditSlug("shop", "rollout", "2026-05-04")).toBe("shop-rollout-2026-05-04");
  });

  it("records the launch context with its strictness (seed 001 Phase 1)", () => {
    const out = createProfileAuditSchema.parse(launch);
    expect(out).toMatchObject({ slug: "shop-launch-2026-05-04", strictness: "LOW", context: { kind: "internal", expectedTraffic: 1000, stopShipCriteria: [], strictness: "LOW" } });
    expect(createProfileAuditSchema.parse({ ...launch, launchKind: "paid" }).strictness).toBe("HIGH");
    expect(createProfileAuditSchema.parse({ ...launch, launchKind: "beta", stopShipCriteria: "a\n\n b " }).context).toMatchObject({ stopShipCriteria: ["a", "b"], strictness: "MEDIUM" });
  });

  it("names every missing launch field", () => {
    const r = createProfileAuditSchema.safeParse({ profile: "launch_readiness", projectName: "shop", auditDate: "2026-02-30", title: "" });
    expect(r.success).toBe(false);
    const fields = r.success ? [] : r.error.issues.map((i) => i.path[0]);
    expect(fields).toEqual(expect.arrayContaining(["auditDate", "title"]));
    const r2 = createProfileAuditSchema.safeParse({ profile: "launch_readiness", projectName: "shop", auditDate: "2026-02-03", title: "x", expectedTraffic: "-3" });
    expect(r2.success ? [] : r2.error.issues.map((i) => i.path[0])).toEqual(["launchKind", "realUserData", "payments", "acceptableFailureMode", "expectedTraffic"]);
  });

  it("names the launch fields in the same pass as a bad project, date or title (one round of fixes)", () => {
    const r = createProfileAuditSchema.safeParse({ profile: "launch_readiness", projectName: "", auditDate: "2026-02-30", title: "", launchKind: "public" });
    const fields = r.success ? [] : r.error.issues.map((i) => String(i.path[0]));
    expect([...new Set(fields)].sort()).toEqual(["acceptableFailureMode", "auditDate", "expectedTraffic", "payments", "projectName", "realUserData", "title"]);
    // A rollout with a bad title gets no launch errors.
    const rollout = createProfileAuditSchema.safeParse({ profile: "rollout", projectName: "shop", auditDate: "2026-02-03", title: "" });
    expect(rollout.success ? [] : rollout.error.issues.map((i) => i.path[0])).toEqual(["title"]);
  });

  it("ADR and rollout need no context; the ADR threshold never goes below 90 (seed 003 Adaptation)", () => {
    expect(createProfileAuditSchema.parse({ profile: "adr", projectName: "shop", auditDate: "2026-05-04", title: "ADR-07" })).toMatchObject({ context: {}, config: { threshold: 90 } });
    expect(createProfileAuditSchema.parse({ profile: "adr", projectName: "shop", auditDate: "2026-05-04", title: "A", adrThreshold: "95" }).config).toMatchObject({ threshold: 95 });
    expect(createProfileAuditSchema.parse({ profile: "adr", projectName: "shop", auditDate: "2026-05-04", title: "A", adrThreshold: "50" }).config).toMatchObject({ threshold: 90 });
    expect(createProfileAuditSchema.safeParse({ profile: "adr", projectName: "shop", auditDate: "2026-05-04", title: "A", adrThreshold: "abc" }).success).toBe(false);
    expect(createProfileAuditSchema.parse({ profile: "rollout", projectName: "shop", auditDate: "2026-05-04", title: "R" }).config).toHaveProperty("rollout.stages");
  });

  it("default configs are fresh copies", () => {
    const a = defaultProfileConfig("launch_readiness");
    a.fixSoonMaxDays = 1;
    expect(defaultProfileConfig("launch_readiness").fixSoonMaxDays).toBe(14);
  });
});
