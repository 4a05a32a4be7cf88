import "server-only";
import type { Db } from "@/db/handle";
import { touchApiToken } from "@/db/mutations/api-tokens";
import { findApiTokenByHash } from "@/db/queries/api-tokens";
import { getBundleInput } from "@/db/queries/artifacts";
import { getAuditBySlug } from "@/db/queries/audits";
import { gateTokenAccess, hashBearerToken } from "@/lib/api-token";
import { buildClosureGateStatusJson } from "@/lib/artifacts/gate-status";
import type { BundleEnvironment } from "@/lib/artifacts/input";

/** Looked up when the presented token cannot be ours, so that every 401 costs the same lookup. */
const NO_SUCH_HASH = "0".repeat(64);

export type GateAnswer = { status: 200; json: string } | { status: 401 | 403 | 404; error: string; message: string };

/**
 * Answers `GET /api/v1/audits/{slug}/gate` for the bearer token in `authorization`: 401 for a
 * missing, malformed, unknown or revoked token (one indexed lookup in every case), 404 for an
 * unknown audit, 403 for a token of another scope or project, else 200 with closure_gate_status.json
 * (lib/artifacts/gate-status.ts, the same bytes the artifact bundle holds) and the token's last
 * use recorded (at most once a minute).
 * @param environment the server's runtime environment (db/queries/artifacts.ts `runtimeEnvironment`).
 */
export async function answerGateRequest(db: Db, { slug, authorization, now, environment }: { slug: string; authorization: string | null; now: Date; environment: BundleEnvironment }): Promise<GateAnswer> {
  const token = await findApiTokenByHash(db, { tokenHash: hashBearerToken(authorization) ?? NO_SUCH_HASH });
  if (gateTokenAccess(token, "") === "unauthorized") return { status: 401, error: "unauthorized", message: "A valid API token is needed: Authorization: Bearer <token>." };
  const audit = await getAuditBySlug(db, { slug });
  if (!audit) return { status: 404, error: "not_found", message: "Audit not found." };
  if (gateTokenAccess(token, audit.projectName) === "forbidden") return { status: 403, error: "forbidden", message: "This token may not read this audit's gate (another project or scope)." };
  await touchApiToken(db, { apiTokenId: token!.id, now });
  return { status: 200, json: buildClosureGateStatusJson(await getBundleInput(db, { audit, now, environment })) };
}
