/**
 * Integration tests of user management and session revocation (db/mutations/users.ts).
 */
import { desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseRoles } from "@/lib/roles";
import { verifyPassword } from "@/lib/server/passwords";
import { sessionIsCurrent } from "@/lib/session-version";
import type { Db } from "../handle";
import { openTestDb, rowCounts, type TestDb } from "../testing";
import { changeOwnPassword, createUser, endSessions, resetUserPassword, setUserActive, updateUserRoles } from "./users";

let t: TestDb;
let db: Db;
let adminId: number;
let otherAdminId: number;
let reviewerId: number;

const userRow = async (id: number) => (await db.select().from(db.tables.users).where(eq(db.tables.users.id, id)))[0];
const rolesOf = async (id: number) => parseRoles((await userRow(id)).roles);
const eventCount = async () => (await rowCounts(db, "events")).events;

beforeAll(async () => {
  t = await openTestDb("users");
  db = t.db;
  adminId = await createUser(db, { email: "admin@test.example", name: "Admin", password: "admin-test-password", roles: ["admin"], actorId: null });
  otherAdminId = await createUser(db, { email: "admin2@test.example", name: "Admin 2", password: "admin-test-password", roles: ["admin", "approver"], actorId: adminId });
  reviewerId = await createUser(db, { email: "rev@test.example", name: "Rev", password: "reviewer-test-pass", roles: ["reviewer"], actorId: adminId });
});

afterAll(() => t.close());

describe("createUser", () => {
  it("stores an argon2id hash, never the password", async () => {
    const row = await userRow(reviewerId);
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row.passwordHash).not.toContain("reviewer-test-pass");
    expect(await verifyPassword(row.passwordHash, "reviewer-test-pass")).toBe(true);
    expect(await verifyPassword(row.passwordHash, "wrong-password!")).toBe(false);
  });

  it("refuses a taken email and writes nothing", async () => {
    const before = await rowCounts(db, "users", "events");
    await expect(createUser(db, { email: "rev@test.example", name: "Dup", password: "another-password", roles: ["operator"], actorId: adminId })).rejects.toMatchObject({ code: "conflict" });
    expect(await rowCounts(db, "users", "events")).toEqual(before);
  });

  it("two requests adding the same email at once: one user, one conflict", async () => {
    const before = await rowCounts(db, "users", "events");
    const outcomes = await Promise.allSettled(
      ["First", "Second"].map((name) => createUser(db, { email: "twin@test.example", name, password: "twin-test-password", roles: ["reviewer"], actorId: adminId })),
    );
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    expect((outcomes.find((o) => o.status === "rejected") as PromiseRejectedResult).reason).toMatchObject({ code: "conflict" });
    expect(await rowCounts(db, "users", "events")).toEqual({ users: before.users + 1, events: before.events + 1 });
  });
});

describe("updateUserRoles", () => {
  it("an admin cannot remove their own admin role", async () => {
    const before = await eventCount();
    await expect(updateUserRoles(db, { userId: adminId, roles: ["operator", "approver"], actorId: adminId })).rejects.toThrow(/cannot remove your own admin role/);
    await expect(updateUserRoles(db, { userId: adminId, roles: ["operator"], actorId: adminId })).rejects.toMatchObject({ code: "conflict" });
    expect(await rolesOf(adminId)).toEqual(["admin"]);
    expect(await eventCount()).toBe(before);
  });

  it("an admin may change their own other roles while keeping admin", async () => {
    await updateUserRoles(db, { userId: adminId, roles: ["admin", "operator", "operator"], actorId: adminId });
    expect(await rolesOf(adminId)).toEqual(["operator", "admin"]);
    await updateUserRoles(db, { userId: adminId, roles: ["admin"], actorId: adminId });
    expect(await rolesOf(adminId)).toEqual(["admin"]);
  });

  it("an admin may remove another admin's admin role, and logs it", async () => {
    const before = await eventCount();
    await updateUserRoles(db, { userId: otherAdminId, roles: ["approver"], actorId: adminId });
    expect(await rolesOf(otherAdminId)).toEqual(["approver"]);
    expect(await eventCount()).toBe(before + 1);
    const [last] = await db.select().from(db.tables.events).orderBy(desc(db.tables.events.id)).limit(1);
    expect(last).toMatchObject({ type: "user.roles_changed", actorId: adminId });
    expect(JSON.parse(last.payload)).toEqual({ userId: otherAdminId, roles: ["approver"] });
  });

  it("refuses an unknown user and writes nothing", async () => {
    const before = await eventCount();
    await expect(updateUserRoles(db, { userId: 31_337, roles: ["reviewer"], actorId: adminId })).rejects.toMatchObject({ code: "not_found" });
    expect(await eventCount()).toBe(before);
  });
});

describe("session revocation (issue 10)", () => {
  const versionOf = async (id: number) => (await userRow(id)).sessionVersion;
  const lastEvent = async () => (await db.select().from(db.tables.events).orderBy(desc(db.tables.events.id)).limit(1))[0];

  it("sign-out ends the user's sessions once; a revoked copy of the session cannot end the newer ones", async () => {
    const old = await versionOf(reviewerId);
    expect(sessionIsCurrent(await userRow(reviewerId), old)).toBe(true);
    expect(await endSessions(db, { userId: reviewerId, sessionVersion: old })).toBe(true);
    expect(sessionIsCurrent(await userRow(reviewerId), old)).toBe(false);
    expect(await lastEvent()).toMatchObject({ type: "user.signed_out", actorId: reviewerId });
    const before = await eventCount();
    expect(await endSessions(db, { userId: reviewerId, sessionVersion: old })).toBe(false);
    expect(await versionOf(reviewerId)).toBe(old + 1);
    expect(await eventCount()).toBe(before);
  });

  it("parallel sign-outs of one session bump the version once", async () => {
    const old = await versionOf(reviewerId);
    const results = await Promise.all(Array.from({ length: 6 }, () => endSessions(db, { userId: reviewerId, sessionVersion: old })));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await versionOf(reviewerId)).toBe(old + 1);
  });

  it("a role change ends the user's sessions", async () => {
    const old = await versionOf(reviewerId);
    await updateUserRoles(db, { userId: reviewerId, roles: ["reviewer", "operator"], actorId: adminId });
    expect(sessionIsCurrent(await userRow(reviewerId), old)).toBe(false);
    await updateUserRoles(db, { userId: reviewerId, roles: ["reviewer"], actorId: adminId });
  });

  it("a password change ends the user's sessions and returns the version to re-issue the current one with", async () => {
    const old = await versionOf(reviewerId);
    const fresh = await changeOwnPassword(db, { userId: reviewerId, password: "reviewer-new-pass-1" });
    const row = await userRow(reviewerId);
    expect(sessionIsCurrent(row, old)).toBe(false);
    expect(sessionIsCurrent(row, fresh)).toBe(true);
    expect(await verifyPassword(row.passwordHash, "reviewer-new-pass-1")).toBe(true);
    expect(await lastEvent()).toMatchObject({ type: "user.password_changed", actorId: reviewerId });
    expect(JSON.parse((await lastEvent()).payload)).toEqual({ userId: reviewerId });
  });

  it("an admin's password reset ends the user's sessions; an admin cannot reset their own", async () => {
    const old = await versionOf(reviewerId);
    await resetUserPassword(db, { userId: reviewerId, password: "reviewer-test-pass", actorId: adminId });
    const row = await userRow(reviewerId);
    expect(sessionIsCurrent(row, old)).toBe(false);
    expect(await verifyPassword(row.passwordHash, "reviewer-test-pass")).toBe(true);
    expect(await lastEvent()).toMatchObject({ type: "user.password_reset", actorId: adminId });
    const before = await rowCounts(db, "events");
    const adminHash = (await userRow(adminId)).passwordHash;
    await expect(resetUserPassword(db, { userId: adminId, password: "admin-other-password", actorId: adminId })).rejects.toMatchObject({ code: "conflict" });
    await expect(resetUserPassword(db, { userId: 31_337, password: "whatever-password", actorId: adminId })).rejects.toMatchObject({ code: "not_found" });
    expect((await userRow(adminId)).passwordHash).toBe(adminHash);
    expect(await rowCounts(db, "events")).toEqual(before);
  });

  it("deactivation ends the sessions (even at the current version) and reactivation does not revive them", async () => {
    const old = await versionOf(reviewerId);
    const outcomes = await Promise.allSettled(Array.from({ length: 4 }, () => setUserActive(db, { userId: reviewerId, active: false, actorId: adminId })));
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    for (const o of outcomes.filter((o) => o.status === "rejected")) expect((o as PromiseRejectedResult).reason).toMatchObject({ code: "conflict" });
    const row = await userRow(reviewerId);
    expect(row.deactivatedAt).not.toBeNull();
    expect(sessionIsCurrent(row, row.sessionVersion)).toBe(false);
    expect(await lastEvent()).toMatchObject({ type: "user.deactivated", actorId: adminId });

    await setUserActive(db, { userId: reviewerId, active: true, actorId: adminId });
    const back = await userRow(reviewerId);
    expect(back.deactivatedAt).toBeNull();
    expect(sessionIsCurrent(back, old)).toBe(false);
    expect(await lastEvent()).toMatchObject({ type: "user.reactivated", actorId: adminId });
  });

  it("an admin cannot deactivate themselves; unknown users and no-op changes are refused; nothing is written", async () => {
    const before = await rowCounts(db, "events");
    await expect(setUserActive(db, { userId: adminId, active: false, actorId: adminId })).rejects.toThrow(/cannot deactivate yourself/);
    await expect(setUserActive(db, { userId: 31_337, active: false, actorId: adminId })).rejects.toMatchObject({ code: "not_found" });
    await expect(setUserActive(db, { userId: reviewerId, active: true, actorId: adminId })).rejects.toMatchObject({ code: "conflict" });
    expect((await userRow(adminId)).deactivatedAt).toBeNull();
    expect(await rowCounts(db, "events")).toEqual(before);
  });
});
