/**
 * GET /api/checks/[slug]/documents/[id] (issue 13): stored ADR versions and reports as
 * attachments under their file names; while the content review is open an ADR is served with its
 * self-claimed scores removed (seed 003: reviewers must not see them before they submit); 404 for
 * another audit's document or a user with no role in the audit's project.
 */
import { readFileSync, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";

const session: { current: { user: { id: number; sv?: number } } | null } = { current: null };

vi.mock("server-only", () => ({}));
vi.mock("next-auth", () => ({ getServerSession: async () => session.current && { user: { sv: 0, ...session.current.user } }, default: () => () => new Response(null) }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

process.env.COUNTERSIGN_DB = path.join(mkdtempSync(path.join(os.tmpdir(), "cs-profile-docs-")), "t.db");
process.env.NEXTAUTH_SECRET = "x".repeat(40);

const ADR = readFileSync(path.join(__dirname, "../lib/profiles/fixtures/adr-valid.md"), "utf8");
const SLUG = "proj-adr-2030-03-01";
let auditId = 0;
let operatorId = 0;
let outsiderId = 0;
let adrDocId = 0;

async function get(id: number, slug = SLUG) {
  const { GET } = await import("@/app/api/checks/[slug]/documents/[id]/route");
  return GET(new Request(`http://localhost/api/checks/${slug}/documents/${id}`), { params: Promise.resolve({ slug, id: String(id) }) });
}

beforeAll(async () => {
  const { getDb } = await import("@/db/client");
  const { createUser } = await import("@/db/mutations/users");
  const { createProject } = await import("@/db/mutations/projects");
  const { uploadAdr } = await import("@/db/mutations/profile-adr");
  const db = getDb();
  await db.migrate();
  operatorId = await createUser(db, { email: "o@example.test", name: "O", password: "operator-password-1", roles: ["operator", "reviewer"], actorId: null });
  const otherProjectId = await createProject(db, { name: "elsewhere", actorId: operatorId });
  outsiderId = await createUser(db, { email: "x@example.test", name: "X", password: "outsider-password-1", roles: ["reviewer"], actorId: null, projectId: otherProjectId });
  const [row] = await db.transaction((tx) =>
    tx.insert(tx.tables.profileAudits).values({ slug: SLUG, projectName: "proj", profile: "adr", title: "ADR", context: {}, config: {}, createdBy: operatorId }).returning({ id: tx.tables.profileAudits.id }),
  );
  auditId = row.id;
  adrDocId = (await uploadAdr(db, { profileAuditId: auditId, fileName: "ADR-01.md", body: ADR, actorId: operatorId })).id;
});

describe("GET /api/checks/[slug]/documents/[id]", () => {
  it("serves the ADR stripped of self-claimed scores while the review is open, whole afterwards", async () => {
    session.current = { user: { id: operatorId } };
    const open = await get(adrDocId);
    expect(open.status).toBe(200);
    expect(open.headers.get("content-disposition")).toBe('attachment; filename="ADR-01.md"');
    expect(open.headers.get("x-countersign-stripped")).toBe("self-claimed-scores");
    const openText = await open.text();
    expect(openText).not.toMatch(/spec_ready_score|SPEC-Ready Score|audit_score/);
    expect(openText).toContain("## Decision");

    const { getDb } = await import("@/db/client");
    const { endContentReview, generateAdrReport } = await import("@/db/mutations/profile-adr");
    await endContentReview(getDb(), { profileAuditId: auditId, actorId: operatorId });
    const done = await get(adrDocId);
    expect(done.headers.get("x-countersign-stripped")).toBeNull();
    expect(await done.text()).toBe(ADR);

    const r1 = await generateAdrReport(getDb(), { profileAuditId: auditId, actorId: operatorId });
    await generateAdrReport(getDb(), { profileAuditId: auditId, actorId: operatorId });
    const superseded = await get(r1.id);
    expect(superseded.status).toBe(200);
    expect(superseded.headers.get("content-disposition")).toBe('attachment; filename="ADR-01.A_audit_report_v001.md"');
    expect(await superseded.text()).toContain("# ADR-01 Audit Report v001");
  });

  it("404 for an unknown document, a bad id, or a user with no role in the audit's project", async () => {
    session.current = { user: { id: operatorId } };
    expect((await get(999_999)).status).toBe(404);
    const { GET } = await import("@/app/api/checks/[slug]/documents/[id]/route");
    expect((await GET(new Request("http://localhost/x"), { params: Promise.resolve({ slug: SLUG, id: "1e3" }) })).status).toBe(404);
    session.current = { user: { id: outsiderId } };
    expect((await get(adrDocId)).status).toBe(404);
  });
});
