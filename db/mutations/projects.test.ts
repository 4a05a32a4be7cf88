/**
 * Integration tests of projects and per-project roles (db/mutations/projects.ts,
 * db/queries/projects.ts): an audit's first appearance creates its project, memberships are set
 * and removed in one place, parallel changes never duplicate a membership, and every change ends
 * the member's sessions.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rolesInProject } from "@/lib/project-access";
import { AppError } from "@/lib/server/errors";
import type { Db } from "../handle";
import { getGrants, listProjectMembers, listProjects } from "../queries/projects";
import { createTestDb, rowCounts, type TestDb, validAuditForm } from "../testing";
import { createAudit } from "./audits";
import { createProject, setProjectMemberRoles } from "./projects";
import { createUser } from "./users";

let t: TestDb & { operatorId: number };
let db: Db;
let operatorId: number;
let memberId: number;

const sessionVersion = async (userId: number) => (await db.select({ v: db.tables.users.sessionVersion }).from(db.tables.users).where(eq(db.tables.users.id, userId)))[0].v;
const projectId = async (name: string) => (await listProjects(db)).find((p) => p.name === name)!.id;

beforeAll(async () => {
  t = await createTestDb("projects");
  ({ db, operatorId } = t);
  memberId = await createUser(db, { email: "member@test.example", name: "Member", password: "member-test-pass", roles: [], actorId: null });
});

afterAll(() => t.close());

describe("projects", () => {
  it("creating an audit creates its project once, with an event", async () => {
    await createAudit(db, { input: validAuditForm({ projectName: "billing" }), actorId: operatorId });
    await createAudit(db, { input: validAuditForm({ projectName: "billing" }), actorId: operatorId });
    const billing = (await listProjects(db)).filter((p) => p.name === "billing");
    expect(billing).toMatchObject([{ slug: "billing", auditCount: 2, memberCount: 0 }]);
    const created = await db.select().from(db.tables.events).where(eq(db.tables.events.type, "project.created"));
    expect(created.map((e) => JSON.parse(e.payload as string).name)).toContain("billing");
  });

  it("two requests adding the same project give one project and one conflict", async () => {
    const results = await Promise.allSettled([createProject(db, { name: "search", actorId: operatorId }), createProject(db, { name: "search", actorId: operatorId })]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const failed = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(failed.reason).toBeInstanceOf(AppError);
    expect((failed.reason as AppError).message).toBe("A project named search already exists.");
  });
});

describe("setProjectMemberRoles", () => {
  it("grants, changes and removes a member's roles; each change ends their sessions", async () => {
    const billing = await projectId("billing");
    const v0 = await sessionVersion(memberId);
    await setProjectMemberRoles(db, { projectId: billing, userId: memberId, roles: ["reviewer"], actorId: operatorId });
    expect(await sessionVersion(memberId)).toBe(v0 + 1);
    let grants = await getGrants(db, { userId: memberId, everywhere: [] });
    expect(rolesInProject(grants, "billing")).toEqual(["reviewer"]);
    expect(rolesInProject(grants, "search")).toEqual([]);

    await setProjectMemberRoles(db, { projectId: billing, userId: memberId, roles: ["operator", "reviewer"], actorId: operatorId });
    expect(await listProjectMembers(db, { projectId: billing })).toMatchObject([{ userId: memberId, roles: ["operator", "reviewer"] }]);

    await setProjectMemberRoles(db, { projectId: billing, userId: memberId, roles: [], actorId: operatorId });
    grants = await getGrants(db, { userId: memberId, everywhere: [] });
    expect(grants.byProject).toEqual({});
    expect(await sessionVersion(memberId)).toBe(v0 + 3);
    const changes = await db.select().from(db.tables.events).where(eq(db.tables.events.type, "project.member_roles_changed"));
    expect(changes.map((e) => JSON.parse(e.payload as string).roles)).toEqual([["reviewer"], ["operator", "reviewer"], []]);
  });

  it("parallel grants to one member leave one membership and count every session bump", async () => {
    const search = await projectId("search");
    const v0 = await sessionVersion(memberId);
    await Promise.all([
      setProjectMemberRoles(db, { projectId: search, userId: memberId, roles: ["approver"], actorId: operatorId }),
      setProjectMemberRoles(db, { projectId: search, userId: memberId, roles: ["security"], actorId: operatorId }),
      setProjectMemberRoles(db, { projectId: search, userId: memberId, roles: ["reviewer"], actorId: operatorId }),
    ]);
    const members = await listProjectMembers(db, { projectId: search });
    expect(members).toHaveLength(1);
    expect([["approver"], ["security"], ["reviewer"]]).toContainEqual(members[0].roles);
    expect(await sessionVersion(memberId)).toBe(v0 + 3);
  });

  it("refuses an unknown project or user and writes nothing", async () => {
    const before = await rowCounts(db, "project_members", "events");
    await expect(setProjectMemberRoles(db, { projectId: 999_999, userId: memberId, roles: ["reviewer"], actorId: operatorId })).rejects.toThrow("Project not found.");
    await expect(setProjectMemberRoles(db, { projectId: await projectId("billing"), userId: 999_999, roles: ["reviewer"], actorId: operatorId })).rejects.toThrow("User not found.");
    expect(await rowCounts(db, "project_members", "events")).toEqual(before);
  });
});

describe("createUser with a project", () => {
  it("grants the roles in that project only, in the same transaction", async () => {
    const search = await projectId("search");
    const id = await createUser(db, { email: "scoped@test.example", name: "Scoped", password: "scoped-test-pass", roles: ["reviewer"], actorId: operatorId, projectId: search });
    const [row] = await db.select().from(db.tables.users).where(eq(db.tables.users.id, id));
    expect(row.roles).toBe("");
    const grants = await getGrants(db, { userId: id, everywhere: [] });
    expect(rolesInProject(grants, "search")).toEqual(["reviewer"]);
    expect(rolesInProject(grants, "billing")).toEqual([]);
  });

  it("refuses an unknown project and leaves no user behind", async () => {
    const before = await rowCounts(db, "users", "project_members", "events");
    await expect(createUser(db, { email: "ghost@test.example", name: "Ghost", password: "ghost-test-pass1", roles: ["reviewer"], actorId: operatorId, projectId: 999_999 })).rejects.toThrow("Project not found.");
    expect(await rowCounts(db, "users", "project_members", "events")).toEqual(before);
  });
});
