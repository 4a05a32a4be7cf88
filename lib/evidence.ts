/**
 * Evidence on a review (issue 11, "Evidence"): which files are accepted, judged by their content
 * (magic bytes and structure), never by their name; how a name and a link are validated; how a
 * download is named. Pure: no I/O. The streaming store is lib/server/evidence-store.ts.
 *
 * Decision on a name that lies (issue 11 allows refusing or storing): a file is stored as what its
 * content is. An HTML page named `x.png` is stored as text/html, flagged as a name/content
 * mismatch in the list, and downloaded as `x.png.html`; every file is served as an attachment with
 * `Content-Type: application/octet-stream`, so nothing is ever rendered inline.
 */
import { z } from "zod";
import { sameOrigin, type UploadHeaders, type UploadRefusal } from "./upload-request";

/** Media types that may be stored, detected from the content. */
export const EVIDENCE_MEDIA_TYPES = ["image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf", "text/html", "text/plain", "text/csv", "application/json"] as const;
export type EvidenceMediaType = (typeof EVIDENCE_MEDIA_TYPES)[number];

/** A detected type: the media type stored and the file extension it goes with (no dot). */
export type EvidenceType = { mediaType: EvidenceMediaType; ext: string };

/** Default size limit of one evidence file: 25 MiB (issue 11), configurable by EVIDENCE_MAX_MB. */
export const DEFAULT_EVIDENCE_MAX_MB = 25;

/** How many leading bytes detection looks at (signatures, HTML after a leading comment). */
export const HEAD_BYTES = 8 * 1024;
/** How many trailing bytes detection looks at (end markers: PNG IEND, GIF trailer, JPEG EOI, PDF %%EOF). */
export const TAIL_BYTES = 1024;

/**
 * What detection needs of a file, so a stream can be judged without holding it whole:
 * - `head`: its first HEAD_BYTES bytes (all of it when smaller),
 * - `tail`: its last TAIL_BYTES bytes,
 * - `size`: its length in bytes,
 * - `textProblem`: null when the WHOLE file is UTF-8 without NUL bytes and not UTF-16 (lib/strict-utf8.ts), else why not.
 */
export type ContentSample = { head: Uint8Array; tail: Uint8Array; size: number; textProblem: string | null };

export const ALLOWED_DESCRIPTION = "PNG, JPEG, GIF or WebP images, PDF, HTML pages, or UTF-8 text (plain text, CSV, JSON)";

const ascii = (bytes: Uint8Array, from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
const startsWith = (bytes: Uint8Array, sig: readonly number[], at = 0) => bytes.length >= at + sig.length && sig.every((b, i) => bytes[at + i] === b);
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** The IEND chunk every complete PNG ends with: length 0, "IEND", its CRC. */
const PNG_IEND = [0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82];
const UTF8_BOM = [0xef, 0xbb, 0xbf];
/** "%%EOF", the last line of a complete PDF. */
const PDF_EOF = [0x25, 0x25, 0x45, 0x4f, 0x46];

/**
 * Judges a file by its content. Binary formats need their signature AND an intact structure:
 * PNG (signature, IHDR first, ends with IEND), JPEG (FF D8 FF, an FF D9 end marker in the last
 * KiB), GIF (GIF87a/GIF89a, ends with the 0x3B trailer), WebP (RIFF…WEBP, the RIFF length not past
 * the end), PDF (`%PDF-`, `%%EOF` in the last KiB). HTML: UTF-8 text whose first tag, after a BOM,
 * white space and comments, is `<!doctype html` or `<html` (any case). Anything else that is UTF-8
 * text without NUL bytes is text/plain. Empty files and anything else are refused.
 * @returns the detected type, or the reason it is refused (a sentence for the user).
 */
export function inspectEvidence(s: ContentSample): { type: EvidenceType } | { refused: string } {
  const { head, tail, size } = s;
  if (size === 0) return { refused: "The file is empty." };
  if (startsWith(head, PNG_SIGNATURE)) {
    if (size < 8 + 25 + 12 || ascii(head, 12, 16) !== "IHDR") return { refused: "The PNG file is damaged: it has no IHDR header." };
    if (!endsWith(tail, PNG_IEND)) return { refused: "The PNG file is truncated: it does not end with the IEND chunk." };
    return { type: { mediaType: "image/png", ext: "png" } };
  }
  if (startsWith(head, [0xff, 0xd8, 0xff])) {
    if (!contains(tail, [0xff, 0xd9])) return { refused: "The JPEG file is truncated: it has no end-of-image marker." };
    return { type: { mediaType: "image/jpeg", ext: "jpg" } };
  }
  if (ascii(head, 0, 6) === "GIF87a" || ascii(head, 0, 6) === "GIF89a") {
    if (tail[tail.length - 1] !== 0x3b) return { refused: "The GIF file is truncated: it does not end with the GIF trailer." };
    return { type: { mediaType: "image/gif", ext: "gif" } };
  }
  if (ascii(head, 0, 4) === "RIFF" && ascii(head, 8, 12) === "WEBP") {
    const declared = (head[4] | (head[5] << 8) | (head[6] << 16) | (head[7] << 24)) >>> 0;
    if (declared + 8 > size) return { refused: "The WebP file is truncated: it is shorter than its header says." };
    return { type: { mediaType: "image/webp", ext: "webp" } };
  }
  if (ascii(head, 0, 5) === "%PDF-") {
    if (!contains(tail, PDF_EOF)) return { refused: "The PDF file is truncated: it has no %%EOF end marker." };
    return { type: { mediaType: "application/pdf", ext: "pdf" } };
  }
  if (s.textProblem === null) return { type: looksLikeHtml(head) ? { mediaType: "text/html", ext: "html" } : { mediaType: "text/plain", ext: "txt" } };
  // Text in another encoding gets told how to fix it; NUL bytes without a UTF-16 byte-order mark mean a binary.
  const utf16 = startsWith(head, [0xff, 0xfe]) || startsWith(head, [0xfe, 0xff]);
  if (utf16 || (/not valid UTF-8/.test(s.textProblem) && !head.includes(0))) {
    return { refused: `The file is not one of the accepted types (${ALLOWED_DESCRIPTION}): ${utf16 ? "the file is UTF-16; save it as UTF-8" : s.textProblem}.` };
  }
  return { refused: `The file is not one of the accepted types (${ALLOWED_DESCRIPTION}); it looks like an unknown binary file.` };
}

/**
 * `inspectEvidence` on a whole file held in memory (tests, small inputs).
 * @returns the detected type, or null when the file is refused.
 */
export function detectEvidenceType(bytes: Uint8Array): EvidenceType | null {
  const result = inspectEvidence(sampleOf(bytes));
  return "type" in result ? result.type : null;
}

/** The ContentSample of a whole file held in memory. */
export function sampleOf(bytes: Uint8Array): ContentSample {
  return { head: bytes.subarray(0, HEAD_BYTES), tail: bytes.subarray(Math.max(0, bytes.length - TAIL_BYTES)), size: bytes.length, textProblem: textProblemOf(bytes) };
}

/** Why bytes are not UTF-8 text without NUL (null when they are); a UTF-8 BOM is allowed. */
function textProblemOf(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xff || bytes[0] === 0xfe) return "the file is UTF-16; save it as UTF-8";
  if (bytes.includes(0)) return "the file contains a NUL byte; is it a binary file?";
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return null;
  } catch {
    return "the file is not valid UTF-8; save it as UTF-8";
  }
}

function endsWith(bytes: Uint8Array, sig: readonly number[]): boolean {
  return bytes.length >= sig.length && startsWith(bytes, sig, bytes.length - sig.length);
}

function contains(bytes: Uint8Array, seq: readonly number[]): boolean {
  for (let i = 0; i + seq.length <= bytes.length; i++) if (startsWith(bytes, seq, i)) return true;
  return false;
}

function looksLikeHtml(head: Uint8Array): boolean {
  let text = new TextDecoder("utf-8").decode(startsWith(head, UTF8_BOM) ? head.subarray(3) : head);
  for (;;) {
    text = text.trimStart();
    if (!text.startsWith("<!--")) break;
    const end = text.indexOf("-->");
    if (end < 0) return false;
    text = text.slice(end + 3);
  }
  return /^<(!doctype\s+html|html)[\s>]/i.test(text);
}

/** Extensions each stored type may carry in its name without being flagged. */
const EXTENSIONS: Record<EvidenceMediaType, readonly string[]> = {
  "image/png": ["png"],
  "image/jpeg": ["jpg", "jpeg", "jfif"],
  "image/gif": ["gif"],
  "image/webp": ["webp"],
  "application/pdf": ["pdf"],
  "text/html": ["html", "htm", "xhtml"],
  "text/plain": [],
  "text/csv": ["csv"],
  "application/json": ["json"],
};
const TEXT_TYPES: readonly EvidenceMediaType[] = ["text/plain", "text/csv", "application/json"];

const extensionOf = (fileName: string) => {
  const dot = fileName.lastIndexOf(".");
  return dot > 0 ? fileName.slice(dot + 1).toLowerCase() : "";
};

/**
 * The type to store for a detected type and the uploaded name: text named `.csv` is text/csv and
 * text named `.json` is application/json (the name only picks among text types; it never turns
 * bytes into another kind); everything else as detected.
 */
export function typeForName(detected: EvidenceType, fileName: string): EvidenceType {
  if (detected.mediaType !== "text/plain") return detected;
  const ext = extensionOf(fileName);
  if (ext === "csv") return { mediaType: "text/csv", ext: "csv" };
  if (ext === "json") return { mediaType: "application/json", ext: "json" };
  return detected;
}

/**
 * Whether the name's extension disagrees with the stored type (shown as a warning in the list,
 * and the download gets the real extension appended). Text may carry any extension that is not
 * another accepted type's (`.log`, `.sql`, none…); images, PDF and HTML must carry their own.
 * @param mediaType the stored media type (a string from the database; unknown types count as a mismatch).
 */
export function extensionMismatch(fileName: string, mediaType: string): boolean {
  const own = EXTENSIONS[mediaType as EvidenceMediaType];
  if (!own) return true;
  const ext = extensionOf(fileName);
  if (TEXT_TYPES.includes(mediaType as EvidenceMediaType)) {
    return Object.entries(EXTENSIONS).some(([type, exts]) => !TEXT_TYPES.includes(type as EvidenceMediaType) && exts.includes(ext));
  }
  return !own.includes(ext);
}

/** The download name: the uploaded name, plus the real extension when the name disagrees with the content (`x.png` holding HTML → `x.png.html`). */
export function downloadName(fileName: string, mediaType: string): string {
  if (!extensionMismatch(fileName, mediaType)) return fileName;
  const own = EXTENSIONS[mediaType as EvidenceMediaType];
  return `${fileName}.${own?.[0] ?? "bin"}`;
}

/**
 * `Content-Disposition: attachment` for a file name (RFC 6266): a quoted ASCII fallback (non-ASCII,
 * control characters, `"` and `\` become `_`) and, when the name is not plain ASCII, `filename*`
 * in RFC 5987 encoding (UTF-8, percent-encoded).
 */
export function attachmentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]|["\\]/g, "_");
  if (fallback === fileName) return `attachment; filename="${fileName}"`;
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/** A byte count for people: `512 B`, `1.5 KiB`, `24.8 MiB`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Number((bytes / 1024).toFixed(1))} KiB`;
  return `${Number((bytes / 1024 / 1024).toFixed(1))} MiB`;
}

/** The refusal of a file over the limit (HTTP 413); `maxBytes` in bytes. */
export function evidenceTooLargeMessage(maxBytes: number): string {
  return `The file is larger than the ${formatBytes(maxBytes)} limit for evidence; nothing was stored.`;
}

/**
 * Checks an evidence upload's headers before a byte of the body is read, like the population
 * import (lib/upload-request.ts): an Origin other than the app's → 403 (a missing Origin is
 * allowed: only non-browser clients omit it); multipart/form-data → 415 (the file must be the raw
 * body); a Content-Length that is not a whole number → 411, over `maxBytes` → 413. Any other
 * Content-Type is accepted and ignored: the type is judged from the content.
 * @param maxBytes the size limit in bytes.
 * @returns null when the upload may proceed, else the status and a message for the user.
 */
export function checkEvidenceUploadHeaders(h: UploadHeaders, { baseUrl, maxBytes }: { baseUrl: string; maxBytes: number }): UploadRefusal | null {
  if (h.origin !== null && !sameOrigin(h.origin, baseUrl, h.host)) return { status: 403, message: "This upload comes from another site (its Origin is not this app); it was refused." };
  if ((h.contentType ?? "").split(";")[0].trim().toLowerCase() === "multipart/form-data") return { status: 415, message: "Send the file as the request body, not as a form upload (multipart/form-data)." };
  if (h.contentLength !== null) {
    const length = h.contentLength.trim();
    if (!/^\d+$/.test(length)) return { status: 411, message: "Content-Length must be a whole number of bytes." };
    if (Number(length) > maxBytes) return { status: 413, message: evidenceTooLargeMessage(maxBytes) };
  }
  return null;
}

/**
 * An uploaded file's name as given in the upload (query `fileName`): trimmed, any folder part
 * dropped (`C:\x\shot.png` → `shot.png`), 1–255 characters, no control characters.
 */
export const evidenceFileNameSchema = z
  .string({ error: "fileName is required" })
  .transform((s) => s.split(/[\\/]/).pop()!.trim())
  .pipe(z.string().min(1, "fileName is required").max(255, "fileName is at most 255 characters").regex(/^[^\u0000-\u001f\u007f]*$/, "fileName must not contain control characters"));

const id = (field: string) => z.coerce.number({ error: `${field} must be a number` }).int(`${field} must be a whole number`).positive(`${field} must be positive`);

/** Link evidence (issue 11): an http(s) URL of at most 2,048 characters and an optional label (≤ 200). */
export const evidenceLinkSchema = z.object({
  sampleUnitId: id("sampleUnitId"),
  url: z
    .string({ error: "Enter a link" })
    .trim()
    .min(1, "Enter a link")
    .max(2048, "The link is at most 2,048 characters")
    .pipe(z.url({ protocol: /^https?$/, error: "Enter an http:// or https:// link, e.g. https://grafana.example.org/d/abc" })),
  label: z
    .string()
    .trim()
    .max(200, "The label is at most 200 characters")
    .optional()
    .transform((s) => (s ? s : null)),
});
export type EvidenceLinkInput = z.output<typeof evidenceLinkSchema>;

/** Removing an evidence item (issue 11): which one, and why (1–500 characters; the row is kept, marked removed). */
export const evidenceRemovalSchema = z.object({
  evidenceId: id("evidenceId"),
  reason: z.string({ error: "Give a reason for removing it" }).trim().min(1, "Give a reason for removing it").max(500, "The reason is at most 500 characters"),
});

/** One evidence item as the review page lists it (dates as ISO-8601 UTC strings, so it can cross to the client). */
export type EvidenceItemView = {
  id: number;
  kind: "file" | "link";
  /** file: the uploaded name; link: its label, else the URL. */
  name: string;
  url: string | null;
  mediaType: string | null;
  sizeBytes: number | null;
  sha256: string | null;
  /** file: the name's extension disagrees with the content (see `extensionMismatch`). */
  mismatch: boolean;
  addedBy: string;
  addedAt: string;
  removedBy: string | null;
  removedAt: string | null;
  removedReason: string | null;
};
