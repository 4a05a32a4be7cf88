import { hash, verify } from "@node-rs/argon2";

// Algorithm 2 = Argon2id in @node-rs/argon2; parameters are OWASP's minimum (19 MiB, t=2, p=1).
const OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** Argon2id hash (PHC string) of a password. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

/** True when `password` matches the PHC hash; false on a malformed hash. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | null = null;
/** Verifies against a fixed dummy hash so unknown accounts take as long as known ones. */
export async function burnPasswordCheck(password: string): Promise<void> {
  dummy ??= hashPassword("countersign-dummy-password");
  await verifyPassword(await dummy, password);
}
