import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

const schema = z.object({
  COUNTERSIGN_DB: z.string().min(1).default("data/countersign.db"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/\S+$/, "DATABASE_URL must be a PostgreSQL URL such as postgres://user:password@host:5432/countersign")
    .optional(),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  NEXTAUTH_SECRET: z.string().min(32, "NEXTAUTH_SECRET must be at least 32 characters").optional(),
  NEXTAUTH_URL: z.url("NEXTAUTH_URL must be a URL such as http://localhost:3000").optional(),
});

export type Settings = {
  /** SQLite file (used when databaseUrl is unset); also where a generated auth secret is kept. */
  databasePath: string;
  /** PostgreSQL connection string; when set, the app runs on PostgreSQL. */
  databaseUrl: string | null;
  port: number;
  authSecret: string;
  baseUrl: string;
};

let cached: Settings | null = null;

/**
 * Settings from environment variables with safe defaults (README "Settings"):
 * COUNTERSIGN_DB (default data/countersign.db), DATABASE_URL (PostgreSQL instead of SQLite),
 * PORT (3000), NEXTAUTH_SECRET (generated once into data/auth-secret when unset, never committed;
 * required with DATABASE_URL, since every instance must share it), NEXTAUTH_URL (http://localhost:PORT).
 * @throws Error naming the variable when a value is invalid.
 */
export function getSettings(): Settings {
  if (cached) return cached;
  // An empty variable counts as unset (e.g. DATABASE_URL= to force SQLite).
  const parsed = schema.safeParse(Object.fromEntries(Object.entries(process.env).filter(([, v]) => v !== "")));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`Invalid setting ${issue.path.join(".")}: ${issue.message}`);
  }
  const env = parsed.data;
  const databasePath = path.resolve(env.COUNTERSIGN_DB);
  if (env.DATABASE_URL && !env.NEXTAUTH_SECRET) {
    throw new Error("Invalid setting NEXTAUTH_SECRET: with DATABASE_URL set, NEXTAUTH_SECRET is required (the same value on every instance)");
  }
  cached = {
    databasePath,
    databaseUrl: env.DATABASE_URL ?? null,
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
