import { describe, expect, it } from "vitest";
import { branchSchemaText } from "./schema";
import { DEFAULT_TEMPLATES, outputPath, promptPath, resolveTemplate } from "./templates";
import { PLACEHOLDERS, TEMPLATE_ROLES, type Placeholder } from "./types";

const SLUG = "invoice-backfill-2026-05-10";

describe("resolveTemplate", () => {
  it("fills all 12 placeholders, each wherever it occurs", () => {
    expect(PLACEHOLDERS).toHaveLength(12);
    const body = PLACEHOLDERS.map((p) => `${p}=[{{${p}}}]`).join("\n") + "\nagain {{charter_id}}";
    const values = Object.fromEntries(PLACEHOLDERS.map((p) => [p, `value of ${p}`])) as Record<Placeholder, string>;
    const out = resolveTemplate(body, values);
    expect(out).toBe(PLACEHOLDERS.map((p) => `${p}=[value of ${p}]`).join("\n") + "\nagain value of charter_id");
    expect(out).not.toContain("{{");
  });

  it("leaves unknown placeholders literally as written, and odd spellings too", () => {
    const body = "{{charter_id}} {{reviewer_name}} {{ charter_id }} {{CHARTER_ID}} {charter_id} {{{charter_id}}}";
    expect(resolveTemplate(body, { charter_id: "x-2026-01-01" })).toBe("x-2026-01-01 {{reviewer_name}} {{ charter_id }} {{CHARTER_ID}} {charter_id} {x-2026-01-01}");
  });

  it("does not expand placeholders that arrive inside a value", () => {
    const diff = "+ const t = `{{charter_id}}`; // {{git_diff}} {{unknown}}";
    const out = resolveTemplate("A {{git_diff}} B {{charter_id}}", { git_diff: diff, charter_id: "c-2026-01-01" });
    expect(out).toBe(`A ${diff} B c-2026-01-01`);
  });

  it("inserts $ patterns literally", () => {
    expect(resolveTemplate("[{{git_range}}]", { git_range: "$& $1 $$ $`" })).toBe("[$& $1 $$ $`]");
  });

  it("keeps a known placeholder without a value, and blanks it for an empty string", () => {
    expect(resolveTemplate("a{{git_diff}}b{{git_range}}c", { git_range: "" })).toBe("a{{git_diff}}bc");
  });
});

describe("DEFAULT_TEMPLATES", () => {
  const fencedJson = (text: string) => [...text.matchAll(/```json\n([\s\S]*?)\n```/g)].map((m) => m[1]);

  it.each(TEMPLATE_ROLES)("%s carries the categorisation and discipline rules in full and a JSON-only instruction", (role) => {
    const t = DEFAULT_TEMPLATES[role];
    for (const heading of ["## Categorisation rules", "## Discipline rules"]) expect(t).toContain(heading);
    for (const c of ["**hallucination**", "**implementation_gap**", "**real_debt**", "**false_positive**"]) expect(t).toContain(c);
    expect(t).toContain("**Do not fabricate findings.**");
    expect(t).toContain("**No external sources beyond this prompt.**");
    expect(t).toContain("Answer with one JSON document and nothing else");
    expect(t).toContain("published at `{{schema_path}}`");
  });

  it("embeds the literal schema text of each role's branch", () => {
    for (const role of ["auditor-primary", "auditor-secondary"] as const) {
      const blocks = fencedJson(DEFAULT_TEMPLATES[role]);
      expect(blocks).toContain(branchSchemaText("auditor"));
      expect(blocks).not.toContain(branchSchemaText("calibrator"));
    }
    const blocks = fencedJson(DEFAULT_TEMPLATES["calibrator-reconciler"]);
    expect(blocks).toContain(branchSchemaText("calibrator"));
    expect(blocks).not.toContain(branchSchemaText("auditor"));
  });

  it("keeps the two auditor prompts structurally identical: the role comes from {{audit_role}}", () => {
    expect(DEFAULT_TEMPLATES["auditor-secondary"]).toBe(DEFAULT_TEMPLATES["auditor-primary"]);
    const resolve = (role: "auditor-primary" | "auditor-secondary") => resolveTemplate(DEFAULT_TEMPLATES[role], { charter_id: SLUG, audit_role: role });
    expect(resolve("auditor-primary")).toContain(`\`prompt_used\`: \`${promptPath(SLUG, "auditor-primary")}\``);
    expect(resolve("auditor-secondary")).toContain(`\`prompt_used\`: \`${promptPath(SLUG, "auditor-secondary")}\``);
    expect(resolve("auditor-secondary")).toContain("You are **auditor-secondary**");
  });

  it("has the calibrator embed both auditors' findings and cite its own prompt path", () => {
    const out = resolveTemplate(DEFAULT_TEMPLATES["calibrator-reconciler"], {
      charter_id: SLUG,
      auditor_primary_findings: '{"audit_role":"auditor-primary"}',
      auditor_secondary_findings: '{"audit_role":"auditor-secondary"}',
    });
    expect(fencedJson(out)).toEqual(expect.arrayContaining(['{"audit_role":"auditor-primary"}', '{"audit_role":"auditor-secondary"}']));
    expect(out).toContain(`\`prompt_used\`: \`${promptPath(SLUG, "calibrator")}\``);
    for (const s of ["**agreed**", "**disputed**", "**unique_primary**", "**unique_secondary**", "**rejected**"]) expect(out).toContain(s);
  });

  it.each(TEMPLATE_ROLES)("%s resolves completely when all 12 values are given", (role) => {
    const values = Object.fromEntries(PLACEHOLDERS.map((p) => [p, `<${p}>`])) as Record<Placeholder, string>;
    const out = resolveTemplate(DEFAULT_TEMPLATES[role], values);
    expect(out).not.toMatch(/\{\{/);
    expect(out).toContain("<charter_content>");
    expect(out).toContain("```diff\n<git_diff>\n```");
  });

  it("uses only the 12 placeholders", () => {
    for (const role of TEMPLATE_ROLES) {
      const used = new Set([...DEFAULT_TEMPLATES[role].matchAll(/\{\{([^}]*)\}\}/g)].map((m) => m[1]));
      for (const name of used) expect(PLACEHOLDERS).toContain(name);
    }
  });
});

describe("promptPath / outputPath", () => {
  it("follow seed 002's canonical layout; calibrator prompts are the calibrator-reconciler's", () => {
    expect(promptPath(SLUG, "auditor-primary")).toBe("audit/charters/invoice-backfill-2026-05-10/prompts/auditor-primary.prompt.md");
    expect(promptPath(SLUG, "calibrator")).toBe("audit/charters/invoice-backfill-2026-05-10/prompts/calibrator-reconciler.prompt.md");
    expect(promptPath(SLUG, "calibrator-reconciler")).toBe(promptPath(SLUG, "calibrator"));
    expect(outputPath(SLUG, "auditor-secondary")).toBe("audit/charters/invoice-backfill-2026-05-10/outputs/auditor-secondary.json");
    expect(outputPath(SLUG, "calibrator")).toBe("audit/charters/invoice-backfill-2026-05-10/outputs/calibrator.json");
  });
});
