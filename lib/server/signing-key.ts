import "server-only";
import type { HeadSigner } from "@/db/mutations/signoff";
import { parseSigningKey, signHead } from "@/lib/signed-head";
import { getSettings } from "./settings";

let cached: ReturnType<typeof parseSigningKey> | null = null;

function key() {
  cached ??= parseSigningKey(getSettings().eventSigningKeyPem);
  return cached;
}

/** Signs event-log heads with the configured Ed25519 key (settings EVENT_SIGNING_KEY). */
export function getHeadSigner(): HeadSigner {
  const k = key();
  return { keyId: k.keyId, sign: (claim) => signHead(k.privateKey, claim) };
}

/** The public half of the signing key, with its key id, to verify stored heads. */
export function getHeadPublicKey() {
  const { publicKey, keyId } = key();
  return { publicKey, keyId, pem: publicKey.export({ type: "spki", format: "pem" }).toString() };
}
