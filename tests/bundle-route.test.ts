/**
 * GET /api/audits/[slug]/bundle authorizes inside the handler (DESIGN.md "Architecture"): 401
 * without a session, 404 for an unknown audit or a user without a role in its project, and the
 * zip for any signed-in user with a role there.
 */
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";

const session: { current: { user: { id: number; sv?: number } } | null } = { current: null };

vi.mock("server-only", () => ({}));
// Sessions carry the session version (issue 10); the users here keep version 0.
vi.mock("next-auth", () => ({ getServerSession: async () => session.current && { user: { sv: 0, ...session.current.user } }, default: () => () => new Response(null) }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

process.env.COUNTERSIGN_DB = path.join(mkdtempSync(path.join(os.tmpdir(), "cs-bundle-")), "t.db");
process.env.NEXTAUTH_SECRET = "x".repeat(40);

let reviewerId = 0;
let rolelessId = 0;
let slug = "";

beforeAll(async () => {
  const { getDb } = await import("@/db/client");
  const { createUser } = await import("@/db/mutations/users");
  const { createAudit } = await import("@/db/mutations/audits");
  const { validAuditForm } = await import("@/db/testing");
  const db = getDb();
  await db.migrate();
  reviewerId = await createUser(db, { email: "r@example.test", name: "R", password: "reviewer-password-1", roles: ["reviewer"], actorId: null });
  rolelessId = await createUser(db, { email: "n@example.test", name: "N", password: "nobody-password-1", roles: [], actorId: null });
  const operatorId = await createUser(db, { email: "o@example.test", name: "O", password: "operator-password-1", roles: ["operator"], actorId: null });
  ({ slug } = await createAudit(db, { input: validAuditForm({ auditDate: "2027-01-01" }), actorId: operatorId }));
});

const get = async (s: string) => {
  const { GET } = await import("@/app/api/audits/[slug]/bundle/route");
  return GET(new Request(`http://localhost/api/audits/${s}/bundle`), { params: Promise.resolve({ slug: s }) });
};

describe("GET /api/audits/[slug]/bundle", () => {
  it("401 without a session", async () => {
    session.current = null;
    expect((await get("any")).status).toBe(401);
  });
  it("404 for a signed-in user without any role (the audit's existence is not revealed)", async () => {
    session.current = { user: { id: rolelessId, sv: 0 } };
    expect((await get(slug)).status).toBe(404);
  });
  it("404 for an unknown audit", async () => {
    session.current = { user: { id: reviewerId, sv: 0 } };
    expect((await get("no-such-audit-2027-01-01")).status).toBe(404);
  });
  it("the zip for a reviewer, as an attachment named after the audit, the same bytes twice", async () => {
    session.current = { user: { id: reviewerId, sv: 0 } };
    const res = await get(slug);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/zip");
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="${slug}-artifacts.zip"`);
    const body = Buffer.from(await res.arrayBuffer());
    expect(body.subarray(0, 4).toString("binary")).toBe("PK\u0003\u0004");
    const again = Buffer.from(await (await get(slug)).arrayBuffer());
    expect(again.equals(body)).toBe(true);
  });
});

describe("GET /api/audits/[slug]/summary-metrics", () => {
  const getMetrics = async (s: string) => {
    const { GET } = await import("@/app/api/audits/[slug]/summary-metrics/route");
    return GET(new Request(`http://localhost/api/audits/${s}/summary-metrics`), { params: Promise.resolve({ slug: s }) });
  };
  it("401 without a session, 404 without a role or for an unknown audit", async () => {
    session.current = null;
    expect((await getMetrics(slug)).status).toBe(401);
    session.current = { user: { id: rolelessId, sv: 0 } };
    expect((await getMetrics(slug)).status).toBe(404);
    session.current = { user: { id: reviewerId, sv: 0 } };
    expect((await getMetrics("no-such-audit-2027-01-01")).status).toBe(404);
  });
  it("the schema-valid summary_metrics.json for a reviewer", async () => {
    session.current = { user: { id: reviewerId, sv: 0 } };
    const res = await getMetrics(slug);
    expect(res.status).toBe(200);
    const text = await res.text();
    const { schemaErrors } = await import("@/lib/artifacts/testing");
    expect(schemaErrors("summary_metrics.json", text)).toEqual([]);
    expect(JSON.parse(text)).toMatchObject({ audit_slug: slug, decision_basis: "point_estimate", defect_rate_upper_bound: { confidence: 0.95 } });
  });
});
