import "server-only";
import { createHash } from "node:crypto";
import { and, eq, max } from "drizzle-orm";
import { calibrationBlockers, finalizeBlockers, sharedFamily } from "@/lib/external-audit-progress";
import { checkCalibration } from "@/lib/external-audit/reconcile";
import { outputPath, promptPath, resolveTemplate } from "@/lib/external-audit/templates";
import { type AuditorOutput, type AuditorRole, type CalibratorOutput, type Category, type DocumentError, type OutputRole, SCHEMA_PATH, TEMPLATE_ROLES, type TemplateRole } from "@/lib/external-audit/types";
import { validateAuditOutput } from "@/lib/external-audit/validate";
import { AppError } from "@/lib/server/errors";
import { appendEvent } from "../events";
import { assertNotArchived } from "./lock";
import type { Db, Tx } from "../handle";
import { charterContent, currentTemplates, cycleStateOf, type ExternalAuditCycle, getExternalAuditCycle, latestDocument, outputRef } from "../queries/external-audit";
import { getAuditReport } from "../queries/report";
import type { Audit } from "../schema";

/**
 * The external-audit cycle of one audit (issue 12, seed 002: orchestration only, no model API).
 * Each step is one transaction with its event: prepare the auditor prompts, paste outputs (every
 * paste is a new immutable version, valid or not), record a same-family override, prepare the
 * calibrator prompt, finalize; then link findings to sampled units and decide disputed findings.
 * Every step first takes the cycle's lock (`external-audit:<auditId>`), so parallel requests see
 * each other's writes: parallel pastes get distinct versions, parallel decisions on one finding
 * leave one winner. A closed audit is read-only; a finalized cycle accepts links and decisions only.
 */

const TEMPLATES_LOCK = "prompt-templates";

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");
const ROLE_NAME: Record<OutputRole, string> = { "auditor-primary": "primary auditor", "auditor-secondary": "secondary auditor", calibrator: "calibrator" };

/** Locks the cycle and reads the audit and everything stored for it. @throws AppError not_found, conflict (closed or archived audit; finalized unless `afterFinalize`). */
async function openCycle(tx: Tx, auditId: number, opts: { afterFinalize?: boolean } = {}): Promise<{ audit: Audit; cycle: ExternalAuditCycle }> {
  await tx.lock(`external-audit:${auditId}`);
  const [audit] = await tx.select().from(tx.tables.audits).where(eq(tx.tables.audits.id, auditId));
  if (!audit) throw new AppError("not_found", "Audit not found.");
  if (audit.closedAt) throw new AppError("conflict", "The audit is closed and read-only: the external audit can no longer change.");
  assertNotArchived(audit);
  const cycle = await getExternalAuditCycle(tx, { auditId });
  if (cycle.material?.finalizedAt && !opts.afterFinalize) throw new AppError("conflict", "The external audit is finalized: its prompts and outputs can no longer change.");
  return { audit, cycle };
}

/**
 * The template in force per role, storing the shipped defaults (DEFAULT_TEMPLATES) as version 1
 * of each role that has none yet (with a `prompt_template.saved` event each). Serialized with
 * admin saves, so version numbers stay distinct.
 */
async function templatesInForce(tx: Tx, actorId: number): Promise<Record<TemplateRole, { id: number; version: number; body: string }>> {
  await tx.lock(TEMPLATES_LOCK);
  const current = await currentTemplates(tx);
  const out = {} as Record<TemplateRole, { id: number; version: number; body: string }>;
  for (const role of TEMPLATE_ROLES) {
    const t = current[role];
    if (t.id !== null) {
      out[role] = { id: t.id, version: t.version, body: t.body };
      continue;
    }
    const [row] = await tx.insert(tx.tables.promptTemplates).values({ role, version: 1, body: t.body, createdBy: null }).returning({ id: tx.tables.promptTemplates.id });
    await appendEvent(tx, { auditId: null, actorId, type: "prompt_template.saved", payload: { templateId: row.id, role, version: 1, sha256: sha256(t.body) } });
    out[role] = { id: row.id, version: 1, body: t.body };
  }
  return out;
}

/** Stores a document as the next version of its kind and role (call under the cycle lock). */
async function insertDocument(
  tx: Tx,
  d: { auditId: number; kind: "prompt" | "output"; role: OutputRole; path: string; body: string; templateId?: number; valid: boolean; errors?: DocumentError[]; modelFamily?: string | null; modelName?: string | null; createdBy: number },
): Promise<{ id: number; version: number; sha256: string }> {
  const docs = tx.tables.externalAuditDocuments;
  const [{ top }] = await tx.select({ top: max(docs.version) }).from(docs).where(and(eq(docs.auditId, d.auditId), eq(docs.kind, d.kind), eq(docs.role, d.role)));
  const version = (top ?? 0) + 1;
  const hash = sha256(d.body);
  const [row] = await tx
    .insert(docs)
    .values({ ...d, templateId: d.templateId ?? null, errors: d.errors ?? null, modelFamily: d.modelFamily ?? null, modelName: d.modelName ?? null, version, sha256: hash })
    .returning({ id: docs.id });
  return { id: row.id, version, sha256: hash };
}

export type ExternalAuditMaterialInput = { gitRange: string | null; gitDiff: string | null; ailogPaths: string | null; ailogContents: string | null };

const orNone = (v: string | null | undefined) => (v && v.trim() !== "" ? v : "(none provided)");

/** The placeholder values every prompt of the audit shares (issue 12 "Prompts"). */
function commonValues(audit: Audit, material: ExternalAuditMaterialInput, content: string) {
  return {
    charter_id: audit.slug,
    charter_title: audit.title,
    charter_path: `/audits/${audit.slug}`,
    charter_content: content,
    git_range: orNone(material.gitRange),
    git_diff: orNone(material.gitDiff),
    ailog_paths: orNone(material.ailogPaths),
    ailog_contents: orNone(material.ailogContents),
    schema_path: SCHEMA_PATH,
  };
}

/**
 * Step 1, prepare (seed 002 "Step 1/3: PREPARE"): stores the optional material (git range, diff,
 * AI log paths and contents; empty = none), then resolves both auditor prompts from the templates
 * in force and stores each as the next version (immutable, SHA-256 of its UTF-8 bytes, the template
 * version it came from). `{{charter_content}}` is the audit's description, settings and sample
 * summary (`charterContent`). A prompt identical to its latest version (same text and template)
 * is not stored again. One `external_audit.prepared` event lists what was stored.
 * @returns the prompt per auditor role (stored now or kept).
 * @throws AppError not_found / conflict (closed audit, finalized cycle).
 */
export async function prepareExternalAudit(db: Db, args: { auditId: number; material: ExternalAuditMaterialInput; actorId: number }): Promise<{ role: AuditorRole; documentId: number; version: number; sha256: string; stored: boolean }[]> {
  const { auditId, material, actorId } = args;
  return db.transaction(async (tx) => {
    const { audit, cycle } = await openCycle(tx, auditId);
    const { externalAudits } = tx.tables;
    if (cycle.material) await tx.update(externalAudits).set(material).where(eq(externalAudits.auditId, auditId));
    else await tx.insert(externalAudits).values({ auditId, ...material });
    const templates = await templatesInForce(tx, actorId);
    const values = commonValues(audit, material, charterContent(await getAuditReport(tx, { audit })));
    const out: { role: AuditorRole; documentId: number; version: number; sha256: string; stored: boolean }[] = [];
    const stored: { role: string; documentId: number; version: number; templateId: number; sha256: string }[] = [];
    for (const role of ["auditor-primary", "auditor-secondary"] as const) {
      const template = templates[role];
      const body = resolveTemplate(template.body, { ...values, audit_role: role });
      const latest = latestDocument(cycle.documents, "prompt", role);
      if (latest && latest.sha256 === sha256(body) && latest.templateId === template.id) {
        out.push({ role, documentId: latest.id, version: latest.version, sha256: latest.sha256, stored: false });
        continue;
      }
      const doc = await insertDocument(tx, { auditId, kind: "prompt", role, path: promptPath(audit.slug, role), body, templateId: template.id, valid: true, createdBy: actorId });
      out.push({ role, documentId: doc.id, version: doc.version, sha256: doc.sha256, stored: true });
      stored.push({ role, documentId: doc.id, version: doc.version, templateId: template.id, sha256: doc.sha256 });
    }
    await appendEvent(tx, { auditId, actorId, type: "external_audit.prepared", payload: { prompts: stored } });
    return out;
  });
}

/** Reads `model.family` / `model.name` from a pasted text when it parses, for the version list even when invalid. */
function modelOf(text: string): { family: string | null; name: string | null } {
  try {
    const model = (JSON.parse(text) as { model?: { family?: unknown; name?: unknown } })?.model;
    return { family: typeof model?.family === "string" ? model.family : null, name: typeof model?.name === "string" ? model.name : null };
  } catch {
    return { family: null, name: null };
  }
}

/**
 * Steps 2 and 5, paste an output: validates it (lib/external-audit/validate.ts: JSON, the schema
 * branch of its declared role, charter_id = the slug, prompt_used = the prepared prompt's path)
 * and, for the calibrator, the coverage rules against the latest valid auditor outputs
 * (lib/external-audit/reconcile.ts checkCalibration). Stores it either way as the next version
 * (valid flag + errors), with an `external_audit.output_pasted` event.
 * @param text the pasted text as is (what the SHA-256 covers).
 * @returns the stored version and its errors (empty when valid).
 * @throws AppError invalid when the role's prompt is not prepared yet (the calibrator: while the
 *   calibrate step is refused), not_found / conflict (closed audit, finalized cycle); nothing is stored then.
 */
export async function pasteExternalAuditOutput(db: Db, args: { auditId: number; role: OutputRole; text: string; actorId: number }): Promise<{ documentId: number; version: number; valid: boolean; errors: DocumentError[] }> {
  const { auditId, role, text, actorId } = args;
  return db.transaction(async (tx) => {
    const { audit, cycle } = await openCycle(tx, auditId);
    const prompt = latestDocument(cycle.documents, "prompt", role);
    if (!prompt) {
      throw new AppError("invalid", role === "calibrator" ? "The calibrator prompt is not prepared yet: calibrate first." : "The auditor prompts are not prepared yet: prepare them first.");
    }
    const checked = validateAuditOutput(text, { role, slug: audit.slug, promptPath: prompt.path });
    let errors: DocumentError[] = checked.ok ? [] : checked.errors;
    if (checked.ok && role === "calibrator") {
      const primary = outputRef<AuditorOutput>(cycle.documents, "auditor-primary");
      const secondary = outputRef<AuditorOutput>(cycle.documents, "auditor-secondary");
      if (!primary?.output || !secondary?.output) errors = [{ path: "", message: "Both auditor outputs must be valid before the calibrator's output can be checked." }];
      else errors = checkCalibration(checked.output as CalibratorOutput, primary.output, secondary.output);
    }
    const valid = errors.length === 0;
    const model = checked.ok ? { family: checked.output.model.family, name: checked.output.model.name } : modelOf(text);
    const doc = await insertDocument(tx, { auditId, kind: "output", role, path: outputPath(audit.slug, role), body: text, valid, errors, modelFamily: model.family, modelName: model.name, createdBy: actorId });
    await appendEvent(tx, { auditId, actorId, type: "external_audit.output_pasted", payload: { documentId: doc.id, role, version: doc.version, valid, errorCount: errors.length, sha256: doc.sha256, modelFamily: model.family } });
    return { documentId: doc.id, version: doc.version, valid, errors };
  });
}

/**
 * Step 3, heterogeneity (seed 002 §5.2): accepts two auditors of the same model family, with the
 * reason the page and the external_audit block show; `external_audit.override_recorded` event.
 * @param reason trimmed, non-empty.
 * @throws AppError invalid when the latest valid auditor outputs do not share a family (nothing to
 *   override) or the reason is empty; not_found / conflict.
 */
export async function recordSameFamilyOverride(db: Db, args: { auditId: number; reason: string; actorId: number }): Promise<void> {
  const { auditId, actorId } = args;
  const reason = args.reason.trim();
  if (reason === "") throw new AppError("invalid", "Write why two auditors of the same model family are acceptable here.");
  await db.transaction(async (tx) => {
    const { cycle } = await openCycle(tx, auditId);
    const family = sharedFamily(cycleStateOf(cycle));
    if (family === null) throw new AppError("invalid", "The two valid auditor outputs do not share a model family: there is nothing to override.");
    await tx.update(tx.tables.externalAudits).set({ sameFamilyOverrideReason: reason, sameFamilyOverrideBy: actorId, sameFamilyOverrideAt: new Date() }).where(eq(tx.tables.externalAudits.auditId, auditId));
    await appendEvent(tx, { auditId, actorId, type: "external_audit.override_recorded", payload: { family, reason } });
  });
}

/**
 * Step 4, calibrate (seed 002 "Step 2/3: CALIBRATE"): refused while either auditor output is
 * missing or invalid, or both share a model family without an override (the messages of
 * lib/external-audit-progress.ts calibrationBlockers, joined); otherwise resolves the
 * calibrator-reconciler template with both latest valid outputs embedded
 * (`{{auditor_primary_findings}}`, `{{auditor_secondary_findings}}`: the pasted JSON) and stores it
 * as the next calibrator prompt version; `external_audit.calibrator_prepared` event. A prompt
 * identical to the latest version (same text and template) is not stored again (`stored` false, no event).
 * @throws AppError invalid (what is missing), not_found / conflict.
 */
export async function prepareCalibration(db: Db, args: { auditId: number; actorId: number }): Promise<{ documentId: number; version: number; sha256: string; stored: boolean }> {
  const { auditId, actorId } = args;
  return db.transaction(async (tx) => {
    const { audit, cycle } = await openCycle(tx, auditId);
    const state = cycleStateOf(cycle);
    const blockers = calibrationBlockers(state);
    if (blockers.length > 0) throw new AppError("invalid", `Calibration refused. ${blockers.join(" ")}`);
    const primary = outputRef(cycle.documents, "auditor-primary")!.document;
    const secondary = outputRef(cycle.documents, "auditor-secondary")!.document;
    const template = (await templatesInForce(tx, actorId))["calibrator-reconciler"];
    const m = cycle.material;
    const material = { gitRange: m?.gitRange ?? null, gitDiff: m?.gitDiff ?? null, ailogPaths: m?.ailogPaths ?? null, ailogContents: m?.ailogContents ?? null };
    const body = resolveTemplate(template.body, {
      ...commonValues(audit, material, charterContent(await getAuditReport(tx, { audit }))),
      audit_role: "calibrator",
      auditor_primary_findings: primary.body,
      auditor_secondary_findings: secondary.body,
    });
    const latest = latestDocument(cycle.documents, "prompt", "calibrator");
    if (latest && latest.sha256 === sha256(body) && latest.templateId === template.id) return { documentId: latest.id, version: latest.version, sha256: latest.sha256, stored: false };
    const doc = await insertDocument(tx, { auditId, kind: "prompt", role: "calibrator", path: promptPath(audit.slug, "calibrator-reconciler"), body, templateId: template.id, valid: true, createdBy: actorId });
    await appendEvent(tx, {
      auditId,
      actorId,
      type: "external_audit.calibrator_prepared",
      payload: { documentId: doc.id, version: doc.version, templateId: template.id, sha256: doc.sha256, primaryDocumentId: primary.id, secondaryDocumentId: secondary.id },
    });
    return { documentId: doc.id, version: doc.version, sha256: doc.sha256, stored: true };
  });
}

/**
 * Step 6, finalize (seed 002 "Step 3/3: FINALIZE"): refused until the calibrator's answer to the
 * current calibrator prompt is valid (lib/external-audit-progress.ts finalizeBlockers); then marks
 * the cycle finalized (the page renders the external_audit YAML from the stored outputs);
 * `external_audit.finalized` event.
 * @throws AppError invalid (what is missing), conflict (already finalized, closed audit), not_found.
 */
export async function finalizeExternalAudit(db: Db, args: { auditId: number; actorId: number; now?: Date }): Promise<{ finalizedAt: Date }> {
  const { auditId, actorId } = args;
  // Whole seconds: what both engines store, so the returned time is the stored one.
  const now = new Date(Math.floor((args.now ?? new Date()).getTime() / 1000) * 1000);
  return db.transaction(async (tx) => {
    const { cycle } = await openCycle(tx, auditId);
    const state = cycleStateOf(cycle);
    const blockers = finalizeBlockers(state);
    if (blockers.length > 0) throw new AppError("invalid", `Finalize refused. ${blockers.join(" ")}`);
    await tx.update(tx.tables.externalAudits).set({ finalizedAt: now }).where(eq(tx.tables.externalAudits.auditId, auditId));
    await appendEvent(tx, {
      auditId,
      actorId,
      type: "external_audit.finalized",
      payload: { calibratorDocumentId: state.calibrator!.id, primaryDocumentId: state.primary!.id, secondaryDocumentId: state.secondary!.id },
    });
    return { finalizedAt: now };
  });
}

/**
 * Links an auditor finding to a sampled unit (issue 12 "Machine vs human"), allowed after
 * finalize; `external_audit.finding_linked` event.
 * @param findingId an id of the role's latest valid output.
 * @throws AppError invalid (no valid output of the role, unknown finding id), not_found (unit not
 *   in the audit's sample), conflict (already linked, closed audit).
 */
export async function linkFinding(db: Db, args: { auditId: number; role: AuditorRole; findingId: string; sampleUnitId: number; actorId: number }): Promise<void> {
  const { auditId, role, findingId, sampleUnitId, actorId } = args;
  await db.transaction(async (tx) => {
    const { cycle } = await openCycle(tx, auditId, { afterFinalize: true });
    const output = outputRef<AuditorOutput>(cycle.documents, role)?.output;
    if (!output) throw new AppError("invalid", `The ${ROLE_NAME[role]} has no valid output to link findings from.`);
    if (!output.findings.some((f) => f.id === findingId)) throw new AppError("invalid", `The ${ROLE_NAME[role]}'s output has no finding "${findingId}".`);
    const { sampleUnits, externalFindingLinks: links } = tx.tables;
    const [su] = await tx.select({ id: sampleUnits.id }).from(sampleUnits).where(and(eq(sampleUnits.id, sampleUnitId), eq(sampleUnits.auditId, auditId)));
    if (!su) throw new AppError("not_found", "This unit is not in the audit's sample.");
    if (cycle.links.some((l) => l.role === role && l.findingId === findingId && l.sampleUnitId === sampleUnitId)) throw new AppError("conflict", `Finding ${findingId} is already linked to this unit.`);
    await tx.insert(links).values({ auditId, role, findingId, sampleUnitId, createdBy: actorId });
    await appendEvent(tx, { auditId, actorId, type: "external_audit.finding_linked", payload: { role, findingId, sampleUnitId } });
  });
}

/**
 * A human decision on a finding the calibrator marked disputed (issue 12 "adjudication queue"):
 * upheld (with the category it stands in, default the calibrator's) or rejected, with a note. One
 * decision per finding: of parallel decisions one wins, the others get a conflict. Allowed after
 * finalize; `external_audit.finding_decided` event.
 * @throws AppError invalid (no valid calibrator output, finding not disputed, empty note),
 *   conflict (already decided, closed audit), not_found.
 */
export async function decideFinding(
  db: Db,
  args: { auditId: number; findingId: string; decision: "upheld" | "rejected"; category: Category | null; note: string; actorId: number },
): Promise<void> {
  const { auditId, findingId, decision, actorId } = args;
  const note = args.note.trim();
  if (note === "") throw new AppError("invalid", "Write a note explaining the decision.");
  await db.transaction(async (tx) => {
    const { cycle } = await openCycle(tx, auditId, { afterFinalize: true });
    const cal = outputRef<CalibratorOutput>(cycle.documents, "calibrator")?.output;
    if (!cal) throw new AppError("invalid", "There is no valid calibrator output to adjudicate.");
    const finding = cal.reconciled_findings.find((f) => f.id === findingId);
    if (!finding || finding.status !== "disputed") throw new AppError("invalid", `Finding "${findingId}" is not a disputed finding of the calibrator's output.`);
    const previous = cycle.decisions.find((d) => d.findingId === findingId);
    if (previous) throw new AppError("conflict", `Finding ${findingId} was already decided (${previous.decision}).`);
    const category = decision === "upheld" ? (args.category ?? finding.category) : null;
    await tx.insert(tx.tables.externalFindingDecisions).values({ auditId, findingId, decision, category, note, decidedBy: actorId });
    await appendEvent(tx, { auditId, actorId, type: "external_audit.finding_decided", payload: { findingId, decision, category, note } });
  });
}

/**
 * An admin saves a prompt template (issue 12 "Admins can edit the templates"): every save is the
 * next version of its role (the shipped default is version 1 when none is stored yet; a body equal
 * to the version in force is refused); `prompt_template.saved` event. Prompts already resolved keep
 * the version they came from.
 * @throws AppError invalid (empty body, unchanged).
 */
export async function savePromptTemplate(db: Db, args: { role: TemplateRole; body: string; actorId: number }): Promise<{ templateId: number; version: number }> {
  const { role, body, actorId } = args;
  if (body.trim() === "") throw new AppError("invalid", "The template is empty.");
  return db.transaction(async (tx) => {
    const current = (await templatesInForce(tx, actorId))[role];
    if (current.body === body) throw new AppError("invalid", `This is the text of version ${current.version} already: change something to save a new version.`);
    const version = current.version + 1;
    const [row] = await tx.insert(tx.tables.promptTemplates).values({ role, version, body, createdBy: actorId }).returning({ id: tx.tables.promptTemplates.id });
    await appendEvent(tx, { auditId: null, actorId, type: "prompt_template.saved", payload: { templateId: row.id, role, version, sha256: sha256(body) } });
    return { templateId: row.id, version };
  });
}
