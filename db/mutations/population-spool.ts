import "server-only";
import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { type Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ImportRowError } from "@/lib/population-import";
import { AppError } from "@/lib/server/errors";
import { StrictUtf8Checker } from "@/lib/strict-utf8";
import { tooLargeMessage } from "@/lib/upload-request";

/** A body over the size limit: HTTP 413 (the route's errorResponse uses `status`). */
export class UploadTooLargeError extends AppError {
  constructor(maxBytes: number) {
    super("invalid", tooLargeMessage(maxBytes));
  }
  override get status(): number {
    return 413;
  }
}

export const UPLOAD_INTERRUPTED = "The upload was interrupted before the end of the file; nothing was imported.";

export type Spooled = {
  /** The temporary copy of the file; `remove()` deletes it. */
  file: string;
  sha256: string;
  /** Size in bytes. */
  bytes: number;
  /** The first decoding problem (lib/strict-utf8.ts): the file is refused. */
  decodingError: ImportRowError | null;
  remove(): Promise<void>;
};

/** Stops the copy at the first decoding problem (not an I/O failure). */
class DecodingStop extends Error {}

/**
 * Copies an upload to a temporary file (os.tmpdir()) as it arrives, hashing it (SHA-256 of the
 * exact bytes), counting its bytes against `maxBytes` and checking it is UTF-8 without NUL bytes
 * (lib/strict-utf8.ts), so memory stays constant whatever the size and the database transaction
 * that follows reads at disk speed, not at the client's upload speed.
 * @returns the spooled file, or its first decoding problem (the copy stops there).
 * @throws the source's error (an aborted upload); UploadTooLargeError (413) past `maxBytes`;
 *   AppError invalid UPLOAD_INTERRUPTED when the source closes before its end. Nothing is left on disk.
 */
export async function spoolUpload(source: Readable, maxBytes: number): Promise<Spooled> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "countersign-import-"));
  const remove = () => rm(dir, { recursive: true, force: true });
  const file = path.join(dir, "upload");
  const hash = createHash("sha256");
  const checker = new StrictUtf8Checker();
  let bytes = 0;
  let decodingError: ImportRowError | null = null;
  const check = new Transform({
    transform(chunk: Buffer | string, _enc, done) {
      const buf = typeof chunk === "string" ? Buffer.from(chunk, "utf8") : chunk;
      bytes += buf.length;
      if (bytes > maxBytes) return done(new UploadTooLargeError(maxBytes));
      hash.update(buf);
      decodingError = checker.push(buf);
      done(decodingError ? new DecodingStop() : null, buf);
    },
    flush(done) {
      decodingError = checker.end();
      done(decodingError ? new DecodingStop() : null);
    },
  });
  try {
    await pipeline(source, check, createWriteStream(file));
  } catch (e) {
    if (!(e instanceof DecodingStop)) {
      await remove();
      if ((e as { code?: string }).code === "ERR_STREAM_PREMATURE_CLOSE") throw new AppError("invalid", UPLOAD_INTERRUPTED);
      throw e;
    }
    source.destroy();
  }
  return { file, sha256: hash.digest("hex"), bytes, decodingError, remove };
}
