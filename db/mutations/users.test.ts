/**
 * Integration tests of user management (db/mutations/users.ts).
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseRoles } from "@/lib/roles";
import { verifyPassword } from "@/lib/server/passwords";
import type { Db } from "../client";
import { users } from "../schema";
import { openTestDb, rowCounts } from "../testing";
import { createUser, updateUserRoles } from "./users";

let db: Db;
let close: () => void;
let adminId: number;
let otherAdminId: number;
let reviewerId: number;

const rolesOf = (id: number) => parseRoles(db.select({ roles: users.roles }).from(users).where(eq(users.id, id)).get()!.roles);
const eventCount = () => rowCounts(db, "events").events;

beforeAll(async () => {
  ({ db, close } = openTestDb("users"));
  adminId = await createUser(db, { email: "admin@test.example", name: "Admin", password: "admin-test-password", roles: ["admin"], actorId: null });
  otherAdminId = await createUser(db, { email: "admin2@test.example", name: "Admin 2", password: "admin-test-password", roles: ["admin", "approver"], actorId: adminId });
  reviewerId = await createUser(db, { email: "rev@test.example", name: "Rev", password: "reviewer-test-pass", roles: ["reviewer"], actorId: adminId });
});

afterAll(() => close());

describe("createUser", () => {
  it("stores an argon2id hash, never the password", async () => {
    const row = db.select().from(users).where(eq(users.id, reviewerId)).get()!;
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row.passwordHash).not.toContain("reviewer-test-pass");
    expect(await verifyPassword(row.passwordHash, "reviewer-test-pass")).toBe(true);
    expect(await verifyPassword(row.passwordHash, "wrong-password!")).toBe(false);
  });

  it("refuses a taken email and writes nothing", async () => {
    const before = eventCount();
    await expect(createUser(db, { email: "rev@test.example", name: "Dup", password: "another-password", roles: ["operator"], actorId: adminId })).rejects.toMatchObject({ code: "conflict" });
    expect(eventCount()).toBe(before);
    expect(db.select().from(users).all()).toHaveLength(3);
  });
});

describe("updateUserRoles", () => {
  it("an admin cannot remove their own admin role", () => {
    const before = eventCount();
    expect(() => updateUserRoles(db, { userId: adminId, roles: ["operator", "approver"], actorId: adminId })).toThrow(/cannot remove your own admin role/);
    expect(() => updateUserRoles(db, { userId: adminId, roles: ["operator"], actorId: adminId })).toThrow(expect.objectContaining({ code: "conflict" }));
    expect(rolesOf(adminId)).toEqual(["admin"]);
    expect(eventCount()).toBe(before);
  });

  it("an admin may change their own other roles while keeping admin", () => {
    updateUserRoles(db, { userId: adminId, roles: ["admin", "operator", "operator"], actorId: adminId });
    expect(rolesOf(adminId)).toEqual(["operator", "admin"]);
    updateUserRoles(db, { userId: adminId, roles: ["admin"], actorId: adminId });
    expect(rolesOf(adminId)).toEqual(["admin"]);
  });

  it("an admin may remove another admin's admin role, and logs it", () => {
    const before = eventCount();
    updateUserRoles(db, { userId: otherAdminId, roles: ["approver"], actorId: adminId });
    expect(rolesOf(otherAdminId)).toEqual(["approver"]);
    expect(eventCount()).toBe(before + 1);
    const last = db.$client.prepare("SELECT type, actor_id AS actorId, payload FROM events ORDER BY id DESC LIMIT 1").get() as { type: string; actorId: number; payload: string };
    expect(last).toMatchObject({ type: "user.roles_changed", actorId: adminId });
    expect(JSON.parse(last.payload)).toEqual({ userId: otherAdminId, roles: ["approver"] });
  });

  it("refuses an unknown user", () => {
    expect(() => updateUserRoles(db, { userId: 31_337, roles: ["reviewer"], actorId: adminId })).toThrow(expect.objectContaining({ code: "not_found" }));
  });
});
