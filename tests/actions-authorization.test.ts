/**
 * Every server action and route handler checks the session and role itself (DESIGN.md
 * "Architecture"). This test imports the real action modules and route handlers and calls every
 * export without a session, then with a session whose user lacks the role.
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
vi.mock("next/navigation", () => ({
  redirect: (url: string) => {
    throw new Error(`redirect:${url}`);
  },
  unstable_rethrow: (e: unknown) => {
    if (e instanceof Error && e.message.startsWith("redirect:")) throw e;
  },
}));

process.env.COUNTERSIGN_DB = path.join(mkdtempSync(path.join(os.tmpdir(), "cs-authz-")), "t.db");
process.env.NEXTAUTH_SECRET = "x".repeat(40);

const ACTION_MODULES = {
  "app/audits/new/actions.ts": () => import("@/app/audits/new/actions"),
  "app/audits/[slug]/team/actions.ts": () => import("@/app/audits/[slug]/team/actions"),
  "app/audits/[slug]/second-review/[id]/actions.ts": () => import("@/app/audits/[slug]/second-review/[id]/actions"),
  "app/audits/[slug]/adjudicate/[id]/actions.ts": () => import("@/app/audits/[slug]/adjudicate/[id]/actions"),
  "app/audits/[slug]/actions.ts": () => import("@/app/audits/[slug]/actions"),
  "app/audits/[slug]/settings/actions.ts": () => import("@/app/audits/[slug]/settings/actions"),
  "app/audits/[slug]/lifecycle-actions.ts": () => import("@/app/audits/[slug]/lifecycle-actions"),
  "app/audits/[slug]/review/[id]/actions.ts": () => import("@/app/audits/[slug]/review/[id]/actions"),
  "app/audits/[slug]/review/[id]/evidence-actions.ts": () => import("@/app/audits/[slug]/review/[id]/evidence-actions"),
  "app/admin/users/actions.ts": () => import("@/app/admin/users/actions"),
  "app/account/actions.ts": () => import("@/app/account/actions"),
  "app/audits/[slug]/signoff/actions.ts": () => import("@/app/audits/[slug]/signoff/actions"),
  "app/audits/[slug]/break-glass/actions.ts": () => import("@/app/audits/[slug]/break-glass/actions"),
  "app/security/actions.ts": () => import("@/app/security/actions"),
  "app/audits/[slug]/external-audit/actions.ts": () => import("@/app/audits/[slug]/external-audit/actions"),
  "app/admin/prompts/actions.ts": () => import("@/app/admin/prompts/actions"),
  "app/checks/[slug]/adr-actions.ts": () => import("@/app/checks/[slug]/adr-actions"),
  "app/checks/[slug]/rollout/actions.ts": () => import("@/app/checks/[slug]/rollout/actions"),
  "app/admin/adr-template/actions.ts": () => import("@/app/admin/adr-template/actions"),
  "app/checks/new/actions.ts": () => import("@/app/checks/new/actions"),
  "app/checks/[slug]/actions.ts": () => import("@/app/checks/[slug]/actions"),
  "app/checks/[slug]/share-actions.ts": () => import("@/app/checks/[slug]/share-actions"),
};

let reviewerId = 0;

beforeAll(async () => {
  const { getDb } = await import("@/db/client");
  const { createUser } = await import("@/db/mutations/users");
  await getDb().migrate();
  reviewerId = await createUser(getDb(), { email: "r@example.test", name: "R", password: "reviewer-password-1", roles: ["reviewer"], actorId: null });
});

describe("server actions refuse requests without a session", () => {
  for (const [file, load] of Object.entries(ACTION_MODULES)) {
    it(`every action in ${file}`, async () => {
      session.current = null;
      const mod = (await load()) as Record<string, (prev: unknown, fd: FormData) => Promise<{ ok?: boolean; message?: string }>>;
      const actions = Object.entries(mod).filter(([, v]) => typeof v === "function");
      expect(actions.length).toBeGreaterThan(0);
      for (const [name, action] of actions) {
        const result = await action({}, new FormData());
        expect(result, name).toMatchObject({ ok: false, message: "Sign in to continue." });
      }
    });
  }
});

describe("a revoked session is no session (issue 10)", () => {
  it("a session carrying another session version than the user's is refused", async () => {
    session.current = { user: { id: reviewerId, sv: 1 } };
    const { changePasswordAction } = await import("@/app/account/actions");
    expect(await changePasswordAction({}, new FormData())).toMatchObject({ ok: false, message: "Sign in to continue." });
  });
});

describe("roles are checked inside the actions", () => {
  it("a reviewer cannot create an audit", async () => {
    session.current = { user: { id: reviewerId } };
    const { createAuditAction } = await import("@/app/audits/new/actions");
    const { createAuditSchema } = await import("@/lib/audit-input");
    const fd = new FormData();
    const valid: Record<string, string> = {
      projectName: "x",
      auditDate: "2026-01-01",
      title: "t",
      changeDescription: "d",
      riskTier: "1",
      triggerContractVersion: "1.0",
      bulkMutationThreshold: "1",
      duplicateClusterCap: "1",
      sotQuery: "q",
      sotStabilityQuery: "q",
      sotExpectedResult: "1",
      consistencyModel: "strong",
    };
    for (const [k, v] of Object.entries(valid)) fd.set(k, v);
    fd.append("triggerReasons[]", "always.high_impact_change");
    expect(createAuditSchema.safeParse({ ...valid, triggerReasons: ["always.high_impact_change"] }).success).toBe(true);
    const result = await createAuditAction({}, fd);
    expect(result).toMatchObject({ ok: false, message: "This needs the operator role." });
    const { getDb } = await import("@/db/client");
    const db = getDb();
    expect(await db.select().from(db.tables.audits)).toHaveLength(0);
  });

  it("a reviewer cannot manage users, API tokens or share links", async () => {
    session.current = { user: { id: reviewerId } };
    const admin = await import("@/app/admin/users/actions");
    const tokens = await import("@/app/admin/tokens/actions");
    const audit = await import("@/app/audits/[slug]/actions");
    const team = await import("@/app/audits/[slug]/team/actions");
    for (const action of [team.assignAction, team.requestSecondReviewsAction, admin.createUserAction, admin.updateRolesAction, admin.resetPasswordAction, admin.setUserActiveAction, tokens.createApiTokenAction, tokens.revokeApiTokenAction, audit.createShareLinkAction, audit.updateDecisionSettingsAction, audit.republishShareLinkAction, audit.revokeShareLinkAction, audit.drawSampleAction]) {
      expect(await action({}, new FormData())).toMatchObject({ ok: false, message: expect.stringMatching(/needs the (admin|operator) role/) });
    }
  });
});

describe("across audits checks the operator role inside every action (issue 11)", () => {
  it("a reviewer can neither edit settings, archive, restore nor start a re-audit", async () => {
    session.current = { user: { id: reviewerId } };
    const settings = await import("@/app/audits/[slug]/settings/actions");
    const lifecycle = await import("@/app/audits/[slug]/lifecycle-actions");
    const actions = [settings.updateAuditSettingsAction, lifecycle.archiveAuditAction, lifecycle.restoreAuditAction, lifecycle.startReauditAction];
    for (const action of actions) expect(await action({}, new FormData())).toMatchObject({ ok: false, message: "This needs the operator role." });
    const exported = [settings, lifecycle].flatMap((m) => Object.values(m).filter((v) => typeof v === "function"));
    expect(new Set(exported)).toEqual(new Set(actions));
  });
});

describe("the sign-off chain checks roles inside every action", () => {
  it("a reviewer can neither sign, revoke, request, close, clear, countersign nor set availability", async () => {
    session.current = { user: { id: reviewerId } };
    const signoff = await import("@/app/audits/[slug]/signoff/actions");
    const breakGlass = await import("@/app/audits/[slug]/break-glass/actions");
    const security = await import("@/app/security/actions");
    const expectations: [(prev: Record<string, never>, fd: FormData) => Promise<{ message?: string }>, RegExp][] = [
      [signoff.signOffAction, /needs the approver role/],
      [signoff.revokeSignOffAction, /needs the approver role/],
      [signoff.requestSignOffAction, /needs the operator role/],
      [signoff.closeAuditAction, /needs the operator role/],
      [signoff.updateRemediationAction, /needs the operator role/],
      [signoff.recordWaiverAction, /needs the operator or security role/],
      [signoff.revokeWaiverAction, /needs the operator or security role/],
      [signoff.approveDestructiveAction, /needs the security or approver role/],
      [breakGlass.requestBreakGlassAction, /needs the operator role/],
      [breakGlass.countersignAction, /needs the approver or security role/],
      [breakGlass.declareSingleSignerAction, /needs the operator or approver or security role/],
      [security.setAvailabilityAction, /needs the security or admin role/],
    ];
    for (const [action, message] of expectations) expect(await action({}, new FormData())).toMatchObject({ ok: false, message: expect.stringMatching(message) });
    // Every action these modules export is in the list above: a new one cannot skip this check.
    const exported = [signoff, breakGlass, security].flatMap((m) => Object.values(m).filter((v) => typeof v === "function"));
    expect(new Set(exported)).toEqual(new Set(expectations.map(([action]) => action)));
  });
});

describe("the external audit checks roles inside every action (issue 12)", () => {
  it("a reviewer can decide disputed findings but run no step of the cycle nor edit templates", async () => {
    session.current = { user: { id: reviewerId } };
    const ea = await import("@/app/audits/[slug]/external-audit/actions");
    const prompts = await import("@/app/admin/prompts/actions");
    const expectations: [(prev: Record<string, never>, fd: FormData) => Promise<{ message?: string }>, RegExp][] = [
      [ea.prepareExternalAuditAction, /needs the operator role/],
      [ea.pasteOutputAction, /needs the operator role/],
      [ea.recordOverrideAction, /needs the operator role/],
      [ea.prepareCalibrationAction, /needs the operator role/],
      [ea.finalizeExternalAuditAction, /needs the operator role/],
      [ea.linkFindingAction, /needs the operator role/],
      [prompts.savePromptTemplateAction, /needs the admin role/],
    ];
    for (const [action, message] of expectations) expect(await action({}, new FormData())).toMatchObject({ ok: false, message: expect.stringMatching(message) });
    // decideFindingAction is open to reviewers: past the role check, the empty form fails validation.
    expect(await ea.decideFindingAction({}, new FormData())).toMatchObject({ ok: false, message: "Fix the highlighted fields." });
    const exported = [ea, prompts].flatMap((m) => Object.values(m).filter((v) => typeof v === "function"));
    expect(new Set(exported)).toEqual(new Set([...expectations.map(([action]) => action), ea.decideFindingAction]));
  });
});

describe("the rollout expansion gate checks roles inside every action (issue 13)", () => {
  it("a reviewer can neither run the rollout nor vote; an operator cannot vote; an approver cannot expand", async () => {
    session.current = { user: { id: reviewerId } };
    const rollout = await import("@/app/checks/[slug]/rollout/actions");
    const operatorActions = [rollout.startRolloutAction, rollout.recordCheckpointAction, rollout.expandRolloutAction, rollout.generateApprovalAction, rollout.saveScorecardAction, rollout.recordQualityScoreAction];
    for (const action of operatorActions) expect(await action({}, new FormData())).toMatchObject({ ok: false, message: "This needs the operator role." });
    expect(await rollout.voteExpansionAction({}, new FormData())).toMatchObject({ ok: false, message: "This needs the approver role." });
    const { getDb } = await import("@/db/client");
    const { createUser } = await import("@/db/mutations/users");
    const operatorId = await createUser(getDb(), { email: "rollout-op@example.test", name: "O", password: "operator-password-1", roles: ["operator"], actorId: null });
    const approverId = await createUser(getDb(), { email: "rollout-ap@example.test", name: "A", password: "approver-password-1", roles: ["approver"], actorId: null });
    session.current = { user: { id: operatorId } };
    expect(await rollout.voteExpansionAction({}, new FormData())).toMatchObject({ ok: false, message: "This needs the approver role." });
    const fd = new FormData();
    fd.set("checkSlug", "nope-rollout-2030-01-01");
    fd.set("targetPercentage", "25");
    expect(await rollout.expandRolloutAction({}, fd)).toMatchObject({ ok: false, message: "Checklist audit not found." });
    session.current = { user: { id: approverId } };
    expect(await rollout.expandRolloutAction({}, fd)).toMatchObject({ ok: false, message: "This needs the operator role." });
    const exported = Object.values(rollout).filter((v) => typeof v === "function");
    expect(new Set(exported)).toEqual(new Set([...operatorActions, rollout.voteExpansionAction]));
  });
});

describe("the ADR quality gate checks roles inside every action (issue 13)", () => {
  it("a reviewer can score lenses and add lens findings but not upload, end the review, generate reports nor edit the template", async () => {
    session.current = { user: { id: reviewerId } };
    const adr = await import("@/app/checks/[slug]/adr-actions");
    const template = await import("@/app/admin/adr-template/actions");
    const expectations: [(prev: Record<string, never>, fd: FormData) => Promise<{ message?: string }>, RegExp][] = [
      [adr.uploadAdrAction, /needs the operator role/],
      [adr.endReviewAction, /needs the operator role/],
      [adr.generateAdrReportAction, /needs the operator role/],
      [template.saveAdrTemplateAction, /needs the admin role/],
    ];
    for (const [action, message] of expectations) expect(await action({}, new FormData())).toMatchObject({ ok: false, message: expect.stringMatching(message) });
    // Open to reviewers: past the role check, the empty form fails validation; an unknown audit is not found.
    for (const action of [adr.lensScoreAction, adr.lensFindingAction]) expect(await action({}, new FormData())).toMatchObject({ ok: false, message: "Fix the highlighted fields." });
    const fd = new FormData();
    fd.set("checkSlug", "nope-adr-2030-01-01");
    expect(await adr.lensFindingAction({}, fd)).toMatchObject({ ok: false, message: "Checklist audit not found." });
    const exported = [adr, template].flatMap((m) => Object.values(m).filter((v) => typeof v === "function"));
    expect(new Set(exported)).toEqual(new Set([...expectations.map(([action]) => action), adr.lensScoreAction, adr.lensFindingAction]));
  });
});

describe("the checklist audits' common actions check roles inside every action (issue 13)", () => {
  it("a reviewer can add and change findings but neither create, sign, revoke, close nor share; an unknown audit is not found", async () => {
    session.current = { user: { id: reviewerId } };
    const create = await import("@/app/checks/new/actions");
    const check = await import("@/app/checks/[slug]/actions");
    const share = await import("@/app/checks/[slug]/share-actions");
    const expectations: [(prev: Record<string, never>, fd: FormData) => Promise<{ message?: string }>, RegExp][] = [
      [create.createProfileAuditAction, /needs the operator role/],
      [check.signProfileAuditAction, /needs the approver role/],
      [check.revokeProfileSignOffAction, /needs the approver role/],
      [check.closeProfileAuditAction, /needs the operator role/],
      [check.archiveProfileAuditAction, /needs the operator role/],
      [check.restoreProfileAuditAction, /needs the operator role/],
      [share.createProfileShareLinkAction, /needs the operator role/],
      [share.republishProfileShareLinkAction, /needs the operator role/],
      [share.revokeProfileShareLinkAction, /needs the operator role/],
    ];
    for (const [action, message] of expectations) expect(await action({}, new FormData())).toMatchObject({ ok: false, message: expect.stringMatching(message) });
    const open = [check.addProfileFindingAction, check.updateProfileFindingAction, check.setProfileFindingStatusAction, check.importProfileFindingsAction];
    // Open to reviewers: past the role check, the empty form fails validation; an unknown audit is not found.
    for (const action of open) expect(await action({}, new FormData())).toMatchObject({ ok: false, message: "Fix the highlighted fields." });
    const fd = new FormData();
    for (const [k, v] of Object.entries({ checkSlug: "nope-launch-2030-01-01", findingId: "1", status: "RESOLVED" })) fd.set(k, v);
    expect(await check.setProfileFindingStatusAction({}, fd)).toMatchObject({ ok: false, message: "Checklist audit not found." });
    const exported = [create, check, share].flatMap((m) => Object.values(m).filter((v) => typeof v === "function"));
    expect(new Set(exported)).toEqual(new Set([...expectations.map(([action]) => action), ...open]));
  });
});

describe("route handlers refuse requests without a session", () => {
  const params = { params: Promise.resolve({ slug: "any" }) };
  it("POST /api/audits/[slug]/import → 401", async () => {
    session.current = null;
    const { POST } = await import("@/app/api/audits/[slug]/import/route");
    const res = await POST(new Request("http://localhost/api/audits/any/import", { method: "POST", body: "unit_key\n1" }), params);
    expect(res.status).toBe(401);
  });
  it("GET /api/audits/[slug]/progress → 401", async () => {
    session.current = null;
    const { GET } = await import("@/app/api/audits/[slug]/progress/route");
    expect((await GET(new Request("http://localhost/api/audits/any/progress"), params)).status).toBe(401);
  });
  it("GET /api/audits/[slug]/external-audit/prompts/[role] → 401", async () => {
    session.current = null;
    const { GET } = await import("@/app/api/audits/[slug]/external-audit/prompts/[role]/route");
    expect((await GET(new Request("http://localhost/api/audits/any/external-audit/prompts/auditor-primary"), { params: Promise.resolve({ slug: "any", role: "auditor-primary" }) })).status).toBe(401);
  });
  it("GET /api/checks/[slug]/documents/[id] → 401", async () => {
    session.current = null;
    const { GET } = await import("@/app/api/checks/[slug]/documents/[id]/route");
    expect((await GET(new Request("http://localhost/api/checks/any/documents/1"), { params: Promise.resolve({ slug: "any", id: "1" }) })).status).toBe(401);
  });
  it("GET /api/checks/[slug]/report → 401", async () => {
    session.current = null;
    const { GET } = await import("@/app/api/checks/[slug]/report/route");
    expect((await GET(new Request("http://localhost/api/checks/any/report"), params)).status).toBe(401);
  });
  it("GET /api/events/verify → 401", async () => {
    session.current = null;
    const { GET } = await import("@/app/api/events/verify/route");
    expect((await GET()).status).toBe(401);
  });
  it("GET /api/events/verify as a reviewer → 403 (admin or security only)", async () => {
    session.current = { user: { id: reviewerId } };
    const { GET } = await import("@/app/api/events/verify/route");
    expect((await GET()).status).toBe(403);
  });
  it("POST /api/audits/[slug]/import as a reviewer → 403", async () => {
    session.current = { user: { id: reviewerId } };
    const { POST } = await import("@/app/api/audits/[slug]/import/route");
    const res = await POST(new Request("http://localhost/api/audits/any/import", { method: "POST", body: "unit_key\n1" }), params);
    expect(res.status).toBe(403);
  });
});
