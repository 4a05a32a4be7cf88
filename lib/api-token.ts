/**
 * API tokens for pipelines (issue 8 "Gate API for CI"): a random bearer token shown once, stored
 * only as its SHA-256, scoped to reading gates and optionally to one project, revocable.
 */
import { randomBytes } from "node:crypto";
import { sha256Hex } from "./checksum";

/** Prefix that makes a leaked token recognisable to secret scanners (like GitHub's `ghp_`). */
export const API_TOKEN_PREFIX = "csg_";
const TOKEN_PATTERN = /^csg_[A-Za-z0-9_-]{43}$/;

/** A new token (`csg_` + 256 random bits in base64url, 47 characters) and the SHA-256 hex stored instead. */
export function newApiToken(): { token: string; tokenHash: string } {
  const token = API_TOKEN_PREFIX + randomBytes(32).toString("base64url");
  return { token, tokenHash: sha256Hex(token) };
}

/**
 * The token in an `Authorization: Bearer <token>` header value, hashed; null when the header is
 * missing or cannot hold a token we issued (the caller still does its lookup, so that a malformed
 * and an unknown token take the same time).
 */
export function hashBearerToken(header: string | null): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  return match && TOKEN_PATTERN.test(match[1]) ? sha256Hex(match[1]) : null;
}

export type ApiTokenAccess = "ok" | "unauthorized" | "forbidden";

/**
 * Whether a stored token (null: none matched) may read the gate of an audit of `projectName`:
 * `unauthorized` (HTTP 401) when there is no such token or it was revoked, `forbidden` (403) when
 * its scope is not `gate:read` or it is limited to another project, else `ok`. Pure; throws nothing.
 */
export function gateTokenAccess(token: { revokedAt: Date | null; scope: string; projectName: string | null } | null, projectName: string): ApiTokenAccess {
  if (!token || token.revokedAt) return "unauthorized";
  if (token.scope !== "gate:read") return "forbidden";
  if (token.projectName !== null && token.projectName !== projectName) return "forbidden";
  return "ok";
}
