import http from "node:http";
import type { AddressInfo } from "node:net";
import { encode } from "next-auth/jwt";
import { afterEach, describe, expect, it } from "vitest";
import type { Logger } from "./logger";
import { acceptRequestId, sessionUserId, withRequestLog } from "./request-log";

const SECRET = "a-test-secret-that-is-long-enough-0123456789";

function fakeLogger() {
  const lines: { obj: Record<string, unknown>; msg: string }[] = [];
  const logger = { info: (obj: Record<string, unknown>, msg: string) => lines.push({ obj, msg }) } as unknown as Logger;
  return { logger, lines };
}

let server: http.Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? (server.close(() => resolve()), server.closeAllConnections()) : resolve())));

async function serve(handler: http.RequestListener): Promise<string> {
  server = http.createServer(handler);
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const until = async (cond: () => boolean) => {
  for (let i = 0; i < 100 && !cond(); i++) await new Promise((r) => setTimeout(r, 10));
};

describe("acceptRequestId", () => {
  it("accepts well-formed ids and refuses others", () => {
    expect(acceptRequestId("3f1c2a7e-0b5d-4e38-9c1a-6f2b8d9e0a11")).toBe("3f1c2a7e-0b5d-4e38-9c1a-6f2b8d9e0a11");
    expect(acceptRequestId(["abc.1:2_3", "x"])).toBe("abc.1:2_3");
    expect(acceptRequestId(undefined)).toBeNull();
    expect(acceptRequestId("")).toBeNull();
    expect(acceptRequestId("a b")).toBeNull();
    expect(acceptRequestId("x\n{\"level\":60}")).toBeNull();
    expect(acceptRequestId("a".repeat(129))).toBeNull();
  });
});

describe("withRequestLog", () => {
  it("logs one line per request with id, method, redacted path, status, duration and user id, and echoes the id", async () => {
    const { logger, lines } = fakeLogger();
    let clock = 1000;
    const seen: (string | string[] | undefined)[] = [];
    const base = await serve(
      withRequestLog(
        (req, res) => {
          seen.push(req.headers["x-request-id"]);
          clock += 12.34;
          res.statusCode = req.url?.startsWith("/r/") ? 404 : 200;
          res.end("ok");
        },
        { logger, userId: async (req) => (req.headers.cookie ? 7 : null), now: () => clock },
      ),
    );
    const a = await fetch(`${base}/r/secret-token?x=1`, { headers: { "x-request-id": "req-from-proxy-1" } });
    const b = await fetch(`${base}/audits?page=2`, { method: "POST", headers: { cookie: "next-auth.session-token=xyz", "x-request-id": "bad id!" } });
    await until(() => lines.length === 2);
    expect(a.headers.get("x-request-id")).toBe("req-from-proxy-1");
    const generated = b.headers.get("x-request-id");
    expect(generated).toMatch(/^[0-9a-f-]{36}$/);
    expect(seen).toEqual(["req-from-proxy-1", generated]);
    expect(lines).toEqual([
      { msg: "request", obj: { reqId: "req-from-proxy-1", method: "GET", path: "/r/[redacted]", status: 404, durationMs: 12.3, userId: null } },
      { msg: "request", obj: { reqId: generated, method: "POST", path: "/audits", status: 200, durationMs: 12.3, userId: 7 } },
    ]);
    expect(JSON.stringify(lines)).not.toMatch(/secret-token|xyz|page=2/);
  });

  it("logs a request whose client went away as aborted, once", async () => {
    const { logger, lines } = fakeLogger();
    let arrived = () => {};
    const inHandler = new Promise<void>((r) => (arrived = r));
    const base = await serve(
      withRequestLog((_req, res) => {
        arrived();
        setTimeout(() => res.end("late"), 200);
      }, { logger }),
    );
    const controller = new AbortController();
    const pending = fetch(`${base}/slow`, { signal: controller.signal }).catch(() => null);
    await inHandler; // abort only once the server is handling it
    controller.abort();
    await pending;
    await until(() => lines.length === 1);
    await new Promise((r) => setTimeout(r, 250));
    expect(lines).toHaveLength(1);
    expect(lines[0].obj).toMatchObject({ path: "/slow", aborted: true });
  });
});

describe("sessionUserId", () => {
  it("reads the user id of a valid session cookie, plain or __Secure-, and nothing else", async () => {
    const token = await encode({ token: { uid: 42, sub: "42", email: "a@b.c" }, secret: SECRET });
    expect(await sessionUserId({ headers: { cookie: `other=1; next-auth.session-token=${token}` } }, SECRET)).toBe(42);
    expect(await sessionUserId({ headers: { cookie: `__Secure-next-auth.session-token=${token}` } }, SECRET)).toBe(42);
    expect(await sessionUserId({ headers: { cookie: `next-auth.session-token=${token}` } }, "another-secret-that-is-long-enough-000000")).toBeNull();
    expect(await sessionUserId({ headers: { cookie: "next-auth.session-token=garbage" } }, SECRET)).toBeNull();
    expect(await sessionUserId({ headers: { authorization: `Bearer ${token}` } }, SECRET)).toBeNull();
    expect(await sessionUserId({ headers: {} }, SECRET)).toBeNull();
  });
});
