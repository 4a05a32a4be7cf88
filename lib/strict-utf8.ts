/**
 * Strict decoding of an uploaded population file (issue 10 "Strict decoding"): the bytes must be
 * UTF-8 (WHATWG TextDecoder with `fatal: true`), without NUL bytes, and not UTF-16. Fed chunk by
 * chunk, so memory does not depend on the file size. Rows are 1-based file lines (CSV header =
 * row 1), as in lib/population-import.ts.
 */
import type { ImportRowError } from "./population-import";

/** Bytes of the start inspected for UTF-16 without a byte-order mark (NUL-heavy text). */
const SNIFF_BYTES = 1024;

/**
 * Checks a byte stream as it arrives. `push` each chunk in order, then `end()`; each returns the
 * first problem found (the file is refused) or null. After a problem, stop feeding it.
 * Problems: `{ row: 1, reason: "the file is UTF-16; save it as UTF-8" }` (byte-order mark FF FE /
 * FE FF, or NUL bytes in at least a quarter of the first 1 KiB); `{ row, reason: "the file is not
 * valid UTF-8; save it as UTF-8" }` at the line of the first invalid byte (or of a sequence cut
 * off at the end); `{ row, reason: "the file contains a NUL byte; is it a binary file?" }`.
 */
export class StrictUtf8Checker {
  private readonly decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
  /** Line (1-based) at the start of the next chunk. */
  private line = 1;
  private seen = 0;
  /** The incomplete multi-byte sequence at the end of the bytes so far (at most 3 bytes). */
  private carry: Uint8Array = new Uint8Array(0);

  push(chunk: Uint8Array): ImportRowError | null {
    if (chunk.length === 0) return null;
    const first = this.seen === 0;
    this.seen += chunk.length;
    if (first && (chunk[0] === 0xff || chunk[0] === 0xfe)) return utf16();
    const nul = chunk.indexOf(0);
    if (nul >= 0) {
      if (first && nul < SNIFF_BYTES && nulShare(chunk.subarray(0, SNIFF_BYTES)) >= 0.25) return utf16();
      return { row: this.line + countNewlines(chunk, nul), column: "", reason: "the file contains a NUL byte; is it a binary file?" };
    }
    try {
      this.decoder.decode(chunk, { stream: true });
    } catch {
      const at = firstInvalidByte(this.carry, chunk);
      return { row: this.line + countNewlines(chunk, Math.max(0, at)), column: "", reason: NOT_UTF8 };
    }
    this.line += countNewlines(chunk, chunk.length);
    const tailSource = chunk.length >= 3 ? chunk.subarray(chunk.length - 3) : concat(this.carry, chunk);
    this.carry = tailSource.subarray(tailSource.length - incompleteTail(tailSource));
    return null;
  }

  /** The end of the file: a multi-byte sequence cut off at the very end is refused. */
  end(): ImportRowError | null {
    try {
      this.decoder.decode();
      return null;
    } catch {
      return { row: this.line, column: "", reason: NOT_UTF8 };
    }
  }
}

const NOT_UTF8 = "the file is not valid UTF-8; save it as UTF-8";
const utf16 = (): ImportRowError => ({ row: 1, column: "", reason: "the file is UTF-16; save it as UTF-8" });

function nulShare(bytes: Uint8Array): number {
  let n = 0;
  for (const b of bytes) if (b === 0) n++;
  return n / bytes.length;
}

/** Newlines (LF) in bytes[0, end). */
function countNewlines(bytes: Uint8Array, end: number): number {
  let n = 0;
  for (let i = bytes.indexOf(10); i >= 0 && i < end; i = bytes.indexOf(10, i + 1)) n++;
  return n;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** How many trailing bytes start a multi-byte sequence that the bytes do not finish (0–3). */
function incompleteTail(bytes: Uint8Array): number {
  for (let i = bytes.length - 1; i >= Math.max(0, bytes.length - 3); i--) {
    const b = bytes[i];
    if ((b & 0xc0) === 0x80) continue; // continuation byte
    if (b < 0xc0) return 0;
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
    return bytes.length - i < need ? bytes.length - i : 0;
  }
  return 0;
}

/**
 * Index in `chunk` of the first byte that makes the UTF-8 invalid, given the incomplete sequence
 * `carry` before it (negative: the problem lies in the carried bytes). Binary search over prefixes:
 * a prefix decodes in stream mode exactly when it holds no invalid byte. Run only on failure.
 */
function firstInvalidByte(carry: Uint8Array, chunk: Uint8Array): number {
  const data = concat(carry, chunk);
  let lo = 1;
  let hi = data.length; // the whole of data fails
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    try {
      new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(data.subarray(0, mid), { stream: true });
      lo = mid + 1;
    } catch {
      hi = mid;
    }
  }
  return lo - 1 - carry.length;
}
