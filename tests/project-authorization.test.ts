/**
 * Access by project (issue 10): a user who holds every project role in project "alpha" and none
 * in "beta" is refused by every server action and route handler that touches beta's audit, and
 * nothing is written. The action modules are the real ones; every exported action is called, so a
 * new action cannot skip the check.
 */
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";

const session: { current: { user: { id: number; sv: number } } | null } = { current: null };

vi.mock("server-only", () => ({}));
vi.mock("next-auth", () => ({ getServerSession: async () => session.current, default: () => () => new Response(null) }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
vi.mock("next/navigation", () => ({
  redirect: (url: string) => {
    throw new Error(`redirect:${url}`);
  },
  notFound: () => {
    throw new Error("notFound");
  },
  unstable_rethrow: (e: unknown) => {
    if (e instanceof Error && e.message.startsWith("redirect:")) throw e;
  },
}));

process.env.COUNTERSIGN_DB = path.join(mkdtempSync(path.join(os.tmpdir(), "cs-projects-")), "t.db");
process.env.NEXTAUTH_SECRET = "x".repeat(40);

/** Modules whose actions act on one audit (they post its `slug`). */
const AUDIT_ACTION_MODULES = {
  "app/audits/[slug]/actions.ts": () => import("@/app/audits/[slug]/actions"),
  "app/audits/[slug]/settings/actions.ts": () => import("@/app/audits/[slug]/settings/actions"),
  "app/audits/[slug]/lifecycle-actions.ts": () => import("@/app/audits/[slug]/lifecycle-actions"),
  "app/audits/[slug]/team/actions.ts": () => import("@/app/audits/[slug]/team/actions"),
  "app/audits/[slug]/second-review/[id]/actions.ts": () => import("@/app/audits/[slug]/second-review/[id]/actions"),
  "app/audits/[slug]/adjudicate/[id]/actions.ts": () => import("@/app/audits/[slug]/adjudicate/[id]/actions"),
  "app/audits/[slug]/review/[id]/actions.ts": () => import("@/app/audits/[slug]/review/[id]/actions"),
  "app/audits/[slug]/review/[id]/evidence-actions.ts": () => import("@/app/audits/[slug]/review/[id]/evidence-actions"),
  "app/audits/[slug]/signoff/actions.ts": () => import("@/app/audits/[slug]/signoff/actions"),
  "app/audits/[slug]/break-glass/actions.ts": () => import("@/app/audits/[slug]/break-glass/actions"),
  "app/audits/[slug]/external-audit/actions.ts": () => import("@/app/audits/[slug]/external-audit/actions"),
};

type Action = (prev: unknown, fd: FormData) => Promise<{ ok?: boolean; message?: string }>;

let memberId = 0;
let alphaSlug = "";
let betaSlug = "";
let betaShareLinkId = 0;
let betaCheckSlug = "";
let betaCheckShareLinkId = 0;

/** Modules whose actions act on one checklist audit (they post its `checkSlug`; issue 13). */
const CHECK_ACTION_MODULES = {
  "app/checks/[slug]/actions.ts": () => import("@/app/checks/[slug]/actions"),
  "app/checks/[slug]/adr-actions.ts": () => import("@/app/checks/[slug]/adr-actions"),
  "app/checks/[slug]/rollout/actions.ts": () => import("@/app/checks/[slug]/rollout/actions"),
  "app/checks/[slug]/share-actions.ts": () => import("@/app/checks/[slug]/share-actions"),
};

const eventCount = async () => {
  const { getDb } = await import("@/db/client");
  const db = getDb();
  return (await db.select().from(db.tables.events)).length;
};

const form = (fields: Record<string, string>) => {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.set(k, v);
  return fd;
};

beforeAll(async () => {
  const { getDb } = await import("@/db/client");
  const { createUser } = await import("@/db/mutations/users");
  const { createAudit } = await import("@/db/mutations/audits");
  const { createShareLink } = await import("@/db/mutations/share-links");
  const { setProjectMemberRoles } = await import("@/db/mutations/projects");
  const { listProjects } = await import("@/db/queries/projects");
  const { validAuditForm } = await import("@/db/testing");
  const db = getDb();
  await db.migrate();
  const operatorId = await createUser(db, { email: "o@example.test", name: "O", password: "operator-password-1", roles: ["operator", "admin"], actorId: null });
  memberId = await createUser(db, { email: "m@example.test", name: "M", password: "member-password-1", roles: [], actorId: null });
  ({ slug: alphaSlug } = await createAudit(db, { input: validAuditForm({ projectName: "alpha" }), actorId: operatorId }));
  const beta = await createAudit(db, { input: validAuditForm({ projectName: "beta" }), actorId: operatorId });
  betaSlug = beta.slug;
  await createShareLink(db, { auditId: beta.id, actorId: operatorId, expiresInDays: 7, label: null });
  [{ id: betaShareLinkId }] = await db.select({ id: db.tables.shareLinks.id }).from(db.tables.shareLinks);
  const { createProfileAudit } = await import("@/db/mutations/profile-audits");
  const { createProfileAuditSchema } = await import("@/lib/profiles/profile-input");
  const check = await createProfileAudit(db, { input: createProfileAuditSchema.parse({ profile: "rollout", projectName: "beta", auditDate: "2031-01-01", title: "Beta rollout" }), actorId: operatorId });
  betaCheckSlug = check.slug;
  await createShareLink(db, { profileAuditId: check.id, actorId: operatorId, expiresInDays: 7, label: null });
  betaCheckShareLinkId = betaShareLinkId + 1;
  const alpha = (await listProjects(db)).find((p) => p.name === "alpha")!;
  await setProjectMemberRoles(db, { projectId: alpha.id, userId: memberId, roles: ["operator", "reviewer", "approver", "security"], actorId: operatorId });
  const [{ sv }] = await db.select({ sv: db.tables.users.sessionVersion }).from(db.tables.users).where((await import("drizzle-orm")).eq(db.tables.users.id, memberId));
  session.current = { user: { id: memberId, sv } };
});

describe("a member of project alpha touching project beta", () => {
  for (const [file, load] of Object.entries(AUDIT_ACTION_MODULES)) {
    it(`is refused by every action in ${file}, and nothing is written`, async () => {
      const mod = (await load()) as Record<string, Action>;
      const actions = Object.entries(mod).filter(([, v]) => typeof v === "function");
      expect(actions.length).toBeGreaterThan(0);
      const before = await eventCount();
      for (const [name, action] of actions) {
        expect(await action({}, form({ slug: betaSlug })), name).toMatchObject({ ok: false, message: "Audit not found." });
      }
      expect(await eventCount()).toBe(before);
    });
  }

  for (const [file, load] of Object.entries(CHECK_ACTION_MODULES)) {
    it(`is refused by every action in ${file} for beta's checklist audit, and nothing is written`, async () => {
      const mod = (await load()) as Record<string, Action>;
      const actions = Object.entries(mod).filter(([, v]) => typeof v === "function");
      expect(actions.length).toBeGreaterThan(0);
      const before = await eventCount();
      for (const [name, action] of actions) {
        expect(await action({}, form({ checkSlug: betaCheckSlug, shareLinkId: String(betaCheckShareLinkId) })), name).toMatchObject({ ok: false, message: "Checklist audit not found." });
      }
      expect(await eventCount()).toBe(before);
      const { getDb } = await import("@/db/client");
      const db = getDb();
      expect((await db.select().from(db.tables.shareLinks)).map((l) => l.revokedAt)).toEqual([null, null]);
    });
  }

  it("cannot create an audit in beta, but can in alpha", async () => {
    const { createAuditAction } = await import("@/app/audits/new/actions");
    const fields = { auditDate: "2031-05-05", title: "t", changeDescription: "d", riskTier: "1", triggerContractVersion: "1.0", bulkMutationThreshold: "1", duplicateClusterCap: "1", sotQuery: "q", sotStabilityQuery: "q", sotExpectedResult: "1", consistencyModel: "strong" };
    const withTrigger = (fd: FormData) => (fd.append("triggerReasons[]", "always.high_impact_change"), fd);
    const before = await eventCount();
    expect(await createAuditAction({}, withTrigger(form({ ...fields, projectName: "beta" })))).toMatchObject({ ok: false, message: "This needs the operator role in project beta." });
    expect(await createAuditAction({}, withTrigger(form({ ...fields, projectName: "gamma" })))).toMatchObject({ ok: false, message: "This needs the operator role in project gamma." });
    expect(await eventCount()).toBe(before);
    await expect(createAuditAction({}, withTrigger(form({ ...fields, projectName: "alpha" })))).rejects.toThrow("redirect:/audits/alpha-2031-05-05");
  });

  it("cannot reach beta's share link through an alpha audit", async () => {
    const { revokeShareLinkAction } = await import("@/app/audits/[slug]/actions");
    const before = await eventCount();
    const result = await revokeShareLinkAction({}, form({ slug: alphaSlug, shareLinkId: String(betaShareLinkId) }));
    expect(result).toMatchObject({ ok: false, message: expect.stringMatching(/not found/i) });
    expect(await eventCount()).toBe(before);
    const { getDb } = await import("@/db/client");
    const db = getDb();
    expect((await db.select().from(db.tables.shareLinks))[0].revokedAt).toBeNull();
  });

  it("gets 404 from every audit route handler for beta, and 200 for alpha", async () => {
    const params = (slug: string) => ({ params: Promise.resolve({ slug }) });
    const bundle = await import("@/app/api/audits/[slug]/bundle/route");
    const metrics = await import("@/app/api/audits/[slug]/summary-metrics/route");
    const progress = await import("@/app/api/audits/[slug]/progress/route");
    for (const [name, get] of [["bundle", bundle.GET], ["summary-metrics", metrics.GET], ["progress", progress.GET]] as const) {
      expect((await get(new Request(`http://localhost/api/audits/${betaSlug}/${name}`), params(betaSlug))).status, name).toBe(404);
      expect((await get(new Request(`http://localhost/api/audits/${alphaSlug}/${name}`), params(alphaSlug))).status, name).toBe(200);
    }
    const { POST } = await import("@/app/api/audits/[slug]/import/route");
    const before = await eventCount();
    const res = await POST(
      new Request(`http://localhost/api/audits/${betaSlug}/import?fileName=p.csv&format=csv&mapping=${encodeURIComponent(JSON.stringify({ unitKey: "unit_key", executionStatus: "execution_status" }))}`, {
        method: "POST",
        headers: { "content-type": "text/csv", origin: "http://localhost:3000" },
        body: "unit_key,execution_status\n1,SUCCEEDED\n",
      }),
      params(betaSlug),
    );
    expect(res.status).toBe(404);
    expect(await eventCount()).toBe(before);
  });

  it("cannot download beta's external-audit prompts (issue 12): the audit is not found, while alpha's says the prompt is not prepared", async () => {
    const { GET } = await import("@/app/api/audits/[slug]/external-audit/prompts/[role]/route");
    const get = async (slug: string) => {
      const res = await GET(new Request(`http://localhost/api/audits/${slug}/external-audit/prompts/auditor-primary`), { params: Promise.resolve({ slug, role: "auditor-primary" }) });
      return { status: res.status, body: await res.json() };
    };
    expect(await get(betaSlug)).toEqual({ status: 404, body: { error: "not_found", message: "Audit not found." } });
    expect(await get(alphaSlug)).toEqual({ status: 404, body: { error: "not_found", message: "This prompt is not prepared yet." } });
  });
});
