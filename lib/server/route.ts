import { NextResponse } from "next/server";
import { AppError } from "./errors";
import { getLogger, safeError } from "./logger";

/**
 * JSON error response for a route handler; AppErrors keep their status and message, others are 500
 * and logged at error level (lib/server/logger.ts: name, code, message without query parameters,
 * stack frames), under the request's id when the handler passes its request.
 */
export function errorResponse(e: unknown, req?: Request): NextResponse {
  if (e instanceof AppError) return NextResponse.json({ error: e.code, message: e.message }, { status: e.status });
  getLogger().error({ reqId: req?.headers.get("x-request-id") ?? undefined, err: safeError(e) }, "route error");
  return NextResponse.json({ error: "internal", message: "Something went wrong." }, { status: 500 });
}
