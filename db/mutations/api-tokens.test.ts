/**
 * The gate API for pipelines (issue 8 "Gate API for CI"): an admin's API token reads
 * closure_gate_status.json; missing, malformed, unknown and revoked tokens get 401, another
 * project's token 403; only the token's SHA-256 is stored; its last use is shown.
 */
import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { schemaErrors } from "@/lib/artifacts/testing";
import { answerGateRequest } from "@/lib/server/gate-api";
import type { Db } from "../handle";
import { getBundleInput, runtimeEnvironment } from "../queries/artifacts";
import { listApiTokens } from "../queries/api-tokens";
import { createTestDb, rowCounts, type TestDb, validAuditForm } from "../testing";
import { createApiToken, revokeApiToken } from "./api-tokens";
import { createAudit } from "./audits";

let t: TestDb & { operatorId: number };
let db: Db;
let operatorId: number;
let slug: string;
let projectName: string;

beforeAll(async () => {
  t = await createTestDb("gate-api");
  ({ db, operatorId } = t);
  const { id } = await createAudit(db, { input: validAuditForm(), actorId: operatorId });
  const [audit] = await db.select().from(db.tables.audits).where(eq(db.tables.audits.id, id));
  ({ slug, projectName } = audit);
});
afterAll(() => t.close());

const environment = () => runtimeEnvironment({ engine: t.engine, waiverKeyIds: [], separationOfDuties: true });
const ask = (authorization: string | null, auditSlug = slug) => answerGateRequest(db, { slug: auditSlug, authorization, now: new Date(), environment: environment() });

describe("API tokens", () => {
  it("are stored only as their SHA-256 and shown in the list without the token", async () => {
    const before = await rowCounts(db, "api_tokens", "events");
    const { id, token } = await createApiToken(db, { name: "deploy pipeline", projectName: null, actorId: operatorId });
    const [row] = await db.select().from(db.tables.apiTokens).where(eq(db.tables.apiTokens.id, id));
    expect(row.tokenHash).toBe(createHash("sha256").update(token).digest("hex"));
    expect(JSON.stringify(await db.select().from(db.tables.apiTokens))).not.toContain(token);
    expect(JSON.stringify(await db.select().from(db.tables.events))).not.toContain(token);
    expect(await rowCounts(db, "api_tokens", "events")).toEqual({ api_tokens: before.api_tokens + 1, events: before.events + 1 });
    expect((await listApiTokens(db)).find((r) => r.id === id)).toMatchObject({ name: "deploy pipeline", scope: "gate:read", projectName: null, lastUsedAt: null, revokedAt: null });
  });

  it("answer the gate with closure_gate_status.json for a valid token, and record its last use", async () => {
    const { id, token } = await createApiToken(db, { name: "ci", projectName: null, actorId: operatorId });
    const answer = await ask(`Bearer ${token}`);
    if (answer.status !== 200) throw new Error(`expected 200, got ${answer.status}`);
    expect(schemaErrors("closure_gate_status.json", answer.json)).toEqual([]);
    const [audit] = await db.select().from(db.tables.audits).where(eq(db.tables.audits.slug, slug));
    const { closureGateStatus } = await import("@/lib/artifacts/gate-status");
    const expected = closureGateStatus(await getBundleInput(db, { audit, now: new Date(), environment: environment() }));
    expect(JSON.parse(answer.json)).toMatchObject({ audit_slug: slug, gate_state: expected.gate_state, verdict: expected.verdict });
    expect((await listApiTokens(db)).find((r) => r.id === id)!.lastUsedAt).toBeInstanceOf(Date);
  });

  it("401 for no, malformed, unknown and revoked tokens; 404 for an unknown audit; 403 for another project's token", async () => {
    const { id, token } = await createApiToken(db, { name: "to revoke", projectName: null, actorId: operatorId });
    const other = await createApiToken(db, { name: "other project", projectName: `${projectName}-other`, actorId: operatorId });
    const own = await createApiToken(db, { name: "own project", projectName, actorId: operatorId });
    await revokeApiToken(db, { apiTokenId: id, actorId: operatorId });
    const statuses = await Promise.all([
      ask(null),
      ask("Bearer not-a-token"),
      ask(`Bearer csg_${"A".repeat(43)}`),
      ask(`Bearer ${token}`),
      ask(`Basic ${own.token}`),
      ask(`Bearer ${other.token}`),
      ask(`Bearer ${own.token}`),
      ask(`Bearer ${own.token}`, "no-such-audit-2026-01-01"),
    ]).then((answers) => answers.map((a) => a.status));
    expect(statuses).toEqual([401, 401, 401, 401, 401, 403, 200, 404]);
  });

  it("two revocations at once: one revokes, the other is told it is already revoked", async () => {
    const { id, token } = await createApiToken(db, { name: "twice", projectName: null, actorId: operatorId });
    const outcomes = await Promise.allSettled([revokeApiToken(db, { apiTokenId: id, actorId: operatorId }), revokeApiToken(db, { apiTokenId: id, actorId: operatorId })]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect((await ask(`Bearer ${token}`)).status).toBe(401);
  });
});
