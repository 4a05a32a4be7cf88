/** Error kinds the app maps to user messages and HTTP statuses. */
export type AppErrorCode = "unauthorized" | "forbidden" | "not_found" | "invalid" | "conflict";

const STATUS: Record<AppErrorCode, number> = { unauthorized: 401, forbidden: 403, not_found: 404, invalid: 422, conflict: 409 };

/** A typed error whose message is safe to show to the user. */
export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "AppError";
  }
  get status(): number {
    return STATUS[this.code];
  }
}
