import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

const schema = z.object({
  COUNTERSIGN_DB: z.string().min(1).default("data/countersign.db"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  NEXTAUTH_SECRET: z.string().min(32, "NEXTAUTH_SECRET must be at least 32 characters").optional(),
  NEXTAUTH_URL: z.url("NEXTAUTH_URL must be a URL such as http://localhost:3000").optional(),
});

export type Settings = { databasePath: string; port: number; authSecret: string; baseUrl: string };

let cached: Settings | null = null;

/**
 * Settings from environment variables with safe defaults (README "Settings"):
 * COUNTERSIGN_DB (default data/countersign.db), PORT (3000), NEXTAUTH_SECRET (generated once into
 * data/auth-secret when unset, never committed), NEXTAUTH_URL (http://localhost:PORT).
 * @throws Error naming the variable when a value is invalid.
 */
export function getSettings(): Settings {
  if (cached) return cached;
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`Invalid setting ${issue.path.join(".")}: ${issue.message}`);
  }
  const env = parsed.data;
  const databasePath = path.resolve(env.COUNTERSIGN_DB);
  cached = {
    databasePath,
    port: env.PORT,
    authSecret: env.NEXTAUTH_SECRET ?? readOrCreateSecret(path.join(path.dirname(databasePath), "auth-secret")),
    baseUrl: env.NEXTAUTH_URL ?? `http://localhost:${env.PORT}`,
  };
  return cached;
}

function readOrCreateSecret(file: string): string {
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(path.dirname(file), { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
