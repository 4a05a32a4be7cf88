/**
 * Structured JSON logs (issue 10 "Operations"): one pino logger per process, created on first use
 * (never at import: `next build` imports the route modules), writing one JSON object per line to
 * stdout. Level from LOG_LEVEL (README "Settings"). Never log passwords, tokens, cookies or file
 * contents: request paths go through `redactPath`, errors through `safeError`.
 */
import pino, { type Logger } from "pino";

export type { Logger };

const LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LEVELS)[number];

/**
 * The log level named by LOG_LEVEL (case-insensitive); `info` when unset or empty.
 * @throws Error naming LOG_LEVEL and the accepted values on anything else.
 */
export function parseLogLevel(raw: string | undefined): LogLevel {
  const value = (raw ?? "").trim().toLowerCase();
  if (value === "") return "info";
  if ((LEVELS as readonly string[]).includes(value)) return value as LogLevel;
  throw new Error(`LOG_LEVEL must be one of ${LEVELS.join(", ")} (got "${raw}").`);
}

let instance: Logger | undefined;

/** The process's logger (created on the first call; LOG_LEVEL is read then). @throws like parseLogLevel. */
export function getLogger(): Logger {
  instance ??= pino({
    level: parseLogLevel(process.env.LOG_LEVEL),
    timestamp: pino.stdTimeFunctions.isoTime,
    // Belt and braces: fields that must never reach a log, should a caller pass them.
    redact: { paths: ["password", "*.password", "token", "*.token", "cookie", "*.cookie", "authorization", "*.authorization"], censor: "[redacted]" },
  });
  return instance;
}

/** Longest path written to a log line (characters); longer ones are cut and end with "…". */
const MAX_PATH = 1024;

/**
 * The path of a request target as logged: without the query string and fragment (they may hold
 * tokens or search terms), with the share token of `/r/<token>` and `/r/<token>/…` replaced by
 * `[redacted]` (a share token is a bearer credential: seed 000 "share links", issue 10), cut to
 * 1,024 characters. Accepts origin-form (`/a?b`) and absolute-form (`http://host/a`) targets.
 * @param url the raw request target (`req.url`); undefined or empty gives "/".
 */
export function redactPath(url: string | undefined): string {
  let pathname = (url ?? "").split(/[?#]/, 1)[0];
  const absolute = /^[a-z][a-z0-9+.-]*:\/\/[^/]*/i.exec(pathname);
  if (absolute) pathname = pathname.slice(absolute[0].length);
  if (!pathname.startsWith("/")) pathname = `/${pathname}`;
  const segments = pathname.split("/");
  // The first non-empty segment "r" (also percent-encoded) marks a share link; its next non-empty segment is the token.
  const first = segments.findIndex((s) => s !== "");
  if (first >= 0 && decodeSegment(segments[first]) === "r") {
    const token = segments.findIndex((s, i) => i > first && s !== "");
    if (token >= 0) segments[token] = "[redacted]";
  }
  const out = segments.join("/");
  return out.length > MAX_PATH ? `${out.slice(0, MAX_PATH)}…` : out;
}

function decodeSegment(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/**
 * An error as logged: its name, code, message and stack frames, and the same for its causes (3
 * deep). Query parameters are cut from the message (drizzle's "Failed query: …\nparams: …" would
 * carry password hashes, tokens or imported rows), and so is the message line of the stack.
 */
export function safeError(e: unknown, depth = 0): Record<string, unknown> {
  if (!(e instanceof Error)) return { message: typeof e === "string" ? e.split("\nparams:")[0].slice(0, 500) : typeof e };
  const out: Record<string, unknown> = { type: e.name, message: e.message.split("\nparams:")[0].slice(0, 500) };
  const code = (e as { code?: unknown }).code;
  if (typeof code === "string" || typeof code === "number") out.code = code;
  if (e.stack) out.stack = e.stack.split("\n").filter((line) => /^\s+at /.test(line)).slice(0, 15).join("\n");
  if (e.cause !== undefined && depth < 3) out.cause = safeError(e.cause, depth + 1);
  return out;
}
