/**
 * Integration tests of assigning sampled units (db/mutations/assignment.ts) and the queue
 * queries (db/queries/team.ts), on SQLite and PostgreSQL.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/server/errors";
import { getMyQueue, getQueueNeighbours, getTeamOverview, listProjectReviewers } from "../queries/team";
import { changeAssignment } from "./assignment";
import { openTeamFixture, type TeamFixture } from "./team-fixture";

let f: TeamFixture;

beforeAll(async () => {
  f = await openTeamFixture("assignment");
});
afterAll(() => f.t.close());

const assignees = async (auditId: number) => new Map((await f.sampled(auditId)).map((s) => [s.id, s.assignedTo]));

describe("changeAssignment", () => {
  it("splits the open units evenly in review order and logs one event", async () => {
    const auditId = await f.newAudit();
    const [done] = await f.sampled(auditId);
    await f.review(done.id, "PASS", f.r3);
    const before = await f.events();
    const result = await changeAssignment(f.db, { auditId, request: { mode: "even", reviewerIds: [f.r1, f.r2] }, actorId: f.operatorId });
    const rows = await f.sampled(auditId);
    const open = rows.filter((r) => r.finding === null);
    expect(result.units).toBe(open.length);
    expect(rows.find((r) => r.id === done.id)!.assignedTo).toBeNull(); // reviewed units are left alone
    open.forEach((r, i) => expect(r.assignedTo).toBe(i % 2 === 0 ? f.r1 : f.r2));
    const n1 = open.filter((r) => r.assignedTo === f.r1).length;
    expect(Math.abs(n1 - (open.length - n1))).toBeLessThanOrEqual(1);
    expect(await f.events()).toBe(before + 1);
    const { events } = f.db.tables;
    const [e] = await f.db.select().from(events).where(and(eq(events.auditId, auditId), eq(events.type, "assignment.changed")));
    expect(JSON.parse(e.payload)).toEqual({ mode: "even", units: open.length, byReviewer: { [f.r1]: n1, [f.r2]: open.length - n1 } });
  });

  it("splits by subgroup: every subgroup's units with one reviewer", async () => {
    const auditId = await f.newAudit();
    await changeAssignment(f.db, { auditId, request: { mode: "subgroup", reviewerIds: [f.r1, f.r2] }, actorId: f.operatorId });
    const { units } = await getTeamOverview(f.db, { auditId, projectName: "test-audit" });
    const owners = new Map<string, Set<number | null>>();
    for (const u of units) owners.set(u.subgroup!, new Set([...(owners.get(u.subgroup!) ?? []), u.assignedTo]));
    for (const [, set] of owners) expect(set.size).toBe(1);
    expect(new Set(units.map((u) => u.assignedTo))).toEqual(new Set([f.r1, f.r2]));
  });

  it("assigns chosen units by hand, unassigns, and reassigns only open units", async () => {
    const auditId = await f.newAudit();
    const [a, b, c] = await f.sampled(auditId);
    await changeAssignment(f.db, { auditId, request: { mode: "hand", sampleUnitIds: [a.id, b.id, c.id], reviewerId: f.r1 }, actorId: f.operatorId });
    await f.review(a.id, "PASS", f.r1);
    await changeAssignment(f.db, { auditId, request: { mode: "reassign", from: f.r1, to: f.r2 }, actorId: f.operatorId });
    let now = await assignees(auditId);
    expect([now.get(a.id), now.get(b.id), now.get(c.id)]).toEqual([f.r1, f.r2, f.r2]);
    await changeAssignment(f.db, { auditId, request: { mode: "hand", sampleUnitIds: [c.id], reviewerId: null }, actorId: f.operatorId });
    now = await assignees(auditId);
    expect(now.get(c.id)).toBeNull();
    const { progress } = await getTeamOverview(f.db, { auditId, projectName: "test-audit" });
    expect(progress.byReviewer).toEqual([
      { reviewerId: f.r1, assigned: 1, reviewed: 1 },
      { reviewerId: f.r2, assigned: 1, reviewed: 0 },
    ]);
  });

  it("refuses a non-reviewer, a unit of another audit, and an empty reassign, writing nothing", async () => {
    const auditId = await f.newAudit();
    const other = await f.newAudit();
    const [foreign] = await f.sampled(other);
    const [mine] = await f.sampled(auditId);
    const before = { events: await f.events(), assigned: await assignees(auditId) };
    const refused = async (request: Parameters<typeof changeAssignment>[1]["request"], message: RegExp) => {
      const e = await changeAssignment(f.db, { auditId, request, actorId: f.operatorId }).catch((x) => x);
      expect(e).toBeInstanceOf(AppError);
      expect(e.code).toBe("invalid");
      expect(e.message).toMatch(message);
    };
    await refused({ mode: "even", reviewerIds: [f.r1, f.approverId] }, new RegExp(`User #${f.approverId} is not an active reviewer in project test-audit`));
    await refused({ mode: "hand", sampleUnitIds: [mine.id, foreign.id], reviewerId: f.r1 }, new RegExp(`Unit ${foreign.id} is not in this audit.s sample`));
    await refused({ mode: "reassign", from: f.r3, to: f.r1 }, /no open units/);
    await refused({ mode: "even", reviewerIds: [] }, /Choose at least one reviewer/);
    await refused({ mode: "even", reviewerIds: [f.r1, f.r1] }, /may be chosen only once/);
    expect(await f.events()).toBe(before.events);
    expect(await assignees(auditId)).toEqual(before.assigned);
  });

  it("applies two parallel assignments one after the other, never mixed", async () => {
    const auditId = await f.newAudit();
    const results = await Promise.all([
      changeAssignment(f.db, { auditId, request: { mode: "even", reviewerIds: [f.r1] }, actorId: f.operatorId }),
      changeAssignment(f.db, { auditId, request: { mode: "even", reviewerIds: [f.r2] }, actorId: f.operatorId }),
    ]);
    expect(results.map((r) => r.units)).toEqual([results[0].units, results[0].units]);
    const owners = new Set((await assignees(auditId)).values());
    expect(owners.size).toBe(1);
    const { events } = f.db.tables;
    expect(await f.db.select().from(events).where(and(eq(events.auditId, auditId), eq(events.type, "assignment.changed")))).toHaveLength(2);
  });
});

describe("queues", () => {
  it("lists a reviewer's open assigned units across audits, and walks them in review order", async () => {
    const auditId = await f.newAudit();
    const rows = await f.sampled(auditId);
    const mine = [rows[1], rows[3], rows[4]];
    await changeAssignment(f.db, { auditId, request: { mode: "hand", sampleUnitIds: mine.map((r) => r.id), reviewerId: f.r3 }, actorId: f.operatorId });
    await changeAssignment(f.db, { auditId, request: { mode: "hand", sampleUnitIds: rows.filter((r) => !mine.includes(r)).map((r) => r.id), reviewerId: f.r2 }, actorId: f.operatorId });
    await f.review(rows[3].id, "PASS", f.r3);
    const queue = await getMyQueue(f.db, { userId: f.r3, projects: "all" });
    const here = queue.find((q) => q.units.some((u) => u.sampleUnitId === rows[1].id))!;
    expect(here.units.map((u) => u.sampleUnitId)).toEqual([rows[1].id, rows[4].id]);
    expect(await getMyQueue(f.db, { userId: f.r3, projects: ["another-project"] })).toEqual([]);
    expect(await getQueueNeighbours(f.db, { auditId, userId: f.r3, position: rows[1].position })).toEqual({ previous: null, next: rows[4].id, first: rows[1].id, remaining: 2 });
    expect(await getQueueNeighbours(f.db, { auditId, userId: f.r3, position: rows[4].position })).toMatchObject({ previous: rows[1].id, next: null });
  });

  it("lists the project's active reviewers", async () => {
    const reviewers = await listProjectReviewers(f.db, { projectName: "test-audit" });
    expect(reviewers.map((r) => r.id).sort()).toEqual([f.r1, f.r2, f.r3].sort());
  });
});
