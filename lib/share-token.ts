import { randomBytes } from "node:crypto";
import { sha256Hex } from "./checksum";

/** Token length in bytes: 256 random bits (DESIGN.md asks for at least 128). */
export const SHARE_TOKEN_BYTES = 32;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** A new share token (base64url, 43 characters) and the SHA-256 hex hash that is stored instead of it. */
export function newShareToken(): { token: string; tokenHash: string } {
  const token = randomBytes(SHARE_TOKEN_BYTES).toString("base64url");
  return { token, tokenHash: sha256Hex(token) };
}

/** Hash of a presented token, or null when it cannot be a token we issued (wrong shape). */
export function hashShareToken(token: string): string | null {
  return TOKEN_PATTERN.test(token) ? sha256Hex(token) : null;
}

export type ShareLinkState = "active" | "revoked" | "expired";

/** State of a share link at `now` (UTC): revoked wins over expired. */
export function shareLinkState(link: { expiresAt: Date; revokedAt: Date | null }, now: Date): ShareLinkState {
  if (link.revokedAt) return "revoked";
  if (link.expiresAt.getTime() <= now.getTime()) return "expired";
  return "active";
}
