/**
 * The team server actions (issue 11) through authorizedAction: field errors name the field and
 * write nothing; an operator assigns and requests second reviews; the blind second review and
 * the adjudication go through their actions to the next item of their queue.
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

process.env.COUNTERSIGN_DB = path.join(mkdtempSync(path.join(os.tmpdir(), "cs-team-")), "t.db");
process.env.NEXTAUTH_SECRET = "z".repeat(40);

const ids = { operator: 0, r1: 0, r2: 0 };
let slug = "";

const form = (fields: Record<string, string | string[]>) => {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) fd.append(k, x);
  return fd;
};
const as = (who: keyof typeof ids) => (session.current = { user: { id: ids[who], sv: 0 } });
const db = async () => (await import("@/db/client")).getDb();
const eventCount = async () => {
  const d = await db();
  return (await d.select().from(d.tables.events)).length;
};
const sampled = async () => {
  const d = await db();
  const { asc } = await import("drizzle-orm");
  return d.select().from(d.tables.sampleUnits).orderBy(asc(d.tables.sampleUnits.position));
};

beforeAll(async () => {
  const d = await db();
  await d.migrate();
  const { createUser } = await import("@/db/mutations/users");
  const { createAudit, recordStabilityResult } = await import("@/db/mutations/audits");
  const { drawAuditSample } = await import("@/db/mutations/sample");
  const { importCsv, validAuditForm } = await import("@/db/testing");
  ids.operator = await createUser(d, { email: "o@example.test", name: "O", password: "operator-password-1", roles: ["operator"], actorId: null });
  ids.r1 = await createUser(d, { email: "r1@example.test", name: "R1", password: "reviewer-password-1", roles: ["reviewer"], actorId: null });
  ids.r2 = await createUser(d, { email: "r2@example.test", name: "R2", password: "reviewer-password-2", roles: ["reviewer"], actorId: null });
  const audit = await createAudit(d, { input: validAuditForm({ riskTier: "1", sotExpectedResult: "ok", consistencyModel: "bounded_staleness", stalenessBoundSeconds: "30" }), actorId: ids.operator });
  slug = audit.slug;
  const csv = ["unit_key,execution_status", ...Array.from({ length: 4 }, (_, i) => `u${i},SUCCEEDED`)].join("\n");
  await importCsv(d, { auditId: audit.id, actorId: ids.operator, csv });
  await recordStabilityResult(d, { auditId: audit.id, actualResult: "ok", actorId: ids.operator });
  await drawAuditSample(d, { auditId: audit.id, actorId: ids.operator, seed: "a0a1a2a3a4a5a6a7a8a9aaabacadaeaf" });
});

describe("team actions", () => {
  it("name the field of bad input and write nothing", async () => {
    const { assignAction, requestSecondReviewsAction } = await import("@/app/audits/[slug]/team/actions");
    as("operator");
    const before = await eventCount();
    expect(await assignAction({}, form({ slug, mode: "even" }))).toMatchObject({ ok: false, errors: { reviewerIds: ["Choose at least one reviewer"] } });
    expect(await assignAction({}, form({ slug, mode: "hand", reviewerId: "none" }))).toMatchObject({ ok: false, errors: { sampleUnitIds: ["Tick at least one unit"] } });
    expect(await assignAction({}, form({ slug, mode: "even", "reviewerIds[]": [String(ids.operator)] }))).toMatchObject({ ok: false, message: `User #${ids.operator} is not an active reviewer in project test-audit.` });
    expect(await requestSecondReviewsAction({}, form({ slug, percent: "0" }))).toMatchObject({ ok: false, errors: { percent: ["Enter a percentage above 0 and at most 100"] } });
    expect(await requestSecondReviewsAction({}, form({ slug, percent: "50", "strata[]": ["everything"] }))).toMatchObject({ ok: false, errors: { strata: ["Unknown stratum"] } });
    expect(await eventCount()).toBe(before);
  });

  it("let the operator assign evenly and request second reviews; reviewers may not", async () => {
    const { assignAction, requestSecondReviewsAction } = await import("@/app/audits/[slug]/team/actions");
    as("r1");
    expect(await assignAction({}, form({ slug, mode: "even", "reviewerIds[]": [String(ids.r1)] }))).toMatchObject({ ok: false, message: "This needs the operator role." });
    as("operator");
    expect(await assignAction({}, form({ slug, mode: "even", "reviewerIds[]": [String(ids.r1), String(ids.r2)] }))).toEqual({ ok: true, message: "4 units assigned." });
    expect((await sampled()).map((s) => s.assignedTo)).toEqual([ids.r1, ids.r2, ids.r1, ids.r2]);
    expect(await requestSecondReviewsAction({}, form({ slug, percent: "100" }))).toEqual({ ok: true, message: "Second reviews requested on 4 more units (4 picked in all)." });
  });

  it("save a blind second review and adjudicate, each moving on to the next item of its queue", async () => {
    const { saveReview } = await import("@/db/mutations/reviews");
    const { reviewSchema } = await import("@/lib/review-input");
    const { saveSecondReviewAction } = await import("@/app/audits/[slug]/second-review/[id]/actions");
    const { adjudicateAction } = await import("@/app/audits/[slug]/adjudicate/[id]/actions");
    const [a, b, c] = await sampled();
    for (const u of [a, c]) await saveReview(await db(), { review: reviewSchema.parse({ sampleUnitId: u.id, finding: "PASS" }), actorId: ids.r1 });
    as("r1");
    expect(await saveSecondReviewAction({}, form({ slug, sampleUnitId: String(a.id), finding: "FAIL" }))).toMatchObject({ ok: false, message: expect.stringMatching(/another reviewer/) });
    as("r2");
    await expect(saveSecondReviewAction({}, form({ slug, sampleUnitId: String(a.id), finding: "FAIL", note: "balance differs" }))).rejects.toThrow(`redirect:/audits/${slug}/second-review/${c.id}?saved=1`);
    await expect(saveSecondReviewAction({}, form({ slug, sampleUnitId: String(c.id), finding: "PASS" }))).rejects.toThrow(`redirect:/audits/${slug}/team?second=agreed`);
    expect(b.secondFinding).toBeNull();
    expect(await adjudicateAction({}, form({ slug, sampleUnitId: String(a.id), finding: "FAIL" }))).toMatchObject({ ok: false, message: expect.stringMatching(/someone other than its two reviewers/) });
    as("operator");
    expect(await adjudicateAction({}, form({ slug, sampleUnitId: String(a.id), finding: "PASS", falsePositive: "on" }))).toMatchObject({ ok: false, errors: { falsePositive: [expect.stringMatching(/flagged FAILED or UNKNOWN/)] } });
    await expect(adjudicateAction({}, form({ slug, sampleUnitId: String(a.id), finding: "FAIL", remediationOwner: "ledger" }))).rejects.toThrow(`redirect:/audits/${slug}/team?adjudicated=1`);
    expect((await sampled())[0]).toMatchObject({ finding: "FAIL", remediationOwner: "ledger", adjudicatedBy: ids.operator });
  });
});
