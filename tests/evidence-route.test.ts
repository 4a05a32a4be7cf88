/**
 * The evidence routes (issue 11, "Evidence") authorize inside the handler and serve files only as
 * downloads: POST /api/audits/[slug]/evidence (upload, reviewer or operator of the audit's
 * project, same-origin, size and type checked) and GET /api/audits/[slug]/evidence/[id] (any role
 * in the project; 404 for anyone else, 410 once removed; attachment, nosniff, octet-stream,
 * sandbox CSP, no-store).
 */
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";

const session: { current: { user: { id: number; sv: number } } | null } = { current: null };

vi.mock("server-only", () => ({}));
vi.mock("next-auth", () => ({ getServerSession: async () => session.current, default: () => () => new Response(null) }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const dataDir = mkdtempSync(path.join(os.tmpdir(), "cs-evidence-"));
process.env.COUNTERSIGN_DB = path.join(dataDir, "t.db");
process.env.NEXTAUTH_SECRET = "x".repeat(40);
process.env.NEXTAUTH_URL = "http://localhost:3000";
const evidenceDir = path.join(dataDir, "evidence");

const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64");
const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");

/** Sessions carry the user's session version, bumped by role changes (issue 10). */
const versions = new Map<number, number>();
const as = (id: number) => ({ user: { id, sv: versions.get(id) ?? 0 } });
let reviewerId = 0;
let approverId = 0;
let outsiderId = 0;
let slug = "";
let auditId = 0;
let sampleUnitId = 0;

beforeAll(async () => {
  const { getDb } = await import("@/db/client");
  const { createUser } = await import("@/db/mutations/users");
  const { createAudit, recordStabilityResult } = await import("@/db/mutations/audits");
  const { drawAuditSample } = await import("@/db/mutations/sample");
  const { setProjectMemberRoles } = await import("@/db/mutations/projects");
  const { listProjects } = await import("@/db/queries/projects");
  const { validAuditForm, importCsv } = await import("@/db/testing");
  const db = getDb();
  await db.migrate();
  const operatorId = await createUser(db, { email: "o@example.test", name: "O", password: "operator-password-1", roles: ["operator"], actorId: null });
  reviewerId = await createUser(db, { email: "r@example.test", name: "R", password: "reviewer-password-1", roles: [], actorId: null });
  approverId = await createUser(db, { email: "a@example.test", name: "A", password: "approver-password-1", roles: [], actorId: null });
  outsiderId = await createUser(db, { email: "x@example.test", name: "X", password: "outsider-password-1", roles: [], actorId: null });
  ({ id: auditId, slug } = await createAudit(db, { input: validAuditForm({ projectName: "alpha", sotExpectedResult: "ok" }), actorId: operatorId }));
  await createAudit(db, { input: validAuditForm({ projectName: "beta" }), actorId: operatorId });
  await importCsv(db, { auditId, actorId: operatorId, csv: "unit_key,execution_status\na,SUCCEEDED\nb,SUCCEEDED\nc,SUCCEEDED\n" });
  await recordStabilityResult(db, { auditId, actualResult: "ok", actorId: operatorId });
  await drawAuditSample(db, { auditId, actorId: operatorId, seed: "a0a1a2a3a4a5a6a7a8a9aaabacadaeaf" });
  [{ id: sampleUnitId }] = await db.select({ id: db.tables.sampleUnits.id }).from(db.tables.sampleUnits);
  const projects = await listProjects(db);
  const alpha = projects.find((p) => p.name === "alpha")!;
  const beta = projects.find((p) => p.name === "beta")!;
  await setProjectMemberRoles(db, { projectId: alpha.id, userId: reviewerId, roles: ["reviewer"], actorId: operatorId });
  await setProjectMemberRoles(db, { projectId: alpha.id, userId: approverId, roles: ["approver"], actorId: operatorId });
  await setProjectMemberRoles(db, { projectId: beta.id, userId: outsiderId, roles: ["operator", "reviewer", "approver", "security"], actorId: operatorId });
  for (const u of await db.select({ id: db.tables.users.id, sv: db.tables.users.sessionVersion }).from(db.tables.users)) versions.set(u.id, u.sv);
});

const upload = async (body: BodyInit, { s = slug, fileName = "shot.png", headers = {} as Record<string, string>, unit = sampleUnitId } = {}) => {
  const { POST } = await import("@/app/api/audits/[slug]/evidence/route");
  const qs = new URLSearchParams({ sampleUnitId: String(unit), fileName });
  return POST(new Request(`http://localhost:3000/api/audits/${s}/evidence?${qs}`, { method: "POST", headers: { origin: "http://localhost:3000", "content-type": "image/png", ...headers }, body }), { params: Promise.resolve({ slug: s }) });
};
const download = async (id: number | string, s = slug) => {
  const { GET } = await import("@/app/api/audits/[slug]/evidence/[id]/route");
  return GET(new Request(`http://localhost:3000/api/audits/${s}/evidence/${id}`), { params: Promise.resolve({ slug: s, id: String(id) }) });
};
const evidenceRows = async () => {
  const { getDb } = await import("@/db/client");
  const db = getDb();
  return db.select().from(db.tables.evidence);
};
const storedFiles = () => {
  try {
    return readdirSync(evidenceDir);
  } catch {
    return [];
  }
};

describe("POST /api/audits/[slug]/evidence", () => {
  it("401 without a session, 403 for an approver, 404 for another project's member; nothing stored", async () => {
    session.current = null;
    expect((await upload(PNG)).status).toBe(401);
    session.current = as(approverId);
    expect((await upload(PNG)).status).toBe(403);
    session.current = as(outsiderId);
    expect((await upload(PNG)).status).toBe(404);
    expect(await evidenceRows()).toEqual([]);
    expect(storedFiles()).toEqual([]);
  });

  it("refuses another Origin (403), multipart (415) and a Content-Length over the limit (413) before reading", async () => {
    session.current = as(reviewerId);
    expect((await upload(PNG, { headers: { origin: "https://evil.example" } })).status).toBe(403);
    expect((await upload(PNG, { headers: { "content-type": "multipart/form-data; boundary=x" } })).status).toBe(415);
    const res = await upload(PNG, { headers: { "content-length": String(26 * 1024 * 1024) } });
    expect(res.status).toBe(413);
    expect((await res.json()).message).toBe("The file is larger than the 25 MiB limit for evidence; nothing was stored.");
    expect(await evidenceRows()).toEqual([]);
  });

  it("refuses an unknown binary with 415 and a plain reason; a bad sampleUnitId with 422", async () => {
    session.current = as(reviewerId);
    const res = await upload(Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x00]), { fileName: "shot.png" });
    expect(res.status).toBe(415);
    expect((await res.json()).message).toMatch(/not one of the accepted types.*unknown binary.*Nothing was stored/);
    expect((await upload(PNG, { unit: 0 })).status).toBe(422);
    expect(await evidenceRows()).toEqual([]);
    expect(storedFiles()).toEqual([]);
  });

  it("201 for a reviewer; parallel uploads of the same file are all recorded and stored once", async () => {
    session.current = as(reviewerId);
    const responses = await Promise.all([upload(PNG), upload(PNG, { fileName: "again.png" }), upload(PNG, { fileName: "third.png" })]);
    expect(responses.map((r) => r.status)).toEqual([201, 201, 201]);
    expect(await responses[0].json()).toMatchObject({ fileName: "shot.png", mediaType: "image/png", sizeBytes: PNG.length, sha256: sha(PNG) });
    expect(storedFiles()).toEqual([sha(PNG)]);
    expect((await evidenceRows()).map((r) => r.addedBy)).toEqual([reviewerId, reviewerId, reviewerId]);
  });
});

describe("GET /api/audits/[slug]/evidence/[id]", () => {
  it("serves the exact bytes as an attachment that is never rendered inline", async () => {
    session.current = as(approverId); // any role in the project may download
    // The three parallel uploads above commit in any order: pick the one named shot.png.
    const row = (await evidenceRows()).find((r) => r.fileName === "shot.png")!;
    const res = await download(row.id);
    expect(res.status).toBe(200);
    expect(Object.fromEntries(res.headers)).toMatchObject({
      "content-type": "application/octet-stream",
      "content-disposition": 'attachment; filename="shot.png"',
      "x-content-type-options": "nosniff",
      "cache-control": "private, no-store",
      "content-security-policy": expect.stringMatching(/^sandbox/),
      "content-length": String(PNG.length),
    });
    expect(Buffer.from(await res.arrayBuffer()).equals(PNG)).toBe(true);
  });

  it("an HTML page named .png downloads as .png.html, and a non-ASCII name gets filename*", async () => {
    session.current = as(reviewerId);
    const html = await upload("<!doctype html><script>alert(1)</script>", { fileName: "Prüfung.png", headers: { "content-type": "image/png" } });
    expect(html.status).toBe(201);
    const { id, mediaType } = await html.json();
    expect(mediaType).toBe("text/html");
    const res = await download(id);
    expect(res.headers.get("content-type")).toBe("application/octet-stream");
    expect(res.headers.get("content-disposition")).toBe("attachment; filename=\"Pr_fung.png.html\"; filename*=UTF-8''Pr%C3%BCfung.png.html");
  });

  it("401 without a session; 404 for another project's member, an unknown id, a link or another audit's slug", async () => {
    const [row] = await evidenceRows();
    session.current = null;
    expect((await download(row.id)).status).toBe(401);
    session.current = as(outsiderId);
    expect((await download(row.id)).status).toBe(404);
    session.current = as(reviewerId);
    expect((await download(999_999)).status).toBe(404);
    expect((await download("abc")).status).toBe(404);
    const { getDb } = await import("@/db/client");
    const { addEvidenceLink } = await import("@/db/mutations/evidence");
    const linkId = await addEvidenceLink(getDb(), { auditId, sampleUnitId, actorId: reviewerId, url: "https://x.example", label: null });
    expect((await download(linkId)).status).toBe(404);
  });

  it("410 once removed; the item stays listed as removed", async () => {
    session.current = as(reviewerId);
    const [row] = await evidenceRows();
    const { removeEvidenceAction } = await import("@/app/audits/[slug]/review/[id]/evidence-actions");
    const fd = new FormData();
    fd.set("slug", slug);
    fd.set("evidenceId", String(row.id));
    fd.set("reason", "screenshot of the wrong unit");
    expect(await removeEvidenceAction({}, fd)).toMatchObject({ ok: true });
    expect((await download(row.id)).status).toBe(410);
    const { getDb } = await import("@/db/client");
    const { listEvidence } = await import("@/db/queries/evidence");
    const listed = (await listEvidence(getDb(), { auditId, sampleUnitId })).find((i) => i.id === row.id);
    expect(listed).toMatchObject({ removedBy: "R", removedReason: "screenshot of the wrong unit" });
  });
});

describe("evidence server actions", () => {
  it("add a link: field errors name the field; an approver is refused; nothing written then", async () => {
    const { addEvidenceLinkAction } = await import("@/app/audits/[slug]/review/[id]/evidence-actions");
    const fd = (fields: Record<string, string>) => {
      const f = new FormData();
      for (const [k, v] of Object.entries({ slug, sampleUnitId: String(sampleUnitId), ...fields })) f.set(k, v);
      return f;
    };
    const before = (await evidenceRows()).length;
    session.current = as(reviewerId);
    expect(await addEvidenceLinkAction({}, fd({ url: "javascript:alert(1)" }))).toMatchObject({ ok: false, errors: { url: [expect.stringContaining("http")] } });
    session.current = as(approverId);
    expect(await addEvidenceLinkAction({}, fd({ url: "https://x.example" }))).toMatchObject({ ok: false, message: expect.stringMatching(/needs the reviewer or operator role/) });
    expect((await evidenceRows()).length).toBe(before);
    session.current = as(reviewerId);
    expect(await addEvidenceLinkAction({}, fd({ url: "https://grafana.example.org/d/1", label: "Dashboard" }))).toMatchObject({ ok: true });
    expect((await evidenceRows()).length).toBe(before + 1);
  });
});
