/**
 * Graceful shutdown of the `npm start` server on SIGTERM/SIGINT (issue 10 "Operations"): stop
 * accepting, let in-flight requests finish until a deadline, then cut what is left, then close
 * the database handles. scripts/start.ts wires it to the signals and exits 0 afterwards.
 */
import type http from "node:http";
import type { Logger } from "./logger";

/** The parts of an http.Server the shutdown uses (a fake in tests). */
export type ClosableServer = Pick<http.Server, "close" | "closeIdleConnections" | "closeAllConnections">;

export type ShutdownOptions = {
  server: ClosableServer;
  /** Closed in order after the server, each awaited; a failure is logged and the next still runs (database handles, Next). */
  closers: readonly { name: string; close: () => Promise<void> }[];
  /** How long in-flight requests may run after the signal (ms), default 10,000. */
  deadlineMs?: number;
  /** How often idle keep-alive connections are closed while waiting (ms), default 250. */
  idleSweepMs?: number;
  logger: Pick<Logger, "info" | "warn" | "error">;
};

/**
 * Stops the server gracefully: `server.close()` (no new connections), closes idle keep-alive
 * connections now and every `idleSweepMs` (a connection finishing its request becomes idle), and
 * waits for the open requests to end; at `deadlineMs` closes every connection left. Then runs the
 * closers. Never throws.
 * @returns whether connections had to be cut at the deadline.
 */
export async function gracefulShutdown(options: ShutdownOptions): Promise<{ forced: boolean }> {
  const { server, closers, deadlineMs = 10_000, idleSweepMs = 250, logger } = options;
  let forced = false;
  await new Promise<void>((resolve) => {
    let deadline: ReturnType<typeof setTimeout> | undefined = undefined;
    const sweep = setInterval(() => server.closeIdleConnections(), idleSweepMs);
    const done = () => {
      clearInterval(sweep);
      clearTimeout(deadline);
      resolve();
    };
    server.close((e?: Error) => {
      // ERR_SERVER_NOT_RUNNING: it was never listening or is closed already; nothing to wait for.
      if (e && (e as { code?: string }).code !== "ERR_SERVER_NOT_RUNNING") logger.warn({ err: { message: e.message } }, "server close");
      done();
    });
    server.closeIdleConnections();
    deadline = setTimeout(() => {
      forced = true;
      logger.warn({ deadlineMs }, "shutdown deadline reached: closing the connections still open");
      server.closeAllConnections();
    }, deadlineMs);
  });
  for (const c of closers) {
    try {
      await c.close();
    } catch (e) {
      logger.error({ closer: c.name, err: { message: e instanceof Error ? e.message : String(e) } }, "close failed during shutdown");
    }
  }
  logger.info({ forced }, "shut down");
  return { forced };
}
