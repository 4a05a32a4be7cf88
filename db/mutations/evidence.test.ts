/**
 * Integration tests of evidence (issue 11) against a real temporary database (SQLite or
 * PostgreSQL) and a temporary evidence folder: files stored once by SHA-256 with who added them,
 * links, removal recorded (never erased), closed audits read-only, and a refused file (too large,
 * wrong type, interrupted) leaves nothing on disk and nothing in the database.
 */
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EvidenceTooLargeError, EvidenceTypeError, storeEvidenceFile } from "@/lib/server/evidence-store";
import type { Db } from "../handle";
import { listEvidence } from "../queries/evidence";
import { verifyEventChain } from "../queries/events";
import { createTestDb, importCsv, rowCounts, type TestDb, validAuditForm } from "../testing";
import { createAudit, recordStabilityResult } from "./audits";
import { addEvidenceFile, addEvidenceLink, removeEvidence } from "./evidence";
import { drawAuditSample } from "./sample";
import { createUser } from "./users";

const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64");
const HTML = Buffer.from("<!DOCTYPE html><html><script>alert(document.cookie)</script></html>");
const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");
/** A stream of `bytes` in chunks of `size`, so the store sees several chunks. */
const chunks = (bytes: Buffer, size = 16) => Readable.from(Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) => bytes.subarray(i * size, (i + 1) * size)));

let t: TestDb & { operatorId: number };
let db: Db;
let reviewerId: number;
let auditId: number;
let sampleUnitIds: number[];
let dir: string;
let otherAuditUnit: { auditId: number; sampleUnitId: number };

const files = () => readdirSync(dir).sort();
const counts = () => rowCounts(db, "evidence", "events");

async function auditWithSample(actorId: number, projectName: string) {
  const { id } = await createAudit(db, { input: validAuditForm({ projectName, sotExpectedResult: "ok" }), actorId });
  const csv = ["unit_key,execution_status", ...Array.from({ length: 20 }, (_, i) => `u${i},SUCCEEDED`)].join("\n");
  await importCsv(db, { auditId: id, actorId, csv });
  await recordStabilityResult(db, { auditId: id, actualResult: "ok", actorId });
  await drawAuditSample(db, { auditId: id, actorId, seed: "a0a1a2a3a4a5a6a7a8a9aaabacadaeaf" });
  const rows = await db.select({ id: db.tables.sampleUnits.id }).from(db.tables.sampleUnits).where(eq(db.tables.sampleUnits.auditId, id)).orderBy(asc(db.tables.sampleUnits.position));
  return { auditId: id, sampleUnitIds: rows.map((r) => r.id) };
}

beforeAll(async () => {
  t = await createTestDb("evidence");
  db = t.db;
  reviewerId = await createUser(db, { email: "reviewer@test.example", name: "Rev", password: "reviewer-test-pass", roles: ["reviewer"], actorId: null });
  ({ auditId, sampleUnitIds } = await auditWithSample(t.operatorId, "evidence-a"));
  const other = await auditWithSample(t.operatorId, "evidence-b");
  otherAuditUnit = { auditId: other.auditId, sampleUnitId: other.sampleUnitIds[0] };
  dir = mkdtempSync(path.join(os.tmpdir(), "countersign-evidence-"));
});

afterAll(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

const upload = (bytes: Buffer, fileName: string, opts: { sampleUnitId?: number; maxBytes?: number; source?: Readable } = {}) =>
  addEvidenceFile(db, { auditId, sampleUnitId: opts.sampleUnitId ?? sampleUnitIds[0], actorId: reviewerId, fileName, source: opts.source ?? chunks(bytes), dir, maxBytes: opts.maxBytes ?? 1024 * 1024 });

describe("addEvidenceFile", () => {
  it("stores the bytes under their SHA-256, records who added it, and logs evidence.added", async () => {
    const before = await counts();
    const { id, stored } = await upload(PNG, "shot.png");
    expect(stored).toEqual({ mediaType: "image/png", ext: "png", sha256: sha(PNG), sizeBytes: PNG.length });
    expect(files()).toEqual([sha(PNG)]);
    expect(readFileSync(path.join(dir, sha(PNG))).equals(PNG)).toBe(true);
    const [row] = await db.select().from(db.tables.evidence).where(eq(db.tables.evidence.id, id));
    expect(row).toMatchObject({ auditId, sampleUnitId: sampleUnitIds[0], kind: "file", sha256: sha(PNG), fileName: "shot.png", mediaType: "image/png", sizeBytes: PNG.length, addedBy: reviewerId, removedAt: null });
    expect(await counts()).toEqual({ evidence: before.evidence + 1, events: before.events + 1 });
    const [event] = await db.select().from(db.tables.events).orderBy(asc(db.tables.events.id)).then((rows) => rows.slice(-1));
    expect(event).toMatchObject({ type: "evidence.added", auditId, actorId: reviewerId });
    expect(JSON.parse(event.payload)).toEqual({ evidenceId: id, sampleUnitId: sampleUnitIds[0], kind: "file", name: "shot.png", sha256: sha(PNG), mediaType: "image/png", sizeBytes: PNG.length, url: null });
  });

  it("the same content twice is stored once (two items, one file), also when uploaded at the same time", async () => {
    const bytes = Buffer.from("id,status\n1,ok\n2,ok\n");
    const results = await Promise.all([upload(bytes, "a.csv"), upload(bytes, "b.csv", { sampleUnitId: sampleUnitIds[1] }), upload(bytes, "c.txt")]);
    expect(results.map((r) => r.stored.mediaType)).toEqual(["text/csv", "text/csv", "text/plain"]);
    expect(files().filter((f) => f === sha(bytes))).toHaveLength(1);
    expect(files().some((f) => f.startsWith("."))).toBe(false);
    const rows = await db.select().from(db.tables.evidence).where(eq(db.tables.evidence.sha256, sha(bytes)));
    expect(rows).toHaveLength(3);
    expect((await verifyEventChain(db)).firstBroken).toBeNull();
  });

  it("an HTML page named .png is stored as text/html and listed as a name/content mismatch", async () => {
    const { id, stored } = await upload(HTML, "screenshot.png", { sampleUnitId: sampleUnitIds[2] });
    expect(stored.mediaType).toBe("text/html");
    const [item] = await listEvidence(db, { auditId, sampleUnitId: sampleUnitIds[2] });
    expect(item).toMatchObject({ id, kind: "file", name: "screenshot.png", mediaType: "text/html", mismatch: true, addedBy: "Rev", removedAt: null });
  });

  it("over the limit: refused (413), nothing on disk (no temp file), nothing in the database", async () => {
    const big = Buffer.alloc(5000, "a");
    const filesBefore = files();
    const before = await counts();
    await expect(upload(big, "big.txt", { maxBytes: 4096 })).rejects.toBeInstanceOf(EvidenceTooLargeError);
    await expect(upload(big, "big.txt", { maxBytes: 4096 })).rejects.toMatchObject({ status: 413, message: expect.stringContaining("4 KiB limit") });
    expect(files()).toEqual(filesBefore);
    expect(await counts()).toEqual(before);
    // Exactly at the limit is accepted.
    await expect(upload(big.subarray(0, 4096), "edge.txt", { maxBytes: 4096 })).resolves.toMatchObject({ stored: { sizeBytes: 4096 } });
  });

  it("the store alone, over a small limit, leaves its folder empty", async () => {
    const empty = mkdtempSync(path.join(os.tmpdir(), "countersign-evidence-limit-"));
    try {
      await expect(storeEvidenceFile(chunks(Buffer.alloc(100, "x"), 10), { dir: empty, maxBytes: 99, fileName: "x.txt" })).rejects.toBeInstanceOf(EvidenceTooLargeError);
      expect(readdirSync(empty)).toEqual([]);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it("a refused type (unknown binary, UTF-16, truncated PNG) is 415 with a reason, nothing stored", async () => {
    const filesBefore = files();
    const before = await counts();
    const zip = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00]);
    await expect(upload(zip, "report.pdf")).rejects.toMatchObject({ status: 415, message: expect.stringContaining("unknown binary") });
    await expect(upload(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("a,b\n", "utf16le")]), "x.csv")).rejects.toBeInstanceOf(EvidenceTypeError);
    await expect(upload(PNG.subarray(0, 40), "cut.png")).rejects.toMatchObject({ status: 415, message: expect.stringMatching(/PNG file is (truncated|damaged)/) });
    expect(files()).toEqual(filesBefore);
    expect(await counts()).toEqual(before);
  });

  it("an interrupted upload stores nothing", async () => {
    const filesBefore = files();
    const before = await counts();
    let sent = false;
    // The first read gets 20 bytes, then the client goes away (only once the store is reading).
    const source = new Readable({
      read() {
        if (sent) return;
        sent = true;
        this.push(PNG.subarray(0, 20));
        setImmediate(() => this.destroy(new Error("client went away")));
      },
    });
    await expect(upload(PNG, "shot.png", { source })).rejects.toThrow("client went away");
    expect(files()).toEqual(filesBefore);
    expect(await counts()).toEqual(before);
  });

  it("refuses a unit of another audit and a closed audit before reading the file", async () => {
    const before = await counts();
    await expect(upload(PNG, "x.png", { sampleUnitId: otherAuditUnit.sampleUnitId })).rejects.toMatchObject({ code: "not_found" });
    await db.transaction(async (tx) => {
      await tx.update(tx.tables.audits).set({ closedAt: new Date() }).where(eq(tx.tables.audits.id, otherAuditUnit.auditId));
    });
    const source = new Readable({ read() {} }); // never ends: must not be read
    await expect(addEvidenceFile(db, { ...otherAuditUnit, actorId: reviewerId, fileName: "x.png", source, dir, maxBytes: 1000 })).rejects.toMatchObject({ code: "conflict", message: expect.stringContaining("closed") });
    await expect(addEvidenceLink(db, { ...otherAuditUnit, actorId: reviewerId, url: "https://x.example", label: null })).rejects.toMatchObject({ code: "conflict" });
    expect(await counts()).toEqual(before);
  });
});

describe("links and removal", () => {
  it("adds links (several at once), lists them with who added them, oldest first", async () => {
    const unit = sampleUnitIds[3];
    const ids = await Promise.all(Array.from({ length: 5 }, (_, i) => addEvidenceLink(db, { auditId, sampleUnitId: unit, actorId: reviewerId, url: `https://grafana.example.org/d/${i}`, label: i === 0 ? null : `Dashboard ${i}` })));
    expect(new Set(ids).size).toBe(5);
    const items = await listEvidence(db, { auditId, sampleUnitId: unit });
    expect(items.map((i) => i.id)).toEqual([...ids].sort((a, b) => a - b));
    const first = items.find((i) => i.id === ids[0])!;
    expect(first).toMatchObject({ kind: "link", name: "https://grafana.example.org/d/0", url: "https://grafana.example.org/d/0", sha256: null, mismatch: false, addedBy: "Rev" });
    expect((await verifyEventChain(db)).firstBroken).toBeNull();
  });

  it("removal is recorded (who, when, why), the item stays listed, and only one of two removals at once wins", async () => {
    const unit = sampleUnitIds[4];
    const id = await addEvidenceLink(db, { auditId, sampleUnitId: unit, actorId: reviewerId, url: "https://x.example/a", label: "A" });
    const before = await counts();
    const results = await Promise.allSettled([
      removeEvidence(db, { auditId, evidenceId: id, actorId: t.operatorId, reason: "wrong unit" }),
      removeEvidence(db, { auditId, evidenceId: id, actorId: reviewerId, reason: "duplicate" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.find((r) => r.status === "rejected")).toMatchObject({ reason: { code: "conflict", message: "This evidence item was already removed." } });
    expect(await counts()).toEqual({ evidence: before.evidence, events: before.events + 1 });
    const [item] = await listEvidence(db, { auditId, sampleUnitId: unit });
    expect(item.removedAt).not.toBeNull();
    expect(["wrong unit", "duplicate"]).toContain(item.removedReason);
    expect(item.removedBy).toBe(item.removedReason === "wrong unit" ? "Op" : "Rev");
    const [event] = (await db.select().from(db.tables.events).orderBy(asc(db.tables.events.id))).slice(-1);
    expect(event.type).toBe("evidence.removed");
    expect(JSON.parse(event.payload)).toEqual({ evidenceId: id, sampleUnitId: unit, reason: item.removedReason });
  });

  it("refuses removing an item of another audit or one that does not exist", async () => {
    const id = await addEvidenceLink(db, { auditId, sampleUnitId: sampleUnitIds[5], actorId: reviewerId, url: "https://x.example/b", label: null });
    await expect(removeEvidence(db, { auditId: otherAuditUnit.auditId, evidenceId: id, actorId: reviewerId, reason: "x" })).rejects.toMatchObject({ code: "not_found" });
    await expect(removeEvidence(db, { auditId, evidenceId: 999_999, actorId: reviewerId, reason: "x" })).rejects.toMatchObject({ code: "not_found" });
  });
});
