import { NextResponse } from "next/server";
import { AppError } from "./errors";

/** JSON error response for a route handler; AppErrors keep their status and message, others are 500. */
export function errorResponse(e: unknown): NextResponse {
  if (e instanceof AppError) return NextResponse.json({ error: e.code, message: e.message }, { status: e.status });
  console.error(e);
  return NextResponse.json({ error: "internal", message: "Something went wrong." }, { status: 500 });
}
