/**
 * Integration tests of the checklist (profile) audits' common writes (db/mutations/profile-audits.ts,
 * issue 13): create with a unique slug, findings added / edited / resolved / imported all-or-nothing,
 * launch readiness verdict and gate, sign-off rules and parallel requests, revoke, close.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { eq } from "drizzle-orm";
import { Client } from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProfileAuditSchema } from "@/lib/profiles/profile-input";
import { AppError } from "@/lib/server/errors";
import type { Db } from "../handle";
import { getProfileAuditBySlug, listProfileAuditEvents, listProfileAudits, listProfileFindings, listProfileSignOffs } from "../queries/profile-audits";
import { getAdrReview } from "../queries/profile-adr";
import { listChecklistSignOffQueue } from "../queries/profile-signoff-queue";
import { getProfileSnapshot, getProfileVerdict } from "../queries/profile-verdict";
import { createTestDb, type TestDb } from "../testing";
import { recordLensScore } from "./profile-adr";
import { addProfileFinding, closeProfileAudit, createProfileAudit, importProfileFindings, revokeProfileSignOff, setProfileAuditArchived, setProfileFindingStatus, signProfileAudit, updateProfileFinding } from "./profile-audits";
import { recordRolloutStart } from "./profile-rollout";
import { createUser } from "./users";

let t: TestDb & { operatorId: number };
let db: Db;
let operatorId: number;
let approverId: number;
let approver2Id: number;

const launchForm = (over: Record<string, string> = {}) =>
  createProfileAuditSchema.parse({
    profile: "launch_readiness",
    projectName: "shop",
    auditDate: "2026-05-04",
    title: "Shop launch",
    launchKind: "public",
    realUserData: "yes",
    payments: "no",
    acceptableFailureMode: "DOWNTIME",
    expectedTraffic: "5000",
    stopShipCriteria: "Any data loss\nUnverified webhooks",
    ...over,
  });

const eventsOf = async (type: string) => (await db.select().from(db.tables.events).where(eq(db.tables.events.type, type))).map((e) => JSON.parse(e.payload as string));
const audit = async (slug: string) => (await getProfileAuditBySlug(db, { slug }))!;

beforeAll(async () => {
  t = await createTestDb("profile-audits");
  ({ db, operatorId } = t);
  approverId = await createUser(db, { email: "appr@test.example", name: "Appr", password: "approver-test-pass", roles: ["approver"], actorId: null });
  approver2Id = await createUser(db, { email: "appr2@test.example", name: "Appr2", password: "approver-test-pass", roles: ["approver"], actorId: null });
});

afterAll(() => t.close());

describe("creating a profile audit", () => {
  it("stores context with strictness and the default config, with an event; a second one on the same slug is a conflict naming it", async () => {
    const input = launchForm();
    expect(input.slug).toBe("shop-launch-2026-05-04");
    const results = await Promise.allSettled([createProfileAudit(db, { input, actorId: operatorId }), createProfileAudit(db, { input, actorId: operatorId })]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const failed = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(failed.reason).toBeInstanceOf(AppError);
    expect((failed.reason as AppError).message).toContain("shop-launch-2026-05-04 already exists");
    const row = await audit("shop-launch-2026-05-04");
    expect(row.context).toMatchObject({ kind: "public", realUserData: true, strictness: "HIGH", stopShipCriteria: ["Any data loss", "Unverified webhooks"] });
    expect(row.config).toMatchObject({ fixSoonMaxDays: 14 });
    expect(await eventsOf("profile_audit.created")).toEqual([expect.objectContaining({ profileAuditId: row.id, strictness: "HIGH", profile: "launch_readiness" })]);
    const page = { page: 1, pageSize: 20 };
    expect((await listProfileAudits(db, { projects: ["shop"], ...page })).rows.map((a) => a.slug)).toEqual(["shop-launch-2026-05-04"]);
    expect(await listProfileAudits(db, { projects: ["other"], ...page })).toEqual({ rows: [], total: 0 });
    expect(await listProfileAudits(db, { projects: [], ...page })).toEqual({ rows: [], total: 0 });
  });
  it("lists one page at a time, newest first, with the total in the user's projects", async () => {
    for (let i = 1; i <= 5; i++) await createProfileAudit(db, { input: launchForm({ projectName: "paged", auditDate: `2026-06-0${i}` }), actorId: operatorId });
    const slugs = async (page: number) => (await listProfileAudits(db, { projects: ["paged"], page, pageSize: 2 })).rows.map((a) => a.slug);
    expect(await slugs(1)).toEqual(["paged-launch-2026-06-05", "paged-launch-2026-06-04"]);
    expect(await slugs(3)).toEqual(["paged-launch-2026-06-01"]);
    expect(await listProfileAudits(db, { projects: ["paged"], page: 4, pageSize: 2 })).toEqual({ rows: [], total: 5 });
    expect((await listProfileAudits(db, { projects: ["paged", "shop"], page: 1, pageSize: 2 })).total).toBe(6);
    expect((await listProfileAudits(db, { projects: "all", page: 1, pageSize: 100 })).total).toBeGreaterThanOrEqual(6);
  });
});

describe("findings and the launch verdict", () => {
  it("walks NOT_READY → READY_WITH_CONDITIONS → signed, with refusals on the way", async () => {
    const { id } = await createProfileAudit(db, { input: launchForm({ auditDate: "2026-05-05" }), actorId: operatorId });
    const a = await audit("shop-launch-2026-05-05");
    expect(await getProfileVerdict(db, a)).toEqual({ verdict: "READY", gate: "OPEN", reasons: [] });

    // tags pre-fill the category: an unverified financial webhook is Stop-Ship
    const stop = await addProfileFinding(db, { profileAuditId: id, input: { section: "security", title: "Stripe webhook unsigned", severity: "MEDIUM", tags: "unverified-financial-webhook" }, actorId: operatorId });
    expect((await listProfileFindings(db, { profileAuditId: id }))[0]).toMatchObject({ category: "STOP_SHIP", status: "OPEN" });
    expect(await getProfileVerdict(db, a)).toMatchObject({ verdict: "NOT_READY", gate: "BLOCKED", reasons: [expect.stringContaining("Stripe webhook unsigned")] });

    // a BLOCKED gate cannot be signed
    let snap = await getProfileSnapshot(db, a);
    await expect(signProfileAudit(db, { profileAuditId: id, signerId: approverId, signerRoles: ["approver"], statement: "ok", seenHash: snap.hash })).rejects.toThrow(/BLOCKED/);

    await setProfileFindingStatus(db, { profileAuditId: id, findingId: stop, status: "RESOLVED", actorId: operatorId });
    const soon = await addProfileFinding(db, { profileAuditId: id, input: { section: "observability", title: "No request IDs", severity: "LOW", category: "FIX_SOON" }, actorId: operatorId });
    expect(await getProfileVerdict(db, a)).toMatchObject({ verdict: "READY_WITH_CONDITIONS", gate: "CONDITIONAL_PASS" });

    // Fix Soon without a timeline: refused, naming it
    snap = await getProfileSnapshot(db, a);
    await expect(signProfileAudit(db, { profileAuditId: id, signerId: approverId, signerRoles: ["approver"], statement: "ok", seenHash: snap.hash })).rejects.toThrow(/"No request IDs" needs a due date/);
    // the creator cannot sign, a non-approver cannot sign
    await expect(signProfileAudit(db, { profileAuditId: id, signerId: operatorId, signerRoles: ["approver"], statement: "ok", seenHash: snap.hash })).rejects.toThrow(/created this audit/);
    await expect(signProfileAudit(db, { profileAuditId: id, signerId: approverId, signerRoles: ["reviewer"], statement: "ok", seenHash: snap.hash })).rejects.toMatchObject({ code: "forbidden" });

    const due = new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10);
    const changed = await updateProfileFinding(db, { profileAuditId: id, findingId: soon, input: { section: "observability", title: "No request IDs", severity: "LOW", category: "FIX_SOON", dueDate: due, owner: "ops" }, actorId: operatorId });
    expect(changed.sort()).toEqual(["dueDate", "owner"]);
    // a stale hash is refused
    await expect(signProfileAudit(db, { profileAuditId: id, signerId: approverId, signerRoles: ["approver"], statement: "ok", seenHash: snap.hash })).rejects.toThrow(/changed since you opened it/);

    snap = await getProfileSnapshot(db, a);
    expect(snap.profileRefusals).toEqual([]);
    // two approvals of the same signer in parallel: one signature
    const signs = await Promise.allSettled([0, 1].map(() => signProfileAudit(db, { profileAuditId: id, signerId: approverId, signerRoles: ["approver"], statement: "Ship it", seenHash: snap.hash })));
    expect(signs.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect((signs.find((r) => r.status === "rejected") as PromiseRejectedResult).reason.message).toMatch(/already signed/);
    const sigs = await listProfileSignOffs(db, { profileAuditId: id });
    expect(sigs).toHaveLength(1);
    expect(await eventsOf("profile_audit.signed")).toEqual(expect.arrayContaining([expect.objectContaining({ profileAuditId: id, verdict: "READY_WITH_CONDITIONS", gate: "CONDITIONAL_PASS", snapshotHash: snap.hash })]));

    // revoke, then close needs a standing signature
    await expect(revokeProfileSignOff(db, { profileAuditId: id, signOffId: sigs[0].id, signerId: approver2Id, reason: "x" })).rejects.toMatchObject({ code: "not_found" });
    await revokeProfileSignOff(db, { profileAuditId: id, signOffId: sigs[0].id, signerId: approverId, reason: "wrong owner" });
    await expect(closeProfileAudit(db, { profileAuditId: id, actorId: operatorId })).rejects.toThrow(/No standing signature/);
    await signProfileAudit(db, { profileAuditId: id, signerId: approver2Id, signerRoles: ["approver"], statement: "Ship it", seenHash: snap.hash });
    await closeProfileAudit(db, { profileAuditId: id, actorId: operatorId });
    await expect(addProfileFinding(db, { profileAuditId: id, input: { section: "security", title: "late", severity: "LOW" }, actorId: operatorId })).rejects.toThrow(/closed/);
  });

  it("rejects a bad finding naming the field, and a section that is not a phase, writing nothing", async () => {
    const { id } = await createProfileAudit(db, { input: launchForm({ auditDate: "2026-05-06" }), actorId: operatorId });
    await expect(addProfileFinding(db, { profileAuditId: id, input: { section: "security", title: "x", severity: "BAD" }, actorId: operatorId })).rejects.toThrow(/severity: severity must be one of/);
    await expect(addProfileFinding(db, { profileAuditId: id, input: { section: "nowhere", title: "x", severity: "LOW" }, actorId: operatorId })).rejects.toThrow(/"nowhere" is not a section/);
    expect(await listProfileFindings(db, { profileAuditId: id })).toEqual([]);
  });
});

describe("importing findings", () => {
  it("is all or nothing, with errors by row and field, and pre-fills categories", async () => {
    const { id } = await createProfileAudit(db, { input: launchForm({ auditDate: "2026-05-07" }), actorId: operatorId });
    const bad = ["section,title,severity,dueDate", "security,Token leak,HIGH,", "performance,Slow list,MEDIUM,2026-02-30", "moon,Nope,LOW,"].join("\n");
    const r = await importProfileFindings(db, { profileAuditId: id, fileName: "f.csv", format: "csv", text: bad, actorId: operatorId });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors).toEqual(expect.arrayContaining([expect.objectContaining({ row: 2, field: "dueDate" }), expect.objectContaining({ row: 3, field: "section" })]));
    }
    expect(await listProfileFindings(db, { profileAuditId: id })).toEqual([]);
    expect(await eventsOf("profile_finding.imported")).toEqual([]);

    const good = JSON.stringify([
      { section: "security", title: "Token leak", severity: "HIGH" },
      { section: "performance", title: "Cold start", severity: "LOW", tags: ["cold-start-latency"] },
    ]);
    expect(await importProfileFindings(db, { profileAuditId: id, fileName: "f.json", format: "json", text: good, actorId: operatorId })).toEqual({ ok: true, imported: 2 });
    const rows = await listProfileFindings(db, { profileAuditId: id });
    expect(rows.map((f) => f.category)).toEqual(["STOP_SHIP", "ACCEPTABLE_RISK"]);
    expect(await eventsOf("profile_finding.imported")).toEqual([expect.objectContaining({ profileAuditId: id, rows: 2, format: "json" })]);
  });

  it("two imports of the same file in parallel both land, each in one piece", async () => {
    const { id } = await createProfileAudit(db, { input: launchForm({ auditDate: "2026-05-08" }), actorId: operatorId });
    const text = JSON.stringify([{ section: "security", title: "A", severity: "LOW", category: "ACCEPTABLE_RISK" }, { section: "security", title: "B", severity: "LOW", category: "ACCEPTABLE_RISK" }]);
    await Promise.all([0, 1].map(() => importProfileFindings(db, { profileAuditId: id, fileName: "f.json", format: "json", text, actorId: operatorId })));
    expect((await listProfileFindings(db, { profileAuditId: id })).map((f) => f.title)).toEqual(["A", "B", "A", "B"]);
  });
});

describe("the verdict dispatcher and the audit's own timeline", () => {
  it("dispatches ADR and rollout audits to their profile's verdict, and lists only each audit's events", async () => {
    const adr = await createProfileAudit(db, { input: createProfileAuditSchema.parse({ profile: "adr", projectName: "shop", auditDate: "2026-05-09", title: "ADR-01" }), actorId: operatorId });
    const rollout = await createProfileAudit(db, { input: createProfileAuditSchema.parse({ profile: "rollout", projectName: "shop", auditDate: "2026-05-09", title: "Cache rollout" }), actorId: operatorId });
    for (const slug of [adr.slug, rollout.slug]) {
      const v = await getProfileVerdict(db, await audit(slug));
      expect(["OPEN", "CONDITIONAL_PASS", "BLOCKED"]).toContain(v.gate);
      expect(typeof v.verdict).toBe("string");
    }
    // ids 1 and 11 must not mix: the filter is exact.
    const mine = await listProfileAuditEvents(db, { profileAuditId: adr.id });
    expect(mine.map((e) => e.type)).toEqual(["profile_audit.created"]);
    expect(mine[0]).toMatchObject({ actor: "Op", payload: { profileAuditId: adr.id, slug: adr.slug } });
    const first = await listProfileAuditEvents(db, { profileAuditId: 1 });
    expect(first.every((e) => e.payload.profileAuditId === 1)).toBe(true);
    expect(first.length).toBeGreaterThan(0);
  });

  it("the migration that added events.profile_audit_id fills it in for older entries, and only for checklist audits", async () => {
    const { events } = db.tables;
    const { id } = await createProfileAudit(db, { input: launchForm({ projectName: "backfill" }), actorId: operatorId });
    await addProfileFinding(db, { profileAuditId: id, input: { section: "security", title: "Old finding", severity: "LOW", category: "ACCEPTABLE_RISK" }, actorId: operatorId });
    const before = await listProfileAuditEvents(db, { profileAuditId: id });
    expect(before.map((e) => e.type)).toEqual(["profile_finding.added", "profile_audit.created"]);
    // Entries appended before the column existed have it null.
    await db.transaction((tx) => tx.update(events).set({ profileAuditId: null }).where(eq(events.profileAuditId, id)));
    expect(await listProfileAuditEvents(db, { profileAuditId: id })).toEqual([]);
    await runMigrationStatement(/^UPDATE/);
    expect(await listProfileAuditEvents(db, { profileAuditId: id })).toEqual(before);
    // Entries without payload.profileAuditId (users created at set-up) stay outside every checklist audit.
    const users = await db.select({ profileAuditId: events.profileAuditId }).from(events).where(eq(events.type, "user.created"));
    expect(users.length).toBeGreaterThan(0);
    expect(users.every((e) => e.profileAuditId === null)).toBe(true);
  });
});

describe("Stop-Ship findings on ADR and rollout audits", () => {
  it("an open general Stop-Ship finding blocks the ADR (a blocking finding) and the rollout (NO_GO); resolved, it no longer does", async () => {
    const adr = await createProfileAudit(db, { input: createProfileAuditSchema.parse({ profile: "adr", projectName: "stopship", auditDate: "2026-07-03", title: "ADR-03" }), actorId: operatorId });
    const rollout = await createProfileAudit(db, { input: createProfileAuditSchema.parse({ profile: "rollout", projectName: "stopship", auditDate: "2026-07-03", title: "Rollout" }), actorId: operatorId });
    await recordRolloutStart(db, { profileAuditId: rollout.id, percentage: 10, at: new Date(Date.now() - 3_600_000), note: null, actorId: operatorId });
    const finding = { section: "general", title: "Cache poisoning across tenants", severity: "CRITICAL", category: "STOP_SHIP" };
    const adrId = await addProfileFinding(db, { profileAuditId: adr.id, input: finding, actorId: operatorId });
    const rolloutId = await addProfileFinding(db, { profileAuditId: rollout.id, input: finding, actorId: operatorId });
    const { evaluation } = await getAdrReview(db, await audit(adr.slug));
    expect(evaluation.blockingFindings).toBe(1);
    const rv = await getProfileVerdict(db, await audit(rollout.slug));
    expect(rv).toMatchObject({ verdict: "NO_GO", gate: "BLOCKED" });
    expect(rv.reasons[0]).toBe('Stop-Ship finding "Cache poisoning across tenants" is open');
    await setProfileFindingStatus(db, { profileAuditId: adr.id, findingId: adrId, status: "RESOLVED", actorId: operatorId });
    await setProfileFindingStatus(db, { profileAuditId: rollout.id, findingId: rolloutId, status: "RESOLVED", actorId: operatorId });
    expect((await getAdrReview(db, await audit(adr.slug))).evaluation.blockingFindings).toBe(0);
    expect((await getProfileVerdict(db, await audit(rollout.slug))).reasons).not.toContain('Stop-Ship finding "Cache poisoning across tenants" is open');
  });
});

describe("the approver's queue of checklist audits", () => {
  it("lists open, signable, unsigned audits of the approver's projects; not the creator's, blocked, refused, signed, closed or archived ones", async () => {
    const inQueue = async (who = approverId, projects: "all" | string[] = ["queue"]) => (await listChecklistSignOffQueue(db, { approverId: who, projects })).map((i) => [i.audit.slug, i.stale]);
    const ready = await createProfileAudit(db, { input: launchForm({ projectName: "queue", auditDate: "2026-08-01" }), actorId: operatorId });
    const blocked = await createProfileAudit(db, { input: launchForm({ projectName: "queue", auditDate: "2026-08-02" }), actorId: operatorId });
    await addProfileFinding(db, { profileAuditId: blocked.id, input: { section: "security", title: "SQLi", severity: "CRITICAL", category: "STOP_SHIP" }, actorId: operatorId });
    const refused = await createProfileAudit(db, { input: launchForm({ projectName: "queue", auditDate: "2026-08-03" }), actorId: operatorId });
    await addProfileFinding(db, { profileAuditId: refused.id, input: { section: "observability", title: "Logs", severity: "MEDIUM", category: "FIX_SOON" }, actorId: operatorId });
    const archived = await createProfileAudit(db, { input: launchForm({ projectName: "queue", auditDate: "2026-08-04" }), actorId: operatorId });
    await setProfileAuditArchived(db, { profileAuditId: archived.id, archived: true, actorId: operatorId });
    expect(await inQueue()).toEqual([[ready.slug, false]]);
    expect(await inQueue(operatorId)).toEqual([]); // the creator cannot sign
    expect(await inQueue(approverId, ["elsewhere"])).toEqual([]);
    expect(await inQueue(approverId, [])).toEqual([]);

    const sign = async () => {
      const { hash } = await getProfileSnapshot(db, await audit(ready.slug));
      await signProfileAudit(db, { profileAuditId: ready.id, signerId: approverId, signerRoles: ["approver"], statement: "ok", seenHash: hash });
    };
    await sign();
    expect(await inQueue()).toEqual([]);
    expect(await inQueue(approver2Id)).toEqual([]); // one standing signature on this snapshot is enough
    await addProfileFinding(db, { profileAuditId: ready.id, input: { section: "performance", title: "Cold cache", severity: "LOW", category: "ACCEPTABLE_RISK" }, actorId: operatorId });
    expect(await inQueue(approver2Id)).toEqual([[ready.slug, true]]); // changed since: the signature is stale
    await sign();
    await closeProfileAudit(db, { profileAuditId: ready.id, actorId: operatorId });
    expect(await inQueue(approver2Id, "all")).not.toContainEqual([ready.slug, expect.anything()]);
  });
});

describe("archiving a checklist audit", () => {
  it("hides it from the default list and refuses every write (findings, ADR, rollout, sign-off, close) until restored", async () => {
    const launch = await createProfileAudit(db, { input: launchForm({ projectName: "archive", auditDate: "2026-07-01" }), actorId: operatorId });
    const adr = await createProfileAudit(db, { input: createProfileAuditSchema.parse({ profile: "adr", projectName: "archive", auditDate: "2026-07-01", title: "ADR-02" }), actorId: operatorId });
    const rollout = await createProfileAudit(db, { input: createProfileAuditSchema.parse({ profile: "rollout", projectName: "archive", auditDate: "2026-07-01", title: "Rollout" }), actorId: operatorId });
    for (const { id } of [launch, adr, rollout]) await setProfileAuditArchived(db, { profileAuditId: id, archived: true, actorId: operatorId });
    const listed = async (includeArchived: boolean) => (await listProfileAudits(db, { projects: ["archive"], page: 1, pageSize: 20, includeArchived })).rows.map((a) => a.slug);
    expect(await listed(false)).toEqual([]);
    expect(await listed(true)).toHaveLength(3);

    const eventCount = async () => (await db.select({ id: db.tables.events.id }).from(db.tables.events)).length;
    const before = await eventCount();
    const refused = { code: "conflict", message: "The audit is archived and read-only: restore it first." };
    const finding = { section: "security", title: "Late finding", severity: "LOW", category: "ACCEPTABLE_RISK" };
    await expect(addProfileFinding(db, { profileAuditId: launch.id, input: finding, actorId: operatorId })).rejects.toMatchObject(refused);
    await expect(importProfileFindings(db, { profileAuditId: launch.id, fileName: "f.json", format: "json", text: JSON.stringify([finding]), actorId: operatorId })).rejects.toMatchObject(refused);
    const { hash } = await getProfileSnapshot(db, await audit(launch.slug));
    await expect(signProfileAudit(db, { profileAuditId: launch.id, signerId: approverId, signerRoles: ["approver"], statement: "ok", seenHash: hash })).rejects.toMatchObject(refused);
    await expect(closeProfileAudit(db, { profileAuditId: launch.id, actorId: operatorId })).rejects.toMatchObject(refused);
    await expect(recordLensScore(db, { profileAuditId: adr.id, lens: "architect", score: 90, actorId: operatorId })).rejects.toMatchObject(refused);
    await expect(recordRolloutStart(db, { profileAuditId: rollout.id, percentage: 10, at: new Date(), note: null, actorId: operatorId })).rejects.toMatchObject(refused);
    await expect(setProfileAuditArchived(db, { profileAuditId: launch.id, archived: true, actorId: operatorId })).rejects.toMatchObject({ code: "conflict", message: "The audit is already archived." });
    expect(await eventCount()).toBe(before);
    expect(await listProfileFindings(db, { profileAuditId: launch.id })).toEqual([]);

    await setProfileAuditArchived(db, { profileAuditId: launch.id, archived: false, actorId: operatorId });
    await addProfileFinding(db, { profileAuditId: launch.id, input: finding, actorId: operatorId });
    await expect(setProfileAuditArchived(db, { profileAuditId: launch.id, archived: false, actorId: operatorId })).rejects.toMatchObject({ code: "conflict", message: "The audit is not archived." });
    expect((await listProfileAuditEvents(db, { profileAuditId: launch.id })).map((e) => e.type).slice(0, 3)).toEqual(["profile_finding.added", "profile_audit.restored", "profile_audit.archived"]);
    expect(await listed(false)).toEqual([launch.slug]);
  });

  it("two archive requests at once: one archives, the other is refused, one event", async () => {
    const { id } = await createProfileAudit(db, { input: launchForm({ projectName: "archive2", auditDate: "2026-07-02" }), actorId: operatorId });
    const results = await Promise.allSettled([0, 1].map(() => setProfileAuditArchived(db, { profileAuditId: id, archived: true, actorId: operatorId })));
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect((await listProfileAuditEvents(db, { profileAuditId: id })).filter((e) => e.type === "profile_audit.archived")).toHaveLength(1);
  });
});

/** Runs the statement of the events.profile_audit_id migration matching `re`, straight on the driver, as the migrator would. */
async function runMigrationStatement(re: RegExp) {
  const dir = path.join("db/migrations", t.engine);
  const file = readdirSync(dir).find((f) => f.endsWith("_event_profile_audit.sql"))!;
  const statement = readFileSync(path.join(dir, file), "utf8")
    .split("--> statement-breakpoint")
    .map((s) => s.trim())
    .find((s) => re.test(s))!;
  if (t.engine === "sqlite") {
    const sqlite = new Database(db.sqliteFile!);
    try {
      sqlite.exec(statement);
    } finally {
      sqlite.close();
    }
    return;
  }
  const client = new Client({ connectionString: t.url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
