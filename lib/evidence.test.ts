import { describe, expect, it } from "vitest";
import {
  attachmentDisposition,
  checkEvidenceUploadHeaders,
  detectEvidenceType,
  downloadName,
  evidenceFileNameSchema,
  evidenceLinkSchema,
  evidenceRemovalSchema,
  extensionMismatch,
  formatBytes,
  inspectEvidence,
  sampleOf,
  typeForName,
} from "./evidence";

/** A complete 1×1 PNG (signature, IHDR, IDAT, IEND). */
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64");
const PDF = Buffer.from("%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, ...Buffer.from("JFIF"), 0x00, 0x01, 0x02, 0xff, 0xd9]);
const GIF = Buffer.concat([Buffer.from("GIF89a"), Buffer.from([1, 0, 1, 0, 0, 0, 0, 0x2c, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x44, 1, 0, 0x3b])]);
const webp = (declaredExtra = 0) => {
  const body = Buffer.concat([Buffer.from("WEBPVP8 "), Buffer.alloc(10)]);
  const header = Buffer.alloc(8);
  header.write("RIFF", 0, "ascii");
  header.writeUInt32LE(body.length + declaredExtra, 4);
  return Buffer.concat([header, body]);
};
const utf8 = (s: string) => new TextEncoder().encode(s);

describe("detectEvidenceType (content, never the name)", () => {
  it("recognises each allowed binary format by its signature and structure", () => {
    expect(detectEvidenceType(PNG)).toEqual({ mediaType: "image/png", ext: "png" });
    expect(detectEvidenceType(PDF)).toEqual({ mediaType: "application/pdf", ext: "pdf" });
    expect(detectEvidenceType(JPEG)).toEqual({ mediaType: "image/jpeg", ext: "jpg" });
    expect(detectEvidenceType(GIF)).toEqual({ mediaType: "image/gif", ext: "gif" });
    expect(detectEvidenceType(webp())).toEqual({ mediaType: "image/webp", ext: "webp" });
  });

  it("refuses a truncated PNG (cut before IEND) and one that is only the signature", () => {
    expect(detectEvidenceType(PNG.subarray(0, PNG.length - 12))).toBeNull();
    expect(detectEvidenceType(PNG.subarray(0, 8))).toBeNull();
    expect(inspectEvidence(sampleOf(PNG.subarray(0, 50)))).toEqual({ refused: expect.stringMatching(/PNG file is (truncated|damaged)/) });
  });

  it("refuses a PDF without %%EOF, a GIF without trailer and a WebP shorter than its header", () => {
    expect(detectEvidenceType(PDF.subarray(0, 30))).toBeNull();
    expect(detectEvidenceType(GIF.subarray(0, GIF.length - 1))).toBeNull();
    expect(detectEvidenceType(webp(100))).toBeNull();
    expect(detectEvidenceType(JPEG.subarray(0, JPEG.length - 2))).toBeNull();
  });

  it("an HTML page is text/html whatever it is named, after a BOM, white space or comments", () => {
    expect(detectEvidenceType(utf8("<!DOCTYPE html>\n<html><body>hi</body></html>"))).toEqual({ mediaType: "text/html", ext: "html" });
    expect(detectEvidenceType(utf8("\ufeff  <!-- saved from url=(0014)about:internet -->\n<html lang=en>"))).toEqual({ mediaType: "text/html", ext: "html" });
    expect(detectEvidenceType(utf8("<HTML>"))).toEqual({ mediaType: "text/html", ext: "html" });
    // Text that mentions a tag later is plain text (and is served as a download anyway).
    expect(detectEvidenceType(utf8("query output\n<html>"))).toEqual({ mediaType: "text/plain", ext: "txt" });
    expect(detectEvidenceType(utf8("<htmlx>"))).toEqual({ mediaType: "text/plain", ext: "txt" });
  });

  it("an HTML file named .png is stored as text/html, flagged, and downloaded with .html appended", () => {
    const type = detectEvidenceType(utf8("<!doctype html><script>alert(1)</script>"))!;
    expect(typeForName(type, "screenshot.png")).toEqual({ mediaType: "text/html", ext: "html" });
    expect(extensionMismatch("screenshot.png", type.mediaType)).toBe(true);
    expect(downloadName("screenshot.png", type.mediaType)).toBe("screenshot.png.html");
    expect(downloadName("page.html", type.mediaType)).toBe("page.html");
  });

  it("UTF-8 text (CSV, JSON, query output) is text; the name picks only among text types", () => {
    const csv = detectEvidenceType(utf8("id,status\n1,ok\n"))!;
    expect(csv).toEqual({ mediaType: "text/plain", ext: "txt" });
    expect(typeForName(csv, "rows.csv")).toEqual({ mediaType: "text/csv", ext: "csv" });
    expect(typeForName(csv, "rows.JSON")).toEqual({ mediaType: "application/json", ext: "json" });
    expect(typeForName(csv, "rows.sql")).toEqual({ mediaType: "text/plain", ext: "txt" });
    expect(typeForName(detectEvidenceType(PNG)!, "x.csv")).toEqual({ mediaType: "image/png", ext: "png" });
    expect(detectEvidenceType(utf8("\ufeffnaïve café ✓"))).toEqual({ mediaType: "text/plain", ext: "txt" });
  });

  it("refuses UTF-16 text, NUL bytes, invalid UTF-8, unknown binaries and empty files, with a plain reason", () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("id,status\n", "utf16le")]);
    expect(detectEvidenceType(utf16)).toBeNull();
    expect(inspectEvidence(sampleOf(utf16))).toEqual({ refused: expect.stringContaining("UTF-16") });
    expect(detectEvidenceType(utf8("a\u0000b"))).toBeNull();
    expect(inspectEvidence(sampleOf(utf8("a\u0000b")))).toEqual({ refused: expect.stringContaining("unknown binary") });
    expect(detectEvidenceType(Buffer.from([0x61, 0xc3]))).toBeNull();
    const zip = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00]);
    expect(detectEvidenceType(zip)).toBeNull();
    expect(detectEvidenceType(new Uint8Array(0))).toBeNull();
    expect(inspectEvidence(sampleOf(new Uint8Array(0)))).toEqual({ refused: "The file is empty." });
  });
});

describe("extensionMismatch", () => {
  it("images, PDF and HTML must carry their own extension; text any but another type's", () => {
    expect(extensionMismatch("a.PNG", "image/png")).toBe(false);
    expect(extensionMismatch("a.jpeg", "image/jpeg")).toBe(false);
    expect(extensionMismatch("a.jpg", "image/png")).toBe(true);
    expect(extensionMismatch("a", "application/pdf")).toBe(true);
    expect(extensionMismatch("out.log", "text/plain")).toBe(false);
    expect(extensionMismatch("README", "text/plain")).toBe(false);
    expect(extensionMismatch("a.pdf", "text/plain")).toBe(true);
    expect(extensionMismatch("a.csv", "text/csv")).toBe(false);
    expect(extensionMismatch("a.exe", "application/x-unknown")).toBe(true);
  });
});

describe("attachmentDisposition (RFC 6266 / 5987)", () => {
  it("quotes a plain ASCII name", () => {
    expect(attachmentDisposition("shot.png")).toBe('attachment; filename="shot.png"');
  });
  it("adds filename* in UTF-8 for other names, with a safe ASCII fallback", () => {
    expect(attachmentDisposition("Prüfung (1).pdf")).toBe("attachment; filename=\"Pr_fung (1).pdf\"; filename*=UTF-8''Pr%C3%BCfung%20%281%29.pdf");
    expect(attachmentDisposition('a"b\\c.txt')).toBe("attachment; filename=\"a_b_c.txt\"; filename*=UTF-8''a%22b%5Cc.txt");
    expect(attachmentDisposition("x\r\ny.txt")).toMatch(/^attachment; filename="x__y.txt"; filename\*=UTF-8''x%0D%0Ay.txt$/);
  });
});

describe("input schemas", () => {
  it("file names drop folders and control characters are refused", () => {
    expect(evidenceFileNameSchema.parse("C:\\Users\\me\\shot.png")).toBe("shot.png");
    expect(evidenceFileNameSchema.parse(" ../../etc/passwd ")).toBe("passwd");
    expect(evidenceFileNameSchema.safeParse("a\u0007.png").success).toBe(false);
    expect(evidenceFileNameSchema.safeParse("dir/").success).toBe(false);
    expect(evidenceFileNameSchema.safeParse("x".repeat(256)).success).toBe(false);
  });
  it("links are http(s) only, at most 2,048 characters; the label is optional", () => {
    expect(evidenceLinkSchema.parse({ sampleUnitId: "3", url: " https://grafana.example.org/d/abc?x=1 ", label: "" })).toEqual({ sampleUnitId: 3, url: "https://grafana.example.org/d/abc?x=1", label: null });
    expect(evidenceLinkSchema.parse({ sampleUnitId: 3, url: "http://wiki.internal/x", label: " Runbook " }).label).toBe("Runbook");
    for (const url of ["javascript:alert(1)", "data:text/html,x", "ftp://x.example/f", "file:///etc/passwd", "not a url", "", `https://x.example/${"a".repeat(2048)}`]) {
      const r = evidenceLinkSchema.safeParse({ sampleUnitId: 3, url });
      expect(r.success, url).toBe(false);
      expect(r.error?.issues[0].path).toEqual(["url"]);
    }
    expect(evidenceLinkSchema.safeParse({ sampleUnitId: 3, url: "https://x.example", label: "l".repeat(201) }).success).toBe(false);
  });
  it("removal needs a reason", () => {
    expect(evidenceRemovalSchema.safeParse({ evidenceId: "1", reason: "   " }).error?.issues[0]).toMatchObject({ path: ["reason"], message: "Give a reason for removing it" });
    expect(evidenceRemovalSchema.parse({ evidenceId: "1", reason: " wrong unit " })).toEqual({ evidenceId: 1, reason: "wrong unit" });
  });
});

describe("formatBytes", () => {
  it("uses B, KiB and MiB", () => {
    expect(formatBytes(512)).toBe("512 B");
    expect(formatBytes(1536)).toBe("1.5 KiB");
    expect(formatBytes(25 * 1024 * 1024)).toBe("25 MiB");
  });
});

describe("checkEvidenceUploadHeaders", () => {
  const settings = { baseUrl: "https://countersign.example.org", maxBytes: 1000 };
  const h = (over: Partial<Parameters<typeof checkEvidenceUploadHeaders>[0]> = {}) => ({ origin: "https://countersign.example.org", host: "countersign.example.org", contentType: "image/png", contentLength: "1000", ...over });
  it("accepts the app's origin, a missing Origin and any content type (the content decides)", () => {
    expect(checkEvidenceUploadHeaders(h(), settings)).toBeNull();
    expect(checkEvidenceUploadHeaders(h({ origin: null, contentType: null, contentLength: null }), settings)).toBeNull();
    expect(checkEvidenceUploadHeaders(h({ origin: "http://localhost:3000", host: "localhost:3000", contentType: "application/octet-stream" }), settings)).toBeNull();
  });
  it("refuses another origin (403), multipart (415), a bad length (411) and one over the limit (413)", () => {
    expect(checkEvidenceUploadHeaders(h({ origin: "https://evil.example" }), settings)?.status).toBe(403);
    expect(checkEvidenceUploadHeaders(h({ origin: "null" }), settings)?.status).toBe(403);
    expect(checkEvidenceUploadHeaders(h({ contentType: "multipart/form-data; boundary=x" }), settings)?.status).toBe(415);
    expect(checkEvidenceUploadHeaders(h({ contentLength: "12abc" }), settings)?.status).toBe(411);
    expect(checkEvidenceUploadHeaders(h({ contentLength: "1001" }), settings)).toEqual({ status: 413, message: "The file is larger than the 1000 B limit for evidence; nothing was stored." });
  });
});
