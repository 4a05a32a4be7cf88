/**
 * Integration tests of the external-audit cycle (db/mutations/external-audit.ts, issue 12) on the
 * engine under test: prepare (immutable prompts, template versions), pastes as versions (also in
 * parallel), the calibrate-without-auditor-outputs refusal, the same-family override, the
 * calibrator's coverage check, finalize, finding links and disputed-finding decisions (parallel:
 * one wins), template saves.
 */
import { createHash } from "node:crypto";
import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reviewSchema } from "@/lib/review-input";
import { fixtureText } from "@/lib/external-audit/fixtures";
import { promptPath } from "@/lib/external-audit/templates";
import type { AuditorRole, Category } from "@/lib/external-audit/types";
import type { Db } from "../handle";
import { getExternalAuditCycle } from "../queries/external-audit";
import { createTestDb, importCsv, rowCounts, type TestDb, validAuditForm } from "../testing";
import { createAudit, recordStabilityResult } from "./audits";
import { decideFinding, finalizeExternalAudit, linkFinding, pasteExternalAuditOutput, prepareCalibration, prepareExternalAudit, recordSameFamilyOverride, savePromptTemplate } from "./external-audit";
import { saveReview } from "./reviews";
import { drawAuditSample } from "./sample";
import { createUser } from "./users";

let t: TestDb & { operatorId: number };
let db: Db;
let operatorId: number;
let adminId: number;

const NO_MATERIAL = { gitRange: null, gitDiff: null, ailogPaths: null, ailogContents: null };
const sha256 = (s: string) => createHash("sha256").update(s, "utf8").digest("hex");

async function newAudit(): Promise<{ id: number; slug: string }> {
  return createAudit(db, { input: validAuditForm(), actorId: operatorId });
}

/** A valid auditor output for `slug`; findings as [id, category]. */
function auditorOutput(slug: string, role: AuditorRole, family: string, findings: [string, Category][]) {
  const byCategory = { hallucination: 0, implementation_gap: 0, real_debt: 0, false_positive: 0 };
  for (const [, c] of findings) byCategory[c]++;
  return JSON.stringify({
    audit_role: role,
    schema_version: "v0",
    charter_id: slug,
    model: { family, name: `${family}-model-1` },
    prompt_used: promptPath(slug, role),
    summary: `${role} summary`,
    findings: findings.map(([id, category]) => ({ id, category, severity: "medium", title: `Finding ${id}`, evidence: `Evidence for ${id}`, location: "src/x.ts:1" })),
    findings_by_category: byCategory,
  });
}

const PRIMARY: [string, Category][] = [
  ["P1", "real_debt"],
  ["P2", "implementation_gap"],
];
const SECONDARY: [string, Category][] = [
  ["S1", "real_debt"],
  ["S2", "false_positive"],
];

/** A calibrator output: R1 agreed (P1+S1), R2 disputed (P2+S2); `covers2` overrides R2's coverage. */
function calibratorOutput(slug: string, covers2: { "auditor-primary": string[]; "auditor-secondary": string[] } = { "auditor-primary": ["P2"], "auditor-secondary": ["S2"] }) {
  return JSON.stringify({
    audit_role: "calibrator",
    schema_version: "v0",
    charter_id: slug,
    model: { family: "google", name: "gemini-x" },
    prompt_used: promptPath(slug, "calibrator-reconciler"),
    summary: "One agreed finding, one disputed.",
    auditors_reconciled: [
      { audit_role: "auditor-primary", model: { family: "anthropic", name: "anthropic-model-1" } },
      { audit_role: "auditor-secondary", model: { family: "openai", name: "openai-model-1" } },
    ],
    reconciled_findings: [
      { id: "R1", status: "agreed", category: "real_debt", severity: "high", title: "Agreed", rationale: "Both saw it.", covers: { "auditor-primary": ["P1"], "auditor-secondary": ["S1"] } },
      { id: "R2", status: "disputed", category: "implementation_gap", severity: "medium", title: "Disputed", rationale: "They disagree.", covers: covers2 },
    ],
    findings_by_status: { agreed: 1, disputed: 1, unique_primary: 0, unique_secondary: 0, rejected: 0 },
  });
}

const paste = (auditId: number, role: "auditor-primary" | "auditor-secondary" | "calibrator", text: string) => pasteExternalAuditOutput(db, { auditId, role, text, actorId: operatorId });

/** An audit with both auditor prompts prepared and valid outputs from two families pasted. */
async function auditWithAuditorOutputs(secondaryFamily = "openai") {
  const audit = await newAudit();
  await prepareExternalAudit(db, { auditId: audit.id, material: NO_MATERIAL, actorId: operatorId });
  expect((await paste(audit.id, "auditor-primary", auditorOutput(audit.slug, "auditor-primary", "anthropic", PRIMARY))).valid).toBe(true);
  expect((await paste(audit.id, "auditor-secondary", auditorOutput(audit.slug, "auditor-secondary", secondaryFamily, SECONDARY))).valid).toBe(true);
  return audit;
}

beforeAll(async () => {
  t = await createTestDb("external_audit");
  ({ db, operatorId } = t);
  adminId = await createUser(db, { email: "admin@test.example", name: "Admin", password: "admin-test-pass-1", roles: ["admin"], actorId: null });
});

afterAll(() => t.close());

describe("prepare", () => {
  it("stores both auditor prompts (SHA-256, template version 1 from the defaults) and the material; an unchanged re-prepare stores nothing new", async () => {
    const audit = await newAudit();
    const material = { gitRange: "abc123..def456", gitDiff: "diff --git a/x b/x\n+changed", ailogPaths: "logs/a.md", ailogContents: "the AI said so" };
    const prompts = await prepareExternalAudit(db, { auditId: audit.id, material, actorId: operatorId });
    expect(prompts.map((p) => [p.role, p.version, p.stored])).toEqual([
      ["auditor-primary", 1, true],
      ["auditor-secondary", 1, true],
    ]);
    const cycle = await getExternalAuditCycle(db, { auditId: audit.id });
    expect(cycle.material).toMatchObject(material);
    const templates = await db.select().from(db.tables.promptTemplates);
    for (const doc of cycle.documents) {
      expect(doc).toMatchObject({ kind: "prompt", path: promptPath(audit.slug, doc.role as AuditorRole), sha256: sha256(doc.body) });
      expect(templates.find((tpl) => tpl.id === doc.templateId)).toMatchObject({ role: doc.role, version: 1 });
      expect(doc.body).toContain(audit.slug);
      expect(doc.body).toContain("Created by the tests."); // charter_content: the audit's description
      expect(doc.body).toContain("abc123..def456");
      expect(doc.body).toContain("+changed");
      expect(doc.body).not.toMatch(/\{\{(charter_id|charter_content|git_diff|audit_role)\}\}/);
    }

    const again = await prepareExternalAudit(db, { auditId: audit.id, material, actorId: operatorId });
    expect(again.map((p) => [p.version, p.stored])).toEqual([
      [1, false],
      [1, false],
    ]);
    expect((await getExternalAuditCycle(db, { auditId: audit.id })).documents).toHaveLength(2);
  });

  it("a prompt resolved after an admin edit records the new template version; earlier prompts keep theirs", async () => {
    const audit = await newAudit();
    await prepareExternalAudit(db, { auditId: audit.id, material: NO_MATERIAL, actorId: operatorId });
    const { templateId, version } = await savePromptTemplate(db, { role: "auditor-primary", body: "Audit {{charter_id}} as {{audit_role}}. {{unknown_thing}}", actorId: adminId });
    expect(version).toBeGreaterThanOrEqual(2);
    await prepareExternalAudit(db, { auditId: audit.id, material: NO_MATERIAL, actorId: operatorId });
    const docs = (await getExternalAuditCycle(db, { auditId: audit.id })).documents.filter((d) => d.role === "auditor-primary");
    expect(docs.map((d) => d.version)).toEqual([1, 2]);
    expect(docs[0].templateId).not.toBe(templateId);
    expect(docs[1]).toMatchObject({ templateId, body: `Audit ${audit.slug} as auditor-primary. {{unknown_thing}}` });
  });
});

describe("pasting outputs", () => {
  it("is refused before the prompts are prepared, and nothing is written", async () => {
    const audit = await newAudit();
    const before = await rowCounts(db, "events", "external_audit_documents");
    await expect(paste(audit.id, "auditor-primary", auditorOutput(audit.slug, "auditor-primary", "anthropic", PRIMARY))).rejects.toThrow(/prompts are not prepared yet/);
    expect(await rowCounts(db, "events", "external_audit_documents")).toEqual(before);
  });

  it("stores an invalid paste as a version with its errors, and a re-paste as the next version; earlier versions stay", async () => {
    const audit = await newAudit();
    await prepareExternalAudit(db, { auditId: audit.id, material: NO_MATERIAL, actorId: operatorId });
    const bad = JSON.parse(auditorOutput(audit.slug, "auditor-primary", "anthropic", PRIMARY));
    bad.findings[0].category = "nonsense";
    const first = await paste(audit.id, "auditor-primary", JSON.stringify(bad));
    expect(first).toMatchObject({ version: 1, valid: false });
    expect(first.errors.some((e) => e.path === "/findings/0/category")).toBe(true);

    const second = await paste(audit.id, "auditor-primary", auditorOutput(audit.slug, "auditor-primary", "anthropic", PRIMARY));
    expect(second).toMatchObject({ version: 2, valid: true, errors: [] });
    const outputs = (await getExternalAuditCycle(db, { auditId: audit.id })).documents.filter((d) => d.kind === "output");
    expect(outputs.map((d) => [d.version, d.valid, d.modelFamily])).toEqual([
      [1, false, "anthropic"],
      [2, true, "anthropic"],
    ]);
    expect(outputs[0].errors?.length).toBeGreaterThan(0);
    const events = await db.select().from(db.tables.events).where(and(eq(db.tables.events.auditId, audit.id), eq(db.tables.events.type, "external_audit.output_pasted")));
    expect(events).toHaveLength(2);
  });

  it("parallel pastes get distinct consecutive versions", async () => {
    const audit = await newAudit();
    await prepareExternalAudit(db, { auditId: audit.id, material: NO_MATERIAL, actorId: operatorId });
    const results = await Promise.all(Array.from({ length: 6 }, () => paste(audit.id, "auditor-secondary", auditorOutput(audit.slug, "auditor-secondary", "openai", SECONDARY))));
    expect(results.map((r) => r.version).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it("an output declaring another role or citing another prompt path is invalid", async () => {
    const audit = await newAudit();
    await prepareExternalAudit(db, { auditId: audit.id, material: NO_MATERIAL, actorId: operatorId });
    const wrongRole = await paste(audit.id, "auditor-secondary", auditorOutput(audit.slug, "auditor-primary", "openai", SECONDARY));
    expect(wrongRole.valid).toBe(false);
    const wrongPath = JSON.parse(auditorOutput(audit.slug, "auditor-secondary", "openai", SECONDARY));
    wrongPath.prompt_used = "somewhere/else.md";
    const result = await paste(audit.id, "auditor-secondary", JSON.stringify(wrongPath));
    expect(result.valid).toBe(false);
    expect(result.errors.some((e) => e.path === "/prompt_used")).toBe(true);
  });
});

describe("calibrate", () => {
  it("is refused while an auditor output is missing, naming it, and nothing is written", async () => {
    const audit = await newAudit();
    await prepareExternalAudit(db, { auditId: audit.id, material: NO_MATERIAL, actorId: operatorId });
    const before = await rowCounts(db, "events", "external_audit_documents");
    await expect(prepareCalibration(db, { auditId: audit.id, actorId: operatorId })).rejects.toThrow(/primary auditor's output is missing.*secondary auditor's output is missing/);
    await paste(audit.id, "auditor-primary", auditorOutput(audit.slug, "auditor-primary", "anthropic", PRIMARY));
    const afterPaste = await rowCounts(db, "events", "external_audit_documents");
    await expect(prepareCalibration(db, { auditId: audit.id, actorId: operatorId })).rejects.toThrow("The secondary auditor's output is missing: paste it first.");
    expect(await rowCounts(db, "events", "external_audit_documents")).toEqual(afterPaste);
    expect(afterPaste.external_audit_documents).toBe(before.external_audit_documents + 1);
  });

  it("is refused while an auditor output is invalid", async () => {
    const audit = await newAudit();
    await prepareExternalAudit(db, { auditId: audit.id, material: NO_MATERIAL, actorId: operatorId });
    await paste(audit.id, "auditor-primary", auditorOutput(audit.slug, "auditor-primary", "anthropic", PRIMARY));
    await paste(audit.id, "auditor-secondary", "{ not json");
    await expect(prepareCalibration(db, { auditId: audit.id, actorId: operatorId })).rejects.toThrow("The secondary auditor's output (version 1) is invalid: fix it first.");
  });

  it("is refused before the prompts are prepared", async () => {
    const audit = await newAudit();
    await expect(prepareCalibration(db, { auditId: audit.id, actorId: operatorId })).rejects.toThrow(/not prepared yet/);
  });

  it("with the same model family is refused until an override with a reason is recorded", async () => {
    const audit = await auditWithAuditorOutputs(" Anthropic ");
    await expect(prepareCalibration(db, { auditId: audit.id, actorId: operatorId })).rejects.toThrow(/same.*family "anthropic"|family "anthropic"/);
    await expect(recordSameFamilyOverride(db, { auditId: audit.id, reason: "   ", actorId: operatorId })).rejects.toThrow(/Write why/);
    await recordSameFamilyOverride(db, { auditId: audit.id, reason: "Only Anthropic models are approved here.", actorId: operatorId });
    const { material } = await getExternalAuditCycle(db, { auditId: audit.id });
    expect(material).toMatchObject({ sameFamilyOverrideReason: "Only Anthropic models are approved here.", sameFamilyOverrideBy: operatorId });
    expect(material?.sameFamilyOverrideAt).toBeInstanceOf(Date);
    await expect(prepareCalibration(db, { auditId: audit.id, actorId: operatorId })).resolves.toMatchObject({ version: 1 });
  });

  it("an override is refused when the families differ", async () => {
    const audit = await auditWithAuditorOutputs();
    await expect(recordSameFamilyOverride(db, { auditId: audit.id, reason: "why not", actorId: operatorId })).rejects.toThrow(/nothing to override/);
  });

  it("resolves the calibrator prompt with both auditor outputs embedded", async () => {
    const audit = await auditWithAuditorOutputs();
    const { documentId, version } = await prepareCalibration(db, { auditId: audit.id, actorId: operatorId });
    expect(version).toBe(1);
    const doc = (await getExternalAuditCycle(db, { auditId: audit.id })).documents.find((d) => d.id === documentId)!;
    expect(doc).toMatchObject({ kind: "prompt", role: "calibrator", path: promptPath(audit.slug, "calibrator-reconciler"), sha256: sha256(doc.body) });
    expect(doc.body).toContain(auditorOutput(audit.slug, "auditor-primary", "anthropic", PRIMARY));
    expect(doc.body).toContain(auditorOutput(audit.slug, "auditor-secondary", "openai", SECONDARY));
    expect(await prepareCalibration(db, { auditId: audit.id, actorId: operatorId })).toMatchObject({ documentId, version: 1, stored: false });
  });
});

describe("calibrator output and finalize", () => {
  it("checks coverage against the auditor outputs, then finalizes once; a finalized cycle refuses pastes", async () => {
    const audit = await auditWithAuditorOutputs();
    await expect(paste(audit.id, "calibrator", calibratorOutput(audit.slug))).rejects.toThrow(/calibrator prompt is not prepared/);
    await expect(finalizeExternalAudit(db, { auditId: audit.id, actorId: operatorId })).rejects.toThrow(/calibrate first/);
    await prepareCalibration(db, { auditId: audit.id, actorId: operatorId });

    const uncovered = await paste(audit.id, "calibrator", calibratorOutput(audit.slug, { "auditor-primary": ["P2"], "auditor-secondary": [] }));
    expect(uncovered.valid).toBe(false);
    expect(uncovered.errors.map((e) => e.message).join(" ")).toContain("S2");
    await expect(finalizeExternalAudit(db, { auditId: audit.id, actorId: operatorId })).rejects.toThrow(/calibrator's output \(version 1\) is invalid/);

    expect(await paste(audit.id, "calibrator", calibratorOutput(audit.slug))).toMatchObject({ version: 2, valid: true });
    const { finalizedAt } = await finalizeExternalAudit(db, { auditId: audit.id, actorId: operatorId });
    expect((await getExternalAuditCycle(db, { auditId: audit.id })).material?.finalizedAt?.getTime()).toBe(finalizedAt.getTime());
    await expect(finalizeExternalAudit(db, { auditId: audit.id, actorId: operatorId })).rejects.toThrow(/finalized/);
    await expect(paste(audit.id, "auditor-primary", auditorOutput(audit.slug, "auditor-primary", "anthropic", PRIMARY))).rejects.toThrow(/finalized/);
  });

  it("an auditor re-paste after calibrating makes the calibrator prompt stale: finalize asks to calibrate again", async () => {
    const audit = await auditWithAuditorOutputs();
    await prepareCalibration(db, { auditId: audit.id, actorId: operatorId });
    await paste(audit.id, "calibrator", calibratorOutput(audit.slug));
    await paste(audit.id, "auditor-primary", auditorOutput(audit.slug, "auditor-primary", "anthropic", PRIMARY));
    await expect(finalizeExternalAudit(db, { auditId: audit.id, actorId: operatorId })).rejects.toThrow(/calibrate again/);
  });
});

describe("a full cycle with the realistic fixture outputs", () => {
  it("prepare → invalid paste → valid pastes → calibrate → calibrator → finalize, one event per step", async () => {
    const audit = await newAudit();
    await prepareExternalAudit(db, { auditId: audit.id, material: NO_MATERIAL, actorId: operatorId });
    const invalid = await paste(audit.id, "auditor-secondary", fixtureText("invalid-auditor-secondary", audit.slug));
    expect(invalid.valid).toBe(false);
    expect(invalid.errors.map((e) => e.path)).toEqual(expect.arrayContaining(["/findings/1/category"]));
    expect(await paste(audit.id, "auditor-primary", fixtureText("auditor-primary", audit.slug))).toMatchObject({ valid: true, version: 1 });
    expect(await paste(audit.id, "auditor-secondary", fixtureText("auditor-secondary", audit.slug))).toMatchObject({ valid: true, version: 2 });
    await prepareCalibration(db, { auditId: audit.id, actorId: operatorId });
    expect(await paste(audit.id, "calibrator", fixtureText("calibrator", audit.slug))).toMatchObject({ valid: true, errors: [] });
    await finalizeExternalAudit(db, { auditId: audit.id, actorId: operatorId });
    const events = await db.select({ type: db.tables.events.type }).from(db.tables.events).where(eq(db.tables.events.auditId, audit.id)).orderBy(asc(db.tables.events.id));
    expect(events.map((e) => e.type).filter((x) => x.startsWith("external_audit."))).toEqual([
      "external_audit.prepared",
      "external_audit.output_pasted",
      "external_audit.output_pasted",
      "external_audit.output_pasted",
      "external_audit.calibrator_prepared",
      "external_audit.output_pasted",
      "external_audit.finalized",
    ]);
  });
});

describe("adjudication and machine vs human", () => {
  let audit: { id: number; slug: string };
  beforeAll(async () => {
    audit = await auditWithAuditorOutputs();
    await importCsv(db, { auditId: audit.id, actorId: operatorId, csv: ["unit_key,execution_status", ...Array.from({ length: 20 }, (_, i) => `u${i},SUCCEEDED`)].join("\n") });
    await recordStabilityResult(db, { auditId: audit.id, actualResult: "2", actorId: operatorId });
    await drawAuditSample(db, { auditId: audit.id, actorId: operatorId, seed: "00112233445566778899aabbccddeeff" });
    await prepareCalibration(db, { auditId: audit.id, actorId: operatorId });
    await paste(audit.id, "calibrator", calibratorOutput(audit.slug));
  });

  it("parallel decisions on one disputed finding: one wins, the rest get a conflict", async () => {
    const results = await Promise.allSettled(
      (["upheld", "rejected", "upheld", "rejected"] as const).map((decision, i) => decideFinding(db, { auditId: audit.id, findingId: "R2", decision, category: null, note: `note ${i}`, actorId: operatorId })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results.filter((r) => r.status === "rejected")) expect(String((r as PromiseRejectedResult).reason)).toMatch(/already decided/);
    const decisions = await db.select().from(db.tables.externalFindingDecisions).where(eq(db.tables.externalFindingDecisions.auditId, audit.id));
    expect(decisions).toHaveLength(1);
    expect(decisions[0].category).toBe(decisions[0].decision === "upheld" ? "implementation_gap" : null);
  });

  it("only disputed findings can be decided, with a note", async () => {
    await expect(decideFinding(db, { auditId: audit.id, findingId: "R1", decision: "upheld", category: null, note: "x", actorId: operatorId })).rejects.toThrow(/not a disputed finding/);
    await expect(decideFinding(db, { auditId: audit.id, findingId: "R2", decision: "upheld", category: null, note: "  ", actorId: operatorId })).rejects.toThrow(/Write a note/);
  });

  it("links a finding to a sampled unit once; the link carries the unit's human finding", async () => {
    const units = await db.select().from(db.tables.sampleUnits).where(eq(db.tables.sampleUnits.auditId, audit.id)).orderBy(asc(db.tables.sampleUnits.position));
    await linkFinding(db, { auditId: audit.id, role: "auditor-primary", findingId: "P1", sampleUnitId: units[0].id, actorId: operatorId });
    await expect(linkFinding(db, { auditId: audit.id, role: "auditor-primary", findingId: "P1", sampleUnitId: units[0].id, actorId: operatorId })).rejects.toThrow(/already linked/);
    await expect(linkFinding(db, { auditId: audit.id, role: "auditor-primary", findingId: "NOPE", sampleUnitId: units[0].id, actorId: operatorId })).rejects.toThrow(/no finding "NOPE"/);
    const other = await newAudit();
    await expect(linkFinding(db, { auditId: other.id, role: "auditor-primary", findingId: "P1", sampleUnitId: units[0].id, actorId: operatorId })).rejects.toThrow(/no valid output/);
    await saveReview(db, { review: reviewSchema.parse({ sampleUnitId: units[0].id, finding: "FAIL", remediationOwner: "team" }), actorId: operatorId });
    const { links } = await getExternalAuditCycle(db, { auditId: audit.id });
    expect(links).toEqual([expect.objectContaining({ role: "auditor-primary", findingId: "P1", sampleUnitId: units[0].id, humanFinding: "FAIL" })]);
  });
});

describe("prompt templates", () => {
  it("each save is the next version, also in parallel; an unchanged body is refused", async () => {
    const saves = await Promise.all([1, 2, 3].map((i) => savePromptTemplate(db, { role: "calibrator-reconciler", body: `Calibrate {{charter_id}} #${i}`, actorId: adminId })));
    const versions = saves.map((s) => s.version).sort((a, b) => a - b);
    expect(new Set(versions).size).toBe(3);
    expect(versions[2] - versions[0]).toBe(2);
    const rows = await db.select().from(db.tables.promptTemplates).where(eq(db.tables.promptTemplates.role, "calibrator-reconciler")).orderBy(asc(db.tables.promptTemplates.version));
    const latest = rows[rows.length - 1];
    await expect(savePromptTemplate(db, { role: "calibrator-reconciler", body: latest.body, actorId: adminId })).rejects.toThrow(/already/);
  });
});
