/**
 * Integration tests of user management and the sign-in failure counter (db/mutations/users.ts).
 */
import { desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseRoles } from "@/lib/roles";
import { verifyPassword } from "@/lib/server/passwords";
import { FREE_ATTEMPTS } from "@/lib/sign-in-throttle";
import type { Db } from "../handle";
import { openTestDb, rowCounts, type TestDb } from "../testing";
import { clearFailedSignIns, createUser, recordFailedSignIn, updateUserRoles } from "./users";

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

describe("sign-in failure counter", () => {
  it("parallel failed sign-ins all count, and the count past the free attempts locks the account", async () => {
    const now = new Date();
    const counts = await Promise.all(Array.from({ length: 12 }, () => recordFailedSignIn(db, { userId: reviewerId, now })));
    expect([...counts].sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    const row = await userRow(reviewerId);
    expect(row.failedSignIns).toBe(12);
    expect(row.lockedUntil!.getTime()).toBeGreaterThan(now.getTime());
    await clearFailedSignIns(db, { userId: reviewerId });
    expect(await userRow(reviewerId)).toMatchObject({ failedSignIns: 0, lockedUntil: null });
  });

  it(`fewer than ${FREE_ATTEMPTS} failures lock nothing`, async () => {
    const now = new Date();
    for (let i = 1; i < FREE_ATTEMPTS; i++) expect(await recordFailedSignIn(db, { userId: reviewerId, now })).toBe(i);
    expect((await userRow(reviewerId)).lockedUntil).toBeNull();
    await clearFailedSignIns(db, { userId: reviewerId });
  });
});
