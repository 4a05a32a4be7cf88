import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import { ADR_LENSES } from "@/lib/profiles/config";
import { findingSchema, importFindingsCsv, importFindingsJson, type Finding, type FindingStatus, type ImportError } from "@/lib/profiles/findings";
import { PHASE_IDS, prefillCategory } from "@/lib/profiles/launch-readiness";
import { profileSignOffRefusals } from "@/lib/profiles/profile-signoff";
import type { CreateProfileAuditInput, Profile } from "@/lib/profiles/profile-input";
import { sha256Hex } from "@/lib/checksum";
import { AppError } from "@/lib/server/errors";
import { isUniqueViolation } from "../errors";
import { appendEvent } from "../events";
import type { Db, Tx } from "../handle";
import type { ProfileAudit, ProfileFinding } from "../schema";
import { getProfileSnapshot } from "../queries/profile-verdict";
import { ensureProject } from "./projects";

/**
 * Writes of the checklist (profile) audits shared by every profile (issue 13 "Findings and
 * checklists (common)", contract "Sign-off"): create, findings (add, edit, status, import), sign
 * off, revoke, close. Each runs in one transaction under the audit's lock with its event-log entry
 * (auditId null, payload.profileAuditId); bad input throws before anything is written.
 */

/** The sections findings of the shell may be filed under: launch readiness phases (seed 001), or "general" (ADR lens findings are KA's: section = lens). */
export function profileSections(profile: Profile): readonly string[] {
  return profile === "launch_readiness" ? PHASE_IDS : ["general"];
}
const LENS_SECTIONS: readonly string[] = ADR_LENSES;

const NOT_FOUND: Record<Profile, string> = { launch_readiness: "Production readiness audit not found.", adr: "ADR audit not found.", rollout: "Rollout audit not found." };

/**
 * Locks one profile audit for the rest of the transaction and reads it. Every write to a checklist
 * audit (findings, sign-offs, ADR, rollout, close, archive) takes this one lock, so none of them
 * interleaves with another (e.g. closing cannot pass while a lens score is being recorded).
 * @param options.open refuse a closed audit (default true).
 * @param options.archived "refuse" (default) an archived audit, or "allow" it (archive / restore).
 * @param options.profile refuse an audit of another profile as not found.
 * @throws AppError not_found (missing, or of another profile); conflict (closed / archived as refused).
 */
export async function lockProfileAudit(
  tx: Tx,
  profileAuditId: number,
  { open = true, archived = "refuse", profile }: { open?: boolean; archived?: "refuse" | "allow"; profile?: Profile } = {},
): Promise<ProfileAudit> {
  await tx.lock(`countersign.profile-audit.${profileAuditId}`);
  const [audit] = await tx.select().from(tx.tables.profileAudits).where(eq(tx.tables.profileAudits.id, profileAuditId));
  if (!audit) throw new AppError("not_found", profile ? NOT_FOUND[profile] : "Checklist audit not found.");
  if (profile && audit.profile !== profile) throw new AppError("not_found", NOT_FOUND[profile]);
  if (open && audit.closedAt) throw new AppError("conflict", "The audit is closed and read-only.");
  if (archived === "refuse" && audit.archivedAt) throw new AppError("conflict", "The audit is archived and read-only: restore it first.");
  return audit;
}

/**
 * Creates a profile audit (and its project when missing), with its event.
 * @throws AppError conflict when the slug is taken ("… already exists"), naming the slug.
 */
export async function createProfileAudit(db: Db, { input, actorId }: { input: CreateProfileAuditInput; actorId: number }): Promise<{ id: number; slug: string }> {
  try {
    return await db.transaction(async (tx) => {
      const { profileAudits } = tx.tables;
      await ensureProject(tx, { name: input.projectName, actorId });
      const [row] = await tx
        .insert(profileAudits)
        .values({ slug: input.slug, projectName: input.projectName, profile: input.profile, title: input.title, context: input.context, config: input.config, createdBy: actorId })
        .returning({ id: profileAudits.id });
      await appendEvent(tx, { auditId: null, actorId, type: "profile_audit.created", payload: { profileAuditId: row.id, slug: input.slug, profile: input.profile, projectName: input.projectName, strictness: input.strictness } });
      return { id: row.id, slug: input.slug };
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError("conflict", `A checklist audit ${input.slug} already exists: choose another date or project.`);
    throw e;
  }
}

function checkSection(audit: ProfileAudit, section: string, where = "section") {
  const allowed = profileSections(audit.profile);
  if (!allowed.includes(section)) throw new AppError("invalid", `${where}: "${section}" is not a section of this audit (one of ${allowed.join(", ")}).`);
}

/** The finding's category, pre-filled for launch readiness from its tags and Phase 5 (launch-readiness.ts prefillCategory). */
const categoryOf = (audit: ProfileAudit, f: Finding) => (audit.profile === "launch_readiness" ? prefillCategory(f) : f.category);

const rowValues = (audit: ProfileAudit, f: Finding) => ({
  section: f.section,
  title: f.title,
  severity: f.severity,
  category: categoryOf(audit, f),
  evidence: f.evidence,
  location: f.location,
  owner: f.owner,
  dueDate: f.dueDate,
  status: f.status,
  tags: f.tags,
  approach: f.approach,
  effortDays: f.effortDays == null ? null : Math.round(f.effortDays),
});

/**
 * Adds one finding (validated by lib/profiles/findings.ts findingSchema; the section must be one
 * of the audit's, `profileSections`). Launch readiness: an empty category is pre-filled.
 * @returns the new finding's id.
 * @throws AppError invalid (bad field, naming it) / not_found / conflict (closed).
 */
export async function addProfileFinding(db: Db, { profileAuditId, input, actorId }: { profileAuditId: number; input: unknown; actorId: number }): Promise<number> {
  const finding = parseFinding(input);
  return db.transaction(async (tx) => {
    const audit = await lockProfileAudit(tx, profileAuditId);
    checkSection(audit, finding.section);
    const values = rowValues(audit, finding);
    const [row] = await tx.insert(tx.tables.profileFindings).values({ profileAuditId, ...values, createdBy: actorId }).returning({ id: tx.tables.profileFindings.id });
    await appendEvent(tx, { auditId: null, actorId, type: "profile_finding.added", payload: { profileAuditId, findingId: row.id, section: values.section, title: values.title, severity: values.severity, category: values.category } });
    return row.id;
  });
}

function parseFinding(input: unknown): Finding {
  const r = findingSchema.safeParse(input);
  if (!r.success) throw new AppError("invalid", r.error.issues.map((i) => `${String(i.path[0] ?? "finding")}: ${i.message}`).join("; "));
  return r.data;
}

async function lockFinding(tx: Tx, profileAuditId: number, findingId: number): Promise<{ audit: ProfileAudit; finding: ProfileFinding }> {
  const audit = await lockProfileAudit(tx, profileAuditId);
  const { profileFindings } = tx.tables;
  const [finding] = await tx.select().from(profileFindings).where(and(eq(profileFindings.id, findingId), eq(profileFindings.profileAuditId, profileAuditId)));
  if (!finding) throw new AppError("not_found", `Finding #${findingId} is not in this audit.`);
  if (LENS_SECTIONS.includes(finding.section)) throw new AppError("conflict", `Finding #${findingId} is an ADR lens finding; change it in the ADR panel.`);
  return { audit, finding };
}

/**
 * Replaces a finding's fields with `input` (all fields, as the edit form sends them). Records the
 * changed fields with old and new values; nothing is written when nothing changed.
 * @returns the names of the changed fields.
 * @throws AppError invalid / not_found / conflict.
 */
export async function updateProfileFinding(db: Db, { profileAuditId, findingId, input, actorId }: { profileAuditId: number; findingId: number; input: unknown; actorId: number }): Promise<string[]> {
  const next = parseFinding(input);
  return db.transaction(async (tx) => {
    const { audit, finding } = await lockFinding(tx, profileAuditId, findingId);
    checkSection(audit, next.section);
    const values = rowValues(audit, next);
    const changed: Record<string, { from: unknown; to: unknown }> = {};
    for (const [key, to] of Object.entries(values)) {
      const from = finding[key as keyof ProfileFinding];
      if (JSON.stringify(from ?? null) !== JSON.stringify(to ?? null)) changed[key] = { from: from ?? null, to: to ?? null };
    }
    if (Object.keys(changed).length === 0) return [];
    await tx.update(tx.tables.profileFindings).set({ ...values, updatedAt: new Date() }).where(eq(tx.tables.profileFindings.id, findingId));
    await appendEvent(tx, { auditId: null, actorId, type: "profile_finding.updated", payload: { profileAuditId, findingId, changed } });
    return Object.keys(changed);
  });
}

/**
 * Changes a finding's status (OPEN / IN_PROGRESS / RESOLVED / ACCEPTED); a resolved Stop-Ship no
 * longer blocks (launch-readiness.ts standingCategorised). Same status: nothing written.
 * @throws AppError not_found / conflict.
 */
export async function setProfileFindingStatus(db: Db, { profileAuditId, findingId, status, actorId }: { profileAuditId: number; findingId: number; status: FindingStatus; actorId: number }): Promise<void> {
  await db.transaction(async (tx) => {
    const { finding } = await lockFinding(tx, profileAuditId, findingId);
    if (finding.status === status) return;
    await tx.update(tx.tables.profileFindings).set({ status, updatedAt: new Date() }).where(eq(tx.tables.profileFindings.id, findingId));
    await appendEvent(tx, { auditId: null, actorId, type: "profile_finding.status_changed", payload: { profileAuditId, findingId, from: finding.status, to: status } });
  });
}

export type ProfileImportResult = { ok: true; imported: number } | { ok: false; errors: ImportError[] };

/**
 * Imports findings from a JSON array or a CSV file (lib/profiles/findings.ts), all or nothing:
 * any error (listed by row and field, sections checked against the audit's) → nothing written.
 * Launch readiness: empty categories are pre-filled. One event for the whole file.
 * @param format "json" | "csv"; text the file's content (UTF-8).
 * @throws AppError not_found / conflict (closed).
 */
export async function importProfileFindings(
  db: Db,
  { profileAuditId, fileName, format, text, actorId }: { profileAuditId: number; fileName: string; format: "json" | "csv"; text: string; actorId: number },
): Promise<ProfileImportResult> {
  return db.transaction(async (tx) => {
    const audit = await lockProfileAudit(tx, profileAuditId);
    const options = { sections: profileSections(audit.profile) };
    const result = format === "json" ? importFindingsJson(text, options) : importFindingsCsv(text, options);
    if (!result.ok) return { ok: false, errors: result.errors };
    const rows = result.findings.map((f) => ({ profileAuditId, ...rowValues(audit, f), createdBy: actorId }));
    for (let i = 0; i < rows.length; i += 500) await tx.insert(tx.tables.profileFindings).values(rows.slice(i, i + 500));
    await appendEvent(tx, { auditId: null, actorId, type: "profile_finding.imported", payload: { profileAuditId, fileName, format, rows: rows.length, sha256: sha256Hex(text) } });
    return { ok: true, imported: rows.length };
  });
}

/**
 * An approver signs the audit's current verdict snapshot (issue 13 contract "Sign-off"). Under
 * the audit's lock the snapshot is recomputed and must still have the hash the signer saw; the
 * rules of lib/profiles/profile-signoff.ts apply (approver role in the project, creator cannot
 * sign, no second signature on a snapshot, gate not BLOCKED, the profile's refusals such as a Fix
 * Soon without a due date).
 * @param signerRoles the signer's roles in the audit's project.
 * @throws AppError conflict (snapshot changed, refused, closed) / forbidden (not an approver) / not_found.
 */
export async function signProfileAudit(
  db: Db,
  args: { profileAuditId: number; signerId: number; signerRoles: readonly string[]; statement: string; seenHash: string },
): Promise<{ signOffId: number; snapshotHash: string }> {
  try {
    return await db.transaction(async (tx) => {
      const { profileSignOffs } = tx.tables;
      const audit = await lockProfileAudit(tx, args.profileAuditId, { open: false });
      const state = await getProfileSnapshot(tx, audit);
      if (state.hash !== args.seenHash) throw new AppError("conflict", "The verdict changed since you opened it: read the new verdict and sign again.");
      const existing = await tx.select().from(profileSignOffs).where(eq(profileSignOffs.profileAuditId, audit.id));
      const reasons = profileSignOffRefusals({
        signerId: args.signerId,
        signerRoles: args.signerRoles,
        auditCreatorId: audit.createdBy,
        gate: state.gate,
        profileRefusals: state.profileRefusals,
        existing,
        snapshotHash: state.hash,
        auditClosed: audit.closedAt !== null,
      });
      if (reasons.length) throw new AppError(reasons.some((r) => r.code === "NOT_APPROVER") ? "forbidden" : "conflict", reasons.map((r) => r.message).join(" "));
      const [row] = await tx.insert(profileSignOffs).values({ profileAuditId: audit.id, signerId: args.signerId, snapshotHash: state.hash, statement: args.statement }).returning({ id: profileSignOffs.id });
      await appendEvent(tx, { auditId: null, actorId: args.signerId, type: "profile_audit.signed", payload: { profileAuditId: audit.id, signOffId: row.id, snapshotHash: state.hash, statement: args.statement, verdict: state.verdict, gate: state.gate } });
      return { signOffId: row.id, snapshotHash: state.hash };
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError("conflict", "You have already signed this exact snapshot.");
    throw e;
  }
}

/**
 * The signer revokes their own standing signature, with a reason.
 * @throws AppError not_found (not theirs, not this audit's, already revoked) / conflict (closed).
 */
export async function revokeProfileSignOff(db: Db, args: { profileAuditId: number; signOffId: number; signerId: number; reason: string }): Promise<void> {
  await db.transaction(async (tx) => {
    const { profileSignOffs } = tx.tables;
    await lockProfileAudit(tx, args.profileAuditId);
    const updated = await tx
      .update(profileSignOffs)
      .set({ revokedAt: new Date(), revokeReason: args.reason })
      .where(and(eq(profileSignOffs.id, args.signOffId), eq(profileSignOffs.profileAuditId, args.profileAuditId), eq(profileSignOffs.signerId, args.signerId), isNull(profileSignOffs.revokedAt)))
      .returning({ id: profileSignOffs.id });
    if (updated.length === 0) throw new AppError("not_found", "No standing signature of yours with that number on this audit.");
    await appendEvent(tx, { auditId: null, actorId: args.signerId, type: "profile_audit.signoff_revoked", payload: { profileAuditId: args.profileAuditId, signOffId: args.signOffId, reason: args.reason } });
  });
}

/**
 * Closes the audit: its gate must not be BLOCKED and a standing signature must cover the current
 * snapshot. Afterwards nothing changes.
 * @throws AppError conflict (closed already, blocked, unsigned) / not_found.
 */
export async function closeProfileAudit(db: Db, { profileAuditId, actorId }: { profileAuditId: number; actorId: number }): Promise<void> {
  await db.transaction(async (tx) => {
    const audit = await lockProfileAudit(tx, profileAuditId);
    const state = await getProfileSnapshot(tx, audit);
    if (state.gate === "BLOCKED") throw new AppError("conflict", "The gate is BLOCKED: the audit cannot be closed.");
    const { profileSignOffs } = tx.tables;
    const valid = await tx
      .select({ id: profileSignOffs.id })
      .from(profileSignOffs)
      .where(and(eq(profileSignOffs.profileAuditId, audit.id), eq(profileSignOffs.snapshotHash, state.hash), isNull(profileSignOffs.revokedAt)));
    if (valid.length === 0) throw new AppError("conflict", "No standing signature covers the current verdict: an approver must sign it first.");
    await tx.update(tx.tables.profileAudits).set({ closedAt: new Date() }).where(eq(tx.tables.profileAudits.id, audit.id));
    await appendEvent(tx, { auditId: null, actorId, type: "profile_audit.closed", payload: { profileAuditId: audit.id, verdict: state.verdict, gate: state.gate } });
  });
}

/**
 * Archives a checklist audit (hidden from the default lists, kept whole and read-only: every
 * write but restore is refused) or restores it; like sampling audits (issue 11 "Across audits").
 * A closed audit can be archived too. One transaction with a `profile_audit.archived` /
 * `profile_audit.restored` event.
 * @throws AppError not_found / conflict (already archived, or not archived).
 */
export async function setProfileAuditArchived(db: Db, { profileAuditId, archived, actorId }: { profileAuditId: number; archived: boolean; actorId: number }): Promise<void> {
  await db.transaction(async (tx) => {
    const audit = await lockProfileAudit(tx, profileAuditId, { open: false, archived: "allow" });
    if (archived && audit.archivedAt) throw new AppError("conflict", "The audit is already archived.");
    if (!archived && !audit.archivedAt) throw new AppError("conflict", "The audit is not archived.");
    await tx.update(tx.tables.profileAudits).set({ archivedAt: archived ? new Date() : null }).where(eq(tx.tables.profileAudits.id, audit.id));
    await appendEvent(tx, { auditId: null, actorId, type: archived ? "profile_audit.archived" : "profile_audit.restored", payload: { profileAuditId: audit.id, slug: audit.slug } });
  });
}
