/**
 * POST /api/audits/[slug]/import checks the request before reading its body (issue 10 "Requests
 * and headers"): Origin (403), Content-Type (415, multipart told to send the raw body),
 * Content-Length against IMPORT_MAX_MB (413), and cuts off a chunked body past the limit (413).
 */
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";

const session: { current: { user: { id: number; sv?: number } } | null } = { current: null };

vi.mock("server-only", () => ({}));
vi.mock("next-auth", () => ({ getServerSession: async () => session.current && { user: { sv: 0, ...session.current.user } }, default: () => () => new Response(null) }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

process.env.COUNTERSIGN_DB = path.join(mkdtempSync(path.join(os.tmpdir(), "cs-import-route-")), "t.db");
process.env.NEXTAUTH_SECRET = "x".repeat(40);
process.env.NEXTAUTH_URL = "https://countersign.example.org";
process.env.IMPORT_MAX_MB = "1";

const LIMIT = 1024 * 1024;
const CSV = "unit_key,execution_status\na,SUCCEEDED\nb,FAILED\n";
let slug = "";
let auditId = 0;

beforeAll(async () => {
  const { getDb } = await import("@/db/client");
  const { createUser } = await import("@/db/mutations/users");
  const { createAudit } = await import("@/db/mutations/audits");
  const { validAuditForm } = await import("@/db/testing");
  const db = getDb();
  await db.migrate();
  const operatorId = await createUser(db, { email: "o@example.test", name: "O", password: "operator-password-1", roles: ["operator"], actorId: null });
  ({ slug, id: auditId } = await createAudit(db, { input: validAuditForm({ auditDate: "2027-02-01" }), actorId: operatorId }));
  session.current = { user: { id: operatorId } };
});

/** A body that counts how many chunks the handler pulled from it. */
function countingBody(chunks: number, chunk: Uint8Array) {
  const state = { pulled: 0 };
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (state.pulled === chunks) return controller.close();
      state.pulled++;
      controller.enqueue(chunk);
    },
  });
  return { body, state };
}

async function post(headers: Record<string, string>, body: BodyInit, params: Record<string, string> = {}) {
  const { POST } = await import("@/app/api/audits/[slug]/import/route");
  const query = new URLSearchParams({ fileName: "p.csv", format: "csv", mapping: JSON.stringify({ unitKey: "unit_key", executionStatus: "execution_status" }), ...params });
  const req = new Request(`https://countersign.example.org/api/audits/${slug}/import?${query}`, { method: "POST", headers, body, duplex: "half" } as RequestInit);
  const res = await POST(req, { params: Promise.resolve({ slug }) });
  return { status: res.status, body: (await res.json()) as { message: string } };
}

const storedUnits = async () => {
  const { getDb } = await import("@/db/client");
  const { rowCounts } = await import("@/db/testing");
  return (await rowCounts(getDb(), "units")).units;
};

describe("POST /api/audits/[slug]/import: request checks", () => {
  it("403 for another site's Origin, and for the opaque origin null; the body is not read", async () => {
    for (const origin of ["https://evil.example", "null"]) {
      const { body, state } = countingBody(3, new TextEncoder().encode(CSV));
      const res = await post({ origin, "content-type": "text/csv" }, body);
      expect(res.status).toBe(403);
      expect(res.body.message).toMatch(/another site/);
      expect(state.pulled).toBeLessThanOrEqual(1); // a stream may pre-pull one chunk; nothing is consumed
    }
    expect(await storedUnits()).toBe(0);
  });

  it("415 for a multipart form upload, telling to send the file as the request body", async () => {
    const form = new FormData();
    form.set("file", new Blob([CSV]), "p.csv");
    const res = await post({ origin: "https://countersign.example.org" }, form);
    expect(res).toMatchObject({ status: 415, body: { message: expect.stringMatching(/^Send the file as the request body, not as a form upload/) } });
  });

  it("415 for another content type", async () => {
    const res = await post({ "content-type": "application/octet-stream" }, CSV);
    expect(res).toMatchObject({ status: 415, body: { message: expect.stringMatching(/not accepted/) } });
  });

  it("413 for a declared Content-Length over the limit, before a byte is read", async () => {
    const { body, state } = countingBody(3, new TextEncoder().encode(CSV));
    const res = await post({ "content-type": "text/csv", "content-length": String(LIMIT + 1) }, body);
    expect(res).toMatchObject({ status: 413, body: { message: "The file is larger than the 1 MiB limit; nothing was imported." } });
    expect(state.pulled).toBeLessThanOrEqual(1);
    expect(await storedUnits()).toBe(0);
  });

  it("413 for a chunked body once it passes the limit; the rest is not read and nothing is written", async () => {
    const line = new TextEncoder().encode(`${"k".repeat(60)},SUCCEEDED\n`.repeat(1_000)); // ~70 KB a chunk
    const { body, state } = countingBody(1_000, line); // ~70 MB if read to the end
    const res = await post({ "content-type": "text/csv; charset=utf-8" }, body);
    expect(res).toMatchObject({ status: 413, body: { message: "The file is larger than the 1 MiB limit; nothing was imported." } });
    expect(state.pulled).toBeLessThan(40);
    expect(await storedUnits()).toBe(0);
  });

  it("accepts a same-origin CSV body (text/csv) and a JSON Lines body (application/x-ndjson)", async () => {
    const res = await post({ origin: "https://countersign.example.org", "content-type": "text/csv" }, CSV);
    expect(res).toMatchObject({ status: 200, body: { ok: true, rowCount: 2 } });
    expect(await storedUnits()).toBe(2);
    const { POST } = await import("@/app/api/audits/[slug]/import/route");
    const query = new URLSearchParams({ fileName: "p.jsonl", format: "jsonl", mapping: JSON.stringify({ unitKey: "unit_key", executionStatus: "execution_status" }) });
    const jsonl = '{"unit_key":"x","execution_status":"UNKNOWN"}\n';
    const req = new Request(`https://countersign.example.org/api/audits/${slug}/import?${query}`, { method: "POST", headers: { "content-type": "application/x-ndjson" }, body: jsonl });
    expect((await POST(req, { params: Promise.resolve({ slug }) })).status).toBe(200);
    expect(auditId).toBeGreaterThan(0);
  });
});

describe("POST /api/audits/[slug]/import: CSV delimiter (issue 11)", () => {
  const SEMICOLON_CSV = "unit_key;execution_status;note\ns1;SUCCEEDED;1,5\ns2;FAILED;2,5\ns3;UNKNOWN;x\n";
  const text = { "content-type": "text/csv" };

  it("detects a semicolon delimiter when none is given", async () => {
    const res = await post(text, SEMICOLON_CSV);
    expect(res).toMatchObject({ status: 200, body: { ok: true, rowCount: 3 } });
    expect(await storedUnits()).toBe(3);
  });

  it("parses with the delimiter asked for: comma on a semicolon file finds one column, and nothing is written", async () => {
    await post(text, CSV);
    const res = await post(text, SEMICOLON_CSV, { delimiter: "comma" });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ errors: expect.arrayContaining([{ row: 1, column: "unit_key", reason: 'column "unit_key" mapped to unit_key is not in the file' }]) });
    expect(await storedUnits()).toBe(2);
    expect(await post(text, SEMICOLON_CSV, { delimiter: "semicolon" })).toMatchObject({ status: 200, body: { rowCount: 3 } });
  });

  it("422 naming the parameter for a delimiter it does not know", async () => {
    const res = await post(text, CSV, { delimiter: ";" });
    expect(res).toMatchObject({ status: 422, body: { message: "delimiter: delimiter must be detect, comma, semicolon, tab or pipe" } });
  });
});
