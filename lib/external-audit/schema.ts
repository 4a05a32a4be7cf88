import auditOutputSchema from "../../public/schemas/audit-output.schema.v0.json";

/**
 * The published output schema (public/schemas/audit-output.schema.v0.json, JSON Schema draft
 * 2020-12; seed 002 "Schema design", issue 12 step 2) and its two `oneOf` branches.
 */
export const AUDIT_OUTPUT_SCHEMA: Record<string, unknown> = auditOutputSchema;

/** The `$defs` entry of each branch of the schema's `oneOf`. */
export const BRANCH_DEFS = { auditor: "auditorOutput", calibrator: "calibratorOutput" } as const;
export type Branch = keyof typeof BRANCH_DEFS;

const DEFS = auditOutputSchema.$defs as Record<string, unknown>;
const LOCAL_REF = /^#\/\$defs\/([A-Za-z0-9_]+)$/;

function inline(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(inline);
  if (node === null || typeof node !== "object") return node;
  const record = node as Record<string, unknown>;
  const ref = typeof record.$ref === "string" ? LOCAL_REF.exec(record.$ref) : null;
  if (ref) {
    if (!(ref[1] in DEFS)) throw new Error(`audit-output schema: unknown $ref ${record.$ref}`);
    const siblings = Object.fromEntries(Object.entries(record).filter(([k]) => k !== "$ref"));
    return { ...(inline(DEFS[ref[1]]) as object), ...(inline(siblings) as object) };
  }
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, inline(v)]));
}

/**
 * One branch of the schema as a standalone draft 2020-12 schema with every local `$ref` inlined,
 * so a prompt can embed it literally and the model needs nothing else (issue 12 "Prompts": the
 * template embeds the schema text).
 * @param branch `auditor` (auditor-primary and auditor-secondary) or `calibrator`.
 * @returns the schema as pretty-printed JSON (2-space indent).
 * @throws Error when the published schema has a `$ref` to a missing `$defs` entry (a broken build).
 */
export function branchSchemaText(branch: Branch): string {
  const body = inline(DEFS[BRANCH_DEFS[branch]]) as Record<string, unknown>;
  return JSON.stringify({ $schema: auditOutputSchema.$schema, ...body }, null, 2);
}
