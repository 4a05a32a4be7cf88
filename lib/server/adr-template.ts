import "server-only";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { appendEvent } from "@/db/events";
import type { Db } from "@/db/handle";
import { type AdrTemplate, adrTemplateSchema, DEFAULT_STORED_ADR_TEMPLATE } from "@/lib/profiles/adr-template";
import { AppError } from "./errors";
import { getSettings } from "./settings";

/**
 * The admin-edited default ADR template (issue 13), kept as JSON in `adr-template.json` beside the
 * database (the data directory, as evidence files are; README "ADR template"). New ADR audits copy
 * its required sections into their config (app/checks/new/actions.ts), so editing it never changes an
 * audit already created. With several app instances (DATABASE_URL), the data directory must be
 * shared, as it must be for evidence.
 */

/** Where the template is kept: `<data dir>/adr-template.json`. */
export function adrTemplatePath(): string {
  return path.join(path.dirname(getSettings().databasePath), "adr-template.json");
}

/**
 * The template in force: the saved file, or the shipped default (version 0) when there is none.
 * @throws Error naming the file when it exists but is not a valid template (never silently ignored).
 */
export function loadAdrTemplate(file = adrTemplatePath()): AdrTemplate {
  if (!existsSync(file)) return DEFAULT_STORED_ADR_TEMPLATE;
  const parsed = adrTemplateSchema.safeParse(JSON.parse(readFileSync(file, "utf8")));
  if (!parsed.success) throw new Error(`${file} is not a valid ADR template: ${parsed.error.issues[0].message}`);
  return parsed.data;
}

/**
 * Saves the required sections as the template's next version (admin), with an `adr.template_saved`
 * event; the file is replaced atomically (written beside it, then renamed) as the last step of the
 * event's transaction, so a failed write records nothing.
 * @throws AppError invalid naming the problem (empty, duplicate or over-long section names).
 */
export async function saveAdrTemplate(db: Db, args: { requiredSections: string[]; actorId: number; file?: string; now?: Date }): Promise<AdrTemplate> {
  const file = args.file ?? adrTemplatePath();
  return db.transaction(async (tx) => {
    await tx.lock("adr-template");
    const current = loadAdrTemplate(file);
    const parsed = adrTemplateSchema.safeParse({ version: current.version + 1, requiredSections: args.requiredSections, savedAt: (args.now ?? new Date()).toISOString(), savedBy: args.actorId });
    if (!parsed.success) throw new AppError("invalid", `requiredSections: ${parsed.error.issues[0].message}`);
    const json = JSON.stringify(parsed.data, null, 2) + "\n";
    await appendEvent(tx, { auditId: null, actorId: args.actorId, type: "adr.template_saved", payload: { requiredSections: parsed.data.requiredSections, sha256: createHash("sha256").update(json).digest("hex") } });
    mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, json);
    renameSync(tmp, file);
    return parsed.data;
  });
}
