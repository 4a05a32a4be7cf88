import Ajv2020 from "ajv/dist/2020";
import { describe, expect, it } from "vitest";
import { fixtureText } from "./fixtures";
import { AUDIT_OUTPUT_SCHEMA, branchSchemaText } from "./schema";
import { AUDITOR_ROLES, CATEGORIES, OUTPUT_ROLES, RECONCILED_STATUSES, SCHEMA_PATH, SEVERITIES } from "./types";

type Node = Record<string, unknown> & { $defs: Record<string, Record<string, unknown>> };
const schema = AUDIT_OUTPUT_SCHEMA as Node;
const defs = schema.$defs;

describe("public/schemas/audit-output.schema.v0.json", () => {
  it("is draft 2020-12 with the published $id, a oneOf of the two branches", () => {
    expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(schema.$id).toBe(SCHEMA_PATH);
    expect(schema.oneOf).toEqual([{ $ref: "#/$defs/auditorOutput" }, { $ref: "#/$defs/calibratorOutput" }]);
  });

  it("uses the same lists as lib/external-audit/types.ts", () => {
    expect(defs.category.enum).toEqual([...CATEGORIES]);
    expect(defs.severity.enum).toEqual([...SEVERITIES]);
    expect((defs.reconciledFinding.properties as Node["$defs"]).status.enum).toEqual([...RECONCILED_STATUSES]);
    expect((defs.auditorOutput.properties as Node["$defs"]).audit_role.enum).toEqual([...AUDITOR_ROLES]);
    expect((defs.calibratorOutput.properties as Node["$defs"]).audit_role.const).toBe(OUTPUT_ROLES[2]);
    expect(defs.findingsByCategory.required).toEqual([...CATEGORIES]);
    expect(defs.findingsByStatus.required).toEqual([...RECONCILED_STATUSES]);
  });
});

describe("branchSchemaText", () => {
  it("is a standalone schema (no $ref left) that accepts its own role's fixture and rejects the other's", () => {
    for (const [branch, own, other] of [
      ["auditor", "auditor-primary", "calibrator"],
      ["calibrator", "calibrator", "auditor-secondary"],
    ] as const) {
      const text = branchSchemaText(branch);
      expect(text).not.toContain("$ref");
      const validate = new Ajv2020({ strict: true }).compile(JSON.parse(text) as object);
      expect(validate(JSON.parse(fixtureText(own)))).toBe(true);
      expect(validate(JSON.parse(fixtureText(other)))).toBe(false);
    }
  });
});
