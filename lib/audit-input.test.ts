import { describe, it, expect } from "vitest";
import { auditSettingsSchema, auditSlug, createAuditSchema, nextRunSlug, stabilityResultSchema } from "./audit-input";

/** A complete, valid form submission (strings as a form sends them). */
const valid = {
  projectName: "billing-migration",
  auditDate: "2026-05-10",
  title: "Billing migration audit",
  changeDescription: "Moved all invoices to the new ledger",
  riskTier: "2",
  triggerReasons: ["always.high_impact_change"],
  triggerContractVersion: "1.0",
  bulkMutationThreshold: "100",
  duplicateClusterCap: "50",
  sotQuery: "select id, state from invoices",
  sotStabilityQuery: "select count(*) from invoices",
  sotExpectedResult: "42",
  consistencyModel: "strong",
};

const parse = (overrides: Record<string, unknown> = {}) => createAuditSchema.safeParse({ ...valid, ...overrides });

/** Fields (issue.path[0]) that carry an error, and their messages. */
const errorsOf = (overrides: Record<string, unknown>) => {
  const r = parse(overrides);
  expect(r.success).toBe(false);
  return r.error!.issues.map((i) => ({ field: i.path[0], message: i.message }));
};
const fieldsWithErrors = (overrides: Record<string, unknown>) => [...new Set(errorsOf(overrides).map((e) => e.field))];

describe("createAuditSchema", () => {
  it("accepts a complete submission and converts numbers, tier and slug", () => {
    const r = parse();
    expect(r.success).toBe(true);
    expect(r.data).toMatchObject({
      projectName: "billing-migration",
      riskTier: 2,
      bulkMutationThreshold: 100,
      duplicateClusterCap: 50,
      stalenessBoundSeconds: null,
      slug: "billing-migration-2026-05-10",
    });
  });

  describe("AUDIT_SLUG is {project-name}-{YYYY-MM-DD}", () => {
    it("builds the slug from project name and date", () => {
      expect(auditSlug("release", "2026-05-10")).toBe("release-2026-05-10");
      expect(parse({ projectName: "release", auditDate: "2026-05-10" }).data?.slug).toBe("release-2026-05-10");
    });

    it("trims project name and date before building the slug", () => {
      expect(parse({ projectName: "  release ", auditDate: " 2026-05-10 " }).data?.slug).toBe("release-2026-05-10");
    });
  });

  describe("project name", () => {
    it.each(["release", "a", "billing-migration", "v2-rollout-3", "123"])("accepts %j", (projectName) => {
      expect(parse({ projectName }).success).toBe(true);
    });

    it.each(["Release", "BILLING", "billing migration", "-release", "release-", "billing--migration", "billing_migration", "billing.migration", ""])(
      "rejects %j on projectName",
      (projectName) => {
        expect(fieldsWithErrors({ projectName })).toEqual(["projectName"]);
      },
    );

    it("says a missing project name is required", () => {
      expect(errorsOf({ projectName: "  " })).toContainEqual({ field: "projectName", message: "Project name is required" });
    });

    it("rejects names over 80 characters", () => {
      expect(parse({ projectName: "a".repeat(80) }).success).toBe(true);
      expect(fieldsWithErrors({ projectName: "a".repeat(81) })).toEqual(["projectName"]);
    });
  });

  describe("audit date must be a real calendar date", () => {
    it.each(["2026-05-10", "2028-02-29", "2026-12-31", "2026-01-01"])("accepts %s", (auditDate) => {
      expect(parse({ auditDate }).success).toBe(true);
    });

    it.each(["2026-02-30", "2026-02-29", "2026-13-01", "2026-00-10", "2026-04-31", "2026-5-10", "10-05-2026", "2026/05/10", "2026-05-10T00:00:00Z", "tomorrow", ""])(
      "rejects %j on auditDate",
      (auditDate) => {
        expect(errorsOf({ auditDate })).toEqual([{ field: "auditDate", message: "Date must be a real calendar date (YYYY-MM-DD)" }]);
      },
    );
  });

  describe("TRIGGER_CONTRACT_VERSION matches \\d+\\.\\d+ exactly", () => {
    it.each(["1.0", "12.34", "0.1"])("accepts %s", (triggerContractVersion) => {
      expect(parse({ triggerContractVersion }).data?.triggerContractVersion).toBe(triggerContractVersion);
    });

    it.each(["1", "1.0.0", "v1.0", "1.a", "1.", ".1", "1,0", "", "1.0 beta"])("rejects %j on triggerContractVersion", (triggerContractVersion) => {
      expect(fieldsWithErrors({ triggerContractVersion })).toEqual(["triggerContractVersion"]);
    });
  });

  describe.each([
    ["bulkMutationThreshold", "Bulk mutation threshold must be a positive integer"],
    ["duplicateClusterCap", "Duplicate cluster cap must be a positive integer"],
  ])("%s is a positive integer", (field, message) => {
    it("converts \"100\" to 100 and \"1\" to 1", () => {
      expect(parse({ [field]: "100" }).data?.[field as "bulkMutationThreshold"]).toBe(100);
      expect(parse({ [field]: " 1 " }).data?.[field as "bulkMutationThreshold"]).toBe(1);
    });

    it.each(["0", "-1", "1.5", "abc", "", "   ", "1e3", "+5", "99999999999999999999"])("rejects %j", (value) => {
      const errors = errorsOf({ [field]: value });
      expect(errors.length).toBeGreaterThan(0);
      expect(errors.every((e) => e.field === field && e.message === message)).toBe(true);
    });
  });

  describe("SOURCE_OF_TRUTH_SPEC needs query, stability query and expected result", () => {
    it.each([
      ["sotQuery", "Source-of-truth query is required"],
      ["sotStabilityQuery", "Stability test query is required"],
      ["sotExpectedResult", "Expected stability result is required"],
    ])("rejects a missing or whitespace-only %s", (field, message) => {
      expect(errorsOf({ [field]: "" })).toEqual([{ field, message }]);
      expect(errorsOf({ [field]: " \t\n " })).toEqual([{ field, message }]);
      expect(fieldsWithErrors({ [field]: undefined })).toEqual([field]);
    });

    it("trims the spec fields", () => {
      expect(parse({ sotQuery: "  select 1  ", sotExpectedResult: " 42\n" }).data).toMatchObject({ sotQuery: "select 1", sotExpectedResult: "42" });
    });

    it("limits the expected result to 2,000 characters", () => {
      expect(parse({ sotExpectedResult: "x".repeat(2_000) }).success).toBe(true);
      expect(fieldsWithErrors({ sotExpectedResult: "x".repeat(2_001) })).toEqual(["sotExpectedResult"]);
    });
  });

  describe("title and change description", () => {
    it("requires both", () => {
      expect(errorsOf({ title: " " })).toEqual([{ field: "title", message: "Title is required" }]);
      expect(errorsOf({ changeDescription: "" })).toEqual([{ field: "changeDescription", message: "What the change did is required" }]);
    });

    it("limits the title to 200 characters", () => {
      expect(parse({ title: "t".repeat(200) }).success).toBe(true);
      expect(fieldsWithErrors({ title: "t".repeat(201) })).toEqual(["title"]);
    });
  });

  describe("risk tier", () => {
    it.each([
      ["1", 1],
      ["2", 2],
      ["3", 3],
    ])("maps %j to %i", (riskTier, tier) => {
      expect(parse({ riskTier }).data?.riskTier).toBe(tier);
    });

    it.each(["0", "4", "", "one", 1, undefined])("rejects %j with \"Choose a risk tier\"", (riskTier) => {
      expect(errorsOf({ riskTier })).toEqual([{ field: "riskTier", message: "Choose a risk tier" }]);
    });
  });

  describe("trigger reasons", () => {
    it("accepts several known codes from different groups", () => {
      const triggerReasons = ["always.user_visible_correctness", "risk.identity_collisions", "governance.contradictory_claims"];
      expect(parse({ triggerReasons }).data?.triggerReasons).toEqual(triggerReasons);
    });

    it("asks for at least one reason when none is chosen", () => {
      expect(errorsOf({ triggerReasons: undefined })).toEqual([{ field: "triggerReasons", message: "Choose at least one trigger reason" }]);
      expect(errorsOf({ triggerReasons: [] })).toEqual([{ field: "triggerReasons", message: "Choose at least one trigger reason" }]);
    });

    it("rejects an unknown code on the triggerReasons field", () => {
      expect(errorsOf({ triggerReasons: ["always.high_impact_change", "made.up"] })).toEqual([{ field: "triggerReasons", message: "Unknown trigger reason" }]);
    });
  });

  describe("consistency model", () => {
    it.each(["strong", "eventual"])("%s needs no staleness bound and stores null", (consistencyModel) => {
      expect(parse({ consistencyModel, stalenessBoundSeconds: "60" }).data?.stalenessBoundSeconds).toBeNull();
      expect(parse({ consistencyModel, stalenessBoundSeconds: "not a number" }).data?.stalenessBoundSeconds).toBeNull();
      expect(parse({ consistencyModel }).data?.stalenessBoundSeconds).toBeNull();
    });

    it("bounded_staleness keeps its bound as a number", () => {
      expect(parse({ consistencyModel: "bounded_staleness", stalenessBoundSeconds: " 300 " }).data).toMatchObject({
        consistencyModel: "bounded_staleness",
        stalenessBoundSeconds: 300,
      });
    });

    it.each([undefined, "", "  ", "0", "-5", "1.5", "abc", "99999999999999999999"])("bounded_staleness rejects bound %j on stalenessBoundSeconds", (stalenessBoundSeconds) => {
      expect(errorsOf({ consistencyModel: "bounded_staleness", stalenessBoundSeconds })).toEqual([
        { field: "stalenessBoundSeconds", message: "Bounded staleness needs its bound in seconds (a positive integer)" },
      ]);
    });

    it.each(["linearizable", "", "Strong", undefined])("rejects model %j", (consistencyModel) => {
      expect(errorsOf({ consistencyModel })).toEqual([{ field: "consistencyModel", message: "Choose a consistency model" }]);
    });
  });

  it("reports every invalid field at once", () => {
    expect(fieldsWithErrors({ projectName: "Bad Name", auditDate: "2026-02-30", riskTier: "9", bulkMutationThreshold: "0" }).sort()).toEqual(
      ["auditDate", "bulkMutationThreshold", "projectName", "riskTier"],
    );
  });
});

describe("stabilityResultSchema", () => {
  it("trims and accepts a result", () => {
    expect(stabilityResultSchema.parse({ actualResult: "  42 \n" })).toEqual({ actualResult: "42" });
  });

  it("requires a non-blank result", () => {
    const r = stabilityResultSchema.safeParse({ actualResult: "   " });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => [i.path[0], i.message])).toEqual([["actualResult", "Enter the result the stability test returned"]]);
  });

  it("limits the result to 2,000 characters", () => {
    expect(stabilityResultSchema.safeParse({ actualResult: "x".repeat(2_000) }).success).toBe(true);
    const r = stabilityResultSchema.safeParse({ actualResult: "x".repeat(2_001) });
    expect(r.error!.issues.map((i) => i.path[0])).toEqual(["actualResult"]);
  });
});

describe("createAuditSchema: every problem at once", () => {
  it("reports a missing staleness bound together with the other field errors", () => {
    const r = createAuditSchema.safeParse({ consistencyModel: "bounded_staleness", stalenessBoundSeconds: "x" });
    expect(r.success).toBe(false);
    const fields = new Set(r.error!.issues.map((i) => String(i.path[0])));
    expect(fields.has("stalenessBoundSeconds")).toBe(true);
    expect(fields.has("projectName")).toBe(true);
  });
});

describe("nextRunSlug (issue 11 re-audits)", () => {
  it("is the day's AUDIT_SLUG when free", () => {
    expect(nextRunSlug("billing-2026-06-01", [])).toBe("billing-2026-06-01");
    expect(nextRunSlug("billing-2026-06-01", ["billing-2026-05-31", "other-2026-06-01"])).toBe("billing-2026-06-01");
  });

  it("appends -r2, -r3 … and takes the first free run number", () => {
    expect(nextRunSlug("billing-2026-06-01", ["billing-2026-06-01"])).toBe("billing-2026-06-01-r2");
    expect(nextRunSlug("billing-2026-06-01", ["billing-2026-06-01", "billing-2026-06-01-r2"])).toBe("billing-2026-06-01-r3");
    expect(nextRunSlug("billing-2026-06-01", ["billing-2026-06-01", "billing-2026-06-01-r3"])).toBe("billing-2026-06-01-r2");
  });
});

describe("auditSettingsSchema", () => {
  it("validates like the create form, without project and date", () => {
    const fields = Object.fromEntries(Object.entries(valid).filter(([k]) => k !== "projectName" && k !== "auditDate"));
    const parsed = auditSettingsSchema.parse({ ...fields, consistencyModel: "bounded_staleness", stalenessBoundSeconds: "30" });
    expect(parsed).toMatchObject({ riskTier: 2, stalenessBoundSeconds: 30 });
    expect(parsed).not.toHaveProperty("slug");
    const bad = auditSettingsSchema.safeParse({ ...fields, title: " ", consistencyModel: "bounded_staleness", stalenessBoundSeconds: "" });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => i.path[0]).sort()).toEqual(["stalenessBoundSeconds", "title"]);
  });
});
