import "server-only";
import { and, asc, desc, eq } from "drizzle-orm";
import type { CycleState, OutputRef } from "@/lib/external-audit-progress";
import { DEFAULT_TEMPLATES } from "@/lib/external-audit/templates";
import { type AuditorOutput, type AuditorRole, type CalibratorOutput, type OutputRole, TEMPLATE_ROLES, type TemplateRole } from "@/lib/external-audit/types";
import { type Reader, readAll } from "../handle";
import type { Tables } from "../schema";
import type { AuditReport } from "./report";

/**
 * Reads of the external-audit cycle (issue 12, seed 002): the material, the stored prompts and
 * outputs (every version), the finding links and decisions, and the prompt templates.
 */

export type ExternalAuditMaterial = Tables["externalAudits"]["$inferSelect"];
export type ExternalAuditDocument = Tables["externalAuditDocuments"]["$inferSelect"];
export type ExternalFindingDecision = Tables["externalFindingDecisions"]["$inferSelect"];
export type PromptTemplate = Tables["promptTemplates"]["$inferSelect"];

/** A finding link with the linked unit's key and its current human finding (null: not reviewed). */
export type FindingLink = { role: AuditorRole; findingId: string; sampleUnitId: number; unitKey: string; humanFinding: "PASS" | "FAIL" | "UNKNOWN" | null };

export type ExternalAuditCycle = {
  material: ExternalAuditMaterial | null;
  /** Every prompt and output version, oldest first. */
  documents: ExternalAuditDocument[];
  links: FindingLink[];
  decisions: ExternalFindingDecision[];
};

/** The document role a template role resolves into (the calibrator-reconciler template → the calibrator's prompt). */
export function documentRoleOf(role: TemplateRole): OutputRole {
  return role === "calibrator-reconciler" ? "calibrator" : role;
}

/** Everything stored for one audit's external-audit cycle (empty lists and null material before the first step). */
export async function getExternalAuditCycle(db: Reader, { auditId }: { auditId: number }): Promise<ExternalAuditCycle> {
  const { externalAudits, externalAuditDocuments: docs, externalFindingLinks: links, externalFindingDecisions: decisions, sampleUnits, units } = db.tables;
  const [[material], documents, linkRows, decisionRows] = await readAll(db, [
    () => db.select().from(externalAudits).where(eq(externalAudits.auditId, auditId)),
    () => db.select().from(docs).where(eq(docs.auditId, auditId)).orderBy(asc(docs.id)),
    () =>
      db
        .select({ role: links.role, findingId: links.findingId, sampleUnitId: links.sampleUnitId, unitKey: units.unitKey, humanFinding: sampleUnits.finding })
        .from(links)
        .innerJoin(sampleUnits, eq(sampleUnits.id, links.sampleUnitId))
        .innerJoin(units, eq(units.id, sampleUnits.unitId))
        .where(eq(links.auditId, auditId))
        .orderBy(asc(links.role), asc(links.findingId), asc(sampleUnits.position)),
    () => db.select().from(decisions).where(eq(decisions.auditId, auditId)).orderBy(asc(decisions.decidedAt)),
  ]);
  return { material: material ?? null, documents, links: linkRows, decisions: decisionRows };
}

/** The latest version of one kind and role among `documents` (any order), or null. */
export function latestDocument(documents: readonly ExternalAuditDocument[], kind: "prompt" | "output", role: OutputRole): ExternalAuditDocument | null {
  let best: ExternalAuditDocument | null = null;
  for (const d of documents) if (d.kind === kind && d.role === role && (!best || d.version > best.version)) best = d;
  return best;
}

/** The latest output of a role as the progress rules see it; a valid body is parsed (it passed the schema when stored). */
export function outputRef<O = AuditorOutput>(documents: readonly ExternalAuditDocument[], role: OutputRole): (OutputRef<O> & { document: ExternalAuditDocument }) | null {
  const d = latestDocument(documents, "output", role);
  if (!d) return null;
  return { id: d.id, version: d.version, valid: d.valid, output: d.valid ? (JSON.parse(d.body) as O) : null, document: d };
}

/** The cycle's state for lib/external-audit-progress.ts (what is done, what each step still lacks). */
export function cycleStateOf(cycle: Pick<ExternalAuditCycle, "material" | "documents">): CycleState {
  const { documents, material } = cycle;
  return {
    prepared: latestDocument(documents, "prompt", "auditor-primary") !== null && latestDocument(documents, "prompt", "auditor-secondary") !== null,
    primary: outputRef<AuditorOutput>(documents, "auditor-primary"),
    secondary: outputRef<AuditorOutput>(documents, "auditor-secondary"),
    overrideReason: material?.sameFamilyOverrideReason ?? null,
    calibratorPromptId: latestDocument(documents, "prompt", "calibrator")?.id ?? null,
    calibrator: outputRef<CalibratorOutput>(documents, "calibrator"),
    finalizedAt: material?.finalizedAt ?? null,
  };
}

/**
 * The template in force per role: the latest saved version, or the shipped default
 * (`id` null, `version` 0) until the first prepare or admin save stores it as version 1.
 */
export async function currentTemplates(db: Reader): Promise<Record<TemplateRole, { id: number | null; version: number; body: string }>> {
  const { promptTemplates } = db.tables;
  const rows = await db.select().from(promptTemplates).orderBy(desc(promptTemplates.version));
  const out = {} as Record<TemplateRole, { id: number | null; version: number; body: string }>;
  for (const role of TEMPLATE_ROLES) {
    const latest = rows.find((r) => r.role === role);
    out[role] = latest ? { id: latest.id, version: latest.version, body: latest.body } : { id: null, version: 0, body: DEFAULT_TEMPLATES[role] };
  }
  return out;
}

/** Every saved version of every template, newest first per role, with the author's name (null: shipped default). */
export async function listTemplateVersions(db: Reader): Promise<(PromptTemplate & { author: string | null })[]> {
  const { promptTemplates, users } = db.tables;
  const rows = await db
    .select({ t: promptTemplates, author: users.name })
    .from(promptTemplates)
    .leftJoin(users, eq(users.id, promptTemplates.createdBy))
    .orderBy(asc(promptTemplates.role), desc(promptTemplates.version));
  return rows.map((r) => ({ ...r.t, author: r.author }));
}

/** One stored document of the audit by kind, role and version (latest when `version` is omitted), or null. */
export async function getExternalAuditDocument(db: Reader, args: { auditId: number; kind: "prompt" | "output"; role: OutputRole; version?: number }): Promise<ExternalAuditDocument | null> {
  const { externalAuditDocuments: docs } = db.tables;
  const where = and(eq(docs.auditId, args.auditId), eq(docs.kind, args.kind), eq(docs.role, args.role), args.version === undefined ? undefined : eq(docs.version, args.version));
  const [row] = await db.select().from(docs).where(where).orderBy(desc(docs.version)).limit(1);
  return row ?? null;
}

/** The sampled units of the audit (id, key, position), in review order, to link findings to. */
export async function listSampledUnits(db: Reader, { auditId }: { auditId: number }): Promise<{ id: number; unitKey: string; position: number }[]> {
  const { sampleUnits, units } = db.tables;
  return db
    .select({ id: sampleUnits.id, unitKey: units.unitKey, position: sampleUnits.position })
    .from(sampleUnits)
    .innerJoin(units, eq(units.id, sampleUnits.unitId))
    .where(eq(sampleUnits.auditId, auditId))
    .orderBy(asc(sampleUnits.position));
}

const pct = (v: number | null) => (v === null ? "n/a" : `${(v * 100).toFixed(2)}%`);

/**
 * `{{charter_content}}` (issue 12 "Prompts"): the audit's description, settings and sample summary
 * as markdown, from the verdict report (db/queries/report.ts getAuditReport). Rates are shown in
 * percent.
 */
export function charterContent(report: AuditReport): string {
  const { audit, populationImport, summary, assessment } = report;
  const lines = [
    `# ${audit.title}`,
    "",
    `Audit ${audit.slug} (project ${audit.projectName}, audit date ${audit.auditDate}).`,
    "",
    "## Change description",
    "",
    audit.changeDescription,
    "",
    "## Settings",
    "",
    `- Risk tier: ${audit.riskTier}`,
    `- Trigger reasons: ${audit.triggerReasons.join(", ") || "none"} (trigger contract ${audit.triggerContractVersion})`,
    `- Bulk mutation threshold: ${audit.bulkMutationThreshold}; duplicate cluster cap: ${audit.duplicateClusterCap}`,
    `- Consistency model: ${audit.consistencyModel}${audit.stalenessBoundSeconds !== null ? ` (staleness bound ${audit.stalenessBoundSeconds} s)` : ""}`,
    `- Source-of-truth query: ${audit.sotQuery}`,
    `- Stability query: ${audit.sotStabilityQuery} (expected ${audit.sotExpectedResult}, observed ${audit.stabilityActualResult ?? "not yet checked"})`,
    `- Decision basis: ${audit.decisionBasis === "upper_bound" ? "exact upper bound" : "point estimate"} at ${audit.confidencePercent}% confidence`,
    "",
    "## Population and sample",
    "",
  ];
  if (populationImport) lines.push(`- Population: ${populationImport.rowCount} units from ${populationImport.fileName} (SHA-256 ${populationImport.sha256})`);
  else lines.push("- Population: not imported yet");
  if (summary) {
    lines.push(
      `- Sampled: ${summary.sampled} (census ${summary.census.size}, random ${summary.random.size}, supplementary ${summary.supplementary.size}); reviewed: ${summary.reviewed}`,
      `- Defects found: ${summary.census.defects + summary.random.defects + summary.supplementary.defects} (critical ${summary.criticalDefects}); unknowns: ${summary.census.unknowns + summary.random.unknowns + summary.supplementary.unknowns}`,
      `- Estimated defect rate: ${pct(assessment.defectRate)}; estimated unknown rate: ${pct(assessment.unknownRate)}`,
    );
  } else lines.push("- Sample: not drawn yet");
  lines.push(`- Verdict so far: ${assessment.verdict}`);
  return lines.join("\n");
}
