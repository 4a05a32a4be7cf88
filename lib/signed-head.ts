/**
 * Signed chain heads: the event log's head hash signed with an Ed25519 key held outside the
 * database, so that rewriting the history (and recomputing every hash) is detected, not just an
 * edited row (the idea of Rekor's signed tree heads). Pure: keys come in as KeyObjects or PEM text.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, sign, verify } from "node:crypto";

export type SignedHeadClaim = {
  /** Id of the event-log entry that is the head being signed. */
  eventId: number;
  /** That entry's hash (64 hex). */
  headHash: string;
  /** Why the head was signed: the state change that called for it. */
  reason: "sign_off" | "closeout" | "break_glass";
  /** ISO-8601 UTC timestamp of signing. */
  signedAt: string;
};

/** The exact bytes signed: a JSON array in fixed field order, so no canonicalization ambiguity. */
export function signedHeadMessage(c: SignedHeadClaim): Buffer {
  return Buffer.from(JSON.stringify(["countersign.signed-head.v1", c.eventId, c.headHash, c.reason, c.signedAt]), "utf8");
}

/** Key id: first 16 hex characters of the SHA-256 of the public key's DER (SPKI) encoding. */
export function keyId(publicKey: KeyObject): string {
  return createHash("sha256").update(publicKey.export({ type: "spki", format: "der" })).digest("hex").slice(0, 16);
}

/** A new Ed25519 private key as PKCS#8 PEM text. */
export function generateSigningKeyPem(): string {
  return generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" }).toString();
}

/**
 * Parses an Ed25519 private key (PKCS#8 PEM).
 * @throws Error when the text is not an Ed25519 private key.
 */
export function parseSigningKey(pem: string): { privateKey: KeyObject; publicKey: KeyObject; keyId: string } {
  const privateKey = createPrivateKey(pem);
  if (privateKey.asymmetricKeyType !== "ed25519") throw new Error(`the event signing key must be Ed25519, not ${privateKey.asymmetricKeyType}`);
  const publicKey = createPublicKey(privateKey);
  return { privateKey, publicKey, keyId: keyId(publicKey) };
}

/** Ed25519 signature (base64) of a claim. */
export function signHead(privateKey: KeyObject, claim: SignedHeadClaim): string {
  return sign(null, signedHeadMessage(claim), privateKey).toString("base64");
}

/** True when `signature` (base64) is a valid Ed25519 signature of `claim` under `publicKey`. */
export function verifyHead(publicKey: KeyObject, claim: SignedHeadClaim, signature: string): boolean {
  try {
    return verify(null, signedHeadMessage(claim), publicKey, Buffer.from(signature, "base64"));
  } catch {
    return false;
  }
}
