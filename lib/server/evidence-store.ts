import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { type Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { type EvidenceType, evidenceTooLargeMessage, HEAD_BYTES, inspectEvidence, TAIL_BYTES, typeForName } from "@/lib/evidence";
import { StrictUtf8Checker } from "@/lib/strict-utf8";
import { AppError } from "./errors";

/**
 * The evidence file store (issue 11, "Evidence"): files on disk under the data directory
 * (`<dataDir>/evidence/<sha256>`, lib/server/settings.ts `evidenceDir`), named by the SHA-256 of
 * their bytes, so the same content uploaded twice is stored once. Files are never deleted: removing
 * evidence is recorded in the database, the bytes stay.
 */

/** A file over the size limit: HTTP 413. */
export class EvidenceTooLargeError extends AppError {
  constructor(maxBytes: number) {
    super("invalid", evidenceTooLargeMessage(maxBytes));
  }
  override get status(): number {
    return 413;
  }
}

/** A file whose content is not an accepted type: HTTP 415, with the reason. */
export class EvidenceTypeError extends AppError {
  constructor(reason: string) {
    super("invalid", `${reason} Nothing was stored.`);
  }
  override get status(): number {
    return 415;
  }
}

export const EVIDENCE_UPLOAD_INTERRUPTED = "The upload was interrupted before the end of the file; nothing was stored.";

export type StoredEvidence = EvidenceType & { sha256: string; sizeBytes: number };

const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * Streams an upload into the store: written to a temporary file in `dir` while it is hashed
 * (SHA-256 of the exact bytes), counted against `maxBytes`, and sampled for type detection (first
 * HEAD_BYTES, last TAIL_BYTES, strict UTF-8 over the whole file); then judged by its content
 * (lib/evidence.ts `inspectEvidence`, the name only picks among text types) and renamed to
 * `dir/<sha256>` (atomic; an existing file of the same hash has the same bytes). Memory stays
 * constant whatever the size.
 * @param maxBytes the largest file accepted, in bytes.
 * @returns the hash, the size in bytes and the detected type.
 * @throws EvidenceTooLargeError (413) past `maxBytes`; EvidenceTypeError (415) for a refused type;
 *   AppError invalid EVIDENCE_UPLOAD_INTERRUPTED when the source closes early; the source's own
 *   error. In every failure the temporary file is removed and nothing is stored.
 */
export async function storeEvidenceFile(source: Readable, { dir, maxBytes, fileName }: { dir: string; maxBytes: number; fileName: string }): Promise<StoredEvidence> {
  await mkdir(dir, { recursive: true });
  const temp = path.join(dir, `.upload-${randomUUID()}`);
  const hash = createHash("sha256");
  const checker = new StrictUtf8Checker();
  let textProblem: string | null = null;
  let size = 0;
  let head = Buffer.alloc(0);
  let tail = Buffer.alloc(0);
  const sample = new Transform({
    transform(chunk: Buffer | string, _enc, done) {
      const buf = typeof chunk === "string" ? Buffer.from(chunk, "utf8") : chunk;
      size += buf.length;
      if (size > maxBytes) return done(new EvidenceTooLargeError(maxBytes));
      hash.update(buf);
      if (head.length < HEAD_BYTES) head = Buffer.concat([head, buf.subarray(0, HEAD_BYTES - head.length)]);
      tail = Buffer.concat([tail, buf]);
      if (tail.length > TAIL_BYTES) tail = tail.subarray(tail.length - TAIL_BYTES);
      if (textProblem === null) textProblem = checker.push(buf)?.reason ?? null;
      done(null, buf);
    },
    flush(done) {
      if (textProblem === null) textProblem = checker.end()?.reason ?? null;
      done();
    },
  });
  try {
    await pipeline(source, sample, createWriteStream(temp, { flags: "wx", mode: 0o600 }));
    const judged = inspectEvidence({ head, tail: Buffer.from(tail), size, textProblem });
    if ("refused" in judged) throw new EvidenceTypeError(judged.refused);
    const sha256 = hash.digest("hex");
    await rename(temp, path.join(dir, sha256));
    return { ...typeForName(judged.type, fileName), sha256, sizeBytes: size };
  } catch (e) {
    await rm(temp, { force: true });
    if ((e as { code?: string }).code === "ERR_STREAM_PREMATURE_CLOSE") throw new AppError("invalid", EVIDENCE_UPLOAD_INTERRUPTED);
    throw e;
  }
}

/**
 * Opens a stored file for reading.
 * @returns a read stream of `dir/<sha256>`, or null when the hash is malformed or the file is missing.
 */
export async function openEvidenceFile(dir: string, sha256: string): Promise<Readable | null> {
  if (!SHA256_HEX.test(sha256)) return null;
  const file = path.join(dir, sha256);
  try {
    if (!(await stat(file)).isFile()) return null;
  } catch {
    return null;
  }
  return createReadStream(file);
}
