import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { generateSigningKeyPem, parseSigningKey } from "@/lib/signed-head";
import { parseWaiverKeys } from "@/lib/signoff/waiver-keys";

const schema = z.object({
  COUNTERSIGN_DB: z.string().min(1).default("data/countersign.db"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/\S+$/, "DATABASE_URL must be a PostgreSQL URL such as postgres://user:password@host:5432/countersign")
    .optional(),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  NEXTAUTH_SECRET: z.string().min(32, "NEXTAUTH_SECRET must be at least 32 characters").optional(),
  NEXTAUTH_URL: z.url("NEXTAUTH_URL must be a URL such as http://localhost:3000").optional(),
  EVENT_SIGNING_KEY: z.string().min(1).optional(),
  WAIVER_KEYS: z.string().optional(),
  SIGNOFF_SEPARATION_OF_DUTIES: z.enum(["on", "off"], { error: "SIGNOFF_SEPARATION_OF_DUTIES must be on or off" }).default("on"),
  IMPORT_MAX_MB: z.coerce.number({ error: "IMPORT_MAX_MB must be a whole number of MiB" }).int("IMPORT_MAX_MB must be a whole number of MiB").min(1).max(65536).default(512),
  EVIDENCE_MAX_MB: z.coerce.number({ error: "EVIDENCE_MAX_MB must be a whole number of MiB" }).int("EVIDENCE_MAX_MB must be a whole number of MiB").min(1).max(1024).default(25),
});

export type Settings = {
  /** SQLite file (used when databaseUrl is unset); also where a generated auth secret is kept. */
  databasePath: string;
  /** PostgreSQL connection string; when set, the app runs on PostgreSQL. */
  databaseUrl: string | null;
  port: number;
  authSecret: string;
  baseUrl: string;
  /** Ed25519 private key (PKCS#8 PEM) that signs event-log heads; generated beside the database when unset. */
  eventSigningKeyPem: string;
  /** HMAC waiver secrets by key id (lib/signoff/waiver.ts `parseWaiverKeys`); empty: two-person path only. */
  waiverKeys: Record<string, string>;
  /** The audit's creator and reviewers cannot sign it off (default on). */
  separationOfDuties: boolean;
  /** Largest population file accepted, in bytes (IMPORT_MAX_MB MiB, default 512). */
  importMaxBytes: number;
  /** Largest evidence file accepted, in bytes (EVIDENCE_MAX_MB MiB, default 25; issue 11). */
  evidenceMaxBytes: number;
  /** Where evidence files are kept, each named by its SHA-256: `evidence/` beside the database (issue 11). */
  evidenceDir: string;
};

let cached: Settings | null = null;

/**
 * Settings from environment variables with safe defaults (README "Settings"):
 * COUNTERSIGN_DB (default data/countersign.db), DATABASE_URL (PostgreSQL instead of SQLite),
 * PORT (3000), NEXTAUTH_SECRET (generated once into data/auth-secret when unset, never committed;
 * required with DATABASE_URL, since every instance must share it), NEXTAUTH_URL (http://localhost:PORT),
 * EVENT_SIGNING_KEY (Ed25519 PKCS#8 PEM; generated into data/event-signing-key.pem when unset;
 * required with DATABASE_URL), WAIVER_KEYS (`keyId:base64secret,…`), IMPORT_MAX_MB (population
 * file size limit in MiB, default 512), EVIDENCE_MAX_MB (evidence file size limit in MiB, default
 * 25; files kept in `evidence/` beside the database), SIGNOFF_SEPARATION_OF_DUTIES
 * (on | off, default on).
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
  for (const name of ["NEXTAUTH_SECRET", "EVENT_SIGNING_KEY"] as const) {
    if (env.DATABASE_URL && !env[name]) throw new Error(`Invalid setting ${name}: with DATABASE_URL set, ${name} is required (the same value on every instance)`);
  }
  let waiverKeys: Record<string, string>;
  try {
    waiverKeys = parseWaiverKeys(env.WAIVER_KEYS);
  } catch (e) {
    throw new Error(`Invalid setting WAIVER_KEYS: ${(e as Error).message}`);
  }
  const keyPem = env.EVENT_SIGNING_KEY?.replace(/\\n/g, "\n") ?? readOrCreateFile(path.join(path.dirname(databasePath), "event-signing-key.pem"), generateSigningKeyPem);
  try {
    parseSigningKey(keyPem);
  } catch (e) {
    throw new Error(`Invalid setting EVENT_SIGNING_KEY: ${(e as Error).message}`);
  }
  cached = {
    databasePath,
    databaseUrl: env.DATABASE_URL ?? null,
    port: env.PORT,
    authSecret: env.NEXTAUTH_SECRET ?? readOrCreateFile(path.join(path.dirname(databasePath), "auth-secret"), () => randomBytes(32).toString("base64url")),
    baseUrl: env.NEXTAUTH_URL ?? `http://localhost:${env.PORT}`,
    eventSigningKeyPem: keyPem,
    waiverKeys,
    separationOfDuties: env.SIGNOFF_SEPARATION_OF_DUTIES === "on",
    importMaxBytes: env.IMPORT_MAX_MB * 1024 * 1024,
    evidenceMaxBytes: env.EVIDENCE_MAX_MB * 1024 * 1024,
    evidenceDir: path.join(path.dirname(databasePath), "evidence"),
  };
  return cached;
}

/** A secret kept in a file beside the database: read it, or create it (mode 600) on first use. */
function readOrCreateFile(file: string, create: () => string): string {
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(path.dirname(file), { recursive: true });
  const secret = create().trim();
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
