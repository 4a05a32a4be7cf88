import { branchSchemaText } from "./schema";
import { PLACEHOLDERS, type OutputRole, type Placeholder, type TemplateRole } from "./types";

/*
 * Default prompt templates of the external-audit cycle (seed 002 "Prompt design", issue 12
 * "Prompts"). The two auditor prompts are structurally identical: the heterogeneity lives in the
 * model family, not in the wording. Each template carries the categorisation and discipline rules
 * in full and the literal JSON Schema of its answer, so the model needs nothing outside the prompt.
 */

const FENCE = "```";

const CATEGORISATION_RULES = `## Categorisation rules

Put every finding in exactly one category:

- **hallucination**: a claim in the written record (the charter, the AI logs, commit messages) that the diff does not bear out: work described as done that is not in the diff, a test or a dry run said to exist that does not, a number that does not add up. The defect is in the narrative, not in the changed units.
- **implementation_gap**: behaviour the charter or the AI logs promise that the diff does not implement, or implements only in part: a skipped case, an unhandled input, a migration that misses rows. The change is incomplete.
- **real_debt**: the change does what it claims but brings a real defect or risk with it: a bug, a path that loses or corrupts data, a security hole, a missing safeguard (rollback, lock, limit), an untested risky path.
- **false_positive**: something that looks wrong at first sight but is correct once checked against the material. Report it so the reviewers see it was considered and need not chase it.

Severity: **critical** (data loss, security breach or wrong results in production now), **high** (will cause a production defect under ordinary conditions), **medium** (defect under specific conditions, or a missing safeguard), **low** (minor, cosmetic or hygiene), **info** (worth knowing, no action needed; use it for false positives).`;

const DISCIPLINE_RULES = `## Discipline rules

1. **Do not fabricate findings.** Every finding must rest on evidence that is in this prompt: quote the lines, name the diff hunk or the passage of the AI log. If you cannot point to it, it is not a finding.
2. **No external sources beyond this prompt.** Do not browse, do not rely on files, tickets or documentation that are not included here, and do not assume how code you cannot see behaves. If the material is not enough to judge something, say so in the summary instead of guessing.
3. An empty result is a valid result. If you find nothing, return an empty list and zero counts.
4. One finding per problem: do not split a problem into several findings or report the same one twice.
5. Give every finding an id unique within your answer (letters, digits, dot, underscore, hyphen; at most 40 characters), e.g. F-1, F-2.
6. The counts must equal your lists exactly.
7. Answer with one JSON document and nothing else: no Markdown code fence, no text before or after it.`;

const SCHEMA_SECTION = (branch: "auditor" | "calibrator") => `## Answer format

Answer with JSON valid against the output schema published at \`{{schema_path}}\` (JSON Schema draft 2020-12). The part that applies to your role, in full:

${FENCE}json
${branchSchemaText(branch)}
${FENCE}`;

const MATERIAL = `## The change under audit

- Charter id (the audit slug): \`{{charter_id}}\`
- Title: {{charter_title}}
- Charter: \`{{charter_path}}\`
- Git range: \`{{git_range}}\`
- AI logs: {{ailog_paths}}

### Charter

{{charter_content}}

### Diff

${FENCE}diff
{{git_diff}}
${FENCE}

### AI logs

{{ailog_contents}}`;

const AUDITOR_TEMPLATE = `# External audit: {{audit_role}}

You are **{{audit_role}}**, one of two independent auditors of a production change. A second auditor from a different model family reviews the same material without seeing your answer; a calibrator then reconciles both answers. Review the change below against what its charter and AI logs claim, and report what you find.

${MATERIAL}

${CATEGORISATION_RULES}

${DISCIPLINE_RULES}

${SCHEMA_SECTION("auditor")}

Fill in:

- \`audit_role\`: \`{{audit_role}}\`
- \`schema_version\`: \`v0\`
- \`charter_id\`: \`{{charter_id}}\`
- \`model\`: your model family (e.g. anthropic, openai, google) and model name
- \`prompt_used\`: \`audit/charters/{{charter_id}}/prompts/{{audit_role}}.prompt.md\`
- \`summary\`: your overall assessment in a few sentences
- \`findings\` and \`findings_by_category\` (the number of findings in each category)
`;

const CALIBRATOR_TEMPLATE = `# External audit: calibrator-reconciler

You are the **calibrator**. Two auditors from different model families reviewed the same production change independently. Your task is to reconcile their findings, not to audit the change afresh: decide for every auditor finding whether it holds and whether the other auditor saw the same problem. Do not add findings that neither auditor reported.

${MATERIAL}

## Auditor findings

### auditor-primary

${FENCE}json
{{auditor_primary_findings}}
${FENCE}

### auditor-secondary

${FENCE}json
{{auditor_secondary_findings}}
${FENCE}

## Reconciliation rules

Group the auditor findings into reconciled findings and give each a status:

- **agreed**: both auditors report the problem and put it in the same category. Covers at least one finding of each auditor.
- **disputed**: both auditors report the problem but disagree on its category, or on whether it holds. Covers at least one finding of each auditor. A human adjudicates it; set \`category\` to your best judgement and explain the disagreement in \`rationale\`.
- **unique_primary**: only auditor-primary reports it and it holds. Covers auditor-primary findings only.
- **unique_secondary**: only auditor-secondary reports it and it holds. Covers auditor-secondary findings only.
- **rejected**: the finding is unfounded in the material (e.g. the evidence does not show it). Covers the rejected auditor findings.

Every finding of each auditor must be covered by exactly one reconciled finding: list its id under \`covers\` for its auditor, never twice, and never an id the auditor did not use. \`findings_by_status\` counts the reconciled findings per status.

${CATEGORISATION_RULES}

${DISCIPLINE_RULES}

${SCHEMA_SECTION("calibrator")}

Fill in:

- \`audit_role\`: \`calibrator\`
- \`schema_version\`: \`v0\`
- \`charter_id\`: \`{{charter_id}}\`
- \`model\`: your model family and model name
- \`prompt_used\`: \`audit/charters/{{charter_id}}/prompts/calibrator-reconciler.prompt.md\`
- \`summary\`: the reconciliation summary: where the auditors agree, where they differ, what a human must settle
- \`auditors_reconciled\`: both auditors, each with its \`audit_role\` and \`model\` as given in its findings
- \`reconciled_findings\` and \`findings_by_status\`
`;

/**
 * The templates that ship with the app, one per template role (issue 12 "Prompts": three default
 * templates; auditor-secondary is the auditor-primary text, the role comes from {{audit_role}}).
 * Markdown with the placeholders of PLACEHOLDERS; resolve with resolveTemplate.
 */
export const DEFAULT_TEMPLATES: Record<TemplateRole, string> = {
  "auditor-primary": AUDITOR_TEMPLATE,
  "auditor-secondary": AUDITOR_TEMPLATE,
  "calibrator-reconciler": CALIBRATOR_TEMPLATE,
};

const KNOWN = new Set<string>(PLACEHOLDERS);
const PLACEHOLDER = /\{\{([a-z_]+)\}\}/g;

/**
 * Fills a template's placeholders (seed 002 PR 2 "Placeholders supported in templates", issue 12).
 *
 * One pass over the template: a value that itself contains `{{…}}` (a diff, an auditor's JSON) is
 * inserted as is, never expanded again, and `$` in a value is literal. Placeholders are written
 * `{{name}}` without spaces. Unknown placeholders stay literally as written; so does a known one
 * with no entry in `values` (pass "" to blank it), so a missing input shows in the prompt instead
 * of vanishing.
 * @param body the template text.
 * @param values placeholder name → text to insert.
 * @returns the resolved prompt.
 */
export function resolveTemplate(body: string, values: Partial<Record<Placeholder, string>>): string {
  return body.replace(PLACEHOLDER, (whole, name: string) => {
    if (!KNOWN.has(name)) return whole;
    const value = values[name as Placeholder];
    return value === undefined ? whole : value;
  });
}

const templateRoleOf = (role: TemplateRole | OutputRole): TemplateRole => (role === "calibrator" ? "calibrator-reconciler" : role);

/**
 * Where a resolved prompt is kept, the value an output's `prompt_used` must cite (seed 002 PR 2
 * "Three steps": audit/charters/<CHARTER-ID>/prompts/).
 * @param slug the audit slug (the charter id).
 * @param role a template role, or an output role (`calibrator` → the calibrator-reconciler prompt).
 * @returns e.g. `audit/charters/invoice-backfill-2026-05-10/prompts/auditor-primary.prompt.md`.
 */
export function promptPath(slug: string, role: TemplateRole | OutputRole): string {
  return `audit/charters/${slug}/prompts/${templateRoleOf(role)}.prompt.md`;
}

/**
 * Where a pasted output is kept (seed 002 PR 2: canonical paths under audit/charters/<CHARTER-ID>/).
 * @param slug the audit slug.
 * @param role the output role.
 * @returns e.g. `audit/charters/invoice-backfill-2026-05-10/outputs/calibrator.json`.
 */
export function outputPath(slug: string, role: OutputRole): string {
  return `audit/charters/${slug}/outputs/${role}.json`;
}
