import http from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { gracefulShutdown } from "./shutdown";

function quietLogger() {
  const lines: { level: string; obj: unknown; msg: string }[] = [];
  const at = (level: string) => (obj: unknown, msg: string) => void lines.push({ level, obj, msg });
  return { logger: { info: at("info"), warn: at("warn"), error: at("error") } as never, lines };
}

async function listen(handler: http.RequestListener): Promise<{ server: http.Server; port: number }> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, port: (server.address() as AddressInfo).port };
}

/** GET over a keep-alive agent; resolves with the status and body, or the error. */
function get(port: number, agent: http.Agent): Promise<{ status?: number; body?: string; error?: string }> {
  return new Promise((resolve) => {
    http
      .get({ host: "127.0.0.1", port, path: "/", agent }, (res) => {
        let body = "";
        res.on("data", (c) => (body += c));
        res.on("end", () => resolve({ status: res.statusCode, body }));
        res.on("error", (e) => resolve({ error: e.message }));
      })
      .on("error", (e) => resolve({ error: (e as NodeJS.ErrnoException).code ?? e.message }));
  });
}

describe("gracefulShutdown", () => {
  it("lets an in-flight request finish, refuses new connections, then closes the handles in order", async () => {
    const order: string[] = [];
    let arrived = () => {};
    const { server, port } = await listen((_req, res) => {
      arrived();
      setTimeout(() => (order.push("response"), res.end("done")), 200);
    });
    const agent = new http.Agent({ keepAlive: true });
    const idle = await get(port, new http.Agent({ keepAlive: true })); // leaves an idle keep-alive connection behind
    expect(idle.status).toBe(200);
    order.length = 0;
    const inHandler = new Promise<void>((r) => (arrived = r));
    const inFlight = get(port, agent);
    await inHandler; // the request is in flight (not idle) before the shutdown starts
    const { logger } = quietLogger();
    const started = Date.now();
    const stopping = gracefulShutdown({
      server,
      logger,
      deadlineMs: 5000,
      closers: [
        { name: "reports", close: async () => void order.push("reports closed") },
        { name: "app", close: async () => void order.push("app closed") },
      ],
    });
    const late = await get(port, new http.Agent());
    expect(late.error).toBe("ECONNREFUSED");
    expect(await inFlight).toEqual({ status: 200, body: "done" });
    expect(await stopping).toEqual({ forced: false });
    expect(order).toEqual(["response", "reports closed", "app closed"]);
    expect(Date.now() - started).toBeLessThan(4000); // neither idle connection held it until the 5 s deadline
    agent.destroy();
  });

  it("cuts requests still running at the deadline, still closes the handles, and survives a failing closer", async () => {
    let arrived = () => {};
    const inHandler = new Promise<void>((r) => (arrived = r));
    const { server, port } = await listen(() => arrived()); // never answers
    const pending = get(port, new http.Agent());
    await inHandler;
    const { logger, lines } = quietLogger();
    const closed: string[] = [];
    const started = Date.now();
    const result = await gracefulShutdown({
      server,
      logger,
      deadlineMs: 150,
      closers: [
        { name: "broken", close: async () => Promise.reject(new Error("boom")) },
        { name: "app", close: async () => void closed.push("app") },
      ],
    });
    expect(result).toEqual({ forced: true });
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect((await pending).error).toBeDefined();
    expect(closed).toEqual(["app"]);
    expect(lines.map((l) => `${l.level} ${l.msg}`)).toEqual(["warn shutdown deadline reached: closing the connections still open", "error close failed during shutdown", "info shut down"]);
  });
});
