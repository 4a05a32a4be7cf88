/**
 * The review form's action (app/audits/[slug]/review/[id]/actions.ts, issue 11 "Reviewing without
 * mistakes"): it needs the page's review revision, refuses a stale save with who saved it (and
 * tells the form to offer a reload), writes nothing then, and moves on within the reviewer's queue.
 */
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { asc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";

const session: { current: { user: { id: number; sv?: number } } | null } = { current: null };

vi.mock("server-only", () => ({}));
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

process.env.COUNTERSIGN_DB = path.join(mkdtempSync(path.join(os.tmpdir(), "cs-review-action-")), "t.db");
process.env.NEXTAUTH_SECRET = "z".repeat(40);

let rafael = 0;
let rhea = 0;
let slug = "";
let auditId = 0;

const form = (fields: Record<string, string>) => {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.set(k, v);
  return fd;
};
const db = async () => (await import("@/db/client")).getDb();
const sampled = async () => {
  const d = await db();
  return d.select().from(d.tables.sampleUnits).where(eq(d.tables.sampleUnits.auditId, auditId)).orderBy(asc(d.tables.sampleUnits.position));
};
const historyCount = async () => (await (await db()).select().from((await db()).tables.reviewHistory)).length;
const act = async (as: number, fields: Record<string, string>) => {
  session.current = { user: { id: as } };
  const { saveReviewAction } = await import("@/app/audits/[slug]/review/[id]/actions");
  return saveReviewAction({}, form({ slug, ...fields })).catch((e: Error) => ({ thrown: e.message }));
};

beforeAll(async () => {
  const d = await db();
  const { createUser } = await import("@/db/mutations/users");
  const { createAudit, recordStabilityResult } = await import("@/db/mutations/audits");
  const { drawAuditSample } = await import("@/db/mutations/sample");
  const { importCsv, validAuditForm } = await import("@/db/testing");
  await d.migrate();
  const operator = await createUser(d, { email: "op@example.test", name: "Olivia", password: "operator-password-1", roles: ["operator"], actorId: null });
  rafael = await createUser(d, { email: "rafael@example.test", name: "Rafael", password: "reviewer-password-1", roles: ["reviewer"], actorId: null });
  rhea = await createUser(d, { email: "rhea@example.test", name: "Rhea", password: "reviewer-password-2", roles: ["reviewer"], actorId: null });
  const audit = await createAudit(d, { input: validAuditForm({ riskTier: "1" }), actorId: operator });
  ({ id: auditId, slug } = audit);
  const csv = ["unit_key,execution_status", ...Array.from({ length: 30 }, (_, i) => `u${i},SUCCEEDED`)].join("\n");
  await importCsv(d, { auditId, actorId: operator, csv });
  await recordStabilityResult(d, { auditId, actualResult: "2", actorId: operator });
  await drawAuditSample(d, { auditId, actorId: operator, seed: "c0c1c2c3c4c5c6c7c8c9cacbcccdcecf" });
});

describe("saveReviewAction", () => {
  it("needs the revision the page was loaded at", async () => {
    const [su] = await sampled();
    const before = await historyCount();
    expect(await act(rafael, { sampleUnitId: String(su.id), finding: "PASS", next: "stay" })).toMatchObject({ ok: false, errors: { revision: ["The form has no review revision: reload the page"] } });
    expect(await historyCount()).toBe(before);
  });

  it("saves at the current revision and tells the form the new one", async () => {
    const [su] = await sampled();
    expect(await act(rafael, { sampleUnitId: String(su.id), finding: "FAIL", remediationOwner: "ops", revision: "0", next: "stay" })).toEqual({ ok: true, message: "Review saved.", data: { revision: 1 } });
  });

  it("refuses a save from a page loaded before someone else's save, keeps what was typed, offers a reload, writes nothing", async () => {
    const [su] = await sampled();
    const before = await historyCount();
    const result = await act(rhea, { sampleUnitId: String(su.id), finding: "PASS", note: "looks fine", revision: "0", next: "stay" });
    expect(result).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^Rafael saved a review of this unit at \d{4}-\d\d-\d\d \d\d:\d\d UTC \(FAIL\) after you opened it\. Your review was not saved: reload to see their review\.$/),
      data: { stale: true, revision: 0 },
      values: { finding: "PASS", note: "looks fine", remediationOwner: "" },
    });
    expect(await historyCount()).toBe(before);
    expect((await sampled())[0]).toMatchObject({ finding: "FAIL", reviewedBy: rafael, revision: 1 });
  });

  it("after saving, moves to the next unreviewed unit of the reviewer's queue, skipping units assigned to someone else", async () => {
    const s = await sampled();
    const d = await db();
    await d.transaction(async (tx) => void (await tx.update(tx.tables.sampleUnits).set({ assignedTo: rafael }).where(eq(tx.tables.sampleUnits.id, s[2].id))));
    expect(await act(rhea, { sampleUnitId: String(s[1].id), finding: "PASS", revision: "0" })).toEqual({ thrown: `redirect:/audits/${slug}/review/${s[3].id}` });
    // Rafael, having seen Rhea's review (revision 1), changes it and goes on to his unit.
    expect(await act(rafael, { sampleUnitId: String(s[1].id), finding: "UNKNOWN", revision: "1" })).toEqual({ thrown: `redirect:/audits/${slug}/review/${s[2].id}` });
  });
});
