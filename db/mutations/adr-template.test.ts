/**
 * The admin-edited ADR template (lib/server/adr-template.ts, issue 13) on the engine under test:
 * versions with their event, refusals writing nothing, parallel saves getting distinct versions.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadAdrTemplate, saveAdrTemplate } from "@/lib/server/adr-template";
import { DEFAULT_ADR_TEMPLATE } from "@/lib/profiles/config";
import type { Db } from "../handle";
import { createTestDb, type TestDb } from "../testing";

let t: TestDb & { operatorId: number };
let db: Db;
const fileIn = () => path.join(mkdtempSync(path.join(os.tmpdir(), "cs-adr-template-")), "adr-template.json");
const savedEvents = async () => (await db.select().from(db.tables.events).where(eq(db.tables.events.type, "adr.template_saved"))).length;

beforeAll(async () => {
  t = await createTestDb("adr-template");
  db = t.db;
});
afterAll(async () => t?.close());

describe("ADR template", () => {
  it("is the shipped default until saved; each save is the next version with an event", async () => {
    const file = fileIn();
    expect(loadAdrTemplate(file)).toMatchObject({ version: 0, requiredSections: [...DEFAULT_ADR_TEMPLATE] });
    const before = await savedEvents();
    await saveAdrTemplate(db, { requiredSections: ["Context", "Decision"], actorId: t.operatorId, file });
    const v2 = await saveAdrTemplate(db, { requiredSections: ["Context", "Decision", "Security Considerations"], actorId: t.operatorId, file });
    expect(v2).toMatchObject({ version: 2, savedBy: t.operatorId });
    expect(JSON.parse(readFileSync(file, "utf8")).version).toBe(2);
    expect(loadAdrTemplate(file).requiredSections).toEqual(["Context", "Decision", "Security Considerations"]);
    expect(await savedEvents()).toBe(before + 2);
  });

  it("refuses duplicate or empty sections, naming the field, and writes nothing", async () => {
    const file = fileIn();
    const before = await savedEvents();
    await expect(saveAdrTemplate(db, { requiredSections: ["Context", "CONTEXT"], actorId: t.operatorId, file })).rejects.toThrow("requiredSections: section names must be unique");
    await expect(saveAdrTemplate(db, { requiredSections: [], actorId: t.operatorId, file })).rejects.toThrow(/requiredSections: at least one/);
    expect(loadAdrTemplate(file).version).toBe(0);
    expect(await savedEvents()).toBe(before);
  });

  it("a corrupt file is an error naming it, not a silent default", () => {
    const file = fileIn();
    writeFileSync(file, JSON.stringify({ version: 1, requiredSections: [] }));
    expect(() => loadAdrTemplate(file)).toThrow(/adr-template.json is not a valid ADR template/);
  });

  it("parallel saves get distinct versions", async () => {
    const file = fileIn();
    const saved = await Promise.all([1, 2, 3].map((i) => saveAdrTemplate(db, { requiredSections: ["Context", `Section ${i}`], actorId: t.operatorId, file })));
    expect(saved.map((s) => s.version).sort()).toEqual([1, 2, 3]);
    expect(loadAdrTemplate(file).version).toBe(3);
  });
});
